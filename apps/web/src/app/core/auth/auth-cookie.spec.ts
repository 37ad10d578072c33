import { TOKEN_COOKIE, TOKEN_COOKIE_MAX_AGE_S, readCookie, tokenCookie } from './auth-cookie';

describe('auth cookie', () => {
  it('reads one cookie among others, decoding it', () => {
    expect(readCookie(`a=1; ${TOKEN_COOKIE}=x.y%3Dz;b=2`, TOKEN_COOKIE)).toBe('x.y=z');
  });

  it.each([[undefined], [null], [''], ['other=1'], [`${TOKEN_COOKIE}=`], [`${TOKEN_COOKIE}=%E0%A4%A`], [`x${TOKEN_COOKIE}=1`]])(
    'answers null for %p',
    (header) => expect(readCookie(header, TOKEN_COOKIE)).toBeNull(),
  );

  it('stores the token same-site on the whole origin, Secure on https only', () => {
    expect(tokenCookie('a.b.c', false)).toBe(`${TOKEN_COOKIE}=a.b.c; Max-Age=${TOKEN_COOKIE_MAX_AGE_S}; Path=/; SameSite=Lax`);
    expect(tokenCookie('a.b.c', true)).toMatch(/; SameSite=Lax; Secure$/);
  });

  it('deletes the cookie with an expired one', () => {
    expect(tokenCookie(null, false)).toBe(`${TOKEN_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`);
  });
});
