// The load process: opens N subscribed clients against one contender, then, on each "go" line on
// stdin, counts what arrives until every client has every change, and answers with the figures.
// Every contender is received by the same lean client (lean-socket.cjs), which speaks either our
// protocol (the bare ws server answers it too) or Socket.IO's framing over a WebSocket.
const readline = require('node:readline');
const { connect } = require('./lean-socket.cjs');

// `sources`: spread the sockets over that many loopback source addresses, 127.0.0.<firstSource>
// onwards, so that more sockets can be open than one address has ephemeral ports (many-sockets).
const [kind, url, countText, sourcesText = '0', firstSourceText = '2'] = process.argv.slice(2);
const clientCount = Number(countText);
const sources = Number(sourcesText);
let opened = 0;
const nextSource = () => (sources > 0 ? { localAddress: `127.0.0.${Number(firstSourceText) + (opened++ % sources)}` } : {});
const now = () => performance.timeOrigin + performance.now();

let expected = 0;
let received = 0;
let startedAt = 0;
let lastAt = 0;
let latencies = [];
let done = null;

const PUBLISHED_AT = Buffer.from('"publishedAt":');
// Articles written over REST carry their send time in the description instead.
const DESCRIPTION = Buffer.from('"description":"');

/** The decimal number right after `marker` in `payload`, read without decoding the rest. */
function numberAfter(payload, marker) {
  const at = payload.indexOf(marker);
  if (at < 0) return NaN;
  let end = at + marker.length;
  while (end < payload.length && ((payload[end] >= 0x30 && payload[end] <= 0x39) || payload[end] === 0x2e)) end += 1;
  return Number(payload.toString('latin1', at + marker.length, end));
}

function onChange(payload) {
  const at = now();
  received += 1;
  lastAt = at;
  let publishedAt = numberAfter(payload, PUBLISHED_AT);
  if (Number.isNaN(publishedAt)) publishedAt = numberAfter(payload, DESCRIPTION);
  if (latencies.length < 2_000_000) latencies.push(at - publishedAt);
  if (received >= expected && done) done();
}

const startsWith = (payload, prefix) => payload.length >= prefix.length && payload.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

const LIVE_CHANGE = Buffer.from('{"event":"change"');
const LIVE_SUBSCRIBED = Buffer.from('{"event":"subscribed"');

function openLive() {
  return new Promise((resolve, reject) => {
    let socket;
    connect(
      url,
      (payload) => {
        if (startsWith(payload, LIVE_CHANGE)) onChange(payload);
        else if (startsWith(payload, LIVE_SUBSCRIBED)) resolve(socket);
      },
      nextSource(),
    ).then((handle) => {
      socket = handle;
      socket.send(JSON.stringify({ event: 'subscribe', data: { topic: 'articles' } }));
    }, reject);
  });
}

// Engine.IO v4 packets: 0 open, 2 ping, 3 pong, 4 message; Socket.IO inside a message: 0 connect,
// 2 event, 3 ack. So "42" is an event, "430" the answer to the subscribe sent with ack id 0.
const SIO_CHANGE = Buffer.from('42["change"');
const SIO_ACK = Buffer.from('430');
const SIO_CONNECTED = Buffer.from('40');

function openSocketIo() {
  return new Promise((resolve, reject) => {
    let socket;
    connect(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, (payload, handle) => {
      if (startsWith(payload, SIO_CHANGE)) onChange(payload);
      else if (payload.length === 1 && payload[0] === 0x32) handle.send('3');
      else if (payload[0] === 0x30) handle.send('40');
      else if (startsWith(payload, SIO_ACK)) resolve(socket);
      else if (startsWith(payload, SIO_CONNECTED)) handle.send('420["subscribe",{"topic":"articles"}]');
    }).then((opened) => (socket = opened), reject);
  });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

async function main() {
  const open = kind === 'socketio' ? openSocketIo : openLive;
  const clients = [];
  // In waves, so the listen backlog is never overrun.
  for (let i = 0; i < clientCount; i += 250) {
    const wave = Math.min(250, clientCount - i);
    clients.push(...(await Promise.all(Array.from({ length: wave }, open))));
  }
  process.stdout.write(`READY ${clients.length}\n`);
  let deadline;
  const finish = () => {
    done = null;
    clearTimeout(deadline);
    latencies.sort((a, b) => a - b);
    const seconds = (lastAt - startedAt) / 1000;
    process.stdout.write(
      `RESULT ${JSON.stringify({ received, expected, perSecond: received / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) })}\n`,
    );
  };
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, changes] = line.split(' ');
    if (command === 'exit') {
      for (const client of clients) client.close();
      process.exit(0);
    } else if (command === 'go') {
      expected = Number(changes) * clients.length;
      received = 0;
      latencies = [];
      startedAt = now();
      done = finish;
      // A change that is never delivered must still end the round, with the loss in the figures.
      deadline = setTimeout(() => done?.(), 120_000);
      // Armed before the orchestrator triggers the burst, so that no change can arrive uncounted.
      process.stdout.write('ARMED\n');
    } else if (command === 'deadline') {
      // The writes are done: what has not arrived within this many ms is reported as not delivered.
      clearTimeout(deadline);
      deadline = setTimeout(() => done?.(), Number(changes));
    } else if (command === 'expect') {
      // Fewer changes than announced were written (failed inserts): wait only for those.
      expected = Number(changes) * clients.length;
      if (received >= expected) done?.();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
