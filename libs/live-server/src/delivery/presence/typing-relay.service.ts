import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { TYPING_INTERVAL_MS, type ErrorCode, type TypingNotice } from '@conduit/contract';
import type { SocketSubscriber } from '../socket-subscriber';
import { encodeServerFrame } from '../websocket-frame';
import { PresenceBoard } from './presence-board';
import { PresenceService } from './presence.service';

/**
 * `typing` from a signed-in reader of a topic goes to the topic's other readers, on every instance.
 * One per socket every TYPING_INTERVAL_MS at most: the client sends no faster, and a socket that does
 * must not make every reader of the article repaint.
 */
@Injectable()
export class TypingRelay implements OnModuleInit, OnModuleDestroy {
  private readonly lastRelayedAt = new WeakMap<SocketSubscriber, number>();
  private boardSubscription?: Subscription;

  constructor(
    private readonly presence: PresenceService,
    private readonly board: PresenceBoard,
  ) {}

  onModuleInit(): void {
    this.boardSubscription = this.board.typing$.subscribe((notice) => this.deliver(notice));
  }

  onModuleDestroy(): void {
    this.boardSubscription?.unsubscribe();
  }

  relay(connection: SocketSubscriber, topic: string, now = Date.now()): void {
    const user = connection.user;
    if (!user) return refuse(connection, 'UNAUTHORIZED', 'typing needs auth first');
    if (!this.presence.isReader(connection, topic)) return refuse(connection, 'BAD_REQUEST', `typing needs a subscription to "${topic}", a topic with presence`);
    const last = this.lastRelayedAt.get(connection);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return;
    this.lastRelayedAt.set(connection, now);
    const notice = { topic, username: user.username };
    this.deliver(notice, connection);
    this.board.shareTyping(notice);
  }

  private deliver(notice: TypingNotice, sender?: SocketSubscriber): void {
    const frame = encodeServerFrame({ event: 'typing', data: notice });
    for (const reader of this.presence.readersOf(notice.topic)) if (reader !== sender) reader.sendWireFrame(frame);
  }
}

function refuse(connection: SocketSubscriber, code: ErrorCode, message: string): void {
  connection.send({ event: 'error', data: { code, message, event: 'typing' } });
}
