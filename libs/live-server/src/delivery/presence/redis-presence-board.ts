import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { TypingNotice } from '@conduit/contract';
import { Subject } from 'rxjs';
import { LogThrottle } from '../../log-throttle';
import { PresenceBoard } from './presence-board';
import { mergeTallies, parseTally, type ReaderTally } from './reader-tally';

/** How often an instance says it is alive and rereads the topics it serves. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
/** An instance silent this long is dead: its readers leave the counts at the next heartbeat of the others. */
export const PRESENCE_ALIVE_TTL_MS = 15_000;
/** A topic hash nobody refreshes (every instance reading it gone) disappears after this. */
const TOPIC_TTL_MS = 60_000;

interface BoardMessage {
  origin: string;
  topic: string;
  /** Set for a typing notice; absent for a presence nudge. */
  username?: string;
}

/**
 * The readers of each topic, per instance, whose alive key vouches for it. Read, and swept of dead
 * instances, in one round trip. KEYS[1] the topic hash, ARGV[1] the alive-key prefix, ARGV[2] this
 * instance (whose own readers the caller holds fresher than Redis).
 */
const TALLY_SCRIPT = `
local fields = redis.call('HGETALL', KEYS[1])
local tallies = {}
for i = 1, #fields, 2 do
  local instance = fields[i]
  if instance ~= ARGV[2] then
    if redis.call('EXISTS', ARGV[1] .. instance) == 1 then
      tallies[#tallies + 1] = fields[i + 1]
    else
      redis.call('HDEL', KEYS[1], instance)
    end
  end
end
return tallies
`;

type PresenceRedis = Redis & { presenceTally(key: string, alivePrefix: string, instance: string): Promise<string[]> };

/**
 * Presence shared through Redis. Layout, under the deployment's channel name `<ns>`:
 * - `<ns>:presence:<topic>`: a hash, one field per instance serving readers of the topic, whose value
 *   is that instance's tally (count and first names). An instance rewrites only its own field, so
 *   there is no read-modify-write race between instances, and a topic costs one key however many
 *   instances serve it.
 * - `<ns>:presence-alive:<instance>`: a key with a TTL, refreshed by the heartbeat. Redis expires it
 *   when the instance dies (SIGKILL included), with no clock shared between machines; a field whose
 *   instance has no alive key no longer counts and is removed by the next reader.
 * - `<ns>:presence` pub/sub: a nudge naming the topic after each write (the others reread it at once)
 *   and the typing notices. Pub/sub may drop a message; the heartbeat rereads every served topic, so
 *   that costs seconds, never a wrong count for good.
 */
export class RedisPresenceBoard extends PresenceBoard implements OnModuleDestroy {
  readonly name = 'redis';
  private readonly logger = new Logger(RedisPresenceBoard.name);
  private readonly warnings = new LogThrottle(this.logger);
  private readonly instance = randomUUID();
  private readonly commands: PresenceRedis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly alivePrefix: string;
  /** This instance's tally of each topic it serves, as written: rewritten on every heartbeat. */
  private readonly shared = new Map<string, string>();
  private readonly changed = new Subject<string>();
  readonly changed$ = this.changed.asObservable();
  private readonly typing = new Subject<TypingNotice>();
  readonly typing$ = this.typing.asObservable();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(url: string, namespace: string) {
    super();
    this.channel = `${namespace}:presence`;
    this.alivePrefix = `${namespace}:presence-alive:`;
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    this.commands = new Redis(url, { ...options, connectionName: 'conduit-presence' }) as PresenceRedis;
    this.commands.defineCommand('presenceTally', { numberOfKeys: 1, lua: TALLY_SCRIPT });
    // After a Redis restart everything is gone: write it all again at once.
    this.commands.on('ready', () => this.beat());
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, connectionName: 'conduit-presence-subscribe' });
    this.subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel).catch((error: unknown) => this.warn('subscribe', `subscribing to ${this.channel} failed: ${String(error)}`));
    });
    // ioredis reports every failed reconnect; the change bus already says when Redis is away.
    for (const connection of [this.commands, this.subscriber]) connection.on('error', () => undefined);
    this.heartbeat = setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async share(topic: string, local: ReaderTally): Promise<void> {
    const key = this.topicKey(topic);
    const write = this.commands.multi().set(this.aliveKey(), '1', 'PX', PRESENCE_ALIVE_TTL_MS);
    if (local.readers === 0) {
      this.shared.delete(topic);
      write.hdel(key, this.instance);
    } else {
      const value = JSON.stringify(local);
      this.shared.set(topic, value);
      write.hset(key, this.instance, value).pexpire(key, TOPIC_TTL_MS);
    }
    write.publish(this.channel, JSON.stringify({ origin: this.instance, topic } satisfies BoardMessage));
    await write.exec().catch((error: unknown) => this.warn('share', `sharing presence failed: ${String(error)}`));
  }

  async tally(topic: string, local: ReaderTally): Promise<ReaderTally> {
    try {
      const others = await this.commands.presenceTally(this.topicKey(topic), this.alivePrefix, this.instance);
      return mergeTallies([local, ...others.flatMap((text) => parseTally(text) ?? [])]);
    } catch (error) {
      // Without Redis an instance knows only its own readers: a smaller count beats none.
      this.warn('tally', `reading presence failed: ${String(error)}`);
      return local;
    }
  }

  shareTyping(notice: TypingNotice): void {
    const message: BoardMessage = { origin: this.instance, topic: notice.topic, username: notice.username };
    this.commands.publish(this.channel, JSON.stringify(message)).catch((error: unknown) => this.warn('typing', `passing typing on failed: ${String(error)}`));
  }

  /** A deploy: this instance's readers leave the counts at once, not when its alive key expires. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.heartbeat);
    const leave = this.commands.multi().del(this.aliveKey());
    for (const topic of this.shared.keys()) {
      leave.hdel(this.topicKey(topic), this.instance).publish(this.channel, JSON.stringify({ origin: this.instance, topic } satisfies BoardMessage));
    }
    await leave.exec().catch(() => undefined);
    this.changed.complete();
    this.typing.complete();
    this.commands.disconnect();
    this.subscriber.disconnect();
  }

  private beat(): void {
    const write = this.commands.multi().set(this.aliveKey(), '1', 'PX', PRESENCE_ALIVE_TTL_MS);
    for (const [topic, value] of this.shared) write.hset(this.topicKey(topic), this.instance, value).pexpire(this.topicKey(topic), TOPIC_TTL_MS);
    write.exec().catch((error: unknown) => this.warn('heartbeat', `presence heartbeat failed: ${String(error)}`));
    // Rereading what this instance serves is how it learns that another instance died.
    for (const topic of this.shared.keys()) this.changed.next(topic);
  }

  private onMessage(text: string): void {
    let message: Partial<BoardMessage>;
    try {
      message = JSON.parse(text) as Partial<BoardMessage>;
    } catch {
      this.warn('malformed', `ignored a malformed message on ${this.channel}`);
      return;
    }
    if (message.origin === this.instance || typeof message.topic !== 'string') return;
    if (typeof message.username === 'string') this.typing.next({ topic: message.topic, username: message.username });
    else this.changed.next(message.topic);
  }

  private topicKey(topic: string): string {
    return `${this.channel}:${topic}`;
  }

  private aliveKey(): string {
    return `${this.alivePrefix}${this.instance}`;
  }

  private warn(kind: string, message: string): void {
    this.warnings.warn(`presence-${kind}`, message);
  }
}
