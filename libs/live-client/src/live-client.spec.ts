import type { ServerFrame } from '@conduit/contract';
import { Subscription, filter, firstValueFrom, type Observable } from 'rxjs';
import { WebSocket } from 'ws';
import { LiveClient, type LiveClientOptions, type WebSocketCtor } from './live-client';
import type { LiveEvent, LiveStatus } from './live-event';
import { AsyncQueue } from '../../../test/support/async-queue';
import { ProtocolTestServer, type TestConnection } from '../../../test/support/protocol-test-server';

const NodeWebSocket = WebSocket as unknown as WebSocketCtor;

function created(topic: string, cursor: string): ServerFrame {
  return { event: 'change', data: { topic, cursor, type: 'created', entity: 'article', key: `a-${cursor}`, data: null } };
}

function subscribed(topic: string, cursor: string): ServerFrame {
  return { event: 'subscribed', data: { topic, cursor } };
}

function cursorOf(event: LiveEvent): string {
  if (event.kind !== 'change') throw new Error(`expected a change, got ${JSON.stringify(event)}`);
  return event.change.cursor;
}

describe('LiveClient', () => {
  let server: ProtocolTestServer;
  let subscriptions: Subscription;

  beforeEach(async () => {
    server = await ProtocolTestServer.start();
    subscriptions = new Subscription();
  });

  afterEach(async () => {
    subscriptions.unsubscribe();
    await server.close();
  });

  function newClient(options: Partial<LiveClientOptions> = {}): LiveClient {
    return new LiveClient({
      url: server.url,
      WebSocketCtor: NodeWebSocket,
      backoff: { initialMs: 5, maxMs: 20 },
      random: () => 0.5,
      ...options,
    });
  }

  function collect(events$: Observable<LiveEvent>): { events: AsyncQueue<LiveEvent>; subscription: Subscription } {
    const events = new AsyncQueue<LiveEvent>();
    const subscription = events$.subscribe((event) => events.push(event));
    subscriptions.add(subscription);
    return { events, subscription };
  }

  function statusBecomes(client: LiveClient, status: LiveStatus): Promise<LiveStatus> {
    return firstValueFrom(client.status$.pipe(filter((current) => current === status)));
  }

  /** Connects `topic` from `cursor` and confirms it, as the server would. */
  async function connectLive(client: LiveClient, topic: string, cursor: string) {
    const collected = collect(client.topic(topic, cursor));
    const connection = await server.nextConnection();
    expect(await connection.nextFrame()).toEqual({ event: 'subscribe', data: { topic, cursor } });
    connection.send(subscribed(topic, cursor));
    await statusBecomes(client, 'live');
    return { ...collected, connection };
  }

  it('subscribes from the given cursor and emits the changes after it in order', async () => {
    const client = newClient();
    const { events, connection } = await connectLive(client, 'articles', '10');

    connection.send(created('articles', '11'));
    connection.send(created('articles', '12'));

    expect(await events.next()).toEqual({ kind: 'change', change: created('articles', '11').data });
    expect(cursorOf(await events.next())).toBe('12');
  });

  it.each<[string, (connection: TestConnection) => void]>([
    ['the connection is dropped', (connection) => connection.socket.terminate()],
    ['the server goes away (1001)', (connection) => connection.socket.close(1001, 'restart')],
    ['the client read too slowly (1013)', (connection) => connection.socket.close(1013, 'slow')],
  ])('resumes every topic from its last applied cursor when %s', async (_, drop) => {
    const client = newClient();
    const articles = await connectLive(client, 'articles', '10');
    const comments = collect(client.topic('articles/a/comments', '3'));
    expect(await articles.connection.nextFrame()).toEqual({
      event: 'subscribe',
      data: { topic: 'articles/a/comments', cursor: '3' },
    });
    articles.connection.send(created('articles', '11'));
    articles.connection.send(created('articles', '12'));
    expect(cursorOf(await articles.events.next())).toBe('11');
    expect(cursorOf(await articles.events.next())).toBe('12');

    drop(articles.connection);
    await statusBecomes(client, 'reconnecting');

    const second = await server.nextConnection();
    expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '12' } });
    expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles/a/comments', cursor: '3' } });
    second.send(subscribed('articles', '12'));
    await statusBecomes(client, 'live');
    second.send(created('articles/a/comments', '13'));
    expect(cursorOf(await comments.events.next())).toBe('13');
  });

  it('drops duplicate and older changes, comparing cursors beyond 2^53 exactly', async () => {
    const client = newClient();
    const { events, connection } = await connectLive(client, 'articles', '9007199254740992');

    for (const cursor of ['9007199254740992', '9007199254740993', '9007199254740993', '5', '9007199254740994']) {
      connection.send(created('articles', cursor));
    }

    expect(cursorOf(await events.next())).toBe('9007199254740993');
    expect(cursorOf(await events.next())).toBe('9007199254740994');
  });

  it('resumes a topic subscribed "from now" from the position the server confirmed', async () => {
    const client = newClient();
    collect(client.topic('articles'));
    const first = await server.nextConnection();
    expect(await first.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles' } });
    first.send(subscribed('articles', '77'));
    await statusBecomes(client, 'live');

    first.socket.terminate();

    const second = await server.nextConnection();
    expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '77' } });
  });

  it('sends unsubscribe when a topic Observable is unsubscribed, and closes the socket with the last topic', async () => {
    const client = newClient();
    const articles = await connectLive(client, 'articles', '1');
    const comments = collect(client.topic('articles/a/comments', '1'));
    await articles.connection.nextFrame();

    comments.subscription.unsubscribe();
    expect(await articles.connection.nextFrame()).toEqual({
      event: 'unsubscribe',
      data: { topic: 'articles/a/comments' },
    });

    articles.subscription.unsubscribe();
    expect(await articles.connection.nextFrame()).toEqual({ event: 'unsubscribe', data: { topic: 'articles' } });
    await articles.connection.closed;
    expect(await firstValueFrom(client.status$)).toBe('offline');
  });

  it('shares one socket and one server subscription between subscribers of a topic', async () => {
    const client = newClient();
    const first = await connectLive(client, 'articles', '1');
    const second = collect(client.topic('articles', '1'));

    first.subscription.unsubscribe();
    first.connection.send(created('articles', '2'));

    expect(cursorOf(await second.events.next())).toBe('2');
    expect(server.untakenConnections).toBe(0);
  });

  it('does not reconnect after a 1008 close', async () => {
    const client = newClient();
    const policed = await connectLive(client, 'articles', '1');
    // A control client with the same backoff, dropped after the policed one: once it is back, the policed
    // client would have been back too had it scheduled a reconnect.
    const control = newClient();
    const controlled = await connectLive(control, 'articles', '1');

    policed.connection.socket.close(1008, 'origin not allowed');
    await statusBecomes(client, 'offline');
    client.reconnectNow();
    controlled.connection.socket.close(1001, 'restart');

    const reconnected = await server.nextConnection();
    expect(await reconnected.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '1' } });
    reconnected.send(subscribed('articles', '1'));
    await statusBecomes(control, 'live');
    expect(server.untakenConnections).toBe(0);
    expect(await firstValueFrom(client.status$)).toBe('offline');
  });

  it('emits reset, ignores the topic until resubscribe, then goes on from the new snapshot cursor', async () => {
    const client = newClient();
    const { events, connection } = await connectLive(client, 'articles', '5');

    connection.send({ event: 'reset', data: { topic: 'articles', reason: 'cursor too old' } });
    expect(await events.next()).toEqual({ kind: 'reset', topic: 'articles', reason: 'cursor too old' });
    connection.send(created('articles', '6'));

    client.resubscribe('articles', '40');
    expect(await connection.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '40' } });
    connection.send(subscribed('articles', '40'));
    connection.send(created('articles', '40'));
    connection.send(created('articles', '41'));
    expect(cursorOf(await events.next())).toBe('41');
  });

  it('reconnects at once on reconnectNow instead of waiting out the backoff', async () => {
    const client = newClient({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
    const { connection } = await connectLive(client, 'articles', '3');

    connection.socket.terminate();
    await statusBecomes(client, 'reconnecting');
    client.reconnectNow();

    const second = await server.nextConnection();
    expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '3' } });
  });

  it('reconnects at once after a 1001 (server going away), and keeps retrying under a second while it restarts', async () => {
    // A backoff of a minute: only the restart rule can bring the retries below.
    const client = newClient({ backoff: { initialMs: 60_000, maxMs: 60_000 } });
    const { connection } = await connectLive(client, 'articles', '3');

    connection.socket.close(1001, 'server going away');
    await statusBecomes(client, 'reconnecting');
    // Still starting: the first two attempts are cut before any answer.
    (await server.nextConnection()).socket.terminate();
    (await server.nextConnection()).socket.terminate();

    const back = await server.nextConnection();
    expect(await back.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '3' } });
    back.send(subscribed('articles', '3'));
    await statusBecomes(client, 'live');
    client.close();
  });

  it('goes offline when the network is reported down and resumes when it is back', async () => {
    const client = newClient();
    const { events, connection } = await connectLive(client, 'articles', '3');
    connection.send(created('articles', '4'));
    expect(cursorOf(await events.next())).toBe('4');

    client.setOnline(false);
    expect(await firstValueFrom(client.status$)).toBe('offline');
    await connection.closed;

    client.setOnline(true);
    const second = await server.nextConnection();
    expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '4' } });
    second.send(subscribed('articles', '4'));
    await statusBecomes(client, 'live');
  });

  describe('with an auth token', () => {
    const authenticated: ServerFrame = { event: 'authenticated', data: { username: 'reader' } };

    /**
     * Frames from the client arrive in the order sent: a marker frame the test provokes (the unsubscribe of a
     * throwaway topic) arriving before any subscribe proves the client held its subscribes back.
     */
    function sendMarker(client: LiveClient): void {
      collect(client.topic('marker')).subscription.unsubscribe();
    }

    it('sends auth first on every (re)connect and subscribes only once the server answered authenticated', async () => {
      const client = newClient();
      client.setAuthToken('jwt-1');
      const feed = collect(client.topic('feed', '20'));
      const first = await server.nextConnection();
      expect(await first.nextFrame()).toEqual({ event: 'auth', data: { token: 'jwt-1' } });
      sendMarker(client);
      expect(await first.nextFrame()).toEqual({ event: 'unsubscribe', data: { topic: 'marker' } });

      first.send(authenticated);
      expect(await first.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'feed', cursor: '20' } });
      first.send(subscribed('feed', '20'));
      first.send(created('feed', '21'));
      expect(cursorOf(await feed.events.next())).toBe('21');

      first.socket.terminate();
      const second = await server.nextConnection();
      expect(await second.nextFrame()).toEqual({ event: 'auth', data: { token: 'jwt-1' } });
      second.send(authenticated);
      expect(await second.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'feed', cursor: '21' } });
    });

    it('still subscribes its topics when the server refuses the token', async () => {
      const client = newClient();
      const errors = new AsyncQueue<unknown>();
      subscriptions.add(client.errors$.subscribe((error) => errors.push(error)));
      client.setAuthToken('expired');
      collect(client.topic('articles', '3'));
      const connection = await server.nextConnection();
      expect(await connection.nextFrame()).toEqual({ event: 'auth', data: { token: 'expired' } });

      const refusal = { code: 'UNAUTHORIZED', message: 'invalid or expired token', event: 'auth' } as const;
      connection.send({ event: 'error', data: refusal });
      expect(await connection.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '3' } });
      expect(await errors.next()).toEqual(refusal);
    });

    it('opens a new socket when the identity changes and resumes there from the last cursor', async () => {
      const client = newClient();
      const { events, connection } = await connectLive(client, 'articles', '8');
      connection.send(created('articles', '9'));
      expect(cursorOf(await events.next())).toBe('9');

      client.setAuthToken('jwt-2');
      await connection.closed;
      const next = await server.nextConnection();
      expect(await next.nextFrame()).toEqual({ event: 'auth', data: { token: 'jwt-2' } });
      next.send(authenticated);
      expect(await next.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '9' } });

      client.setAuthToken(null);
      await next.closed;
      const anonymous = await server.nextConnection();
      expect(await anonymous.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles', cursor: '9' } });
    });
  });

  it('opens a new socket for a new cookie session, without an auth frame, and resumes there from the last cursor', async () => {
    const client = newClient();
    const { events, connection } = await connectLive(client, 'feed', '30');
    connection.send(created('feed', '31'));
    expect(cursorOf(await events.next())).toBe('31');

    client.reconnectAsNewSession();
    await connection.closed;
    const next = await server.nextConnection();
    expect(await next.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'feed', cursor: '31' } });
  });

  it('with idleCloseMs, keeps the socket for a topic that follows the last one (a page change)', async () => {
    const client = newClient({ idleCloseMs: 60_000 });
    const home = await connectLive(client, 'articles', '1');

    home.subscription.unsubscribe();
    expect(await home.connection.nextFrame()).toEqual({ event: 'unsubscribe', data: { topic: 'articles' } });
    const article = collect(client.topic('articles/a/comments', '1'));

    expect(await home.connection.nextFrame()).toEqual({ event: 'subscribe', data: { topic: 'articles/a/comments', cursor: '1' } });
    expect(server.untakenConnections).toBe(0);
    expect(await firstValueFrom(client.status$)).toBe('live');
    article.subscription.unsubscribe();
    client.close();
    await home.connection.closed;
  });

  it('skips a frame that is not protocol JSON and keeps the socket', async () => {
    const client = newClient();
    const errors = new AsyncQueue<unknown>();
    subscriptions.add(client.errors$.subscribe((error) => errors.push(error)));
    const { events, connection } = await connectLive(client, 'articles', '1');

    connection.sendRaw('not json');
    connection.sendRaw('{"event":"surprise","data":{}}');
    connection.send({ event: 'error', data: { code: 'UNKNOWN_TOPIC', message: 'no such topic', event: 'subscribe' } });
    connection.send(created('articles', '2'));

    expect(await errors.next()).toEqual({ code: 'UNKNOWN_TOPIC', message: 'no such topic', event: 'subscribe' });
    expect(cursorOf(await events.next())).toBe('2');
  });

  it('emits presence and typing of the followed topics only', async () => {
    const client = newClient();
    const presence = new AsyncQueue<unknown>();
    const typing = new AsyncQueue<unknown>();
    subscriptions.add(client.presence$.subscribe((frame) => presence.push(frame)));
    subscriptions.add(client.typing$.subscribe((frame) => typing.push(frame)));
    const { connection } = await connectLive(client, 'articles/a/comments', '1');

    connection.send({ event: 'presence', data: { topic: 'articles/other/comments', readers: 9, names: [] } });
    connection.send({ event: 'presence', data: { topic: 'articles/a/comments', readers: 2, names: ['alice'] } });
    connection.send({ event: 'typing', data: { topic: 'articles/other/comments', username: 'carol' } });
    connection.send({ event: 'typing', data: { topic: 'articles/a/comments', username: 'alice' } });

    expect(await presence.next()).toEqual({ topic: 'articles/a/comments', readers: 2, names: ['alice'] });
    expect(await typing.next()).toEqual({ topic: 'articles/a/comments', username: 'alice' });
    expect([presence.pending, typing.pending]).toEqual([0, 0]);
  });

  it('sends typing for a followed topic at most once every 2 s, and none before the socket is live', async () => {
    let now = -10_000;
    const client = newClient({ now: () => now });
    const topic = 'articles/a/comments';
    const { subscription } = collect(client.topic(topic, '1'));
    client.typing(topic);
    const connection = await server.nextConnection();
    expect(await connection.nextFrame()).toEqual({ event: 'subscribe', data: { topic, cursor: '1' } });
    connection.send(subscribed(topic, '1'));
    await statusBecomes(client, 'live');

    now = 0;
    client.typing(topic);
    now = 1999;
    client.typing(topic);
    client.typing('articles/not-followed/comments');
    now = 2000;
    client.typing(topic);
    subscription.unsubscribe();

    expect(await connection.nextFrame()).toEqual({ event: 'typing', data: { topic } });
    expect(await connection.nextFrame()).toEqual({ event: 'typing', data: { topic } });
    expect(await connection.nextFrame()).toEqual({ event: 'unsubscribe', data: { topic } });
  });
});
