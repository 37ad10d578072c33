// The ceiling: a bare `ws` server that serializes each change once and sends it to every subscriber.
const { WebSocketServer } = require('ws');
const { articlePayload, startControl, announce } = require('./control.cjs');
const { acceptSubscribers } = require('./subscribers.cjs');

const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
const subscribers = acceptSubscribers(wss);

let cursor = 0;
wss.on('listening', async () => {
  const controlPort = await startControl({
    burst: async (count) => {
      for (let i = 0; i < count; i++) {
        cursor += 1;
        const data = articlePayload(cursor);
        const frame = Buffer.from(JSON.stringify({ event: 'change', data: { topic: 'articles', cursor: String(cursor), type: 'created', entity: 'article', key: data.slug, data } }));
        for (const socket of subscribers) socket.send(frame, { binary: false });
      }
    },
  });
  announce(wss.address().port, controlPort);
});
