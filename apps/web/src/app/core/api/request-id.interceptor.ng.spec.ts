import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { REQUEST } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { requestIdInterceptor } from './request-id.interceptor';

describe('requestIdInterceptor', () => {
  /** The page request as the interceptor reads it (jsdom has no fetch Request; only `headers.get` is used). */
  const pageRequest = (headers: Record<string, string>) => ({ headers: new Map(Object.entries(headers)) });

  function requestIdSent(url: string, pageRequest: unknown): string | null {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([requestIdInterceptor])),
        provideHttpClientTesting(),
        { provide: REQUEST, useValue: pageRequest },
      ],
    });
    TestBed.inject(HttpClient).get(url).subscribe();
    const backend = TestBed.inject(HttpTestingController);
    const sent = backend.expectOne(url);
    sent.flush({});
    backend.verify();
    return sent.request.headers.get('x-request-id');
  }

  const page = pageRequest({ 'x-request-id': 'page-7' });

  it("gives the render's calls to our own API the page request's id", () => {
    expect(requestIdSent('/api/articles', page)).toBe('page-7');
  });

  it('adds nothing in the browser', () => {
    expect(requestIdSent('/api/articles', null)).toBeNull();
  });

  it('adds nothing for a page request without an id', () => {
    expect(requestIdSent('/api/articles', pageRequest({}))).toBeNull();
  });

  it('sends it nowhere but our own API', () => {
    expect(requestIdSent('https://elsewhere.example/api/articles', page)).toBeNull();
  });
});
