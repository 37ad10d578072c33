// A minimal WebSocket client over a bare TCP socket, for the load process only. A full client (`ws`,
// socket.io-client) spends more CPU receiving a message than a server spends sending it, so one
// load process of full clients caps every contender at the same rate (about 55,000 msg/s on 2
// cores) and hides the servers' differences. This one parses frame headers and hands over the
// payload bytes without decoding them; the same code receives from every contender.
const net = require('node:net');
const { randomBytes } = require('node:crypto');

const OPCODE_TEXT = 0x1;
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xa;

/** A masked client frame (RFC 6455 §5.3); the zero mask key leaves the payload as it is. */
function clientFrame(opcode, payload) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  if (body.length > 125) throw new Error('lean-socket sends only short frames');
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | body.length, 0, 0, 0, 0]), body]);
}

/**
 * Opens `url` (ws://host:port/path?query) and calls `onMessage(payload: Buffer)` for every text
 * frame. Answers pings itself. Resolves with `{ send(text), close() }` once the upgrade is done.
 * `localAddress` picks the source address (127.0.0.2, …: each has its own ephemeral ports).
 */
function connect(url, onMessage, { localAddress } = {}) {
  const { hostname, port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress });
    socket.setNoDelay(true);
    let pending = Buffer.alloc(0);
    let upgraded = false;
    const handle = {
      send: (text) => socket.write(clientFrame(OPCODE_TEXT, text)),
      close: () => socket.destroy(),
    };
    socket.once('error', reject);
    socket.on('connect', () => {
      socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (!upgraded) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = pending.subarray(0, pending.indexOf('\r\n')).toString();
        if (!status.includes(' 101 ')) return reject(new Error(`upgrade refused: ${status}`));
        upgraded = true;
        pending = pending.subarray(end + 4);
        resolve(handle);
      }
      let offset = 0;
      while (pending.length - offset >= 2) {
        const opcode = pending[offset] & 0x0f;
        let length = pending[offset + 1] & 0x7f;
        let header = 2;
        if (length === 126) {
          if (pending.length - offset < 4) break;
          length = pending.readUInt16BE(offset + 2);
          header = 4;
        } else if (length === 127) {
          if (pending.length - offset < 10) break;
          length = Number(pending.readBigUInt64BE(offset + 2));
          header = 10;
        }
        if (pending.length - offset < header + length) break;
        const payload = pending.subarray(offset + header, offset + header + length);
        offset += header + length;
        if (opcode === OPCODE_TEXT) onMessage(payload, handle);
        else if (opcode === OPCODE_PING) socket.write(clientFrame(OPCODE_PONG, payload));
        else if (opcode === OPCODE_CLOSE) socket.destroy();
      }
      pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
    });
  });
}

module.exports = { connect };
