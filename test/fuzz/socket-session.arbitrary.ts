import fc from 'fast-check';
import { deepJsonText, hostileString, hugeString } from './hostile-values.arbitrary';
import type { Fixtures } from './http-request.arbitrary';
import { nearValid, splicedText } from './json-mutation';
import { Opcode, type WireFrame } from './raw-websocket';

/** One socket's life as the fuzzer plays it: the upgrade's headers, then frames written in arbitrary TCP chunks. */
export interface SocketSession {
  headers: [string, string][];
  frames: WireFrame[];
  /** Cut points into the concatenated frame bytes, as fractions: each piece is its own TCP write. */
  cuts: number[];
}

/** A frame of PROTOCOL.md's client table, with the names and tokens that exist on the server. */
function protocolFrame(fixtures: Fixtures): fc.Arbitrary<unknown> {
  const topic = fc.oneof(
    fc.constantFrom('articles', 'feed', ...fixtures.slugs.map((slug) => `articles/${slug}/comments`)),
    fc.constantFrom('articles/', 'articles//comments', 'articles/../comments', 'Articles', 'feed/x', 'articles/%ff/comments'),
    hostileString.map((slug) => `articles/${slug}/comments`),
  );
  const cursor = fc.option(fc.oneof(fc.nat({ max: 100 }).map(String), fc.constantFrom('0', '99999999999999999999999999', '-1', '1.5', '', '0x1', '１'), fc.bigInt({ min: 0n }).map(String)), { nil: undefined });
  const token = fc.oneof(fc.constantFrom(...fixtures.tokens), hostileString);
  return fc.oneof(
    token.map((value) => ({ event: 'auth', data: { token: value } })),
    fc.tuple(topic, cursor).map(([name, from]) => ({ event: 'subscribe', data: from === undefined ? { topic: name } : { topic: name, cursor: from } })),
    topic.map((name) => ({ event: 'unsubscribe', data: { topic: name } })),
    topic.map((name) => ({ event: 'typing', data: { topic: name } })),
  );
}

/** The payload of one message: valid, near-valid, or nothing like the protocol; rarely over the 64 KiB frame limit. */
function messagePayload(fixtures: Fixtures): fc.Arbitrary<Buffer> {
  const valid = protocolFrame(fixtures);
  return fc.oneof(
    { arbitrary: valid.map((frame) => Buffer.from(JSON.stringify(frame))), weight: 5 },
    { arbitrary: nearValid(valid).map((frame) => Buffer.from(JSON.stringify(frame) ?? '')), weight: 4 },
    { arbitrary: splicedText(valid, deepJsonText.filter((text) => text.length < 60_000)).map((text) => Buffer.from(text)), weight: 1 },
    { arbitrary: hostileString.map((text) => Buffer.from(text)), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
    { arbitrary: fc.json().map((text) => Buffer.from(text)), weight: 1 },
    { arbitrary: hugeString.filter((text) => text.length > 70_000).map((text) => Buffer.from(text)), weight: 1 },
  );
}

const mask: fc.Arbitrary<Buffer | null> = fc.oneof({ arbitrary: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((bytes) => Buffer.from(bytes)), weight: 20 }, { arbitrary: fc.constant(null), weight: 1 });

/** Splits a message into fragments (RFC 6455 §5.4), maybe with control frames between them, as a client may. */
function messageFrames(fixtures: Fixtures): fc.Arbitrary<WireFrame[]> {
  return fc
    .record({
      payload: messagePayload(fixtures),
      opcode: fc.oneof({ arbitrary: fc.constant<number>(Opcode.Text), weight: 6 }, { arbitrary: fc.constant<number>(Opcode.Binary), weight: 1 }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }),
      interleavedPing: fc.boolean(),
      masks: fc.array(mask, { minLength: 5, maxLength: 5 }),
    })
    .map(({ payload, opcode, cuts, interleavedPing, masks }) => {
      const offsets = [...new Set(cuts.map((cut) => Math.floor(cut * payload.length)))].sort((a, b) => a - b);
      const bounds = [0, ...offsets.filter((offset) => offset > 0 && offset < payload.length), payload.length];
      const fragments = bounds.slice(1).map((end, index): WireFrame => ({
        fin: index === bounds.length - 2,
        rsv: 0,
        opcode: index === 0 ? opcode : Opcode.Continuation,
        mask: masks[index % masks.length],
        payload: payload.subarray(bounds[index], end),
      }));
      if (interleavedPing && fragments.length > 1) fragments.splice(1, 0, { fin: true, rsv: 0, opcode: Opcode.Ping, mask: masks[4], payload: Buffer.from('fuzz') });
      return fragments;
    });
}

/** Frames no well-behaved client sends: reserved bits and opcodes, a lone continuation, oversized or fragmented control frames, closes with any code. */
const illegalFrame: fc.Arbitrary<WireFrame> = fc.oneof(
  fc.record({ fin: fc.boolean(), rsv: fc.integer({ min: 0, max: 7 }), opcode: fc.integer({ min: 0, max: 15 }), mask, payload: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) }),
  fc.record({ fin: fc.constant(true), rsv: fc.constant(0), opcode: fc.constantFrom<number>(Opcode.Ping, Opcode.Pong), mask, payload: fc.uint8Array({ maxLength: 130 }).map((bytes) => Buffer.from(bytes)) }),
  fc
    .tuple(fc.integer({ min: 0, max: 5000 }), fc.string({ unit: 'binary', maxLength: 130 }), mask)
    .map(([code, reason, key]): WireFrame => {
      const payload = Buffer.concat([Buffer.alloc(2), Buffer.from(reason)]);
      payload.writeUInt16BE(code);
      return { fin: true, rsv: 0, opcode: Opcode.Close, mask: key, payload };
    }),
);

/** The upgrade's extra headers: no Origin (a CLI), the app's own, or a foreign or broken one. */
function upgradeHeaders(fixtures: Fixtures): fc.Arbitrary<[string, string][]> {
  const host: [string, string] = ['Host', fixtures.host];
  return fc.oneof(
    { arbitrary: fc.constant<[string, string][]>([host]), weight: 6 },
    { arbitrary: fc.constant<[string, string][]>([host, ['Origin', `http://${fixtures.host}`]]), weight: 2 },
    { arbitrary: fc.constantFrom('http://evil.example', 'null', '%ff', '', 'http://[::1', `http://${fixtures.host}@evil.example`).map((origin): [string, string][] => [host, ['Origin', origin]]), weight: 1 },
    { arbitrary: hostileString.map((value): [string, string][] => [['Host', value.replace(/[\r\n]/g, '')], ['Origin', `http://${fixtures.host}`]]), weight: 1 },
  );
}

/** A session: mostly protocol messages (whole or fragmented), sometimes an illegal frame among them. */
export function socketSession(fixtures: Fixtures): fc.Arbitrary<SocketSession> {
  const step = fc.oneof({ arbitrary: messageFrames(fixtures), weight: 12 }, { arbitrary: illegalFrame.map((frame) => [frame]), weight: 1 });
  return fc.record({
    headers: upgradeHeaders(fixtures),
    frames: fc.array(step, { minLength: 1, maxLength: 12 }).map((steps) => steps.flat()),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  });
}
