/**
 * A browser socket must come from the app's own origin (same host as the upgrade request) or from
 * one configured as allowed. Clients that send no Origin (CLI tools, servers) are not browsers and
 * so cannot be the victim of a cross-site socket; they are let in.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
