import { LogThrottle } from './log-throttle';

describe('LogThrottle', () => {
  it('logs the first warning of a kind, drops the rest of the window, then counts them in the next line', () => {
    let now = 0;
    const lines: string[] = [];
    const throttle = new LogThrottle({ warn: (message: string) => lines.push(message) }, 10_000, () => now);
    throttle.warn('flood', 'closing a socket: flood 1');
    for (let i = 2; i <= 50; i++) throttle.warn('flood', `closing a socket: flood ${i}`);
    throttle.warn('origin', 'refused origin');
    now = 10_000;
    throttle.warn('flood', 'closing a socket: flood 51');
    expect(lines).toEqual(['closing a socket: flood 1', 'refused origin', 'closing a socket: flood 51 (and 49 more like it in the last 10 s)']);
  });
});
