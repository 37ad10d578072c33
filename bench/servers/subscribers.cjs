// What both bare `ws` contenders do with a socket: answer our `subscribe` frame and keep the socket
// in the set every change is sent to, until it closes.
function acceptSubscribers(wss) {
  const subscribers = new Set();
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event !== 'subscribe') return;
      subscribers.add(socket);
      socket.send(JSON.stringify({ event: 'subscribed', data: { topic: frame.data.topic, cursor: '0' } }));
    });
    socket.on('close', () => subscribers.delete(socket));
  });
  return subscribers;
}

module.exports = { acceptSubscribers };
