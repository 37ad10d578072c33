// The load process of the replay storm: on "go", opens N sockets that each subscribe to `articles`
// from cursor "0" and, once they have the whole history, subscribe from "0" again; on "stop",
// closes them and answers with how many replays completed and how much was received.
const readline = require('node:readline');
const { connect } = require('./lean-socket.cjs');

const [url, countText, historyText] = process.argv.slice(2);
const socketCount = Number(countText);
const history = Number(historyText);

const CHANGE = Buffer.from('{"event":"change"');
const SUBSCRIBED = Buffer.from('{"event":"subscribed"');
const SUBSCRIBE_FROM_0 = JSON.stringify({ event: 'subscribe', data: { topic: 'articles', cursor: '0' } });
const startsWith = (payload, prefix) => payload.length >= prefix.length && payload.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

let storming = false;
let replays = 0;
let changes = 0;
let bytes = 0;
let subscribedOnce = 0;

async function open() {
  // Changes count from the `subscribed` answer on: frames of the replay it replaced came before it.
  let inReplay = 0;
  const socket = await connect(url, (payload, handle) => {
    if (startsWith(payload, CHANGE)) {
      changes += 1;
      bytes += payload.length;
      inReplay += 1;
      if (inReplay === history) {
        replays += 1;
        if (storming) handle.send(SUBSCRIBE_FROM_0);
      }
    } else if (startsWith(payload, SUBSCRIBED)) {
      inReplay = 0;
      subscribedOnce += 1;
      if (subscribedOnce === socketCount) process.stdout.write('STORMING\n');
    }
  });
  return socket;
}

async function main() {
  let sockets = [];
  let startedAt = 0;
  process.stdout.write('READY\n');
  readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    if (line === 'go') {
      replays = changes = bytes = subscribedOnce = 0;
      sockets = await Promise.all(Array.from({ length: socketCount }, open));
      storming = true;
      startedAt = performance.now();
      for (const socket of sockets) socket.send(SUBSCRIBE_FROM_0);
    } else if (line === 'stop') {
      // Closing ends the replays in flight too, so that the next idle round starts idle.
      storming = false;
      for (const socket of sockets) socket.close();
      const seconds = (performance.now() - startedAt) / 1000;
      process.stdout.write(`RESULT ${JSON.stringify({ replays, changes, megabytes: bytes / 1e6, seconds })}\n`);
    } else if (line === 'exit') {
      for (const socket of sockets) socket.close();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
