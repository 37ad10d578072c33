import { TestBed } from '@angular/core/testing';
import type { LivePageStatus, LiveStatus } from '@conduit/live-angular';
import { LiveStatusIndicator } from './live-status-indicator';

async function render(status: LivePageStatus): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(LiveStatusIndicator);
  fixture.componentRef.setInput('status', status);
  await fixture.whenStable();
  return fixture.nativeElement.querySelector('[data-testid="live-status"]');
}

describe('LiveStatusIndicator', () => {
  it.each<[LiveStatus, string]>([
    ['connecting', 'Connecting…'],
    ['live', 'Live'],
    ['fallback', 'Live (fallback)'],
    ['reconnecting', 'Reconnecting…'],
    ['offline', 'Offline'],
  ])('shows %s as "%s" and exposes it as data-status', async (status, label) => {
    const indicator = await render(status);
    expect(indicator.dataset['status']).toBe(status);
    expect(indicator.textContent?.replace(/\s+/g, ' ').trim()).toBe(`Updates: ${label}`);
  });

  it.each<LiveStatus>(['connecting', 'live', 'fallback', 'reconnecting', 'offline'])('is shown while %s', async (status) => {
    expect((await render(status)).hidden).toBe(false);
  });

  it('is hidden, with nothing to say, on a page that follows no topic', async () => {
    const indicator = await render('idle');
    expect(indicator.hidden).toBe(true);
    expect(indicator.textContent?.replace(/\s+/g, ' ').trim()).toBe('Updates:');
  });

  it('is a polite live region, so that a change is announced without interrupting', async () => {
    const indicator = await render('live');
    expect(indicator.getAttribute('role')).toBe('status');
    expect(indicator.getAttribute('aria-live')).toBe('polite');
  });

  it('follows a change of status', async () => {
    const fixture = TestBed.createComponent(LiveStatusIndicator);
    fixture.componentRef.setInput('status', 'live');
    await fixture.whenStable();
    fixture.componentRef.setInput('status', 'reconnecting');
    await fixture.whenStable();
    const indicator: HTMLElement = fixture.nativeElement.querySelector('[data-testid="live-status"]');
    expect([indicator.dataset['status'], indicator.textContent]).toEqual(['reconnecting', expect.stringContaining('Reconnecting…')]);
  });

  it('offers "Retry now" while reconnecting, and only then, and says when it is pressed', async () => {
    const fixture = TestBed.createComponent(LiveStatusIndicator);
    let retries = 0;
    fixture.componentInstance.retry.subscribe(() => retries++);
    fixture.componentRef.setInput('status', 'reconnecting');
    await fixture.whenStable();
    const button: HTMLButtonElement = fixture.nativeElement.querySelector('[data-testid="live-retry"]');
    expect(button.querySelector('.live-status__retry-label')?.textContent).toBe('Retry now');
    button.click();
    expect(retries).toBe(1);

    fixture.componentRef.setInput('status', 'live');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[data-testid="live-retry"]')).toBeNull();
  });
});
