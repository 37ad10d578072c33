import { Logger, type INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';
import { CloseCode } from '@conduit/contract';
import { LogThrottle } from '../log-throttle';
import { parseLiveMessage, type ParsedMessage } from './live-message.parser';

type Callback = MessageMappingProperties['callback'];

/**
 * Frames a socket may have waiting behind the one being handled. The per-second limit closes a
 * flood first, unless handlers are slow (a store under load): this bounds the memory either way.
 */
export const MAX_QUEUED_FRAMES = 64;

/**
 * Nest's WsAdapter with a lean per-socket binding. The stock one builds an RxJS pipeline per socket
 * (fromEvent, share, mergeMap, takeUntil) to send back what handlers return; ours return nothing
 * (the hub writes to the socket), so one listener that validates and dispatches is enough, and it
 * costs a fraction of the memory per idle socket.
 *
 * PROTOCOL.md: a socket's frames are handled in the order sent. A handler that returns a promise
 * (auth, subscribe) holds the socket's later frames until it settles; while none is pending, frames
 * are handled as they arrive, without a queue.
 */
export class LiveWsAdapter extends WsAdapter {
  private readonly log = new Logger(LiveWsAdapter.name);
  /** Socket errors are the client's doing (a frame over 64 KiB, a broken frame): worth a line, not a flood. */
  private readonly socketWarnings = new LogThrottle(this.log);
  private readonly dispatchTables = new WeakMap<MessageMappingProperties[], Map<string, Callback>>();

  constructor(app: INestApplicationContext) {
    super(app, { messageParser: parseLiveMessage });
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket: WebSocket) =>
      socket.on('error', (error: Error & { code?: string }) => this.socketWarnings.warn(`socket-error:${error.code ?? error.name}`, `socket error: ${error.message}`)),
    );
    server.on('error', (error: Error) => this.log.error(error));
    return server;
  }

  override bindMessageHandlers(client: WebSocket, handlers: MessageMappingProperties[], _transform: (data: unknown) => Observable<unknown>): void {
    let table = this.dispatchTables.get(handlers);
    if (!table) {
      table = new Map(handlers.map((handler) => [handler.message as string, handler.callback]));
      this.dispatchTables.set(handlers, table);
    }
    const dispatch = table;
    const queue: ParsedMessage[] = [];
    let busy = false;
    const handle = (message: ParsedMessage): void => {
      const pending = this.dispatch(dispatch, message);
      if (!pending) return;
      busy = true;
      void pending.then(() => {
        busy = false;
        while (!busy && queue.length > 0) handle(queue.shift()!);
      });
    };
    client.on('message', (data) => {
      if (!busy) return handle(parseLiveMessage(data));
      if (queue.length >= MAX_QUEUED_FRAMES) return this.closeFlooding(client);
      queue.push(parseLiveMessage(data));
    });
  }

  /** Runs the handler of one frame; the promise it returned, if any, settled and never rejecting. */
  private dispatch(table: Map<string, Callback>, message: ParsedMessage): Promise<void> | undefined {
    const callback = table.get(message.event);
    if (!callback) return undefined;
    try {
      const result: unknown = callback(message.data, message.event);
      if (result instanceof Promise) return result.then(undefined, (error: unknown) => this.log.error(error));
    } catch (error) {
      this.log.error(error);
    }
    return undefined;
  }

  private closeFlooding(client: WebSocket): void {
    if (client.readyState !== client.OPEN) return;
    const message = `more than ${MAX_QUEUED_FRAMES} frames waiting to be handled`;
    this.socketWarnings.warn('queue-full', `closing a socket with 1008: ${message}`);
    client.send(JSON.stringify({ event: 'error', data: { code: 'RATE_LIMITED', message } }));
    client.close(CloseCode.PolicyViolation, message);
  }
}
