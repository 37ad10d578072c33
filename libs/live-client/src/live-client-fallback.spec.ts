import type { Change } from '@conduit/contract';
import { Subscription, filter, firstValueFrom } from 'rxjs';
import { WebSocket } from 'ws';
import { LiveClient, type WebSocketCtor } from './live-client';
import type { LiveEvent, LiveStatus } from './live-event';
import { AsyncQueue } from '../../../test/support/async-queue';
import { FakeEventStreams } from '../../../test/support/fake-event-streams';
import { ProtocolTestServer } from '../../../test/support/protocol-test-server';

function change(topic: string, cursor: string): Change {
  return { topic, cursor, type: 'created', entity: 'article', key: `a-${cursor}`, data: null };
}

function changeEvent(topic: string, cursor: string): string {
  return `id: ${cursor}\nevent: change\ndata: ${JSON.stringify(change(topic, cursor))}\n\n`;
}

describe('LiveClient falling back to server-sent events', () => {
  let server: ProtocolTestServer;
  let streams: FakeEventStreams;
  let client: LiveClient;
  let subscriptions: Subscription;

  beforeEach(async () => {
    server = await ProtocolTestServer.start();
    streams = new FakeEventStreams();
    subscriptions = new Subscription();
    client = new LiveClient({
      url: server.url,
      WebSocketCtor: WebSocket as unknown as WebSocketCtor,
      eventStreamUrl: 'http://127.0.0.1:1/api/live',
      fetch: streams.fetch,
      backoff: { initialMs: 5, maxMs: 20 },
      random: () => 0.5,
    });
  });

  afterEach(async () => {
    subscriptions.unsubscribe();
    client.close();
    await server.close();
  });

  function follow(topic: string, cursor: string): AsyncQueue<LiveEvent> {
    const events = new AsyncQueue<LiveEvent>();
    subscriptions.add(client.topic(topic, cursor).subscribe((event) => events.push(event)));
    return events;
  }

  const statusBecomes = (status: LiveStatus) => firstValueFrom(client.status$.pipe(filter((current) => current === status)));
  const cursorOf = (event: LiveEvent) => (event.kind === 'change' ? event.change.cursor : `reset ${event.topic}`);

  /** Sockets the server cuts before saying anything, as a proxy that blocks WebSocket does. */
  async function refuseSockets(count: number): Promise<void> {
    for (let n = 0; n < count; n++) (await server.nextConnection()).socket.terminate();
  }

  it('follows every topic over one event stream after two sockets in a row close before answering, and says so', async () => {
    const articles = follow('articles', '10');
    const comments = follow('articles/a/comments', '12');
    await refuseSockets(2);

    const stream = await streams.next();
    expect(stream.url.searchParams.getAll('topic')).toEqual(['articles', 'articles/a/comments']);
    // From the oldest cursor of the two: the comments topic drops what it already holds.
    expect(stream.url.searchParams.get('cursor')).toBe('10');
    await statusBecomes('fallback');
    stream.write(changeEvent('articles', '11'));
    stream.write(changeEvent('articles/a/comments', '12'));
    stream.write(changeEvent('articles/a/comments', '13'));
    expect(cursorOf(await articles.next())).toBe('11');
    expect(cursorOf(await comments.next())).toBe('13');
  });

  it('goes back to a socket as soon as one answers, without losing or doubling a change', async () => {
    const articles = follow('articles', '10');
    await refuseSockets(2);
    const stream = await streams.next();
    await statusBecomes('fallback');
    stream.write(changeEvent('articles', '11'));
    expect(cursorOf(await articles.next())).toBe('11');

    const socket = await server.nextConnection();
    const subscribe = await socket.nextFrame();
    expect(subscribe.event).toBe('subscribe');
    socket.send({ event: 'subscribed', data: { topic: 'articles', cursor: (subscribe.data as { cursor: string }).cursor } });
    await stream.aborted;
    // The socket replays from the cursor it subscribed with: 11 again, then what the stream never sent.
    socket.send({ event: 'change', data: change('articles', '11') });
    socket.send({ event: 'change', data: change('articles', '12') });
    expect(cursorOf(await articles.next())).toBe('12');
    await statusBecomes('live');
  });

  it('passes a reset on the stream to the topic, and opens the stream again from the snapshot it resubscribes with', async () => {
    const articles = follow('articles', '10');
    await refuseSockets(2);
    const stream = await streams.next();
    stream.write('event: reset\ndata: {"topic":"articles","reason":"cursor 10 is older than the changes kept"}\n\n');
    expect(cursorOf(await articles.next())).toBe('reset articles');

    client.resubscribe('articles', '50');
    const fresh = await streams.next();
    expect(fresh.url.searchParams.get('cursor')).toBe('50');
  });

  it('does not fall back when only one socket fails before one answers', async () => {
    follow('articles', '10');
    await refuseSockets(1);
    const socket = await server.nextConnection();
    await socket.nextFrame();
    socket.send({ event: 'subscribed', data: { topic: 'articles', cursor: '10' } });
    await statusBecomes('live');
    expect(streams.requests).toBe(0);
  });
});
