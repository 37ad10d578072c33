import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterRenderIdle } from './after-render-idle';

@Component({ template: `{{ text() }}` })
class Host {
  readonly text = signal('server text');
  constructor() {
    afterRenderIdle(() => this.text.set('idle text'));
  }
}

describe('afterRenderIdle', () => {
  let idleCallbacks: Array<() => void>;

  beforeEach(() => {
    idleCallbacks = [];
    window.requestIdleCallback = (callback: IdleRequestCallback) => idleCallbacks.push(() => callback({ didTimeout: false, timeRemaining: () => 50 }));
  });

  afterEach(() => {
    delete (window as Partial<Window>).requestIdleCallback;
  });

  it('leaves the render alone, and runs once the browser is idle', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('server text');
    expect(idleCallbacks).toHaveLength(1);

    idleCallbacks[0]();
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('idle text');
  });

  it('does not run for a view destroyed before the browser was idle', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const host = fixture.componentInstance;
    fixture.destroy();
    idleCallbacks[0]();
    expect(host.text()).toBe('server text');
  });

  it('falls back to a task of its own where the browser has no idle callbacks', async () => {
    delete (window as Partial<Window>).requestIdleCallback;
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    await new Promise((done) => setTimeout(done));
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toBe('idle text');
  });
});
