/**
 * The cookie that tells the server-side renderer who the reader is. It holds the RealWorld JWT, set by the
 * browser beside `localStorage.jwtToken` (the API has no endpoint that could set an http-only cookie), and
 * `SameSite=Lax`, so that other sites' requests never carry it. Framework-free so that it is unit-tested.
 */
export const TOKEN_COOKIE = 'conduit_token';

/** As long as the API's JWTs may live; an expired token is refused by the API and cleared by the app. */
export const TOKEN_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 30;

/** The value of cookie `name` in a `Cookie` request header (or `document.cookie`), or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/** A `document.cookie` assignment that stores `token`, or deletes the cookie when `token` is null. */
export function tokenCookie(token: string | null, secure: boolean): string {
  const attributes = ['Path=/', 'SameSite=Lax', ...(secure ? ['Secure'] : [])];
  if (token === null) return [`${TOKEN_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ');
  return [`${TOKEN_COOKIE}=${encodeURIComponent(token)}`, `Max-Age=${TOKEN_COOKIE_MAX_AGE_S}`, ...attributes].join('; ');
}
