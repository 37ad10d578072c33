// What users often pick instead: Socket.IO broadcasting each change to a room.
const { createServer } = require('node:http');
const { Server } = require('socket.io');
const { articlePayload, startControl, announce } = require('./control.cjs');

const http = createServer();
const io = new Server(http, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', ({ topic }, ack) => {
    socket.join(topic);
    ack?.({ topic, cursor: '0' });
  });
});

let cursor = 0;
http.listen(0, '127.0.0.1', async () => {
  const controlPort = await startControl({
    burst: async (count) => {
      for (let i = 0; i < count; i++) {
        cursor += 1;
        const data = articlePayload(cursor);
        io.to('articles').emit('change', { topic: 'articles', cursor: String(cursor), type: 'created', entity: 'article', key: data.slug, data });
      }
    },
  });
  announce(http.address().port, controlPort);
});
