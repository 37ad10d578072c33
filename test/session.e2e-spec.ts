import fc from 'fast-check';
import request from 'supertest';
import { SESSION_COOKIE } from '@conduit/contract';
import { FrameReader } from './support/frame-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'correct horse battery';

/** The `name=value` of the session cookie a response sets, and its attributes. */
function sessionCookieOf(res: request.Response): { pair: string; attributes: string[] } | null {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
  if (!header) return null;
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { pair, attributes };
}

describe('the browser session (cookie) and its CSRF guard', () => {
  let app: TestApp;
  let account: Account;
  /** `conduit_session=<jwt>` as the browser would send it back. */
  let cookie: string;
  const api = () => request(app.baseUrl);
  const ownOrigin = () => app.baseUrl;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { THROTTLE_AUTH_LIMIT: '0' });
    account = await registerUser(app.baseUrl, 'session');
    const res = await api().post('/api/session').set('origin', ownOrigin()).send({ user: { email: account.email, password: PASSWORD } }).expect(201);
    cookie = sessionCookieOf(res)!.pair;
  });
  afterAll(() => app.close());

  const titlesBy = async (username: string) =>
    ((await api().get(`/api/articles?author=${username}`).expect(200)).body.articles as { title: string }[]).map((article) => article.title);

  describe('signing in, up and out', () => {
    it('sets an http-only, SameSite=Lax cookie for the whole origin (not Secure over http), and answers without a token', async () => {
      const res = await api().post('/api/session').set('origin', ownOrigin()).send({ user: { email: account.email, password: PASSWORD } }).expect(201);
      expect(res.body).toEqual({ user: { username: account.username, email: account.email, bio: null, image: null, showAsReading: true } });
      const set = sessionCookieOf(res)!;
      expect(set.pair).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
      expect(set.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${app.config.jwtTtlSeconds}`]));
      expect(set.attributes).not.toContain('Secure');
    });

    it('names it __Host- and makes it Secure when the request came over https', async () => {
      app.app.set('trust proxy', true);
      try {
        const res = await api()
          .post('/api/session')
          .set({ origin: ownOrigin(), 'x-forwarded-proto': 'https' })
          .send({ user: { email: account.email, password: PASSWORD } })
          .expect(201);
        const header = ([] as string[]).concat(res.headers['set-cookie']).join('\n');
        expect(header).toMatch(new RegExp(`^__Host-${SESSION_COOKIE}=[^;]+; Max-Age=\\d+; Path=/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$`));
      } finally {
        app.app.set('trust proxy', false);
      }
    });

    it('signs up into a session: the account exists and the cookie speaks for it', async () => {
      const username = `fresh_${Date.now().toString(36)}`;
      const res = await api()
        .post('/api/session/registration')
        .set('origin', ownOrigin())
        .send({ user: { username, email: `${username}@example.com`, password: PASSWORD } })
        .expect(201);
      expect(res.body.user).toEqual({ username, email: `${username}@example.com`, bio: null, image: null, showAsReading: true });
      const me = await api().get('/api/user').set('cookie', sessionCookieOf(res)!.pair).expect(200);
      expect(me.body.user.username).toBe(username);
    });

    it('lets the cookie authenticate reads, and never hands its token to the page in a body', async () => {
      const me = await api().get('/api/user').set('cookie', cookie).expect(200);
      expect(me.body).toEqual({ user: { username: account.username, email: account.email, bio: null, image: null, showAsReading: true } });
      await api().get('/api/articles/feed').set('cookie', cookie).expect(200);
    });

    it('renews the cookie on a settings change made through it, still without a token in the body', async () => {
      const res = await api().put('/api/user').set({ cookie, origin: ownOrigin() }).send({ user: { bio: 'cookie bio' } }).expect(200);
      expect(res.body.user).toEqual({ username: account.username, email: account.email, bio: 'cookie bio', image: null, showAsReading: true });
      const renewed = sessionCookieOf(res)!.pair;
      expect((await api().get('/api/user').set('cookie', renewed).expect(200)).body.user.bio).toBe('cookie bio');
    });

    it("renews the cookie on a password change, which ends the account's other sessions and their sockets' feed", async () => {
      const own = await registerUser(app.baseUrl, 'changer');
      const signIn = async () =>
        sessionCookieOf(await api().post('/api/session').set('origin', ownOrigin()).send({ user: { email: own.email, password: PASSWORD } }).expect(201))!.pair;
      const [changing, other] = [await signIn(), await signIn()];
      const socket = await FrameReader.open(app.wsUrl, { headers: { cookie: other, origin: ownOrigin() } });
      socket.send({ event: 'subscribe', data: { topic: 'feed' } });
      await socket.next('subscribed');

      const changed = await api().put('/api/user').set({ cookie: changing, origin: ownOrigin() }).send({ user: { password: 'another horse battery' } }).expect(200);
      const renewed = sessionCookieOf(changed)!.pair;
      expect(renewed).not.toBe(changing);
      expect((await socket.next('error')).data).toMatchObject({ code: 'UNAUTHORIZED', event: 'auth' });
      expect((await socket.next('unsubscribed')).data).toEqual({ topic: 'feed' });
      await api().get('/api/user').set('cookie', renewed).expect(200);
      expect((await api().get('/api/user').set('cookie', other).expect(401)).body).toEqual({ errors: { token: ['has been revoked'] } });
      socket.socket.close();
    });

    it('keeps the RealWorld answers for token clients: /api/user with the header holds a token', async () => {
      const res = await api().get('/api/user').set('authorization', `Token ${account.token}`).expect(200);
      expect(res.body.user.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(sessionCookieOf(res)).toBeNull();
    });

    it('signs out: the cookie is cleared', async () => {
      const res = await api().delete('/api/session').set({ cookie, origin: ownOrigin() }).expect(204);
      const cleared = sessionCookieOf(res)!;
      expect(cleared.pair).toBe(`${SESSION_COOKIE}=`);
      expect(cleared.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT']));
    });

    it('treats a cookie that no longer holds as no session: anonymous where that is allowed, 401 where not, and clears it', async () => {
      const stale = `${SESSION_COOKIE}=not.a.jwt`;
      const list = await api().get('/api/articles').set('cookie', stale).expect(200);
      expect(sessionCookieOf(list)!.pair).toBe(`${SESSION_COOKIE}=`);
      const me = await api().get('/api/user').set('cookie', stale).expect(401);
      expect(me.body).toEqual({ errors: { token: ['is invalid'] } });
      expect(sessionCookieOf(me)!.pair).toBe(`${SESSION_COOKIE}=`);
    });
  });

  describe('CSRF: cookie-authenticated writes come from this site only', () => {
    const post = (title: string) => api().post('/api/articles').send({ article: { title, description: 'd', body: 'b' } });

    it('accepts a cookie-authenticated write from its own origin, by Origin or by Sec-Fetch-Site', async () => {
      await post('Same origin write').set({ cookie, origin: ownOrigin() }).expect(201);
      await post('Same origin fetch metadata').set({ cookie, 'sec-fetch-site': 'same-origin' }).expect(201);
      expect(await titlesBy(account.username)).toEqual(expect.arrayContaining(['Same origin write', 'Same origin fetch metadata']));
    });

    it.each([
      ['another origin', { origin: 'https://evil.example' }],
      ['a sibling subdomain (same site)', { 'sec-fetch-site': 'same-site', origin: 'http://sub.127.0.0.1' }],
      ['a cross-site page', { 'sec-fetch-site': 'cross-site' }],
      ['a page whose fetch metadata says cross-site, though its Origin is ours', { 'sec-fetch-site': 'cross-site', origin: 'ORIGIN' }],
      ['no Origin nor Sec-Fetch-Site at all', {}],
      ['an Origin that is not a URL', { origin: 'null' }],
    ])('refuses a cookie-authenticated write from %s with 403, and writes nothing', async (label, headers: Record<string, string>) => {
      const title = `Forged from ${label}`;
      const withOrigin = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value === 'ORIGIN' ? ownOrigin() : value]));
      const res = await post(title).set({ cookie, ...withOrigin }).expect(403);
      expect(res.body).toEqual({ errors: { origin: ['must be this site for a cookie session'] } });
      await api().put('/api/user').set({ cookie, ...withOrigin }).send({ user: { bio: 'forged' } }).expect(403);
      await api().delete('/api/profiles/anyone/follow').set({ cookie, ...withOrigin }).expect(403);
      expect(await titlesBy(account.username)).not.toContain(title);
    });

    it('leaves token clients alone: an Authorization header from any origin is not a CSRF, even beside a cookie', async () => {
      await post('Token from elsewhere').set({ authorization: `Token ${account.token}`, origin: 'https://evil.example' }).expect(201);
      await post('Token beside cookie').set({ authorization: `Token ${account.token}`, cookie, 'sec-fetch-site': 'cross-site' }).expect(201);
    });

    it('refuses signing in, up or out from another site (login CSRF)', async () => {
      const evil = { origin: 'https://evil.example' };
      await api().post('/api/session').set(evil).send({ user: { email: account.email, password: PASSWORD } }).expect(403);
      await api().post('/api/session/registration').set(evil).send({ user: { username: 'x', email: 'x@example.com', password: PASSWORD } }).expect(403);
      const out = await api().delete('/api/session').set({ cookie, ...evil }).expect(403);
      expect(sessionCookieOf(out)).toBeNull();
      await api().get('/api/user').set('cookie', cookie).expect(200);
    });
  });

  describe('hostile input to the session endpoints', () => {
    const signIn = (body: unknown) => api().post('/api/session').set('origin', ownOrigin()).send(body as object);

    it.each([
      ['no body', undefined, { user: ["can't be blank"] }],
      ['user not an object', { user: 'jake' }, { user: ['must be an object'] }],
      ['a number for the email', { user: { email: 1, password: PASSWORD } }, { email: ['must be a string'] }],
      ['a blank password', { user: { email: 'a@b.c', password: '' } }, { password: ["can't be blank"] }],
      ['a huge email', { user: { email: `${'a'.repeat(5000)}@b.c`, password: PASSWORD } }, { email: ['is too long (maximum is 255 characters)'] }],
    ])('answers 422 to %s, setting no cookie', async (_label, body, errors) => {
      const res = await signIn(body).expect(422);
      expect(res.body).toEqual({ errors });
      expect(sessionCookieOf(res)).toBeNull();
    });

    it('answers 401 to a wrong password or an unknown email, setting no cookie', async () => {
      for (const user of [{ email: account.email, password: 'wrong password' }, { email: 'nobody@example.com', password: PASSWORD }]) {
        const res = await signIn({ user }).expect(401);
        expect(res.body).toEqual({ errors: { credentials: ['invalid'] } });
        expect(sessionCookieOf(res)).toBeNull();
      }
    });

    it('answers a bad sign-up with 422 or 409, setting no cookie', async () => {
      const signUp = (user: unknown) => api().post('/api/session/registration').set('origin', ownOrigin()).send({ user } as object);
      expect((await signUp({ username: 'x', email: 'not an email', password: PASSWORD }).expect(422)).body).toEqual({ errors: { email: ['is invalid'] } });
      const taken = await signUp({ username: account.username, email: 'other@example.com', password: PASSWORD }).expect(409);
      expect(sessionCookieOf(taken)).toBeNull();
    });

    // 400 is the body parser's answer to JSON it does not take (a bare `null`), as on every route.
    it('never answers a 5xx nor sets a cookie, whatever JSON comes in, or whatever cookie', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 300 }), async (body, junk) => {
          const res = await api()
            .post('/api/session')
            .set({ origin: ownOrigin(), 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${encodeURIComponent(junk)}` })
            .send(JSON.stringify(body));
          expect([400, 401, 422]).toContain(res.status);
          expect(sessionCookieOf(res)?.pair ?? `${SESSION_COOKIE}=`).toBe(`${SESSION_COOKIE}=`);
        }),
        { numRuns: 60 },
      );
    });
  });

  describe('the socket of a browser session', () => {
    const wsUrl = () => app.wsUrl;
    const openWith = (headers: Record<string, string>) => FrameReader.open(wsUrl(), { headers });

    it("is authenticated from the upgrade's cookie on a page of this origin: the feed follows without an auth frame", async () => {
      const followed = await registerUser(app.baseUrl, 'followed');
      await api().post(`/api/profiles/${followed.username}/follow`).set({ cookie, origin: ownOrigin() }).expect(200);
      const socket = await openWith({ cookie, origin: ownOrigin() });
      socket.send({ event: 'subscribe', data: { topic: 'feed' } });
      await socket.next('subscribed');
      const article = await createArticle(app.baseUrl, followed, 'Into the cookie feed');
      expect((await socket.next('change')).data).toMatchObject({ topic: 'feed', key: article.slug });
      socket.socket.close();
    });

    it.each([
      ['another allowed page', { origin: 'https://elsewhere.example' }],
      ['a client without Origin', {}],
    ])('speaks for nobody when the cookie comes from %s', async (_label, headers: Record<string, string>) => {
      const other = await startTestApp('sqlite', { ALLOWED_ORIGINS: 'https://elsewhere.example' });
      try {
        const signedIn = await request(other.baseUrl).post('/api/session/registration').set('origin', other.baseUrl).send({
          user: { username: `ws_${Date.now().toString(36)}`, email: `ws_${Date.now().toString(36)}@example.com`, password: PASSWORD },
        });
        const socket = await FrameReader.open(other.wsUrl, { headers: { cookie: sessionCookieOf(signedIn)!.pair, ...headers } });
        socket.send({ event: 'subscribe', data: { topic: 'feed' } });
        expect((await socket.next('error')).data).toMatchObject({ code: 'UNAUTHORIZED', event: 'subscribe' });
        socket.socket.close();
      } finally {
        await other.close();
      }
    });

    it('keeps the auth frame for token clients', async () => {
      const socket = await openWith({});
      socket.send({ event: 'auth', data: { token: account.token } });
      expect((await socket.next('authenticated')).data).toEqual({ username: account.username });
      socket.socket.close();
    });
  });
});
