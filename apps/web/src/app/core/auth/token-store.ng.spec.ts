import { PLATFORM_ID, REQUEST } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TOKEN_COOKIE } from './auth-cookie';
import { TokenStore } from './token-store';

const cookieToken = () => document.cookie.match(new RegExp(`(?:^|; )${TOKEN_COOKIE}=([^;]*)`))?.[1] ?? null;

afterEach(() => {
  localStorage.clear();
  document.cookie = `${TOKEN_COOKIE}=; Max-Age=0; Path=/`;
});

describe('TokenStore in the browser', () => {
  it('keeps a new token in localStorage.jwtToken (the RealWorld contract) and in the cookie the server reads', () => {
    const store = TestBed.inject(TokenStore);
    store.set('jwt.1');
    expect([store.token(), localStorage.getItem('jwtToken'), cookieToken()]).toEqual(['jwt.1', 'jwt.1', 'jwt.1']);
  });

  it('forgets the token everywhere on clear', () => {
    const store = TestBed.inject(TokenStore);
    store.set('jwt.1');
    store.clear();
    expect([store.token(), localStorage.getItem('jwtToken'), cookieToken()]).toEqual([null, null, null]);
  });

  it('starts from a token found in storage and hands it to the server through the cookie', () => {
    localStorage.setItem('jwtToken', 'stored');
    expect(TestBed.inject(TokenStore).token()).toBe('stored');
    expect(cookieToken()).toBe('stored');
  });

  it('still works where storage is disabled, from the cookie alone', () => {
    document.cookie = `${TOKEN_COOKIE}=from-cookie; Path=/`;
    jest.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      expect(() => window.localStorage).toThrow('denied');
      const store = TestBed.inject(TokenStore);
      expect(store.token()).toBe('from-cookie');
      store.set('jwt.2');
      expect(cookieToken()).toBe('jwt.2');
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe('TokenStore during SSR', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        { provide: PLATFORM_ID, useValue: 'server' },
        // jsdom has no fetch Request; the store reads only the request's Cookie header.
        { provide: REQUEST, useValue: { headers: new Map([['cookie', `a=1; ${TOKEN_COOKIE}=from-request`]]) } },
      ],
    });
  });

  it("reads the reader's token from the cookie of the request being rendered", () => {
    expect(TestBed.inject(TokenStore).token()).toBe('from-request');
  });

  it('writes neither storage nor cookies', () => {
    localStorage.setItem('jwtToken', 'browser-only');
    const store = TestBed.inject(TokenStore);
    store.set('jwt.3');
    expect([store.token(), localStorage.getItem('jwtToken'), cookieToken()]).toEqual(['jwt.3', 'browser-only', null]);
  });
});
