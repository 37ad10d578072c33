import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { FrameReader } from './support/frame-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const SECRET = 'token-lifecycle-suite-secret-0123456789';

describe.each(availableStores())('token lifecycle on %s', (store) => {
  let app: TestApp;
  const sockets: FrameReader[] = [];
  const as = (token: string) => ({ Authorization: `Token ${token}` });
  const socket = async (): Promise<FrameReader> => {
    const reader = await FrameReader.open(app.wsUrl);
    sockets.push(reader);
    return reader;
  };
  const auth = async (reader: FrameReader, token: string) => {
    reader.send({ event: 'auth', data: { token } });
    return reader.nextWhere((frame) => frame.event === 'authenticated' || (frame.event === 'error' && frame.data.event === 'auth'));
  };
  const login = async (account: Account): Promise<string> =>
    (await request(app.baseUrl).post('/api/users/login').send({ user: { email: account.email, password: 'correct horse battery' } }).expect(200)).body.user.token;
  /** Changes the password from a session of its own (a login elsewhere); resolves with that session's new token. */
  const changePasswordElsewhere = async (account: Account): Promise<string> =>
    (await request(app.baseUrl).put('/api/user').set(as(await login(account))).send({ user: { password: 'another horse battery' } }).expect(200)).body.user.token;

  beforeAll(async () => {
    app = await startTestApp(store, { JWT_SECRET: SECRET });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  it('refuses over REST, with 401, the tokens of every other session after a password change, and keeps the changing one', async () => {
    const jake = await registerUser(app.baseUrl, 'jake');
    const otherLogin = await login(jake);
    const changer = await login(jake);
    const fresh = (await request(app.baseUrl).put('/api/user').set(as(changer)).send({ user: { password: 'another horse battery' } }).expect(200)).body.user.token;
    for (const old of [jake.token, otherLogin]) {
      const refused = await request(app.baseUrl).get('/api/user').set(as(old)).expect(401);
      expect(refused.body).toEqual({ errors: { token: ['has been revoked'] } });
      await request(app.baseUrl).post('/api/articles').set(as(old)).send({ article: { title: 't', description: 'd', body: 'b' } }).expect(401);
    }
    // The session that made the change goes on, with the token it held and the one it was given.
    for (const kept of [changer, fresh]) expect((await request(app.baseUrl).get('/api/user').set(as(kept)).expect(200)).body.user.username).toBe(jake.username);
  });

  it('refuses a socket `auth` with a token of another session after a password change', async () => {
    const jake = await registerUser(app.baseUrl, 'jake');
    const fresh = await changePasswordElsewhere(jake);
    const reader = await socket();
    expect((await auth(reader, jake.token)).data).toMatchObject({ code: 'UNAUTHORIZED', event: 'auth' });
    reader.send({ event: 'subscribe', data: { topic: 'feed' } });
    expect((await reader.next('error', (frame) => frame.data.event === 'subscribe')).data.code).toBe('UNAUTHORIZED');
    expect((await auth(reader, fresh)).data).toEqual({ username: jake.username });
  });

  it('takes the feed away from a socket whose session a password change ended', async () => {
    const author = await registerUser(app.baseUrl, 'author');
    const fan = await registerUser(app.baseUrl, 'fan');
    await request(app.baseUrl).post(`/api/profiles/${author.username}/follow`).set(as(fan.token)).expect(200);
    const reader = await socket();
    await auth(reader, fan.token);
    // feed first: a change for both topics would reach the feed before `articles`.
    for (const topic of ['feed', 'articles']) {
      reader.send({ event: 'subscribe', data: { topic } });
      await reader.next('subscribed', (frame) => frame.data.topic === topic);
    }
    const before = await createArticle(app.baseUrl, author, 'Before the change');
    expect((await reader.next('change', (frame) => frame.data.topic === 'feed')).data.key).toBe(before.slug);

    await changePasswordElsewhere(fan);
    expect((await reader.next('error', (frame) => frame.data.event === 'auth')).data.code).toBe('UNAUTHORIZED');
    await reader.next('unsubscribed', (frame) => frame.data.topic === 'feed');
    const after = await createArticle(app.baseUrl, author, 'After the change');
    await reader.next('change', (frame) => frame.data.topic === 'articles' && frame.data.key === after.slug);
    await reader.barrier();
    expect(reader.changes().filter((change) => change.topic === 'feed').map((change) => change.key)).toEqual([before.slug]);
  });

  it('answers a socket `auth` after a rename with the new username, for a token issued before it', async () => {
    const jake = await registerUser(app.baseUrl, 'jake');
    const renamed = `${jake.username}_renamed`;
    await request(app.baseUrl).put('/api/user').set(as(jake.token)).send({ user: { username: renamed } }).expect(200);
    expect((await auth(await socket(), jake.token)).data).toEqual({ username: renamed });
    expect((await request(app.baseUrl).get('/api/user').set(as(jake.token)).expect(200)).body.user.username).toBe(renamed);
  });

  it('refuses a validly signed token without exp, over REST and on the socket', async () => {
    const jake = await registerUser(app.baseUrl, 'jake');
    const { body } = await request(app.baseUrl).get('/api/user').set(as(jake.token)).expect(200);
    const claims = new JwtService().decode<{ sub: string; username: string; ver: number }>(body.user.token);
    const forever = new JwtService({ secret: SECRET }).sign({ sub: claims.sub, username: claims.username, ver: claims.ver });
    expect((await request(app.baseUrl).get('/api/user').set(as(forever)).expect(401)).body).toEqual({ errors: { token: ['is invalid'] } });
    expect((await auth(await socket(), forever)).data).toMatchObject({ code: 'UNAUTHORIZED', event: 'auth' });
  });
});
