import type { AppConfig } from '../config/app-config';

/** Names that only reach this process from its own machine: `npm start`, the tests and the admin CLI use them. */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which host names this app answers for: the loopback names, the host of PUBLIC_URL, and
 * NG_ALLOWED_HOSTS (exact names, or `*.domain` for the names under domain).
 */
export function allowedHosts(config: Pick<AppConfig, 'publicUrl' | 'allowedHosts'>): (hostname: string) => boolean {
  const exact = new Set([...LOOPBACK, ...config.allowedHosts.filter((host) => !host.startsWith('*.'))]);
  if (config.publicUrl) exact.add(new URL(config.publicUrl).hostname);
  const suffixes = config.allowedHosts.filter((host) => host.startsWith('*.')).map((host) => host.slice(1));
  return (hostname) => exact.has(hostname) || suffixes.some((suffix) => hostname.endsWith(suffix));
}
