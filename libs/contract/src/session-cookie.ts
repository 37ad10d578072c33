/**
 * The browser app's session: the API sets it (`POST /api/session`), http-only, so that no page script
 * ever reads the token it holds. On https it is `__Host-` prefixed: the browser then only accepts it
 * Secure, for `Path=/` and from this very host, so a sibling subdomain cannot plant a session of its
 * own (cookie tossing). A reader over https therefore only ever looks at the prefixed name.
 */
export const SESSION_COOKIE = 'conduit_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token of a `Cookie` request header, or null. */
export function sessionTokenOf(cookieHeader: string | null | undefined, secure: boolean): string | null {
  return readCookie(cookieHeader, sessionCookieName(secure));
}

/** The value of cookie `name` in a `Cookie` request header, or null. */
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
