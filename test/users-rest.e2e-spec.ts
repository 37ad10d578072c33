import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

// A known secret, so that the suite can sign tokens the app must treat as its own (expired ones).
const JWT_SECRET = 'users-rest-e2e-secret-0123456789abcdef';
const PASSWORD = 'password123';

const unique = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;

interface Registered {
  id: number;
  username: string;
  email: string;
  token: string;
}

describe.each(availableStores())('users REST on %s', (store) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(store, { JWT_SECRET });
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);

  async function register(prefix = 'user'): Promise<Registered> {
    const username = unique(prefix);
    const email = `${username}@example.com`;
    const res = await api().post('/api/users').send({ user: { username, email, password: PASSWORD } }).expect(201);
    const { sub } = jwt.decode(res.body.user.token) as { sub: string };
    return { id: Number(sub), username, email, token: res.body.user.token };
  }

  const sign = (claims: object, options: jwt.SignOptions = {}, secret = JWT_SECRET) =>
    jwt.sign(claims, secret, { algorithm: 'HS256', ...options });

  describe('POST /api/users (register)', () => {
    it('answers 201 with the account, a token and null bio and image', async () => {
      const username = unique('shape');
      const res = await api()
        .post('/api/users')
        .send({ user: { username, email: `${username}@example.com`, password: PASSWORD } })
        .expect(201);
      expect(res.body).toEqual({
        user: { username, email: `${username}@example.com`, token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), bio: null, image: null, showAsReading: true },
      });
      await api().get('/api/user').set('authorization', `Token ${res.body.user.token}`).expect(200);
    });

    it('stores the email lower-cased', async () => {
      const username = unique('mixed');
      const res = await api()
        .post('/api/users')
        .send({ user: { username, email: `${username.toUpperCase()}@Example.COM`, password: PASSWORD } })
        .expect(201);
      expect(res.body.user.email).toBe(`${username}@example.com`);
    });

    it('refuses a taken username with 409', async () => {
      const taken = await register('dupname');
      const res = await api()
        .post('/api/users')
        .send({ user: { username: taken.username, email: `${unique('other')}@example.com`, password: PASSWORD } })
        .expect(409);
      expect(res.body).toEqual({ errors: { username: ['has already been taken'] } });
    });

    it.each([
      ['the same case', (email: string) => email],
      ['another case', (email: string) => email.toUpperCase()],
    ])('refuses a taken email in %s with 409', async (_case, spell) => {
      const taken = await register('dupmail');
      const res = await api()
        .post('/api/users')
        .send({ user: { username: unique('other'), email: spell(taken.email), password: PASSWORD } })
        .expect(409);
      expect(res.body).toEqual({ errors: { email: ['has already been taken'] } });
    });

    it('lets exactly one of two concurrent registrations of one username through, the other gets 409', async () => {
      const username = unique('race');
      const attempts = await Promise.all(
        ['a', 'b'].map((n) => api().post('/api/users').send({ user: { username, email: `${username}_${n}@example.com`, password: PASSWORD } })),
      );
      expect(attempts.map((res) => res.status).sort()).toEqual([201, 409]);
      expect(attempts.find((res) => res.status === 409)!.body).toEqual({ errors: { username: ['has already been taken'] } });
    });

    it.each([
      ['a blank username', { username: '' }, { username: ["can't be blank"] }],
      ['a blank email', { email: '' }, { email: ["can't be blank"] }],
      ['a blank password', { password: '' }, { password: ["can't be blank"] }],
      ['a password of 7 characters', { password: 'short7c' }, { password: ['is too short (minimum is 8 characters)'] }],
      ['a numeric username', { username: 42 }, { username: ['must be a string'] }],
      ['an email that is an array', { email: ['a@example.com'] }, { email: ['must be a string'] }],
      ['a boolean password', { password: true }, { password: ['must be a string'] }],
      ['a missing password', { password: undefined }, { password: ['must be a string'] }],
      ['an email that is not an email', { email: 'not-an-email' }, { email: ['is invalid'] }],
      ['a username with spaces', { username: 'two words' }, { username: ['may only hold letters, digits, "_", "." and "-", and may not start or end with "."'] }],
    ])('refuses %s with 422 and field-keyed errors', async (_case, override, errors) => {
      const username = unique('bad');
      const user = { username, email: `${username}@example.com`, password: PASSWORD, ...override };
      const res = await api().post('/api/users').send({ user }).expect(422);
      expect(res.body).toEqual({ errors });
    });

    it.each([
      ['a missing wrapper', {}, { user: ["can't be blank"] }],
      ['a wrapper that is a string', { user: 'someone' }, { user: ['must be an object'] }],
      ['a wrapper that is null', { user: null }, { user: ["can't be blank"] }],
    ])('refuses %s with 422', async (_case, body, errors) => {
      const res = await api().post('/api/users').send(body).expect(422);
      expect(res.body).toEqual({ errors });
    });

    it('accepts a password of exactly 8 and one of 64 characters', async () => {
      for (const password of ['bonjour1', 'a'.repeat(64)]) {
        const username = unique('pw');
        await api().post('/api/users').send({ user: { username, email: `${username}@example.com`, password } }).expect(201);
        await api().post('/api/users/login').send({ user: { email: `${username}@example.com`, password } }).expect(200);
      }
    });
  });

  describe('POST /api/users/login', () => {
    it('answers 200 with the account and a working token, whatever the case of the email', async () => {
      const account = await register('login');
      const res = await api()
        .post('/api/users/login')
        .send({ user: { email: account.email.toUpperCase(), password: PASSWORD } })
        .expect(200);
      expect(res.body).toEqual({ user: { username: account.username, email: account.email, token: expect.any(String), bio: null, image: null, showAsReading: true } });
      const me = await api().get('/api/user').set('authorization', `Token ${res.body.user.token}`).expect(200);
      expect(me.body.user.username).toBe(account.username);
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const account = await register('creds');
      const wrongPassword = await api().post('/api/users/login').send({ user: { email: account.email, password: 'wrongpassword' } }).expect(401);
      const unknownEmail = await api().post('/api/users/login').send({ user: { email: `${unique('nobody')}@example.com`, password: PASSWORD } }).expect(401);
      expect(wrongPassword.body).toEqual({ errors: { credentials: ['invalid'] } });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it.each([
      ['a blank email', { email: '', password: PASSWORD }, { email: ["can't be blank"] }],
      ['a blank password', { email: 'a@example.com', password: '' }, { password: ["can't be blank"] }],
      ['a numeric password', { email: 'a@example.com', password: 12345678 }, { password: ['must be a string'] }],
    ])('refuses %s with 422', async (_case, user, errors) => {
      const res = await api().post('/api/users/login').send({ user }).expect(422);
      expect(res.body).toEqual({ errors });
    });

    it('refuses a missing wrapper with 422', async () => {
      const res = await api().post('/api/users/login').send({ email: 'a@example.com', password: PASSWORD }).expect(422);
      expect(res.body).toEqual({ errors: { user: ["can't be blank"] } });
    });
  });

  describe('GET /api/user', () => {
    it('answers the signed-in account, with Token or Bearer', async () => {
      const account = await register('me');
      for (const scheme of ['Token', 'Bearer']) {
        const res = await api().get('/api/user').set('authorization', `${scheme} ${account.token}`).expect(200);
        expect(res.body).toEqual({ user: { username: account.username, email: account.email, token: expect.any(String), bio: null, image: null, showAsReading: true } });
      }
    });

    it('answers 401 "is missing" without a token', async () => {
      const res = await api().get('/api/user').expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    });

    it.each([
      ['a scheme without a token', 'Token'],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a token that is not a JWT', 'Token not-a-jwt'],
      ['two tokens', 'Token a.b.c d.e.f'],
    ])('answers 401 "is invalid" for %s', async (_case, header) => {
      const res = await api().get('/api/user').set('authorization', header).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
    });

    it('answers 401 "is invalid" for a token signed with another secret', async () => {
      const account = await register('forged');
      const forged = sign({ sub: String(account.id), username: account.username }, { expiresIn: 600 }, 'another-secret-that-is-long-enough-0000');
      const res = await api().get('/api/user').set('authorization', `Token ${forged}`).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
    });

    it('answers 401 "is invalid" for a tampered payload and for an unsigned token', async () => {
      const account = await register('tamper');
      const [header, , signature] = account.token.split('.');
      const payload = Buffer.from(JSON.stringify({ sub: String(account.id + 1), username: 'someone', exp: 4_102_444_800 })).toString('base64url');
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: String(account.id), username: account.username, exp: 4_102_444_800 })}.`;
      for (const token of [`${header}.${payload}.${signature}`, unsigned]) {
        const res = await api().get('/api/user').set('authorization', `Token ${token}`).expect(401);
        expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
      }
    });

    it('accepts a token the suite signs with the configured secret, and answers 401 "has expired" once it expired', async () => {
      const account = await register('expired');
      const claims = { sub: String(account.id), username: account.username };
      const fresh = sign(claims, { expiresIn: 600 });
      await api().get('/api/user').set('authorization', `Token ${fresh}`).expect(200);
      const expired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 });
      const res = await api().get('/api/user').set('authorization', `Token ${expired}`).expect(401);
      expect(res.body).toEqual({ errors: { token: ['has expired'] } });
    });

    it('answers 401 "is invalid" for a well-signed token whose subject is not a user id', async () => {
      const token = sign({ sub: 'admin', username: 'admin' }, { expiresIn: 600 });
      const res = await api().get('/api/user').set('authorization', `Token ${token}`).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
    });

    it('refuses a bad token even on a route that anonymous readers may use', async () => {
      const res = await api().get('/api/articles').set('authorization', 'Token not-a-jwt').expect(401);
      expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
    });
  });

  describe('PUT /api/user', () => {
    const update = (account: Registered, user: unknown) => api().put('/api/user').set('authorization', `Token ${account.token}`).send({ user });
    const current = async (account: Registered) => (await api().get('/api/user').set('authorization', `Token ${account.token}`).expect(200)).body.user;

    it('answers 401 before validating the body', async () => {
      const res = await api().put('/api/user').send({ user: { email: null } }).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    });

    it('updates bio and image and keeps them', async () => {
      const account = await register('bio');
      const res = await update(account, { bio: 'I write things', image: 'https://example.com/me.jpg' }).expect(200);
      expect(res.body.user).toEqual({ username: account.username, email: account.email, token: expect.any(String), bio: 'I write things', image: 'https://example.com/me.jpg', showAsReading: true });
      expect(await current(account)).toMatchObject({ bio: 'I write things', image: 'https://example.com/me.jpg' });
    });

    it.each([
      ['""', ''],
      ['null', null],
    ])('clears bio and image given %s', async (_case, value) => {
      const account = await register('clear');
      await update(account, { bio: 'Temporary bio', image: 'https://example.com/temp.png' }).expect(200);
      const res = await update(account, { bio: value, image: value }).expect(200);
      expect(res.body.user).toMatchObject({ bio: null, image: null });
      expect(await current(account)).toMatchObject({ bio: null, image: null });
    });

    it('accepts an https image on localhost, for a self-hosted picture', async () => {
      const account = await register('local');
      const res = await update(account, { image: 'https://localhost/me.jpg' }).expect(200);
      expect(res.body.user).toMatchObject({ image: 'https://localhost/me.jpg' });
    });

    it('leaves fields that are not sent alone', async () => {
      const account = await register('partial');
      await update(account, { bio: 'kept', image: 'https://example.com/kept.png' }).expect(200);
      const res = await update(account, {}).expect(200);
      expect(res.body.user).toMatchObject({ username: account.username, email: account.email, bio: 'kept', image: 'https://example.com/kept.png' });
    });

    it('turns "show me as reading" off and on again, and keeps it', async () => {
      const account = await register('hidden');
      expect((await update(account, { showAsReading: false }).expect(200)).body.user.showAsReading).toBe(false);
      expect(await current(account)).toMatchObject({ showAsReading: false });
      expect((await update(account, { showAsReading: true }).expect(200)).body.user.showAsReading).toBe(true);
    });

    it.each([
      ['a blank username', { username: '' }, { username: ["can't be blank"] }],
      ['a string showAsReading', { showAsReading: 'no' }, { showAsReading: ['must be true or false'] }],
      ['a null showAsReading', { showAsReading: null }, { showAsReading: ['must be true or false'] }],
      ['a numeric showAsReading', { showAsReading: 0 }, { showAsReading: ['must be true or false'] }],
      ['a null username', { username: null }, { username: ['must be a string'] }],
      ['a blank email', { email: '' }, { email: ["can't be blank"] }],
      ['a null email', { email: null }, { email: ['must be a string'] }],
      ['an invalid email', { email: 'nope' }, { email: ['is invalid'] }],
      ['a blank password', { password: '' }, { password: ["can't be blank"] }],
      ['a null password', { password: null }, { password: ['must be a string'] }],
      ['a password of 7 characters', { password: 'short7c' }, { password: ['is too short (minimum is 8 characters)'] }],
      ['a numeric bio', { bio: 7 }, { bio: ['must be a string'] }],
      ['an image that is not a URL', { image: 'me.jpg' }, { image: ['must be an https URL'] }],
      ['an ftp image', { image: 'ftp://example.com/me.jpg' }, { image: ['must be an https URL'] }],
      ['a javascript: image', { image: 'javascript:alert(1)' }, { image: ['must be an https URL'] }],
      ['an http image, which the pages would block', { image: 'http://example.com/me.jpg' }, { image: ['must be an https URL'] }],
      ['an http image on localhost', { image: 'http://localhost/me.jpg' }, { image: ['must be an https URL'] }],
      ['a data: image', { image: 'data:image/png;base64,AAAA' }, { image: ['must be an https URL'] }],
      ['an image URL with credentials', { image: 'https://user:secret@example.com/me.jpg' }, { image: ['must be an https URL'] }],
    ])('refuses %s with 422 and changes nothing', async (_case, user, errors) => {
      const account = await register('invalid');
      const res = await update(account, user).expect(422);
      expect(res.body).toEqual({ errors });
      expect(await current(account)).toMatchObject({ username: account.username, email: account.email, bio: null, image: null });
      await api().post('/api/users/login').send({ user: { email: account.email, password: PASSWORD } }).expect(200);
    });

    it('refuses a missing wrapper with 422', async () => {
      const account = await register('nowrap');
      const res = await api().put('/api/user').set('authorization', `Token ${account.token}`).send({ bio: 'x' }).expect(422);
      expect(res.body).toEqual({ errors: { user: ["can't be blank"] } });
    });

    it("refuses another account's username or email with 409, the email in any case", async () => {
      const [account, other] = [await register('mover'), await register('owner')];
      const name = await update(account, { username: other.username }).expect(409);
      expect(name.body).toEqual({ errors: { username: ['has already been taken'] } });
      for (const email of [other.email, other.email.toUpperCase()]) {
        const res = await update(account, { email }).expect(409);
        expect(res.body).toEqual({ errors: { email: ['has already been taken'] } });
      }
      expect(await current(account)).toMatchObject({ username: account.username, email: account.email });
    });

    it('accepts its own username and email (in another case) unchanged', async () => {
      const account = await register('same');
      const res = await update(account, { username: account.username, email: account.email.toUpperCase() }).expect(200);
      expect(res.body.user).toMatchObject({ username: account.username, email: account.email });
    });

    it('changes username and email (lower-cased); the new token and the profile follow', async () => {
      const account = await register('rename');
      const username = unique('renamed');
      const res = await update(account, { username, email: `${username.toUpperCase()}@EXAMPLE.com` }).expect(200);
      expect(res.body.user).toMatchObject({ username, email: `${username}@example.com` });
      const me = await api().get('/api/user').set('authorization', `Token ${res.body.user.token}`).expect(200);
      expect(me.body.user).toMatchObject({ username, email: `${username}@example.com` });
      await api().get(`/api/profiles/${username}`).expect(200);
      await api().get(`/api/profiles/${account.username}`).expect(404);
      await api().post('/api/users/login').send({ user: { email: `${username}@example.com`, password: PASSWORD } }).expect(200);
      await api().post('/api/users/login').send({ user: { email: account.email, password: PASSWORD } }).expect(401);
    });

    it('changes the password: the new one logs in, the old one no longer does', async () => {
      const account = await register('passwd');
      await update(account, { password: 'a brand new password' }).expect(200);
      await api().post('/api/users/login').send({ user: { email: account.email, password: 'a brand new password' } }).expect(200);
      const old = await api().post('/api/users/login').send({ user: { email: account.email, password: PASSWORD } }).expect(401);
      expect(old.body).toEqual({ errors: { credentials: ['invalid'] } });
    });
  });
});
