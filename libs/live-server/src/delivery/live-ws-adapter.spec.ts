import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { EMPTY } from 'rxjs';
import type { WebSocket } from 'ws';
import { LiveWsAdapter, MAX_QUEUED_FRAMES } from './live-ws-adapter';

/** Just what the adapter touches of a ws socket. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: string[] = [];
  closedWith?: number;
  send(text: string): void {
    this.sent.push(text);
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  frame(event: string, data: object = {}): void {
    this.emit('message', Buffer.from(JSON.stringify({ event, data })));
  }
}

function bind(handlers: Record<string, (data: unknown) => unknown>): FakeSocket {
  const socket = new FakeSocket();
  const mappings = Object.entries(handlers).map(([message, callback]) => ({ message, methodName: message, callback }) as unknown as MessageMappingProperties);
  new LiveWsAdapter({} as never).bindMessageHandlers(socket as unknown as WebSocket, mappings, () => EMPTY);
  return socket;
}

describe('LiveWsAdapter', () => {
  it('holds the frames after one whose handler is still pending, then handles them in the order sent', async () => {
    const handled: string[] = [];
    let finishAuth!: () => void;
    const socket = bind({
      auth: () => new Promise<void>((resolve) => (finishAuth = () => (handled.push('auth'), resolve()))),
      subscribe: (data) => handled.push(`subscribe ${(data as { topic: string }).topic}`),
      unsubscribe: () => handled.push('unsubscribe'),
    });
    socket.frame('auth', { token: 't' });
    socket.frame('subscribe', { topic: 'feed' });
    socket.frame('unsubscribe', { topic: 'feed' });
    expect(handled).toEqual([]);
    finishAuth();
    await new Promise(setImmediate);
    expect(handled).toEqual(['auth', 'subscribe feed', 'unsubscribe']);
  });

  it('handles frames at once while nothing is pending', () => {
    const handled: string[] = [];
    const socket = bind({ unsubscribe: (data) => handled.push((data as { topic: string }).topic) });
    socket.frame('unsubscribe', { topic: 'a' });
    socket.frame('unsubscribe', { topic: 'b' });
    expect(handled).toEqual(['a', 'b']);
  });

  it('keeps the order after a handler that fails', async () => {
    const handled: string[] = [];
    const socket = bind({ auth: () => Promise.reject(new Error('store away')), unsubscribe: () => handled.push('unsubscribe') });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    socket.frame('auth', { token: 't' });
    socket.frame('unsubscribe', { topic: 'a' });
    await new Promise(setImmediate);
    expect(handled).toEqual(['unsubscribe']);
    expect(logged).toHaveBeenCalledWith(new Error('store away'));
    logged.mockRestore();
  });

  it(`closes with 1008 a socket that has more than ${MAX_QUEUED_FRAMES} frames waiting behind a pending one`, () => {
    const socket = bind({ auth: () => new Promise(() => undefined), unsubscribe: () => undefined });
    socket.frame('auth', { token: 't' });
    for (let i = 0; i < MAX_QUEUED_FRAMES; i++) socket.frame('unsubscribe', { topic: 'a' });
    expect(socket.closedWith).toBeUndefined();
    socket.frame('unsubscribe', { topic: 'a' });
    expect(socket.closedWith).toBe(1008);
    expect(JSON.parse(socket.sent[0])).toEqual({ event: 'error', data: { code: 'RATE_LIMITED', message: `more than ${MAX_QUEUED_FRAMES} frames waiting to be handled` } });
  });
});
