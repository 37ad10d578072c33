import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { compareCursors, isAfter, type Cursor } from '@conduit/contract';
import type { StoredChange } from './change';
import { ChangeBus } from './change-bus';
import { ChangeStream } from './change-stream.service';
import { LiveConnection, LiveSubscription } from './live-connection';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';

/**
 * Delivery: every subscription gets the changes of its topic after its cursor, in cursor order,
 * once. A new subscription first replays from the stream while live changes are buffered, then
 * drains the buffer past what the replay sent, then goes live.
 */
@Injectable()
export class LiveHub implements OnModuleInit, OnModuleDestroy {
  private readonly byTopic = new Map<string, Set<LiveSubscription>>();
  private busSubscription?: Subscription;

  constructor(
    private readonly bus: ChangeBus,
    private readonly stream: ChangeStream,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
  ) {}

  onModuleInit(): void {
    this.busSubscription = this.bus.changes$.subscribe((change) => this.deliver(change));
  }

  onModuleDestroy(): void {
    this.busSubscription?.unsubscribe();
  }

  isKnownTopic(topic: string): boolean {
    return this.options.topics.some((known) => (typeof known === 'string' ? known === topic : known.test(topic)));
  }

  subscriberCount(topic: string): number {
    return this.byTopic.get(topic)?.size ?? 0;
  }

  async subscribe(connection: LiveConnection, topic: string, from?: Cursor): Promise<void> {
    if (!this.isKnownTopic(topic)) {
      connection.send({ event: 'error', data: { code: 'UNKNOWN_TOPIC', message: `unknown topic "${topic}"`, event: 'subscribe' } });
      return;
    }
    if (!connection.subscriptions.has(topic) && connection.subscriptions.size >= this.options.maxSubscriptionsPerSocket) {
      connection.send({
        event: 'error',
        data: { code: 'TOO_MANY_SUBSCRIPTIONS', message: `at most ${this.options.maxSubscriptionsPerSocket} topics per socket`, event: 'subscribe' },
      });
      return;
    }
    this.unsubscribe(connection, topic, false);

    // Registered before the stream is read, so that nothing committed meanwhile slips between
    // the replay and the live changes; the buffer and the cursor check remove the overlap.
    const subscription = new LiveSubscription(connection, topic, from ?? '0');
    connection.subscriptions.set(topic, subscription);
    this.topicSet(topic).add(subscription);

    const head = await this.stream.head();
    if (!subscription.active) return;
    if (from !== undefined && isAfter(from, head)) {
      this.remove(subscription);
      connection.send({ event: 'reset', data: { topic, reason: `cursor ${from} is ahead of the stream (${head})` } });
      return;
    }
    subscription.cursor = from ?? head;
    connection.send({ event: 'subscribed', data: { topic, cursor: subscription.cursor } });
    if (from !== undefined) await this.replay(subscription);
    if (subscription.active) this.goLive(subscription);
  }

  unsubscribe(connection: LiveConnection, topic: string, acknowledge = true): void {
    const subscription = connection.subscriptions.get(topic);
    if (subscription) this.remove(subscription);
    if (acknowledge) connection.send({ event: 'unsubscribed', data: { topic } });
  }

  disconnect(connection: LiveConnection): void {
    for (const subscription of connection.subscriptions.values()) this.remove(subscription);
  }

  private async replay(subscription: LiveSubscription): Promise<void> {
    const batchSize = this.options.replayBatchSize;
    for (;;) {
      const batch = await this.stream.readAfter(subscription.topic, subscription.cursor, batchSize);
      if (!subscription.active) return;
      for (const change of batch) this.send(subscription, change);
      if (batch.length < batchSize) return;
    }
  }

  private goLive(subscription: LiveSubscription): void {
    const buffered = subscription.buffer ?? [];
    subscription.buffer = null;
    buffered.sort((a, b) => compareCursors(a.cursor, b.cursor));
    for (const change of buffered) this.send(subscription, change);
  }

  private deliver(change: StoredChange): void {
    const subscriptions = this.byTopic.get(change.topic);
    if (!subscriptions) return;
    for (const subscription of subscriptions) {
      if (subscription.buffer) subscription.buffer.push(change);
      else this.send(subscription, change);
    }
  }

  private send(subscription: LiveSubscription, change: StoredChange): void {
    if (!isAfter(change.cursor, subscription.cursor)) return;
    subscription.cursor = change.cursor;
    subscription.connection.sendRaw(change.frame);
  }

  private topicSet(topic: string): Set<LiveSubscription> {
    let set = this.byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.byTopic.set(topic, set);
    }
    return set;
  }

  private remove(subscription: LiveSubscription): void {
    subscription.active = false;
    const { connection, topic } = subscription;
    if (connection.subscriptions.get(topic) === subscription) connection.subscriptions.delete(topic);
    const set = this.byTopic.get(topic);
    set?.delete(subscription);
    if (set?.size === 0) this.byTopic.delete(topic);
  }
}
