import { readFrame } from './wire-frame.reader';
import { CLIENT_FRAME_DATA, type ClientFrame, type ProtocolError } from './wire-frames';

export type ParsedClientFrame = { ok: true; frame: ClientFrame } | { ok: false; error: ProtocolError };

/** Validates one client text frame against PROTOCOL.md; never throws. A wrong frame is a BAD_REQUEST. */
export function parseClientFrame(text: string): ParsedClientFrame {
  const reading = readFrame(text, CLIENT_FRAME_DATA);
  if (reading.ok) return reading;
  const { message, event } = reading;
  return { ok: false, error: event ? { code: 'BAD_REQUEST', message, event } : { code: 'BAD_REQUEST', message } };
}
