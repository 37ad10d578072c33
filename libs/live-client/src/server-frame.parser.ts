import { readFrame, SERVER_FRAME_DATA, type ServerFrame } from '@conduit/contract';

/**
 * Reads one text frame from the server. Returns null for anything that is not a frame of PROTOCOL.md, so
 * one bad frame is skipped instead of erroring the socket's Observable (rxjs would tear it down).
 */
export function parseServerFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null;
  const reading = readFrame(text, SERVER_FRAME_DATA);
  return reading.ok ? reading.frame : null;
}
