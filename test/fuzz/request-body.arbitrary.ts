import fc from 'fast-check';
import { deepJsonText, hostileJsonValue, hostileString, hugeString } from './hostile-values.arbitrary';
import { nearValid, splicedText } from './json-mutation';
import type { Schema } from './openapi-operations';

export interface GeneratedBody {
  kind: 'valid' | 'near-valid' | 'deep' | 'huge' | 'garbage' | 'none';
  contentType: string | undefined;
  bytes: Buffer;
}

/** A value of the schema's shape, with values the API accepts most of the time. */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(property)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}), { maxLength: Math.min(schema.maxItems ?? 5, 5) });
    case 'integer':
      return fc.integer({ min: 0, max: 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return validString(schema);
    default:
      return hostileJsonValue;
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uri') return fc.webUrl();
  const minLength = schema.minLength ?? 1;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 60, 60));
  return fc.oneof(
    fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.stringMatching(/^[a-z0-9_-]{8,20}$/),
  );
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json, text/plain',
  ';;;',
];

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 8 },
  { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const garbageBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'binary', maxLength: 300 }).map((text) => Buffer.from(text)),
  fc.json().chain((text) => fc.nat({ max: text.length }).map((cut) => Buffer.from(text.slice(0, cut)))),
  hostileJsonValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'undefined')),
);

/** A body the route accepts, as a well-behaved client sends it. */
export function validBody(schema: Schema): fc.Arbitrary<GeneratedBody> {
  return validValue(schema).map((value): GeneratedBody => ({ kind: 'valid', contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) }));
}

/** A body for a route: mostly of the route's shape, then near it, then nothing like it. */
export function requestBody(schema: Schema | undefined): fc.Arbitrary<GeneratedBody> {
  const shape = schema ?? { type: 'object', properties: { user: { type: 'object' } } };
  const json = (kind: GeneratedBody['kind'], text: fc.Arbitrary<string>) =>
    fc.tuple(text, contentType).map(([body, type]): GeneratedBody => ({ kind, contentType: type, bytes: Buffer.from(body) }));
  return fc.oneof(
    { arbitrary: json('valid', validValue(shape).map((value) => JSON.stringify(value))), weight: schema ? 4 : 1 },
    { arbitrary: json('near-valid', nearValid(validValue(shape)).map((value) => JSON.stringify(value) ?? '')), weight: 4 },
    { arbitrary: json('deep', splicedText(validValue(shape), deepJsonText)), weight: 2 },
    { arbitrary: json('huge', splicedText(validValue(shape), hugeString.map((text) => JSON.stringify(text)))), weight: 1 },
    { arbitrary: json('near-valid', splicedText(validValue(shape), hostileString.map((text) => JSON.stringify(text)))), weight: 1 },
    { arbitrary: fc.tuple(garbageBytes, contentType).map(([bytes, type]): GeneratedBody => ({ kind: 'garbage', contentType: type, bytes })), weight: 2 },
    { arbitrary: fc.constant<GeneratedBody>({ kind: 'none', contentType: undefined, bytes: Buffer.alloc(0) }), weight: 1 },
  );
}
