import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { SocketSubscriber } from '../socket-subscriber';
import { LiveHub } from '../live-hub.service';
import type { Subscriber } from '../subscriber';
import { LiveTopics } from '../live-topics.service';
import { encodeServerFrame } from '../websocket-frame';
import { PresenceBoard } from './presence-board';
import { sameTally, shownNames, type ReaderTally } from './reader-tally';

/** At most one `presence` frame per topic in this time, however fast readers come and go. */
export const PRESENCE_INTERVAL_MS = 1000;

/** The local readers of one topic and what they were last told. */
interface Room {
  /** Each reader with the name it shows, null when anonymous or hidden. */
  readonly members: Map<SocketSubscriber, string | null>;
  /** Readers who have not had this room's `presence` yet: they get it even when nothing changed. */
  readonly fresh: Set<SocketSubscriber>;
  /** What the board holds of this instance's readers. */
  shared?: ReaderTally;
  /** The last tally sent to the readers. */
  sent?: ReaderTally;
  lastFlushAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Readers of the topics with presence: every socket subscribed to one counts. Changes, local or from
 * the board (other instances), are coalesced per topic into one `presence` frame a second at most,
 * framed once for all the topic's readers on this instance.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private readonly rooms = new Map<string, Room>();
  private readonly topicsOf = new WeakMap<SocketSubscriber, Set<string>>();
  private subscriptions?: Subscription;
  /** `presence` frames written to sockets since start. */
  framesSent = 0;

  constructor(
    private readonly board: PresenceBoard,
    private readonly topics: LiveTopics,
    private readonly hub: LiveHub,
  ) {}

  onModuleInit(): void {
    this.subscriptions = this.board.changed$.subscribe((topic) => {
      const room = this.rooms.get(topic);
      if (room) this.schedule(topic, room);
    });
    this.subscriptions.add(this.hub.identities$.subscribe((connection) => this.identify(connection)));
  }

  onModuleDestroy(): void {
    this.subscriptions?.unsubscribe();
    for (const room of this.rooms.values()) clearTimeout(room.timer);
  }

  /** After a subscribe: a socket now subscribed to a topic with presence becomes one of its readers. */
  join(connection: SocketSubscriber, topic: string): void {
    if (!connection.subscriptions.has(topic) || !this.topics.find(topic)?.presence) return;
    let room = this.rooms.get(topic);
    if (!room) {
      room = { members: new Map(), fresh: new Set(), lastFlushAt: 0 };
      this.rooms.set(topic, room);
    }
    room.members.set(connection, shownName(connection));
    room.fresh.add(connection);
    let topics = this.topicsOf.get(connection);
    if (!topics) this.topicsOf.set(connection, (topics = new Set()));
    topics.add(topic);
    this.schedule(topic, room);
  }

  leave(connection: SocketSubscriber, topic: string): void {
    const room = this.rooms.get(topic);
    this.topicsOf.get(connection)?.delete(topic);
    if (!room?.members.delete(connection)) return;
    room.fresh.delete(connection);
    this.schedule(topic, room);
  }

  /** The socket closed or was dropped: it leaves every topic at once. */
  leaveAll(connection: SocketSubscriber): void {
    for (const topic of this.topicsOf.get(connection) ?? []) this.leave(connection, topic);
  }

  /** Who a reader speaks for changed (signed in or out, renamed, hidden): name them accordingly. */
  private identify(subscriber: Subscriber): void {
    // Presence needs the socket: an event stream (SSE) is never a reader.
    if (!(subscriber instanceof SocketSubscriber)) return;
    const connection = subscriber;
    for (const topic of this.topicsOf.get(connection) ?? []) {
      const room = this.rooms.get(topic);
      if (!room) continue;
      room.members.set(connection, shownName(connection));
      this.schedule(topic, room);
    }
  }

  isReader(connection: SocketSubscriber, topic: string): boolean {
    return this.rooms.get(topic)?.members.has(connection) ?? false;
  }

  /** The readers of `topic` on this instance. */
  readersOf(topic: string): Iterable<SocketSubscriber> {
    return this.rooms.get(topic)?.members.keys() ?? [];
  }

  private schedule(topic: string, room: Room): void {
    if (room.timer) return;
    const wait = Math.max(0, room.lastFlushAt + PRESENCE_INTERVAL_MS - Date.now());
    room.timer = setTimeout(() => {
      this.flush(topic, room).catch((error: unknown) => this.logger.error(`presence of ${topic} failed: ${String(error)}`));
    }, wait);
    room.timer.unref();
  }

  private async flush(topic: string, room: Room): Promise<void> {
    room.timer = undefined;
    room.lastFlushAt = Date.now();
    const local: ReaderTally = { readers: room.members.size, names: shownNames(room.members.values()) };
    if (!room.shared || !sameTally(local, room.shared)) {
      room.shared = local;
      await this.board.share(topic, local);
    }
    if (room.members.size === 0) {
      if (this.rooms.get(topic) === room && room.members.size === 0 && !room.timer) this.rooms.delete(topic);
      return;
    }
    const tally = await this.board.tally(topic, local);
    const changed = !room.sent || !sameTally(tally, room.sent);
    room.sent = tally;
    const recipients = changed ? [...room.members.keys()] : [...room.fresh];
    room.fresh.clear();
    if (recipients.length === 0) return;
    const frame = encodeServerFrame({ event: 'presence', data: { topic, readers: tally.readers, names: tally.names } });
    for (const connection of recipients) {
      if (!room.members.has(connection)) continue;
      connection.sendWireFrame(frame);
      this.framesSent += 1;
    }
  }
}

function shownName(connection: SocketSubscriber): string | null {
  const user = connection.user;
  return user && user.showAsReading !== false ? user.username : null;
}
