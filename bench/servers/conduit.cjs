// Our stack: the real app (REST, /ws gateway, hub, tailer, bus) from the build. The fan-out burst
// publishes changes on our bus exactly as a commit would, so the gateway path is measured alone;
// the end-to-end scenario goes through POST /api/articles instead.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { articlePayload, startControl, announce } = require('./control.cjs');

const dist = resolve(__dirname, '..', '..', 'dist', 'api');
const { createApp } = require(join(dist, 'apps/api/src/bootstrap.js'));
const { loadConfig } = require(join(dist, 'apps/api/src/config/app-config.js'));
const { ChangeBus, StreamTailer } = require(join(dist, 'libs/live-server/src/testing.js'));

async function main() {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'conduit-bench-')), WS_MAX_FRAMES_PER_SECOND: '100000', WS_MAX_SOCKETS_PER_ADDRESS: '0', ...process.env };
  // Bursts are published straight on the bus: no poll may read the (empty) table meanwhile.
  env.STREAM_POLL_INTERVAL_MS = env.BENCH_FEED_FROM_BUS === '1' ? '60000' : env.STREAM_POLL_INTERVAL_MS ?? '1000';
  const config = { ...loadConfig(env), webDistDir: null };
  const app = await createApp(config, { logger: ['error', 'fatal'] });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  const bus = app.get(ChangeBus);
  const tailer = app.get(StreamTailer);
  const controlPort = await startControl({
    burst: async (count) => {
      for (let i = 0; i < count; i++) {
        const id = String(BigInt(tailer.position ?? '0') + 1n);
        const data = articlePayload(id);
        bus.publish([{ topic: 'articles', cursor: id, type: 'created', entity: 'article', key: data.slug, audience: null, payload: JSON.stringify(data) }]);
      }
    },
  });
  announce(app.getHttpServer().address().port, controlPort);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
