import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { RESPONSE_INIT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { renderFailureInterceptor } from './render-failure.interceptor';

describe('renderFailureInterceptor', () => {
  /** The response headers once the page's one call to /api/tags was answered with `status`. */
  function cacheControlAfter(status: number, initial?: string): string | null {
    const headers = new Headers(initial ? { 'Cache-Control': initial } : {});
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([renderFailureInterceptor])), provideHttpClientTesting(), { provide: RESPONSE_INIT, useValue: { status: 200, headers } }],
    });
    TestBed.inject(HttpClient).get('/api/tags').subscribe({ error: () => undefined });
    const backend = TestBed.inject(HttpTestingController);
    const sent = backend.expectOne('/api/tags');
    if (status === 200) sent.flush({ tags: [] });
    else if (status === 0) sent.error(new ProgressEvent('error'));
    else sent.flush({ errors: {} }, { status, statusText: 'failed' });
    backend.verify();
    return headers.get('Cache-Control');
  }

  it('leaves a page whose data arrived shareable', () => {
    expect(cacheControlAfter(200)).toBeNull();
  });

  it('marks a page no-store when the API could not be reached', () => {
    expect(cacheControlAfter(0)).toBe('no-store');
  });

  it.each([500, 404])('marks a page no-store when the API answered %i', (status) => {
    expect(cacheControlAfter(status)).toBe('no-store');
  });

  it("keeps a signed-in page's private marking", () => {
    expect(cacheControlAfter(500, 'private, no-store')).toBe('private, no-store');
  });
});
