import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuthTokenService } from '../auth/auth-token.service';
import { createServiceTestModule, refusal, type ServiceTestModule } from '../../../../test/support/service-test-module';
import { UserEntity } from './user.entity';
import { UsersModule } from './users.module';
import { UsersService } from './users.service';

const taken = (field: string) => ({ status: 409, body: { errors: { [field]: ['has already been taken'] } } });
const invalidCredentials = { status: 401, body: { errors: { credentials: ['invalid'] } } };

describe('UsersService', () => {
  let testing: ServiceTestModule;
  let users: UsersService;
  let rows: Repository<UserEntity>;

  beforeEach(async () => {
    testing = await createServiceTestModule([UsersModule]);
    users = testing.module.get(UsersService);
    rows = testing.module.get(getRepositoryToken(UserEntity));
  });
  afterEach(() => testing.close());

  const register = (username: string, email = `${username}@example.com`, password = `${username}-password`) => users.register({ username, email, password });

  describe('register', () => {
    it('stores a salted hash, never the password, and answers the account with a token for it', async () => {
      const account = await register('jake', 'jake@example.com', 'jakejake');
      const stored = await rows.findOneByOrFail({ username: 'jake' });
      expect(stored.passwordHash).toMatch(/^scrypt\$/);
      expect(stored.passwordHash).not.toContain('jakejake');
      expect(account).toEqual({ email: 'jake@example.com', token: expect.any(String), username: 'jake', bio: null, image: null, showAsReading: true });
      await expect(testing.module.get(AuthTokenService).check(account.token)).resolves.toMatchObject({ ok: true, user: { id: stored.id, username: 'jake', showAsReading: true } });
    });

    it('lets the new account log in with its password', async () => {
      await register('jake', 'jake@example.com', 'jakejake');
      await expect(users.login({ email: 'jake@example.com', password: 'jakejake' })).resolves.toMatchObject({ username: 'jake' });
    });

    it('lower-cases the email, so that login and uniqueness ignore its case', async () => {
      const account = await register('jake', 'Jake@Example.COM');
      expect(account.email).toBe('jake@example.com');
      expect((await rows.findOneByOrFail({ username: 'jake' })).email).toBe('jake@example.com');
      await expect(users.login({ email: 'JAKE@example.com', password: 'jake-password' })).resolves.toMatchObject({ username: 'jake' });
      expect(await refusal(register('jacob', 'jake@EXAMPLE.com'))).toEqual(taken('email'));
    });

    it('refuses a taken username with 409 and the RealWorld body', async () => {
      await register('jake');
      expect(await refusal(register('jake', 'other@example.com'))).toEqual(taken('username'));
      expect(await rows.count()).toBe(1);
    });

    it('refuses a taken email with 409 and the RealWorld body', async () => {
      await register('jake', 'jake@example.com');
      expect(await refusal(register('jacob', 'jake@example.com'))).toEqual(taken('email'));
      expect(await rows.count()).toBe(1);
    });
  });

  describe('login', () => {
    beforeEach(() => register('jake', 'jake@example.com', 'jakejake'));

    it('refuses a wrong password with 401 "credentials invalid"', async () => {
      expect(await refusal(users.login({ email: 'jake@example.com', password: 'jakejakE' }))).toEqual(invalidCredentials);
    });

    it('gives an unknown email the same answer as a wrong password', async () => {
      expect(await refusal(users.login({ email: 'nobody@example.com', password: 'jakejake' }))).toEqual(invalidCredentials);
    });
  });

  describe('update', () => {
    let jakeId: number;

    beforeEach(async () => {
      await register('jake');
      jakeId = (await users.byUsername('jake')).id;
    });

    it('stores bio and image, and clears them to null with "" or null', async () => {
      await expect(users.update(jakeId, { bio: 'I work at statefarm', image: 'https://example.com/jake.png' })).resolves.toMatchObject({
        bio: 'I work at statefarm',
        image: 'https://example.com/jake.png',
      });
      await expect(users.update(jakeId, { bio: '', image: '' })).resolves.toMatchObject({ bio: null, image: null });
      expect(await rows.findOneByOrFail({ id: jakeId })).toMatchObject({ bio: null, image: null });

      await users.update(jakeId, { bio: 'again', image: 'https://example.com/again.png' });
      await expect(users.update(jakeId, { bio: null, image: null })).resolves.toMatchObject({ bio: null, image: null });
      expect(await rows.findOneByOrFail({ id: jakeId })).toMatchObject({ bio: null, image: null });
    });

    it('leaves fields that are not given as they were', async () => {
      await users.update(jakeId, { bio: 'kept' });
      await expect(users.update(jakeId, { image: 'https://example.com/jake.png' })).resolves.toMatchObject({ username: 'jake', bio: 'kept' });
    });

    it('lower-cases a new email and hashes a new password', async () => {
      await expect(users.update(jakeId, { email: 'Jake.New@Example.com', password: 'new-password' })).resolves.toMatchObject({
        email: 'jake.new@example.com',
      });
      expect((await rows.findOneByOrFail({ id: jakeId })).passwordHash).not.toContain('new-password');
      await expect(users.login({ email: 'jake.new@example.com', password: 'new-password' })).resolves.toMatchObject({ username: 'jake' });
      expect(await refusal(users.login({ email: 'jake.new@example.com', password: 'jake-password' }))).toEqual(invalidCredentials);
    });

    it("refuses another account's username or email with 409", async () => {
      await register('jacob', 'jacob@example.com');
      expect(await refusal(users.update(jakeId, { username: 'jacob' }))).toEqual(taken('username'));
      expect(await refusal(users.update(jakeId, { email: 'JACOB@example.com' }))).toEqual(taken('email'));
      expect(await rows.findOneByOrFail({ id: jakeId })).toMatchObject({ username: 'jake', email: 'jake@example.com' });
    });

    it('accepts its own username and email again (in any case) as unchanged', async () => {
      await expect(users.update(jakeId, { username: 'jake', email: 'JAKE@example.com', bio: 'same me' })).resolves.toMatchObject({
        username: 'jake',
        email: 'jake@example.com',
        bio: 'same me',
      });
    });

    it('renames the account, and the new token speaks for the new name', async () => {
      const account = await users.update(jakeId, { username: 'jake2' });
      expect(account.username).toBe('jake2');
      await expect(testing.module.get(AuthTokenService).check(account.token)).resolves.toMatchObject({ ok: true, user: { id: jakeId, username: 'jake2' } });
      expect(await refusal(users.byUsername('jake'))).toEqual({ status: 404, body: { errors: { profile: ['not found'] } } });
    });
  });

  describe('failed logins per account', () => {
    const limit = 3;
    let limited: ServiceTestModule;
    let limitedUsers: UsersService;
    const login = (email: string, password: string) => limitedUsers.login({ email, password });
    const tooMany = { status: 429, body: { errors: { credentials: [expect.stringMatching(/^too many failed logins: try again in \d+ s$/)] } } };

    beforeEach(async () => {
      limited = await createServiceTestModule([UsersModule], { LOGIN_FAILURE_LIMIT: String(limit), LOGIN_FAILURE_WINDOW_SECONDS: '600' });
      limitedUsers = limited.module.get(UsersService);
      await limitedUsers.register({ username: 'jake', email: 'jake@example.com', password: 'jakejake' });
      await limitedUsers.register({ username: 'jacob', email: 'jacob@example.com', password: 'jacobjacob' });
    });
    afterEach(() => limited.close());

    it('refuses even the right password with 429 once an email has used up its failures, and only that email', async () => {
      for (let i = 0; i < limit; i++) expect(await refusal(login('JAKE@example.com', `wrong-${i}`))).toEqual(invalidCredentials);
      expect(await refusal(login('jake@example.com', 'jakejake'))).toEqual(tooMany);
      await expect(login('jacob@example.com', 'jacobjacob')).resolves.toMatchObject({ username: 'jacob' });
    });

    it('counts failures only: successful logins leave the budget alone', async () => {
      for (let i = 0; i < limit * 2; i++) await login('jake@example.com', 'jakejake');
      for (let i = 0; i < limit - 1; i++) await refusal(login('jake@example.com', 'wrong'));
      await expect(login('jake@example.com', 'jakejake')).resolves.toMatchObject({ username: 'jake' });
    });

    it('limits an unknown email the same way, so that the limit tells nothing about who has an account', async () => {
      for (let i = 0; i < limit; i++) expect(await refusal(login('nobody@example.com', 'guess'))).toEqual(invalidCredentials);
      expect(await refusal(login('nobody@example.com', 'guess'))).toEqual(tooMany);
    });
  });

  describe('token lifecycle', () => {
    let jakeId: number;
    let firstToken: string;

    beforeEach(async () => {
      firstToken = (await register('jake')).token;
      jakeId = (await users.byUsername('jake')).id;
    });

    it('ends every other session with a password change, and keeps the one that made it', async () => {
      const tokens = testing.module.get(AuthTokenService);
      const login = await users.login({ email: 'jake@example.com', password: 'jake-password' });
      const loginSession = (await tokens.check(login.token)) as { ok: true; user: { sessionId: string } };
      const changed = await users.update(jakeId, { password: 'a-new-password' }, loginSession.user.sessionId);
      await expect(tokens.check(firstToken)).resolves.toEqual({ ok: false, reason: 'has been revoked' });
      await expect(tokens.check(login.token)).resolves.toMatchObject({ ok: true, user: { sessionId: loginSession.user.sessionId } });
      await expect(tokens.check(changed.token)).resolves.toMatchObject({ ok: true, user: { id: jakeId, username: 'jake', sessionId: loginSession.user.sessionId } });
      const loggedIn = await users.login({ email: 'jake@example.com', password: 'a-new-password' });
      await expect(tokens.check(loggedIn.token)).resolves.toMatchObject({ ok: true });
    });

    it('keeps earlier tokens on other changes', async () => {
      await users.update(jakeId, { username: 'jake2', email: 'jake2@example.com', bio: 'new' });
      await expect(testing.module.get(AuthTokenService).check(firstToken)).resolves.toMatchObject({ ok: true, user: { id: jakeId, username: 'jake2' } });
    });

    it('tells every instance of a rename, a password change or a "show me as reading" change on the internal accounts topic, and of nothing else', async () => {
      const account = { topic: 'accounts', type: 'updated', key: String(jakeId), audience: String(jakeId) };
      await expect(testing.publishedBy(() => users.update(jakeId, { bio: 'only the bio' }))).resolves.toEqual([]);
      await expect(testing.publishedBy(() => users.update(jakeId, { username: 'jake2' }))).resolves.toEqual([account]);
      await expect(testing.publishedBy(() => users.update(jakeId, { password: 'a-new-password' }))).resolves.toEqual([account]);
      await expect(testing.publishedBy(() => users.update(jakeId, { showAsReading: false }))).resolves.toEqual([account]);
    });
  });

  it('treats the id of an account that no longer exists as an invalid token', async () => {
    expect(await refusal(users.current(999))).toEqual({ status: 401, body: { errors: { token: ['is invalid'] } } });
  });
});
