// The control endpoint every contender exposes on its own port, so that the load process drives
// them all the same way: POST /burst?count=N (publish N changes), GET /memory, GET /cpu.
const { createServer } = require('node:http');

function now() {
  return performance.timeOrigin + performance.now();
}

/** An article as the RealWorld API returns it, stamped with the time it is published. */
function articlePayload(seq) {
  return {
    slug: `bench-article-${seq}`,
    title: `Bench article ${seq}`,
    description: 'A change published by the fan-out benchmark',
    body: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(8),
    tagList: ['bench', 'fanout'],
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    favorited: false,
    favoritesCount: 0,
    author: { username: 'bench', bio: null, image: null, following: false },
    publishedAt: now(),
  };
}

function startControl({ burst, extra = {} }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (url.pathname === '/burst') {
        const count = Number(url.searchParams.get('count') ?? 1);
        const interval = Number(url.searchParams.get('interval') ?? 0);
        if (interval > 0) {
          // Paced: one change every `interval` ms, to measure latency rather than queueing.
          for (let i = 0; i < count; i++) {
            await burst(1);
            await new Promise((resolve) => setTimeout(resolve, interval));
          }
        } else {
          await burst(count);
        }
        res.end('{}');
      } else if (url.pathname === '/memory') {
        global.gc?.();
        global.gc?.();
        res.end(JSON.stringify(process.memoryUsage()));
      } else if (url.pathname === '/cpu') {
        res.end(JSON.stringify(process.cpuUsage()));
      } else if (extra[url.pathname]) {
        res.end(JSON.stringify(await extra[url.pathname](url)));
      } else {
        res.statusCode = 404;
        res.end();
      }
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** The line the orchestrator waits for: where the socket and the control endpoint listen. */
function announce(wsPort, controlPort) {
  process.stdout.write(`BENCH-READY ${JSON.stringify({ wsPort, controlPort })}\n`);
}

module.exports = { articlePayload, startControl, announce, now };
