import { commentsTopic } from '@conduit/contract';
import type { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { openTopicReader } from './topic-reader';

describe.each(availableStores())('presence and typing on one instance (%s)', (store) => {
  let app: TestApp;
  let alice: Account;
  let bob: Account;
  const readers: FrameReader[] = [];

  const reader = async (topic: string, account?: Account): Promise<FrameReader> => {
    const socket = await openTopicReader(app.wsUrl, topic, account);
    readers.push(socket);
    return socket;
  };

  const newTopic = async (title: string) => commentsTopic((await createArticle(app.baseUrl, alice, title)).slug);

  beforeAll(async () => {
    app = await startTestApp(store);
    [alice, bob] = await Promise.all([registerUser(app.baseUrl, 'alice'), registerUser(app.baseUrl, 'bob')]);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((socket) => socket.close()));
  });
  afterAll(() => app.close());

  it('counts three readers, names the two signed in, and drops a closed socket', async () => {
    const topic = await newTopic('Three readers');
    const [first, second, anonymous] = [await reader(topic, alice), await reader(topic, bob), await reader(topic)];
    const names = [alice.username, bob.username].sort();
    for (const socket of [first, second, anonymous]) {
      const presence = await socket.next('presence', (frame) => frame.data.readers === 3);
      expect(presence.data).toEqual({ topic, readers: 3, names });
    }

    await second.close();
    for (const socket of [first, anonymous]) {
      expect((await socket.next('presence', (frame) => frame.data.readers === 2)).data).toEqual({ topic, readers: 2, names: [alice.username] });
    }
    await anonymous.close();
    expect((await first.next('presence', (frame) => frame.data.readers === 1)).data).toEqual({ topic, readers: 1, names: [alice.username] });
  });

  it('sends presence on subscribe, and an unsubscribed reader leaves', async () => {
    const topic = await newTopic('Come and go');
    const first = await reader(topic);
    expect((await first.next('presence')).data).toEqual({ topic, readers: 1, names: [] });
    const second = await reader(topic, bob);
    expect((await second.next('presence')).data).toEqual({ topic, readers: 2, names: [bob.username] });
    second.send({ event: 'unsubscribe', data: { topic } });
    expect((await first.next('presence', (frame) => frame.data.readers === 1)).data).toEqual({ topic, readers: 1, names: [] });
  });

  it('names a reader who signs in after subscribing', async () => {
    const topic = await newTopic('Late sign in');
    const socket = await reader(topic);
    await socket.next('presence', (frame) => frame.data.readers === 1);
    socket.send({ event: 'auth', data: { token: alice.token } });
    expect((await socket.next('presence', (frame) => frame.data.names.length === 1)).data).toEqual({ topic, readers: 1, names: [alice.username] });
  });

  it('counts but never names a reader whose "show me as reading" is off, from the moment it is turned off', async () => {
    const shy = await registerUser(app.baseUrl, 'shy');
    const setShown = (shown: boolean) =>
      fetch(`${app.baseUrl}/api/user`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Token ${shy.token}` }, body: JSON.stringify({ user: { showAsReading: shown } }) });
    const topic = await newTopic('Shy reader');
    const watcher = await reader(topic, bob);
    const shySocket = await reader(topic, shy);
    expect((await watcher.next('presence', (frame) => frame.data.readers === 2)).data.names).toEqual([bob.username, shy.username].sort());

    expect((await setShown(false)).status).toBe(200);
    expect((await watcher.next('presence', (frame) => frame.data.names.length === 1)).data).toEqual({ topic, readers: 2, names: [bob.username] });
    const later = await reader(topic, shy);
    expect((await later.next('presence', (frame) => frame.data.readers === 3)).data).toEqual({ topic, readers: 3, names: [bob.username] });

    await shySocket.close();
    await later.close();
    expect((await setShown(true)).status).toBe(200);
  });

  it('sends no presence on topics without it', async () => {
    const socket = await reader('articles');
    await socket.barrier();
    expect(socket.frames.filter((frame) => frame.event === 'presence')).toEqual([]);
  });

  it('relays typing to the other readers, not to the sender, at most once in 2 s per socket', async () => {
    const topic = await newTopic('Typing');
    const [writer, other, anonymous] = [await reader(topic, alice), await reader(topic, bob), await reader(topic)];
    writer.send({ event: 'typing', data: { topic } });
    writer.send({ event: 'typing', data: { topic } });
    await writer.barrier();
    for (const socket of [other, anonymous]) {
      expect((await socket.next('typing')).data).toEqual({ topic, username: alice.username });
      await socket.barrier();
      expect(socket.frames.filter((frame) => frame.event === 'typing')).toHaveLength(1);
    }
    expect(writer.frames.filter((frame) => frame.event === 'typing' || frame.event === 'error')).toEqual([
      { event: 'error', data: { code: 'BAD_REQUEST', message: 'frame is not valid JSON' } },
    ]);
  });

  it('refuses typing from an anonymous socket, from a socket not subscribed to the topic, and on a topic without presence', async () => {
    const topic = await newTopic('Refused typing');
    const anonymous = await reader(topic);
    anonymous.send({ event: 'typing', data: { topic } });
    expect((await anonymous.next('error')).data).toEqual({ code: 'UNAUTHORIZED', message: 'typing needs auth first', event: 'typing' });

    const elsewhere = await reader('articles', alice);
    elsewhere.send({ event: 'typing', data: { topic } });
    expect((await elsewhere.next('error')).data).toMatchObject({ code: 'BAD_REQUEST', event: 'typing' });
    elsewhere.send({ event: 'typing', data: { topic: 'articles' } });
    expect((await elsewhere.next('error')).data).toMatchObject({ code: 'BAD_REQUEST', event: 'typing' });

    await anonymous.barrier();
    expect(anonymous.frames.filter((frame) => frame.event === 'typing')).toEqual([]);
  });

  it.each([
    ['a numeric topic', '{"event":"typing","data":{"topic":7}}', 'data.topic must be a non-empty string'],
    ['no data', '{"event":"typing"}', 'frame.data must be an object'],
    ['an empty topic', '{"event":"typing","data":{"topic":""}}', 'data.topic must be a non-empty string'],
    ['a topic over 512 characters', JSON.stringify({ event: 'typing', data: { topic: `articles/${'a'.repeat(600)}/comments` } }), 'data.topic must be at most 512 characters'],
  ])('answers typing with %s with BAD_REQUEST and keeps the socket open', async (_case, text, message) => {
    const socket = await reader(await newTopic('Hostile typing'), alice);
    socket.send(text);
    expect((await socket.next('error')).data).toEqual({ code: 'BAD_REQUEST', message, event: 'typing' });
    await socket.barrier();
  });
});
