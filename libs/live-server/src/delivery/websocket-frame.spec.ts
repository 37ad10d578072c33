import { Receiver } from 'ws';
import { encodeTextFrame } from './websocket-frame';

/** What a WebSocket client makes of the bytes: decoded by ws's own parser, as a browser would. */
function decode(frame: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? reject(new Error('binary frame')) : resolve(data.toString())));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('encodeTextFrame', () => {
  // Each length form of RFC 6455: 7-bit, 16-bit (126) and 64-bit (127), at their edges.
  it.each([0, 125, 126, 65_535, 65_536, 200_000])('frames a %i-byte payload as one text frame a client decodes', async (length) => {
    const text = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
    const frame = encodeTextFrame(Buffer.from(text));
    expect(await decode(frame)).toBe(text);
  });
});
