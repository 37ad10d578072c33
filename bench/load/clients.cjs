// The load process: opens N subscribed clients against one contender, then, on each "go" line on
// stdin, counts what arrives until every client has every change, and answers with the figures.
const readline = require('node:readline');
const WebSocket = require('ws');

const [kind, url, countText] = process.argv.slice(2);
const clientCount = Number(countText);
const now = () => performance.timeOrigin + performance.now();

let expected = 0;
let received = 0;
let startedAt = 0;
let lastAt = 0;
let latencies = [];
let done = null;

function onChange(publishedAt) {
  const at = now();
  received += 1;
  lastAt = at;
  if (latencies.length < 2_000_000) latencies.push(at - publishedAt);
  if (received === expected && done) done();
}

function openWs() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ event: 'subscribe', data: { topic: 'articles' } })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data);
      if (frame.event === 'subscribed') resolve(socket);
      // Fan-out payloads carry publishedAt; articles written over REST carry their send time in the description.
      else if (frame.event === 'change') onChange(frame.data.data.publishedAt ?? Number(frame.data.data.description));
    });
  });
}

function openSocketIo() {
  const { io } = require('socket.io-client');
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on('connect_error', reject);
    socket.on('connect', () => socket.emit('subscribe', { topic: 'articles' }, () => resolve(socket)));
    socket.on('change', (change) => onChange(change.data.publishedAt));
  });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

async function main() {
  const open = kind === 'socketio' ? openSocketIo : openWs;
  const clients = [];
  // In waves, so the listen backlog is never overrun.
  for (let i = 0; i < clientCount; i += 250) {
    const wave = Math.min(250, clientCount - i);
    clients.push(...(await Promise.all(Array.from({ length: wave }, open))));
  }
  process.stdout.write(`READY ${clients.length}\n`);
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line === 'exit') break;
    const [command, changes] = line.split(' ');
    if (command !== 'go') continue;
    expected = Number(changes) * clients.length;
    received = 0;
    latencies = [];
    startedAt = now();
    // Armed before the orchestrator triggers the burst, so that no change can arrive uncounted.
    process.stdout.write('ARMED\n');
    await new Promise((resolve) => {
      done = resolve;
      const timeout = setTimeout(resolve, 120_000);
      timeout.unref();
    });
    done = null;
    latencies.sort((a, b) => a - b);
    const seconds = (lastAt - startedAt) / 1000;
    process.stdout.write(
      `RESULT ${JSON.stringify({ received, expected, perSecond: received / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) })}\n`,
    );
  }
  for (const client of clients) (client.close ?? client.disconnect).call(client);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
