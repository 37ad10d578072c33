import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

describe.each(availableStores())('profiles REST on %s', (store) => {
  let app: TestApp;
  let reader: Account;
  let celeb: Account;

  beforeAll(async () => {
    app = await startTestApp(store);
    [reader, celeb] = [await registerUser(app.baseUrl, 'reader'), await registerUser(app.baseUrl, 'celeb')];
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);
  const as = (account: Account) => ({ authorization: `Token ${account.token}` });
  const profileOf = (account: Account, following: boolean) => ({ profile: { username: account.username, bio: null, image: null, following } });

  it('shows a profile to an anonymous reader, never as followed', async () => {
    const res = await api().get(`/api/profiles/${celeb.username}`).expect(200);
    expect(res.body).toEqual(profileOf(celeb, false));
  });

  it("shows the profile's bio and image once the user set them", async () => {
    const styled = await registerUser(app.baseUrl, 'styled');
    await api().put('/api/user').set(as(styled)).send({ user: { bio: 'Hello', image: 'https://example.com/a.png' } }).expect(200);
    const res = await api().get(`/api/profiles/${styled.username}`).set(as(reader)).expect(200);
    expect(res.body).toEqual({ profile: { username: styled.username, bio: 'Hello', image: 'https://example.com/a.png', following: false } });
  });

  it('follows and unfollows, each idempotent, and the signed-in profile tells which', async () => {
    const star = await registerUser(app.baseUrl, 'star');
    const following = () => api().get(`/api/profiles/${star.username}`).set(as(reader)).expect(200);

    expect((await following()).body).toEqual(profileOf(star, false));
    for (let i = 0; i < 2; i++) {
      const res = await api().post(`/api/profiles/${star.username}/follow`).set(as(reader)).expect(200);
      expect(res.body).toEqual(profileOf(star, true));
    }
    expect((await following()).body).toEqual(profileOf(star, true));
    for (let i = 0; i < 2; i++) {
      const res = await api().delete(`/api/profiles/${star.username}/follow`).set(as(reader)).expect(200);
      expect(res.body).toEqual(profileOf(star, false));
    }
    expect((await following()).body).toEqual(profileOf(star, false));
  });

  it('keeps a follow to the reader who made it', async () => {
    const [fan, bystander] = [await registerUser(app.baseUrl, 'fan'), await registerUser(app.baseUrl, 'bystander')];
    await api().post(`/api/profiles/${celeb.username}/follow`).set(as(fan)).expect(200);
    expect((await api().get(`/api/profiles/${celeb.username}`).set(as(fan)).expect(200)).body.profile.following).toBe(true);
    expect((await api().get(`/api/profiles/${celeb.username}`).set(as(bystander)).expect(200)).body.profile.following).toBe(false);
    expect((await api().get(`/api/profiles/${celeb.username}`).expect(200)).body.profile.following).toBe(false);
    // Following is one-way.
    expect((await api().get(`/api/profiles/${fan.username}`).set(as(celeb)).expect(200)).body.profile.following).toBe(false);
  });

  it('lets two concurrent follows of one profile both succeed', async () => {
    const star = await registerUser(app.baseUrl, 'busy');
    const answers = await Promise.all([0, 1].map(() => api().post(`/api/profiles/${star.username}/follow`).set(as(reader))));
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    expect((await api().get(`/api/profiles/${star.username}`).set(as(reader)).expect(200)).body.profile.following).toBe(true);
  });

  it('finds usernames with dots, dashes and non-ASCII letters', async () => {
    const username = `josé.ñ-${randomBytes(3).toString('hex')}`;
    await api().post('/api/users').send({ user: { username, email: `u${randomBytes(4).toString('hex')}@example.com`, password: 'password123' } }).expect(201);
    const res = await api().get(`/api/profiles/${encodeURIComponent(username)}`).set(as(reader)).expect(200);
    expect(res.body.profile.username).toBe(username);
    const followed = await api().post(`/api/profiles/${encodeURIComponent(username)}/follow`).set(as(reader)).expect(200);
    expect(followed.body.profile).toMatchObject({ username, following: true });
  });

  it('answers 404 for an unknown user: get, follow and unfollow', async () => {
    const unknown = `nobody_${randomBytes(4).toString('hex')}`;
    for (const res of [
      await api().get(`/api/profiles/${unknown}`).expect(404),
      await api().get(`/api/profiles/${unknown}`).set(as(reader)).expect(404),
      await api().post(`/api/profiles/${unknown}/follow`).set(as(reader)).expect(404),
      await api().delete(`/api/profiles/${unknown}/follow`).set(as(reader)).expect(404),
    ]) {
      expect(res.body).toEqual({ errors: { profile: ['not found'] } });
    }
  });

  it('finds a name under another case (names compare by their normalised key, test/usernames) and answers an unknown one with 404', async () => {
    expect((await api().get(`/api/profiles/${celeb.username.toUpperCase()}`).expect(200)).body).toEqual(profileOf(celeb, false));
    const res = await api().get(`/api/profiles/nobody_${randomBytes(4).toString('hex')}`).expect(404);
    expect(res.body).toEqual({ errors: { profile: ['not found'] } });
  });

  it.each(['post', 'delete'] as const)('answers %s follow without a token with 401 "is missing", even for an unknown user', async (method) => {
    for (const username of [celeb.username, `nobody_${randomBytes(4).toString('hex')}`]) {
      const res = await api()[method](`/api/profiles/${username}/follow`).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    }
  });

  it('answers follow with a bad token with 401 "is invalid"', async () => {
    const res = await api().post(`/api/profiles/${celeb.username}/follow`).set('authorization', 'Token x.y.z').expect(401);
    expect(res.body).toEqual({ errors: { token: ['is invalid'] } });
  });

  it('refuses to follow yourself with 422, and your profile stays unfollowed', async () => {
    const res = await api().post(`/api/profiles/${reader.username}/follow`).set(as(reader)).expect(422);
    expect(res.body).toEqual({ errors: { profile: ['cannot follow yourself'] } });
    expect((await api().get(`/api/profiles/${reader.username}`).set(as(reader)).expect(200)).body).toEqual(profileOf(reader, false));
  });
});
