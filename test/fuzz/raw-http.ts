import { connect } from 'node:net';

/** One request as bytes on the wire: nothing is normalised, so lies (Content-Length, Host) reach the server as written. */
export interface RawRequest {
  method: string;
  /** The request target exactly as sent: percent-encoding, dots and raw bytes included. */
  target: string;
  headers: [string, string][];
  body: Buffer;
  /**
   * The framing promises more body than is sent (a long Content-Length, an unfinished chunked body):
   * the connection is half-closed after the bytes so that the server sees their end, and the server
   * may then close it without an answer.
   */
  framingLie: boolean;
}

export interface RawExchange {
  /** The status of every response on the connection, in order (a short Content-Length makes a second request). */
  statuses: number[];
  /** The first response's head, for a failure message. */
  head: string;
}

const STALL_MS = 20_000;

const STATUS_LINE = /(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g;

/** What a reader needs to see of a request in a failure message: the bytes, cut where they stop being readable. */
export function describeRequest(request: RawRequest): string {
  const body = request.body.length > 200 ? `${request.body.subarray(0, 200).toString('latin1')}… (${request.body.length} bytes)` : request.body.toString('latin1');
  return `${request.method} ${request.target}\n${request.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${body}`;
}

export function encodeRequest(request: RawRequest): Buffer {
  const headers = [...request.headers, ['Connection', 'close']];
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), request.body]);
}

/**
 * Sends the request on a connection of its own (`Connection: close`, so the server closes it after
 * answering) and reads until it is closed. An event stream never ends, so its head is all that is
 * read. Resolves with no status when the server closed without answering.
 */
export function exchange(host: string, port: number, request: RawRequest): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    // A stall is a finding too: it fails with the request, not as the whole test's timeout.
    const stalled = setTimeout(() => {
      reject(new Error(`no answer within ${STALL_MS} ms, the connection still open: ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}\n${describeRequest(request)}`));
      socket.destroy();
    }, STALL_MS);
    const finish = () => {
      clearTimeout(stalled);
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(STATUS_LINE)].map((match) => Number(match[1]));
      const headEnd = text.indexOf('\r\n\r\n');
      resolve({ statuses, head: headEnd < 0 ? text.slice(0, 500) : text.slice(0, headEnd) });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd >= 0 && /\r\ncontent-type: text\/event-stream/i.test(text.slice(0, headEnd))) socket.destroy();
    });
    socket.once('close', finish);
    // The server may reset a connection it refused mid-body; what it had sent is still the answer.
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    // Half-closing an honest request would make Node drop its answer; a lying one needs it to end.
    socket.once('connect', () => (request.framingLie ? socket.end(encodeRequest(request)) : socket.write(encodeRequest(request))));
  });
}
