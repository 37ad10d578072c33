/** A host as `Host` and `X-Forwarded-Host` carry it: a name or IPv4 address, or an IPv6 address in brackets, then maybe a port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::([0-9]{1,5}))?$/i;
const PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$|^\[[0-9a-f:.]+\]$/i;

/**
 * The lower-cased host name of a host header value, or null when it is not one: userinfo
 * (`localhost:3000@evil.example`), markup, several values, a path or a port past 65535 all are null.
 */
export function hostNameOf(value: string | undefined): string | null {
  const match = value === undefined ? null : HOST.exec(value);
  if (!match || (match[2] !== undefined && Number(match[2]) > 65535)) return null;
  return match[1].toLowerCase();
}

/** An allowed-host entry: a name, an address, `[ipv6]`, or `*.domain` for every name under domain (Angular's syntax). */
export function isHostPattern(value: string): boolean {
  return PATTERN.test(value);
}
