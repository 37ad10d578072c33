/**
 * A browser socket must come from the app's own origin (same host as the upgrade request) or from
 * one configured as allowed. Clients that send no Origin (CLI tools, servers) are not browsers and
 * so cannot be the victim of a cross-site socket; they are let in.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  return allowed.includes(origin) || isOwnOrigin(origin, host);
}

/**
 * The page that opens the socket is one of this app's own (same host as the upgrade request): only
 * then may the socket speak for the session cookie it carries. Allowed origins may read, but not as
 * the reader (cross-site WebSocket hijacking).
 */
export function isOwnOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
