import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { REQUEST_CONTEXT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SESSION_COOKIE } from '@conduit/contract';
import type { RenderContext } from '../ssr/render-context';
import { authInterceptor } from './auth.interceptor';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  /** A render by server.ts hands over the reader's session token; the browser has no render context. */
  const setUp = (context?: Pick<RenderContext, 'sessionToken'>) => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        ...(context ? [{ provide: REQUEST_CONTEXT, useValue: context }] : []),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  };

  const authorizationOf = (url: string, headers: Record<string, string> = {}) => {
    http.get(url, { headers }).subscribe();
    const request = backend.expectOne(url);
    request.flush({});
    return request.request.headers.get('Authorization');
  };

  afterEach(() => backend.verify());

  it("sends the reader's session token to our own API during SSR, in the RealWorld scheme", () => {
    setUp({ sessionToken: 'jwt.1' });
    expect(authorizationOf('/api/user')).toBe('Token jwt.1');
  });

  it('never sends the token to another origin or outside /api/, and keeps an Authorization the caller set', () => {
    setUp({ sessionToken: 'jwt.1' });
    expect(authorizationOf('https://elsewhere.example/api/user')).toBeNull();
    expect(authorizationOf('/assets/x.json')).toBeNull();
    expect(authorizationOf('/api/user', { Authorization: 'Token other' })).toBe('Token other');
  });

  it('adds nothing during SSR for a reader without a session', () => {
    setUp({ sessionToken: null });
    expect(authorizationOf('/api/user')).toBeNull();
  });

  it('adds nothing in the browser, where the http-only cookie travels by itself', () => {
    document.cookie = `${SESSION_COOKIE}=script-set; Path=/`;
    try {
      setUp();
      expect(authorizationOf('/api/user')).toBeNull();
    } finally {
      document.cookie = `${SESSION_COOKIE}=; Max-Age=0; Path=/`;
    }
  });
});
