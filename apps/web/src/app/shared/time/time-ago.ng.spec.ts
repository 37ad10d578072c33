import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Clock } from './clock';
import { fullDateTime } from './relative-time';
import { TimeAgo } from './time-ago';

@Component({
  imports: [TimeAgo],
  template: `<time class="date" [appTimeAgo]="instant()"></time>`,
})
class Host {
  readonly instant = signal('2024-01-02T23:30:00.000Z');
}

async function render(clock?: Partial<Clock>): Promise<{ time: HTMLTimeElement; host: Host; settle: () => Promise<void> }> {
  TestBed.configureTestingModule({ providers: clock ? [{ provide: Clock, useValue: clock }] : [] });
  const fixture = TestBed.createComponent(Host);
  await fixture.whenStable();
  return { time: fixture.nativeElement.querySelector('time'), host: fixture.componentInstance, settle: () => fixture.whenStable() };
}

describe('TimeAgo', () => {
  afterEach(() => jest.useRealTimers());

  it('prints the calendar date, and the full date and time in UTC on hover, until the app runs in the browser', async () => {
    const { time } = await render({ now: signal(null), start: () => undefined });
    expect(time.textContent).toBe('January 2, 2024');
    expect(time.getAttribute('datetime')).toBe('2024-01-02T23:30:00.000Z');
    expect(time.title.replace(/\s/g, ' ')).toBe('Tuesday, January 2, 2024 at 11:30 PM UTC');
  });

  it("says how long ago once rendered in the browser, the full date and time in the reader's zone on hover", async () => {
    const { time, host, settle } = await render();
    const threeMinutesAgo = Date.now() - 3 * 60_000 - 1_000;
    host.instant.set(new Date(threeMinutesAgo).toISOString());
    await settle();
    expect(time.textContent).toBe('3 minutes ago');
    expect(time.title).toBe(fullDateTime(threeMinutesAgo));
    expect(time.getAttribute('datetime')).toBe(new Date(threeMinutesAgo).toISOString());
  });

  it('keeps the date of the first render until the browser is idle: hydration does not rewrite every date', async () => {
    const idle: Array<() => void> = [];
    window.requestIdleCallback = (callback: IdleRequestCallback) => idle.push(() => callback({ didTimeout: false, timeRemaining: () => 50 }));
    try {
      const { time, host, settle } = await render();
      host.instant.set(new Date(Date.now() - 3 * 60_000 - 1_000).toISOString());
      await settle();
      expect(time.textContent).not.toContain('ago');
      idle.forEach((run) => run());
      await settle();
      expect(time.textContent).toBe('3 minutes ago');
    } finally {
      delete (window as Partial<Window>).requestIdleCallback;
    }
  });

  it('moves on as the clock ticks: "just now" becomes "1 minute ago"', async () => {
    // Only the clock's interval and Date: Angular's scheduler keeps its real timeouts and frames.
    jest.useFakeTimers({ now: Date.parse('2026-12-02T12:00:00.000Z'), doNotFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'queueMicrotask', 'nextTick', 'setImmediate', 'clearImmediate'] });
    const { time, host, settle } = await render();
    host.instant.set('2026-12-02T11:59:40.000Z');
    await settle();
    expect(time.textContent).toBe('just now');
    jest.advanceTimersByTime(60_000);
    await settle();
    expect(time.textContent).toBe('1 minute ago');
  });

  it('prints nothing for an instant it cannot read, rather than throwing', async () => {
    const { time, host, settle } = await render();
    host.instant.set('not a date');
    await settle();
    expect([time.textContent, time.title]).toEqual(['', '']);
  });
});
