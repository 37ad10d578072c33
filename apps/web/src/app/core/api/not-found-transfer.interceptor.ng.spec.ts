import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { PLATFORM_ID, TransferState, makeStateKey } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { notFoundTransferInterceptor } from './not-found-transfer.interceptor';

const URL = '/api/articles/no-such-article';
const NOT_FOUND = { errors: { article: ['not found'] } };
/** Where the server leaves the 404 of URL for the browser: the interceptor's key, as the browser reads it. */
const NOT_FOUND_KEY = makeStateKey<{ statusText: string; body: unknown }>(`not-found ${URL}`);

function setUp(platform: 'server' | 'browser'): { http: HttpClient; backend: HttpTestingController; state: TransferState } {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([notFoundTransferInterceptor])),
      provideHttpClientTesting(),
      { provide: PLATFORM_ID, useValue: platform },
    ],
  });
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController), state: TestBed.inject(TransferState) };
}

function statusOf(http: HttpClient, url = URL): { status?: number; body?: unknown } {
  const seen: { status?: number; body?: unknown } = {};
  http.get(url).subscribe({
    next: () => (seen.status = 200),
    error: (error: HttpErrorResponse) => Object.assign(seen, { status: error.status, body: error.error }),
  });
  return seen;
}

describe('notFoundTransferInterceptor', () => {
  it('on the server, keeps a 404 answer in the transfer state, and nothing else', () => {
    const { http, backend, state } = setUp('server');
    statusOf(http);
    backend.expectOne(URL).flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    statusOf(http, '/api/articles/down');
    backend.expectOne('/api/articles/down').flush({}, { status: 500, statusText: 'Server Error' });
    statusOf(http, '/api/tags');
    backend.expectOne('/api/tags').flush({ tags: [] });
    expect(JSON.parse(state.toJson())).toEqual({ [`not-found ${URL}`]: { statusText: 'Not Found', body: NOT_FOUND } });
  });

  it('in the browser, answers the same request 404 from the transfer state without calling the API, once', () => {
    const { http, backend, state } = setUp('browser');
    state.set(NOT_FOUND_KEY, { statusText: 'Not Found', body: NOT_FOUND });
    expect(statusOf(http)).toEqual({ status: 404, body: NOT_FOUND });
    backend.expectNone(URL);
    const later = statusOf(http);
    backend.expectOne(URL).flush({ article: {} });
    expect(later).toEqual({ status: 200 });
  });

  it('leaves writes to the API', () => {
    const { http, backend, state } = setUp('browser');
    state.set(NOT_FOUND_KEY, { statusText: 'Not Found', body: NOT_FOUND });
    http.delete(URL).subscribe();
    backend.expectOne({ method: 'DELETE', url: URL }).flush(null);
  });
});
