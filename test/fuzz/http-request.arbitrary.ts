import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { hostileString } from './hostile-values.arbitrary';
import type { Operation } from './openapi-operations';
import type { RawRequest } from './raw-http';
import { requestBody, validBody, type GeneratedBody } from './request-body.arbitrary';

/** What exists on the server, so that generated requests reach handlers and not only their 404s. */
export interface Fixtures {
  host: string;
  tokens: string[];
  usernames: string[];
  slugs: string[];
  commentIds: string[];
}

/** The part of a request a property makes hostile; the others stay as a well-behaved client sends them. */
export type Focus = 'body' | 'query' | 'path' | 'headers' | 'framing';

/** Nothing on the wire may break our own request line or header block: a CR or LF would start another. */
const wireSafe = (text: string) => text.replace(/[\r\n]/g, '');

/** The bytes of a string's UTF-8 encoding as latin1 characters: raw non-ASCII on the wire, unescaped. */
const rawUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** Percent-encoding of the UTF-8 bytes (a lone surrogate becomes U+FFFD, where encodeURIComponent throws). */
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** A path segment or query value as a careless or hostile client writes it. */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileString.map(percentEncoded), weight: 2 },
  { arbitrary: hostileString.map((text) => wireSafe(rawUtf8(text))), weight: 1 },
  { arbitrary: fc.constantFrom('%', '%f', '%ff', '%c0%ae', '%2f', '%2F..%2F', '%u0041', '.', '..', '...', '%2e', '%2e%2e', '~', ';', '?', '#', '//'), weight: 2 },
  // Its own option: fast-check favours a list's first constants, and PostgreSQL cannot store U+0000.
  { arbitrary: fc.constantFrom('%00', 'a%00b'), weight: 1 },
  { arbitrary: fc.tuple(fc.integer({ min: 1_000, max: 12_000 }), fc.constantFrom('a', '%61', '.', '/')).map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length))), weight: 1 },
);

const numericText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.nat({ max: 50 }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom('99999999999999999999', '9007199254740993', '-1', '-0', '1.5', '1e400', '1e3', 'NaN', 'Infinity', '', ' 1', '0x10', '1,2'), weight: 3 },
  { arbitrary: fc.bigInt({ min: 2n ** 53n }).map(String), weight: 2 },
  { arbitrary: fc.bigInt().map(String), weight: 1 },
);

function pathValue(name: string, fixtures: Fixtures): fc.Arbitrary<string> {
  const known = name === 'slug' ? fixtures.slugs : name === 'username' ? fixtures.usernames : name === 'id' ? fixtures.commentIds : [];
  return known.length > 0 ? fc.constantFrom(...known.map(encodeURIComponent)) : fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }).map(encodeURIComponent);
}

function target(operation: Operation, fixtures: Fixtures, focus: Focus): fc.Arbitrary<string> {
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
  const queryParams = operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
  const segment = (name: string) => (focus === 'path' ? fc.oneof(pathValue(name, fixtures), hostileSegment) : pathValue(name, fixtures));
  const path = fc.record(Object.fromEntries(pathParams.map((name) => [name, segment(name)]))).map((values) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''),
  );
  const decorated =
    focus === 'path'
      ? fc.tuple(path, fc.constantFrom('', '', '/', '//', '/.', '/..', '/%2e%2e', '%', '/%ff', ';x')).map(([base, tail]) => base + tail)
      : path;
  const benignValue = (name: string) => (name === 'limit' || name === 'offset' ? fc.nat({ max: 30 }).map(String) : pathValue(name === 'tag' ? 'tag' : 'username', fixtures));
  const queryValue = (name: string) =>
    focus === 'query' ? fc.oneof({ arbitrary: numericText, weight: 3 }, { arbitrary: hostileSegment, weight: 2 }, { arbitrary: benignValue(name), weight: 1 }) : benignValue(name);
  const names =
    focus === 'query'
      ? fc.oneof({ arbitrary: fc.constantFrom(...queryParams, 'limit', 'offset'), weight: 4 }, { arbitrary: fc.constantFrom('limit[]', 'offset[a]', '__proto__', 'a'), weight: 1 }, { arbitrary: hostileSegment, weight: 1 })
      : fc.constantFrom(...queryParams, 'limit');
  const pairs = focus === 'query' ? fc.array(names.chain((name) => queryValue(name).map((value) => `${name}=${value}`)), { minLength: 1, maxLength: 4 }) : queryParams.length > 0 ? fc.array(names.chain((name) => queryValue(name).map((value) => `${name}=${value}`)), { maxLength: 2 }) : fc.constant([]);
  const separator = focus === 'query' ? fc.oneof({ arbitrary: fc.constant('?'), weight: 6 }, { arbitrary: fc.constantFrom('??', '?&', '?='), weight: 1 }) : fc.constant('?');
  return fc.tuple(decorated, pairs, separator).map(([base, query, mark]) => (query.length === 0 ? base : `${base}${mark}${query.join('&')}`));
}

function authorization(fixtures: Fixtures, hostile: boolean): fc.Arbitrary<[string, string][]> {
  const valid = fc.constantFrom(...fixtures.tokens);
  const honest = fc.oneof(fc.constant<[string, string][]>([]), valid.map((token): [string, string][] => [['Authorization', `Token ${token}`]]));
  if (!hostile) return honest;
  return fc.oneof(
    honest,
    valid.map((token): [string, string][] => [['Authorization', `Bearer ${token}`]]),
    fc.tuple(valid, hostileString).map(([token, tail]): [string, string][] => [['Authorization', wireSafe(`Token ${token}${tail}`)]]),
    hostileString.map((text): [string, string][] => [['Authorization', wireSafe(`Token ${text}`)]]),
    fc.constantFrom<[string, string][]>([['Authorization', 'Token']], [['Authorization', 'Basic YTpi']], [['Authorization', '']], [['Authorization', 'Token a.b.c']]),
    fc.tuple(valid, hostileString).map(([token, junk]): [string, string][] => [['Cookie', wireSafe(`conduit_session=${token}; ${junk}`)]]),
    hostileString.map((junk): [string, string][] => [['Cookie', wireSafe(`conduit_session=${junk}`)]]),
  );
}

const hostileHeaders = (fixtures: Fixtures): fc.Arbitrary<[string, string][]> =>
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('X-Forwarded-Host', 'X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Port', 'Forwarded', 'X-Real-IP'), fc.oneof(hostileString, fc.constantFrom('<img src=x>', 'evil.example', 'https', 'javascript:', '1.2.3.4, 5.6.7.8', 'for=unknown;proto=gopher', `${fixtures.host}@evil.example`))),
      fc.tuple(fc.constantFrom('Origin', 'Referer', 'Accept', 'Accept-Encoding', 'Accept-Language', 'X-Request-Id', 'If-None-Match', 'Range', 'User-Agent', 'Cookie', 'Expect'), hostileString),
      fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), hostileString),
      fc.tuple(fc.constantFrom('X-Request-Id', 'User-Agent', 'Cookie'), fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'a'.repeat(length))),
    ),
    { maxLength: 4 },
  ).map((headers) => headers.map(([name, value]): [string, string] => [name, wireSafe(rawUtf8(value))]));

const hostileHost = (fixtures: Fixtures): fc.Arbitrary<[string, string][]> =>
  fc.oneof(
    fc.constant<[string, string][]>([['Host', fixtures.host]]),
    fc
      .oneof(
        fc.constantFrom(`${fixtures.host}@evil.example`, 'evil.example', '', '[::1]', '[::1', 'localhost:99999', 'localhost:-1', 'localhost:abc', ':80', '@', 'a b', `${fixtures.host}/x`, `${fixtures.host}?x`, `${fixtures.host}#x`, 'ｌｏｃａｌｈｏｓｔ'),
        hostileString,
      )
      .map((host): [string, string][] => [['Host', wireSafe(rawUtf8(host))]]),
    fc.constant<[string, string][]>([]),
    fc.constant<[string, string][]>([['Host', fixtures.host], ['Host', 'evil.example']]),
  );

/** How the body is framed on the wire, honestly or not. */
function framed(body: GeneratedBody, focus: Focus): fc.Arbitrary<Pick<RawRequest, 'headers' | 'body' | 'framingLie'>> {
  const type: [string, string][] = body.contentType === undefined ? [] : [['Content-Type', body.contentType]];
  const honest = { headers: body.bytes.length === 0 ? type : [...type, ['Content-Length', String(body.bytes.length)] as [string, string]], body: body.bytes, framingLie: false };
  if (focus !== 'framing') return fc.constant(honest);
  const length = body.bytes.length;
  const chunked = Buffer.concat([Buffer.from(`${length.toString(16)}\r\n`), body.bytes, Buffer.from('\r\n0\r\n\r\n')]);
  return fc.oneof(
    fc.constant(honest),
    fc.constant({ headers: [...type, ['Transfer-Encoding', 'chunked']] as [string, string][], body: length === 0 ? Buffer.from('0\r\n\r\n') : chunked, framingLie: false }),
    fc.integer({ min: 1, max: 10_000 }).map((extra) => ({ headers: [...type, ['Content-Length', String(length + extra)]] as [string, string][], body: body.bytes, framingLie: true })),
    fc.nat({ max: Math.max(0, length - 1) }).map((short) => ({ headers: [...type, ['Content-Length', String(short)]] as [string, string][], body: body.bytes, framingLie: false })),
    fc.constantFrom('-1', 'abc', '1e3', '0x10', ' ', '99999999999999999999', `${length}, ${length + 1}`).map((lie) => ({ headers: [...type, ['Content-Length', lie]] as [string, string][], body: body.bytes, framingLie: true })),
    fc.constant({ headers: [...type, ['Content-Length', String(length)], ['Content-Length', String(length + 1)]] as [string, string][], body: body.bytes, framingLie: true }),
    fc.constant({ headers: [...type, ['Content-Length', String(chunked.length)], ['Transfer-Encoding', 'chunked']] as [string, string][], body: chunked, framingLie: true }),
    fc.constant({ headers: [...type, ['Transfer-Encoding', 'chunked']] as [string, string][], body: chunked.subarray(0, Math.max(0, chunked.length - 5)), framingLie: true }),
    fc.constant({ headers: [...type, ['Transfer-Encoding', 'gzip, chunked']] as [string, string][], body: chunked, framingLie: true }),
    fc.constantFrom('gzip', 'deflate', 'br', 'identity, gzip', 'bogus').map((encoding) => ({ headers: [...type, ['Content-Encoding', encoding], ['Content-Length', String(length)]] as [string, string][], body: body.bytes, framingLie: false })),
    fc.constant(gzipSync(body.bytes)).map((gzipped) => ({ headers: [...type, ['Content-Encoding', 'gzip'], ['Content-Length', String(gzipped.length)]] as [string, string][], body: gzipped, framingLie: false })),
  );
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'get', 'PROPFIND', 'GETT'];

/** One request to `operation`, hostile in the part named by `focus`. */
export function httpRequest(operation: Operation, fixtures: Fixtures, focus: Focus): fc.Arbitrary<RawRequest> {
  const method = focus === 'headers' || focus === 'framing' ? fc.oneof({ arbitrary: fc.constant(operation.method), weight: 8 }, { arbitrary: fc.constantFrom(...METHODS), weight: 1 }) : fc.constant(operation.method);
  const body =
    focus === 'body' ? requestBody(operation.body) : operation.body ? validBody(operation.body) : fc.constant<GeneratedBody>({ kind: 'none', contentType: undefined, bytes: Buffer.alloc(0) });
  const headers = focus === 'headers' ? fc.tuple(hostileHost(fixtures), authorization(fixtures, true), hostileHeaders(fixtures)) : fc.tuple(fc.constant<[string, string][]>([['Host', fixtures.host]]), authorization(fixtures, false), fc.constant([]));
  return fc
    .record({ method, target: target(operation, fixtures, focus), headers, wire: body.chain((generated) => framed(generated, focus)) })
    .map(({ method: verb, target: path, headers: [host, auth, extra], wire }) => ({ method: verb, target: path, headers: [...host, ...auth, ...extra, ...wire.headers], body: wire.body, framingLie: wire.framingLie }));
}

/**
 * A page of the Angular app (server-rendered) as a browser's address bar or a crawler asks for it,
 * hostile in its path or in its headers.
 */
export function pageRequest(fixtures: Fixtures, focus: Extract<Focus, 'path' | 'headers'>): fc.Arbitrary<RawRequest> {
  const known = fc.constantFrom(...fixtures.slugs.map((slug) => `/article/${slug}`), ...fixtures.usernames.map((name) => `/profile/${name}`), '/', '/login', '/register', '/settings', '/editor');
  const hostile = fc
    .tuple(fc.constantFrom('/', '/article/', '/profile/', '/editor/', '/tag/', '/api/', '/ws/', '/assets/', '/media/', '/'), hostileSegment, fc.constantFrom('', '', '/', '/favorites', '?tab=%ff', '?page=99999999999999999999'))
    .map(([prefix, segment, tail]) => `${prefix}${segment}${tail}`);
  const headers =
    focus === 'headers'
      ? fc.tuple(hostileHost(fixtures), authorization(fixtures, true), hostileHeaders(fixtures), fc.constantFrom('text/html', '*/*', 'application/json', ''))
      : fc.tuple(fc.constant<[string, string][]>([['Host', fixtures.host]]), authorization(fixtures, false), fc.constant([]), fc.constant('text/html'));
  return fc
    .record({ target: focus === 'path' ? fc.oneof(known, hostile) : known, headers })
    .map(({ target: path, headers: [host, auth, extra, accept] }) => ({ method: 'GET', target: path, headers: [...host, ...auth, ...extra, ['Accept', accept]], body: Buffer.alloc(0), framingLie: false }));
}
