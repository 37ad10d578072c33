import { setTimeout as delay } from 'node:timers/promises';
import { commentsTopic } from '@conduit/contract';
import { LiveHub } from '@conduit/live-server';
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
