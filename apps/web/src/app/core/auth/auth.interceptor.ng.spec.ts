import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { authInterceptor } from './auth.interceptor';
import { TokenStore } from './token-store';

describe('authInterceptor', () => {
  const token = signal<string | null>('jwt.1');
  let http: HttpClient;
  let backend: HttpTestingController;

  const authorizationOf = (url: string, headers: Record<string, string> = {}) => {
    http.get(url, { headers }).subscribe();
    const request = backend.expectOne(url);
    request.flush({});
    return request.request.headers.get('Authorization');
  };

  beforeEach(() => {
    token.set('jwt.1');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        { provide: TokenStore, useValue: { token } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it("sends the reader's token to our own API in the RealWorld scheme", () => {
    expect(authorizationOf('/api/user')).toBe('Token jwt.1');
  });

  it('never sends the token to another origin or outside /api/', () => {
    expect(authorizationOf('https://elsewhere.example/api/user')).toBeNull();
    expect(authorizationOf('/assets/x.json')).toBeNull();
  });

  it('sends nothing when signed out, and keeps an Authorization the caller set', () => {
    expect(authorizationOf('/api/user', { Authorization: 'Token other' })).toBe('Token other');
    token.set(null);
    expect(authorizationOf('/api/user')).toBeNull();
  });
});
