import { setTimeout as delay } from 'node:timers/promises';
import { commentsTopic } from '@conduit/contract';
import { LiveGateway, LiveHub } from '@conduit/live-server/testing';
import { waitUntil } from './support/api-cluster';
import { FrameReader } from './support/frame-reader';
import { registerUser } from './support/realworld-client';
import { startTestApp, type TestApp } from './support/test-app';

describe('a hostile socket client', () => {
  let app: TestApp;
  const readers: FrameReader[] = [];
  const open = async () => {
    const reader = await FrameReader.open(app.wsUrl);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    app = await startTestApp('sqlite');
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  it('gets its frames handled in the order sent: auth then subscribe feed, back to back, is answered authenticated then subscribed', async () => {
    const account = await registerUser(app.baseUrl);
    const sockets = await Promise.all(Array.from({ length: 10 }, () => open()));
    for (const reader of sockets) {
      reader.send({ event: 'auth', data: { token: account.token } });
      reader.send({ event: 'subscribe', data: { topic: 'feed' } });
    }
    for (const reader of sockets) {
      const answers = await reader.received(2, () => true);
      expect(answers.map((frame) => frame.event)).toEqual(['authenticated', 'subscribed']);
    }
  });

  it('cannot pass 64 subscriptions with bursts of subscribe frames that each stay under the rate limit', async () => {
    const reader = await open();
    const bursts = 4;
    const perBurst = 45;
    for (let burst = 0; burst < bursts; burst++) {
      // The pause dodges the 50 frames/s limit, as an attacker would; nothing waits on it.
      if (burst > 0) await delay(1100);
      for (let i = 0; i < perBurst; i++) reader.send({ event: 'subscribe', data: { topic: commentsTopic(`burst-${burst}-${i}`) } });
    }
    await reader.received(bursts * perBurst, (frame) => frame.event === 'subscribed' || frame.event === 'error');
    const subscribed = reader.frames.filter((frame) => frame.event === 'subscribed');
    const refused = reader.frames.filter((frame) => frame.event === 'error' && frame.data.code === 'TOO_MANY_SUBSCRIPTIONS');
    expect(subscribed).toHaveLength(64);
    expect(refused).toHaveLength(bursts * perBurst - 64);
    expect([...app.app.get(LiveHub).subscriptionsByTopic().values()].reduce((sum, count) => sum + count, 0)).toBe(64);
  });
});

describe('sockets per client address', () => {
  const MAX = 3;
  let app: TestApp;
  const readers: FrameReader[] = [];

  beforeAll(async () => {
    app = await startTestApp('sqlite', { WS_MAX_SOCKETS_PER_ADDRESS: String(MAX) });
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  it(`refuses the upgrade with 429 past ${MAX} sockets from one address, even when they all come at once, and admits another address`, async () => {
    const outcomes = await Promise.all(Array.from({ length: MAX + 5 }, () => refusedStatusOr(app.wsUrl, readers)));
    expect(outcomes.map(outcomeOf).sort()).toEqual([...Array(5).fill('429'), ...Array(MAX).fill('open')]);

    expect(outcomeOf(await refusedStatusOr(app.wsUrl, readers, '127.0.0.2'))).toBe('open');
  });

  it('admits the address again once one of its sockets has closed', async () => {
    const open = await Promise.all(Array.from({ length: MAX }, () => refusedStatusOr(app.wsUrl, readers)));
    expect(outcomeOf(await refusedStatusOr(app.wsUrl, readers))).toBe('429');
    await (open[0] as FrameReader).close();
    const gateway = app.app.get(LiveGateway);
    await waitUntil(() => gateway.openSockets === MAX - 1, 10_000, () => `${gateway.openSockets} sockets open`);
    const again = await refusedStatusOr(app.wsUrl, readers);
    expect(outcomeOf(again)).toBe('open');
    (again as FrameReader).send({ event: 'subscribe', data: { topic: 'articles' } });
    await (again as FrameReader).next('subscribed');
  });
});

/** Opens a socket from `localAddress`: the reader, or the HTTP status the upgrade was refused with. */
function refusedStatusOr(url: string, readers: FrameReader[], localAddress = '127.0.0.1'): Promise<FrameReader | number> {
  return FrameReader.open(url, { localAddress }).then(
    (reader) => (readers.push(reader), reader),
    (error: Error) => Number(/Unexpected server response: (\d+)/.exec(error.message)?.[1] ?? Number.NaN),
  );
}

const outcomeOf = (outcome: FrameReader | number): string => (outcome instanceof FrameReader ? 'open' : String(outcome));
