import fc from 'fast-check';

/** Strings that broke, or could break, a parser, a validator, a path or a template somewhere. */
const KNOWN_HOSTILE = [
  '',
  ' ',
  '.',
  '..',
  '../../etc/passwd',
  '%',
  '%ff',
  '%00',
  '%2e%2e',
  '%252e',
  '\u0000',
  'a\u0000b',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e400',
  '99999999999999999999',
  '-99999999999999999999',
  '0x10',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  "' OR 1=1 --",
  'ａｌｉｃｅ',
  'Ａ\u0301\u200d\u202e',
  '\ud800',
  '\udfff\ud800',
  '🧨'.repeat(40),
  'localhost:3000@evil.example',
];

/** A short string anywhere from a known-hostile one to random unicode, lone surrogates included. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_HOSTILE), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

/** A string far over any field's limit and, at the top, over the body limit (256 KiB). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 300_000 }), fc.constantFrom('a', 'é', '🧨', '%', '\\', '"'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Numbers JSON can carry that code often does not expect. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, with the strings and numbers above mixed in. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'user', 'article', 'comment', 'a'), hostileString), weight: 1 },
);

/**
 * JSON text nested far deeper than any body needs (arrays, objects or both), as text: building it as
 * a value would overflow the test's own stack in JSON.stringify, as it did the server's validator.
 */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => {
    const open = shape === 'array' ? '[' : shape === 'object' ? '{"a":' : '[{"a":';
    const close = shape === 'array' ? ']' : shape === 'object' ? '}' : '}]';
    const levels = shape === 'mixed' ? Math.ceil(depth / 2) : depth;
    return `${open.repeat(levels)}1${close.repeat(levels)}`;
  });
