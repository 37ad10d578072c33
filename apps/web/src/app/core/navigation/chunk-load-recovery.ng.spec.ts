import { TestBed } from '@angular/core/testing';
import { NavigationError, RedirectCommand, Router, provideRouter } from '@angular/router';
import { ChunkLoadRecovery, isChunkLoadFailure } from './chunk-load-recovery';

const chunkFailure = (url: string) => new NavigationError(1, url, new TypeError('Failed to fetch dynamically imported module: http://localhost/chunk-ABC.js'));

describe('ChunkLoadRecovery', () => {
  let recovery: ChunkLoadRecovery;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: '**', children: [] }])] });
    recovery = TestBed.inject(ChunkLoadRecovery);
  });

  it.each([
    'Failed to fetch dynamically imported module: http://localhost:3000/chunk-ABC.js',
    'error loading dynamically imported module: http://localhost:3000/chunk-ABC.js',
    'Importing a module script failed.',
  ])("knows the browsers' words for a chunk that did not arrive: %s", (message) => {
    expect(isChunkLoadFailure(new TypeError(message))).toBe(true);
  });

  it('leaves every other navigation error to the router', () => {
    expect(recovery.handle(new NavigationError(1, '/editor', new Error('NG04002: Cannot match any routes')))).toBeUndefined();
    expect(recovery.failed()).toBeNull();
  });

  it('retries a page once, then says it could not be loaded, until a navigation succeeds', async () => {
    const retry = recovery.handle(chunkFailure('/editor'));
    expect(retry).toBeInstanceOf(RedirectCommand);
    expect(retry?.redirectTo.toString()).toBe('/editor');
    expect(recovery.failed()).toBeNull();

    expect(recovery.handle(chunkFailure('/editor'))).toBeUndefined();
    expect(recovery.failed()).toEqual({ url: '/editor', offline: false });

    await TestBed.inject(Router).navigateByUrl('/settings');
    expect(recovery.failed()).toBeNull();
    // A later failure of the same page is retried again.
    expect(recovery.handle(chunkFailure('/editor'))).toBeInstanceOf(RedirectCommand);
  });
});
