import type { Presence } from '@conduit/contract';
import { Subject } from 'rxjs';
import type { SocketSubscriber } from '../socket-subscriber';
import type { LiveHub } from '../live-hub.service';
import { DEFAULT_DELIVERY_OPTIONS } from '../delivery-options';
import { LiveTopics } from '../live-topics.service';
import type { LiveUser } from '../topic-policy';
import { InProcessPresenceBoard } from './in-process-presence-board';
import { PRESENCE_INTERVAL_MS, PresenceService } from './presence.service';

const TOPIC = 'articles/a/comments';

/** A socket as presence sees it: its subscriptions, who it speaks for, and the frames written to it. */
function reader(user?: LiveUser): SocketSubscriber & { received: Presence[] } {
  const received: Presence[] = [];
  return {
    subscriptions: new Map([[TOPIC, {}]]),
    user,
    received,
    sendWireFrame(frame: Buffer) {
      const length = frame[1] & 0x7f;
      const payload = frame.subarray(length < 126 ? 2 : length === 126 ? 4 : 10).toString();
      received.push((JSON.parse(payload) as { data: Presence }).data);
    },
  } as unknown as SocketSubscriber & { received: Presence[] };
}

describe('PresenceService', () => {
  let presence: PresenceService;

  beforeEach(() => {
    jest.useFakeTimers();
    const topics = new LiveTopics({ ...DEFAULT_DELIVERY_OPTIONS, topics: [{ pattern: /^articles\/[^/]+\/comments$/, presence: true }, { pattern: 'articles' }] });
    presence = new PresenceService(new InProcessPresenceBoard(), topics, { identities$: new Subject() } as unknown as LiveHub);
    presence.onModuleInit();
  });
  afterEach(() => {
    presence.onModuleDestroy();
    jest.useRealTimers();
  });

  it('tells a burst of readers the count once, then at most once a second however fast they come and go', async () => {
    const first = [reader(), reader(), reader()];
    for (const socket of first) presence.join(socket, TOPIC);
    await jest.advanceTimersByTimeAsync(0);
    for (const socket of first) expect(socket.received).toEqual([{ topic: TOPIC, readers: 3, names: [] }]);

    const later = [reader(), reader()];
    for (const socket of later) presence.join(socket, TOPIC);
    presence.leaveAll(first[0]);
    await jest.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS - 1);
    expect(first[1].received).toHaveLength(1);
    expect(later[0].received).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    for (const socket of [first[1], first[2]]) expect(socket.received).toEqual([{ topic: TOPIC, readers: 3, names: [] }, { topic: TOPIC, readers: 4, names: [] }]);
    for (const socket of later) expect(socket.received).toEqual([{ topic: TOPIC, readers: 4, names: [] }]);
    expect(first[0].received).toHaveLength(1);
  });

  it('tells only newcomers when the count is back to what the others were told', async () => {
    const [settled, passing] = [reader(), reader()];
    presence.join(settled, TOPIC);
    await jest.advanceTimersByTimeAsync(0);
    presence.join(passing, TOPIC);
    presence.leave(passing, TOPIC);
    const newcomer = reader();
    await jest.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    presence.join(newcomer, TOPIC);
    presence.leave(settled, TOPIC);
    await jest.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    expect(settled.received).toEqual([{ topic: TOPIC, readers: 1, names: [] }]);
    expect(passing.received).toEqual([]);
    expect(newcomer.received).toEqual([{ topic: TOPIC, readers: 1, names: [] }]);
  });

  it('names the signed-in readers once each, sorted, at most 20, never the hidden or the anonymous', async () => {
    const named = Array.from({ length: 25 }, (_, i) => reader({ id: String(i), username: `user${String(i).padStart(2, '0')}` }));
    const twice = reader({ id: '0', username: 'user00' });
    const hidden = reader({ id: '99', username: 'aaa-hidden', showAsReading: false });
    for (const socket of [...named, twice, hidden, reader()]) presence.join(socket, TOPIC);
    await jest.advanceTimersByTimeAsync(0);
    expect(hidden.received).toEqual([{ topic: TOPIC, readers: 28, names: Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(2, '0')}`) }]);
  });

  it('counts no reader on a topic without presence, nor a socket not subscribed to the topic', async () => {
    const onArticles = reader();
    onArticles.subscriptions.set('articles', {} as never);
    presence.join(onArticles, 'articles');
    const unsubscribed = reader();
    unsubscribed.subscriptions.clear();
    presence.join(unsubscribed, TOPIC);
    await jest.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    expect([onArticles.received, unsubscribed.received]).toEqual([[], []]);
    expect(presence.isReader(unsubscribed, TOPIC)).toBe(false);
  });
});
