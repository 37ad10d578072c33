import { SECURE_SESSION_COOKIE, SESSION_COOKIE, readCookie, sessionTokenOf } from './session-cookie';

describe('session cookie', () => {
  it('reads one cookie among others, decoding it', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=x.y%3Dz;b=2`, SESSION_COOKIE)).toBe('x.y=z');
  });

  it.each([[undefined], [null], [''], ['other=1'], [`${SESSION_COOKIE}=`], [`${SESSION_COOKIE}=%E0%A4%A`], [`x${SESSION_COOKIE}=1`]])(
    'answers null for %p',
    (header) => expect(readCookie(header, SESSION_COOKIE)).toBeNull(),
  );

  it('reads only the __Host- cookie over https, so a cookie planted by a sibling subdomain is ignored', () => {
    const both = `${SESSION_COOKIE}=planted; ${SECURE_SESSION_COOKIE}=own`;
    expect(sessionTokenOf(both, true)).toBe('own');
    expect(sessionTokenOf(`${SESSION_COOKIE}=planted`, true)).toBeNull();
    expect(sessionTokenOf(both, false)).toBe('planted');
  });
});
