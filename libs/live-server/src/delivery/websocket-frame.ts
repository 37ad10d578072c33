import type { ServerFrame } from '@conduit/contract';

/**
 * A complete server-to-client WebSocket text frame (RFC 6455 §5.2: FIN, opcode 1, unmasked), so a
 * change going to thousands of sockets is framed once instead of by `ws` for every socket.
 */
export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  payload.copy(frame, headerLength);
  return frame;
}

/** A frame that goes to many sockets, serialized and framed once. */
export function encodeServerFrame(frame: ServerFrame): Buffer {
  return encodeTextFrame(Buffer.from(JSON.stringify(frame)));
}
