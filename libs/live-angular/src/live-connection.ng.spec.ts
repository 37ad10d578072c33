import { PLATFORM_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LiveConnection } from './live-connection';

// On the server the client is never started, so what is tested here is what the page shows.
describe('LiveConnection status', () => {
  let live: LiveConnection;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [LiveConnection, { provide: PLATFORM_ID, useValue: 'server' }] });
    live = TestBed.inject(LiveConnection);
  });

  it('is idle while the page follows no topic, and connecting as soon as it follows one', () => {
    expect(live.status()).toBe('idle');
    const articles = live.topic('articles', '5').subscribe();
    expect(live.status()).toBe('connecting');
    const comments = live.topic('comments:a').subscribe();
    articles.unsubscribe();
    expect(live.status()).toBe('connecting');
    comments.unsubscribe();
    expect(live.status()).toBe('idle');
  });
});
