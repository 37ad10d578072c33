import { RESTART_WINDOW_MS } from './backoff';
import { RetrySchedule } from './retry-schedule';

describe('RetrySchedule', () => {
  let now = 0;
  const schedule = () => new RetrySchedule({}, () => 0.5, () => now);

  beforeEach(() => (now = 1_000_000));

  it('backs off exponentially after failures, from about half a second', () => {
    const retries = schedule();
    expect([retries.nextDelay(), retries.nextDelay(), retries.nextDelay(), retries.nextDelay()]).toEqual([500, 1000, 2000, 4000]);
  });

  it('retries at once after a 1001, then under a second, however many failures came before', () => {
    const retries = schedule();
    for (let i = 0; i < 6; i++) retries.nextDelay();
    retries.serverGoingAway();
    const delays = [retries.nextDelay(), ...Array.from({ length: 20 }, () => retries.nextDelay())];
    expect(delays[0]).toBe(125);
    expect(Math.max(...delays)).toBeLessThan(1000);
  });

  it('goes back to the usual backoff, from its first step, once the restart window has passed', () => {
    const retries = schedule();
    retries.serverGoingAway();
    retries.nextDelay();
    now += RESTART_WINDOW_MS;
    expect([retries.nextDelay(), retries.nextDelay()]).toEqual([500, 1000]);
  });

  it('starts from the first step again after a reset (a connection that works)', () => {
    const retries = schedule();
    retries.nextDelay();
    retries.nextDelay();
    retries.reset();
    expect(retries.nextDelay()).toBe(500);
    retries.serverGoingAway();
    retries.reset();
    expect(retries.nextDelay()).toBe(500);
  });
});
