// The ceiling: a bare `ws` server that serializes each change once and sends it to every subscriber.
const { WebSocketServer } = require('ws');
const { articlePayload, startControl, announce } = require('./control.cjs');

const subscribers = new Set();
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/ws' });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.event !== 'subscribe') return;
    subscribers.add(socket);
    socket.send(JSON.stringify({ event: 'subscribed', data: { topic: frame.data.topic, cursor: '0' } }));
  });
  socket.on('close', () => subscribers.delete(socket));
});

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
