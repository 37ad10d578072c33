import { Logger, type INestApplicationContext } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { WebSocket, WebSocketServer } from 'ws';
import { LogThrottle } from './log-throttle';
import { parseLiveMessage } from './live-message.parser';

type Callback = MessageMappingProperties['callback'];

/**
 * Nest's WsAdapter with a lean per-socket binding. The stock one builds an RxJS pipeline per socket
 * (fromEvent, share, mergeMap, takeUntil) to send back what handlers return; ours return nothing
 * (the hub writes to the socket), so one listener that validates and dispatches is enough, and it
 * costs a fraction of the memory per idle socket.
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
    client.on('message', (data) => {
      const message = parseLiveMessage(data);
      const callback = dispatch.get(message.event);
      if (!callback) return;
      try {
        const result: unknown = callback(message.data, message.event);
        if (result instanceof Promise) result.catch((error: unknown) => this.log.error(error));
      } catch (error) {
        this.log.error(error);
      }
    });
  }
}
