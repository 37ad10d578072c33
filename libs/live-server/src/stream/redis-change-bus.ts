import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { BehaviorSubject, Subject, distinctUntilChanged } from 'rxjs';
import { type BusMessage, changeBusChannel, parseBusMessage } from './bus-message';
import { ChangeBus } from './change-bus';
import type { CommittedChange } from './committed-change';

/**
 * Shares committed changes between API instances over Redis pub/sub. Local subscribers hear of
 * local commits at once, without a round trip. Pub/sub may drop messages (while Redis is away, or
 * a subscriber reconnects); that costs latency, never changes: each instance's StreamTailer reads
 * from the table whatever no message announced. The channel is versioned (`changeBusChannel`).
 */
export class RedisChangeBus extends ChangeBus implements OnModuleDestroy {
  readonly name = 'redis';
  private readonly logger = new Logger(RedisChangeBus.name);
  private readonly origin = randomUUID();
  private readonly subject = new Subject<CommittedChange>();
  readonly changes$ = this.subject.asObservable();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly up = new BehaviorSubject(false);
  readonly connected$ = this.up.pipe(distinctUntilChanged());
  private readonly channel: string;

  constructor(url: string, namespace: string) {
    super();
    this.channel = changeBusChannel(namespace);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    this.publisher = new Redis(url, { ...options, connectionName: 'conduit-publish' });
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true, connectionName: 'conduit-subscribe' });
    this.subscriber.on('message', (_channel: string, message: string) => this.onMessage(message));
    this.subscriber.on('ready', () => {
      this.subscriber.subscribe(this.channel).then(
        () => this.setUp(true),
        (error: unknown) => this.logger.warn(`subscribing to ${this.channel} failed: ${String(error)}`),
      );
    });
    for (const connection of [this.subscriber, this.publisher]) {
      connection.on('close', () => this.setUp(false));
      // ioredis reports every failed reconnect; the transitions are logged once by setUp.
      connection.on('error', () => undefined);
    }
  }

  get connected(): boolean {
    return this.up.value;
  }

  publish(changes: readonly CommittedChange[]): void {
    for (const change of changes) this.subject.next(change);
    if (!this.up.value) return;
    const message: BusMessage = { origin: this.origin, changes };
    this.publisher.publish(this.channel, JSON.stringify(message)).catch((error: unknown) => {
      this.logger.warn(`publishing to redis failed: ${String(error)}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.subject.complete();
    this.up.complete();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private onMessage(text: string): void {
    const message = parseBusMessage(text);
    if (message === undefined) {
      this.logger.warn(`ignored a malformed message on ${this.channel}`);
      return;
    }
    if (message.origin === this.origin) return;
    for (const change of message.changes) this.subject.next(change);
  }

  private setUp(up: boolean): void {
    if (up === this.up.value) return;
    this.up.next(up);
    if (up) this.logger.log(`redis bus connected (channel ${this.channel}): live changes flow between instances`);
    else this.logger.warn('redis bus unreachable: changes from other instances now arrive by polling the store');
  }
}
