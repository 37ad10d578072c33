import { commentsTopic } from '@conduit/contract';
import { startApiCluster, within, type ApiCluster, type ClusterInstance } from '../support/api-cluster';
import type { FrameReader } from '../support/frame-reader';
import { postgresProblem } from '../support/postgres';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { redisProblem } from '../support/redis';
import { requireOrSkip } from '../support/service-availability';
import { openTopicReader } from './topic-reader';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

/** What PROTOCOL.md promises for a dead instance's readers. */
const DEAD_INSTANCE_BOUND_MS = 30_000;

describeWithServices('presence and typing across two built instances on Redis', () => {
  let cluster: ApiCluster;
  let alice: Account;
  let bob: Account;
  let topic: string;
  const readers: FrameReader[] = [];

  const reader = async (instance: ClusterInstance, account?: Account): Promise<FrameReader> => {
    const socket = await openTopicReader(instance.wsUrl, topic, account, instance.baseUrl);
    readers.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await startApiCluster({ size: 2 });
    const [first] = cluster.instances;
    [alice, bob] = await Promise.all([registerUser(first.baseUrl, 'alice'), registerUser(first.baseUrl, 'bob')]);
    topic = commentsTopic((await createArticle(first.baseUrl, alice, 'Read on two instances')).slug);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(readers.map((socket) => socket.close()));
    await cluster?.close();
  }, 60_000);

  it('counts and names the readers of every instance, passes typing on, and forgets a closed socket and a killed instance', async () => {
    const [first, second] = cluster.instances;
    const onFirst = await reader(first, alice);
    const [onSecond, anonymous] = [await reader(second, bob), await reader(second)];
    const names = [alice.username, bob.username].sort();
    for (const socket of [onFirst, onSecond, anonymous]) {
      const presence = await within(10_000, 'presence of three readers', socket.next('presence', (frame) => frame.data.readers === 3));
      expect(presence.data).toEqual({ topic, readers: 3, names });
    }

    onSecond.send({ event: 'typing', data: { topic } });
    expect((await within(10_000, 'typing from the other instance', onFirst.next('typing'))).data).toEqual({ topic, username: bob.username });
    expect((await anonymous.next('typing')).data).toEqual({ topic, username: bob.username });

    await anonymous.close();
    const afterClose = await within(10_000, 'a closed socket leaving', onFirst.next('presence', (frame) => frame.data.readers === 2));
    expect(afterClose.data).toEqual({ topic, readers: 2, names });

    await second.kill();
    const afterKill = await within(DEAD_INSTANCE_BOUND_MS, 'a killed instance leaving', onFirst.next('presence', (frame) => frame.data.readers === 1));
    expect(afterKill.data).toEqual({ topic, readers: 1, names: [alice.username] });
    expect(onSecond.frames.filter((frame) => frame.event === 'typing')).toEqual([]);
  }, 90_000);
});
