// The load process of the presence scenario: one watcher socket stays on the article; on "join",
// N more sockets subscribe to its comments topic at once, and the process answers once every socket's
// `presence` says N + 1 readers; on "leave" they all close, and it answers once the watcher's says 1.
// Every socket counts the `presence` frames it gets: what the server sent, per second of the phase.
const readline = require('node:readline');
const { connect } = require('./lean-socket.cjs');

const [url, topic, countText] = process.argv.slice(2);
const count = Number(countText);
const SUBSCRIBE = JSON.stringify({ event: 'subscribe', data: { topic } });
const PRESENCE = Buffer.from('{"event":"presence"');
const isPresence = (payload) => payload.length >= PRESENCE.length && payload.compare(PRESENCE, 0, PRESENCE.length, 0, PRESENCE.length) === 0;

let frames = 0;
let awaited = null;

/** The watcher's reader count, read without parsing the whole frame. */
function readersOf(payload) {
  const match = /"readers":(\d+)/.exec(payload.toString('latin1', 0, 600));
  return match ? Number(match[1]) : -1;
}

async function main() {
  const watcher = await connect(url, (payload) => {
    if (!isPresence(payload)) return;
    frames += 1;
    if (awaited && readersOf(payload) === awaited.readers) awaited.resolve();
  });
  const until = (readers) => new Promise((resolve) => (awaited = { readers, resolve }));
  let ready = until(1);
  watcher.send(SUBSCRIBE);
  await ready;
  let crowd = [];
  process.stdout.write('READY\n');
  readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    if (line === 'join') {
      frames = 0;
      const started = performance.now();
      let counted = 0;
      let everyone;
      const allCounted = new Promise((resolve) => (everyone = resolve));
      const countedOne = () => (counted += 1) === count + 1 && everyone();
      until(count + 1).then(countedOne);
      crowd = await Promise.all(
        Array.from({ length: count }, () => {
          let done = false;
          return connect(url, (payload) => {
            if (!isPresence(payload)) return;
            frames += 1;
            if (!done && readersOf(payload) === count + 1) {
              done = true;
              countedOne();
            }
          });
        }),
      );
      for (const socket of crowd) socket.send(SUBSCRIBE);
      await allCounted;
      process.stdout.write(`JOINED ${JSON.stringify({ frames, seconds: (performance.now() - started) / 1000 })}\n`);
    } else if (line === 'leave') {
      frames = 0;
      const started = performance.now();
      const left = until(1);
      for (const socket of crowd) socket.close();
      crowd = [];
      await left;
      process.stdout.write(`LEFT ${JSON.stringify({ frames, seconds: (performance.now() - started) / 1000 })}\n`);
    } else if (line === 'exit') {
      watcher.close();
      process.exit(0);
    }
  });
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
