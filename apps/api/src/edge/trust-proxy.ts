import { isIP } from 'node:net';

/** proxy-addr's named ranges, which Express's `trust proxy` accepts in a list. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Express's `trust proxy` setting takes: off, every hop, a hop count, or the addresses of the proxies. */
export type TrustProxy = boolean | number | string[];

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (/^[0-9]{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4; // a netmask, like 255.255.255.0
}

function entries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim());
}

/** TRUST_PROXY: `false`, `true`, a hop count, or a comma-separated list of addresses, CIDR ranges and proxy-addr's names. */
export function isTrustProxy(value: string): boolean {
  return value === 'true' || value === 'false' || /^[0-9]{1,3}$/.test(value) || entries(value).every(isAddressOrRange);
}

/** The validated TRUST_PROXY as Express's `trust proxy` value (a hop count of 0 is off). */
export function parseTrustProxy(value: string): TrustProxy {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^[0-9]+$/.test(value)) return Number(value);
  return entries(value);
}
