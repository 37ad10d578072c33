import { isIP } from 'node:net';
import { isHostPattern } from '../edge/host-header';
import { isTrustProxy, parseTrustProxy, type TrustProxy } from '../edge/trust-proxy';

/**
 * How the text of one environment variable becomes a value. `parse` answers undefined for text it
 * refuses; the start-up message then says the variable "must be" `expected`, and quotes the text
 * unless the kind is `secret` (a URL with a password, a signing key).
 */
export interface SettingKind<T> {
  readonly expected: string;
  parse(text: string): T | undefined;
  /** The value as the variable's text, for `.env.example` and the README. */
  format(value: T): string;
  readonly secret?: boolean;
}

function kind<T>(expected: string, parse: (text: string) => T | undefined, format: (value: T) => string = String, secret = false): SettingKind<T> {
  return { expected, parse, format, secret };
}

const INTEGER = /^-?[0-9]+$/;

export function integer(min: number, max: number): SettingKind<number> {
  return kind(`an integer from ${min} to ${max}`, (text) => {
    const value = INTEGER.test(text) ? Number(text) : NaN;
    return value >= min && value <= max ? value : undefined;
  });
}

export const boolean = kind('true or false', (text) => (text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined));

export function oneOf<const T extends string>(values: readonly T[], expected = `one of ${values.join(', ')}`): SettingKind<T> {
  return kind(expected, (text) => values.find((value) => value === text));
}

export const text = kind('text', (value) => value);

/** A URL whose scheme is one of `protocols`; its text is never quoted, as it may hold a password. */
export function url(...protocols: string[]): SettingKind<string> {
  return kind(`a ${protocols[0]}// URL`, (text) => (URL.canParse(text) && protocols.includes(new URL(text).protocol) ? text : undefined), String, true);
}

export function matching(pattern: RegExp, expected: string): SettingKind<string> {
  return kind(expected, (text) => (pattern.test(text) ? text : undefined));
}

export function secretOfAtLeast(length: number): SettingKind<string> {
  return kind(`at least ${length} characters long`, (text) => (text.length >= length ? text : undefined), String, true);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function listOf(expected: string, accepts: (item: string) => boolean, normalize = (item: string) => item): SettingKind<string[]> {
  return kind(
    expected,
    (text) => (splitList(text).every(accepts) ? splitList(text).map(normalize) : undefined),
    (items) => items.join(','),
  );
}

function isOrigin(value: string): boolean {
  return URL.canParse(value) && new URL(value).origin === value;
}

export const originList = listOf('a comma-separated list of origins like https://example.com', isOrigin);

/** Lower-cased, as edge/allowed-hosts.ts compares them. */
export const hostList = listOf('a comma-separated list of host names like conduit.example or *.conduit.example', isHostPattern, (host) => host.toLowerCase());

/** The public origin of the app: `https://conduit.example`, no path. */
export const httpOrigin = kind('an http(s) origin like https://conduit.example', (text) =>
  isOrigin(text) && ['http:', 'https:'].includes(new URL(text).protocol) ? text : undefined,
);

export const trustProxy = kind<TrustProxy>(
  'false, true, a hop count, or a comma-separated list of addresses and CIDR ranges',
  (text) => (isTrustProxy(text) ? parseTrustProxy(text) : undefined),
  (value) => (Array.isArray(value) ? value.join(',') : String(value)),
);

export const listenHost = kind('an IP address or a host name', (text) => (isIP(text) !== 0 || isHostPattern(text) ? text : undefined));
