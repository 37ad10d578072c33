import Redis from 'ioredis';
import { filter, firstValueFrom, take, takeUntil, timer, toArray } from 'rxjs';
import { changeBusChannel, type CommittedChange, RedisChangeBus } from '@conduit/live-server/testing';
import { requireOrSkip } from '../support/service-availability';
import { redisProblem, testRedisUrl, uniqueChannel } from '../support/redis';

const problem = redisProblem();
const describeWithRedis = requireOrSkip('Redis', problem === null, problem ?? '') ? describe : describe.skip;

const change: CommittedChange = { topic: 'articles', cursor: '42', type: 'created', entity: 'article', key: 'a-slug', audience: null, payload: '{"slug":"a-slug"}' };

// A rolling deploy runs instances of two versions on one REDIS_CHANNEL: they must never read each other's notices.
describeWithRedis('RedisChangeBus across versions', () => {
  const namespace = uniqueChannel();
  let bus: RedisChangeBus;
  let raw: Redis;

  beforeAll(async () => {
    bus = new RedisChangeBus(testRedisUrl, namespace);
    raw = new Redis(testRedisUrl);
    await firstValueFrom(bus.connected$.pipe(filter(Boolean)));
  });

  afterAll(async () => {
    await bus.onModuleDestroy();
    raw.disconnect();
  });

  it('publishes on a versioned channel, not on the bare one the version before listens to', async () => {
    const listener = new Redis(testRedisUrl);
    const heard: string[] = [];
    listener.on('message', (channel: string) => heard.push(channel));
    await listener.subscribe(namespace, changeBusChannel(namespace));
    expect(changeBusChannel(namespace)).not.toBe(namespace);
    bus.publish([change]);
    await waitFor(() => heard.length > 0);
    listener.disconnect();
    expect(heard).toEqual([changeBusChannel(namespace)]);
  });

  it('hears nothing published on the bare channel, and what another instance of its version publishes', async () => {
    const received = firstValueFrom(bus.changes$.pipe(takeUntil(timer(1_500)), toArray()));
    const rest = ',"cursor":"41","type":"created","entity":"article","key":"old","data":null}}';
    await raw.publish(namespace, JSON.stringify({ origin: 'old-instance', changes: [{ topic: 'articles', cursor: '41', type: 'created', key: 'old', audience: null, rest }] }));
    await raw.publish(namespace, JSON.stringify({ origin: 'old-instance', changes: [change] }));
    await raw.publish(changeBusChannel(namespace), JSON.stringify({ origin: 'new-instance', changes: [change] }));
    expect(await received).toEqual([change]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  await firstValueFrom(timer(0, 20).pipe(filter(condition), take(1)));
}
