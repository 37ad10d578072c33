import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import { compareCursors, isAfter, type Cursor, type ErrorCode } from '@conduit/contract';
import { ChangeStream } from '../stream/change-stream.service';
import type { CommittedChange } from '../stream/committed-change';
import { StreamTailer } from '../stream/stream-tailer.service';
import { ChangeFrames } from './change-frames';
import { LiveAccounts } from './live-accounts';
import { FanOutTimings, type FanOutHistogram } from './fan-out-timings';
import { LiveSubscription } from './live-subscription';
import type { Subscriber } from './subscriber';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options';
import { LiveTopics } from './live-topics.service';
import { ReplayPacer } from './replay-pacer';
import type { LiveUser, TopicPolicy, TopicView } from './topic-policy';

/**
 * Delivery: every subscription gets the changes of its topic after its cursor, in cursor order,
 * once. A new subscription first replays from the stream while live changes are buffered, then
 * drains the buffer past what the replay sent, then goes live.
 */
@Injectable()
export class LiveHub implements LiveAccounts, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveHub.name);
  /** Subscriptions by the stream topic they follow (a view's source, not its own name). */
  private readonly bySource = new Map<string, Set<LiveSubscription>>();
  /** Authenticated sockets by user id, to check again when an account changes. */
  private readonly byUser = new Map<string, Set<Subscriber>>();
  /** Sockets whose `auth` is being checked, and whether an account changed meanwhile. */
  private readonly authenticating = new Map<Subscriber, { accountChanged: boolean }>();
  private busSubscription?: Subscription;
  private gapSubscription?: Subscription;
  private readonly identities = new Subject<Subscriber>();
  /** A socket that signed in, was checked again (renamed, settings changed) or signed out. */
  readonly identities$ = this.identities.asObservable();
  private resetCount = 0;
  private readonly fanOutTimings = new FanOutTimings();

  constructor(
    private readonly tailer: StreamTailer,
    private readonly stream: ChangeStream,
    private readonly topics: LiveTopics,
    private readonly pacer: ReplayPacer,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  onModuleInit(): void {
    this.busSubscription = this.tailer.changes$.subscribe((change) => this.deliver(change));
    this.gapSubscription = this.tailer.gaps$.subscribe((floor) => this.resetBehind(floor));
  }

  onModuleDestroy(): void {
    this.busSubscription?.unsubscribe();
    this.gapSubscription?.unsubscribe();
    this.identities.complete();
  }

  /** Subscriptions by the topic name clients used (a feed counts as `feed`), for metrics. */
  subscriptionsByTopic(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const set of this.bySource.values()) {
      for (const { topic } of set) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    return counts;
  }

  /** `reset` answers sent since start. */
  get resets(): number {
    return this.resetCount;
  }

  /** How long handing each change to its subscribers took, since start. */
  fanOutHistogram(): FanOutHistogram {
    return this.fanOutTimings.histogram();
  }

  async authenticate(connection: Subscriber, token: string): Promise<void> {
    const user = await this.checkToken(connection, token);
    if (!connection.isOpen) return;
    if (!user) return this.signOut(connection, 'invalid or expired token');
    this.signIn(connection, user, token);
    connection.send({ event: 'authenticated', data: { username: user.username } });
  }

  /**
   * The session cookie of the upgrade (a page of this origin): as an `auth`, but unanswered, since no
   * frame asked; a session that does not hold leaves the socket anonymous, as the page's REST calls are.
   * Signed in this way, the socket is checked again like any other when its account changes.
   */
  async authenticateSession(connection: Subscriber, token: string): Promise<void> {
    const user = await this.checkToken(connection, token);
    if (user && connection.isOpen) this.signIn(connection, user, token);
  }

  /**
   * An account changed (renamed, or its tokens revoked): its sockets check their token again. A
   * socket whose token no longer holds loses its private topics and is told so; the others take the
   * account's current username. Only that account's sockets are looked at.
   */
  async recheckUser(userId: string): Promise<void> {
    for (const pending of this.authenticating.values()) pending.accountChanged = true;
    const connections = [...(this.byUser.get(userId) ?? [])];
    await Promise.all(
      connections.map(async (connection) => {
        const token = connection.token!;
        const user = await this.options.authenticate(token);
        if (connection.token !== token || !connection.isOpen) return;
        if (user?.id === userId) this.signIn(connection, user, token);
        else this.signOut(connection, 'the token was revoked: sign in again');
      }),
    );
  }

  /**
   * The stream lost changes this instance never saw (retention passed its tailer): any account may
   * have been renamed or revoked in them, so every signed-in socket checks its token again.
   */
  async recheckEveryUser(): Promise<void> {
    await Promise.all([...this.byUser.keys()].map((userId) => this.recheckUser(userId)));
  }

  /** Checks a token, again if its account changed during the check (a revocation that raced with it). */
  private async checkToken(connection: Subscriber, token: string): Promise<LiveUser | null> {
    const pending = { accountChanged: false };
    this.authenticating.set(connection, pending);
    try {
      for (;;) {
        pending.accountChanged = false;
        const user = await this.options.authenticate(token);
        if (!pending.accountChanged) return user;
      }
    } finally {
      this.authenticating.delete(connection);
    }
  }

  private signIn(connection: Subscriber, user: LiveUser, token: string): void {
    // Another account's private views (its feed) must not carry over to this one.
    if (connection.user && connection.user.id !== user.id) this.dropPrivateTopics(connection);
    connection.user = user;
    connection.token = token;
    let set = this.byUser.get(user.id);
    if (!set) this.byUser.set(user.id, (set = new Set()));
    set.add(connection);
    this.identities.next(connection);
  }

  /** The socket speaks for nobody again (it is told why): it keeps its public topics and loses the others. */
  private signOut(connection: Subscriber, reason: string): void {
    connection.send({ event: 'error', data: { code: 'UNAUTHORIZED', message: reason, event: 'auth' } });
    this.dropPrivateTopics(connection);
  }

  private dropPrivateTopics(connection: Subscriber): void {
    if (!connection.user) return;
    this.forgetUser(connection);
    for (const subscription of [...connection.subscriptions.values()]) {
      if (!this.topics.find(subscription.topic)?.requiresAuth) continue;
      this.remove(subscription);
      connection.send({ event: 'unsubscribed', data: { topic: subscription.topic } });
    }
  }

  private forgetUser(connection: Subscriber): void {
    const set = connection.user && this.byUser.get(connection.user.id);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.user!.id);
    connection.user = undefined;
    connection.token = undefined;
    this.identities.next(connection);
  }

  async subscribe(connection: Subscriber, topic: string, from?: Cursor): Promise<void> {
    const policy = this.topics.find(topic);
    if (!policy) return this.refuse(connection, 'UNKNOWN_TOPIC', `unknown topic "${topic}"`);
    if (policy.requiresAuth && !connection.user) return this.refuse(connection, 'UNAUTHORIZED', `topic "${topic}" needs auth first`);
    if (!connection.subscriptions.has(topic) && connection.subscriptions.size >= this.options.maxSubscriptionsPerSocket) {
      return this.refuse(connection, 'TOO_MANY_SUBSCRIPTIONS', `at most ${this.options.maxSubscriptionsPerSocket} topics per socket`);
    }
    this.unsubscribe(connection, topic, false);
    const subscription = new LiveSubscription(connection, topic, from ?? '0');
    // Counted against the cap before the first await, so that the check and the count are one step.
    connection.subscriptions.set(topic, subscription);

    try {
      subscription.view = await this.openView(policy, connection);
    } catch (error) {
      this.remove(subscription);
      throw error;
    }
    if (!subscription.active) return subscription.view?.close?.();
    // Registered before the stream is read, so that nothing committed meanwhile slips between
    // the replay and the live changes; the buffer and the cursor check remove the overlap.
    this.sourceSet(subscription.source).add(subscription);

    const { floor, head } = await this.stream.bounds();
    if (!subscription.active) return;
    const outOfRange = from === undefined ? null : isAfter(from, head) ? 'is ahead of the stream' : isAfter(floor, from) ? 'is older than the changes kept' : null;
    if (outOfRange) return this.reset(subscription, `cursor ${from} ${outOfRange}`);
    subscription.cursor = from ?? head;
    subscription.replaysThrough = head;
    subscription.inRange = true;
    connection.send({ event: 'subscribed', data: { topic, cursor: subscription.cursor } });
    if (from === undefined) return this.goLive(subscription);
    // After the answer and without awaiting it, so that the socket's next frames are not held
    // behind a long replay.
    connection.replays = connection.replays.then(() => this.replayThenGoLive(subscription));
  }

  unsubscribe(connection: Subscriber, topic: string, acknowledge = true): void {
    const subscription = connection.subscriptions.get(topic);
    if (subscription) this.remove(subscription);
    if (acknowledge) connection.send({ event: 'unsubscribed', data: { topic } });
  }

  disconnect(connection: Subscriber): void {
    for (const subscription of connection.subscriptions.values()) this.remove(subscription);
    this.authenticating.delete(connection);
    this.forgetUser(connection);
  }

  private async openView(policy: TopicPolicy, connection: Subscriber): Promise<TopicView | undefined> {
    if (!policy.view) return undefined;
    return policy.view(connection.user);
  }

  private refuse(connection: Subscriber, code: ErrorCode, message: string): void {
    connection.send({ event: 'error', data: { code, message, event: 'subscribe' } });
  }

  private async replayThenGoLive(subscription: LiveSubscription): Promise<void> {
    subscription.replaying = true;
    this.countHeld(subscription);
    try {
      await this.replay(subscription);
    } catch (error) {
      // The store failed mid-replay: the client reconnects (1011 on a socket) and resumes from what it applied.
      this.logger.error(`replaying ${subscription.topic} failed: ${String(error)}`);
      this.remove(subscription);
      subscription.connection.fail('replay failed');
      return;
    }
    if (subscription.active) this.goLive(subscription);
  }

  /**
   * Sends what the subscription missed, a page at a time: each page waits for the socket to have
   * drained the previous one and for its turn (ReplayPacer), and stops early once the socket holds
   * more than its high-water mark unsent. So a replay costs each socket at most about a page and
   * the high-water mark of memory, and a client that reads slowly slows its replay instead of
   * being dropped for it.
   */
  private async replay(subscription: LiveSubscription): Promise<void> {
    const { connection } = subscription;
    const pageSize = this.options.replayPageSize;
    for (;;) {
      await connection.drained();
      if (!subscription.active || !connection.isOpen) return;
      const endTurn = await this.pacer.turn();
      let page: CommittedChange[] = [];
      let read = 0;
      try {
        if (!subscription.active || !connection.isOpen) return;
        page = await this.stream.readAfter(subscription.source, subscription.cursor, pageSize);
        // Retention may have pruned past the cursor since it was checked (a page ago, or before the
        // replay): the page would then skip what was removed. Read after the page, the floor
        // covers every prune the page could have seen.
        const floor = await this.stream.floor();
        if (!subscription.active) return;
        if (isAfter(floor, subscription.cursor)) return this.reset(subscription, `cursor ${subscription.cursor} is older than the changes kept`);
        for (const change of page) {
          this.send(subscription, new ChangeFrames(change));
          read += 1;
          if (connection.needsDrain) break;
        }
      } finally {
        endTurn();
      }
      if (read === 0) return;
      // A view that filters out a whole page must still move past it.
      const last = page[read - 1].cursor;
      if (isAfter(last, subscription.cursor)) subscription.cursor = last;
      this.releaseReplayed(subscription);
      if (page.length < pageSize && read === page.length) return;
    }
  }

  /** The subscription cannot be served from its cursor: the client fetches a snapshot and subscribes again. */
  private reset(subscription: LiveSubscription, reason: string): void {
    this.remove(subscription);
    this.resetCount += 1;
    subscription.connection.send({ event: 'reset', data: { topic: subscription.topic, reason } });
  }

  /**
   * Retention pruned changes the tailer had not delivered yet, up to `floor`. Which of them a
   * subscription wanted cannot be known any more (they are gone), so every subscription whose cursor
   * the floor has passed is reset, live or still replaying: the same rule as on subscribe and per
   * replay page. One at or past the floor wanted nothing that was pruned and keeps going; one whose
   * subscribe has not read the bounds yet is checked there, against a floor read after this prune.
   */
  private resetBehind(floor: Cursor): void {
    for (const set of [...this.bySource.values()]) {
      for (const subscription of [...set]) {
        if (subscription.inRange && isAfter(floor, subscription.cursor)) this.reset(subscription, `cursor ${subscription.cursor} is older than the changes kept`);
      }
    }
  }

  private goLive(subscription: LiveSubscription): void {
    const buffered = subscription.buffer ?? [];
    subscription.buffer = null;
    buffered.sort((a, b) => compareCursors(a.cursor, b.cursor));
    for (const change of buffered) this.send(subscription, change);
  }

  private deliver(change: CommittedChange): void {
    const subscriptions = this.bySource.get(change.topic);
    if (!subscriptions) return;
    const frames = new ChangeFrames(change);
    const started = performance.now();
    for (const subscription of subscriptions) {
      if (subscription.buffer) this.hold(subscription, frames);
      else this.send(subscription, frames);
    }
    this.fanOutTimings.record((performance.now() - started) / 1000);
  }

  /**
   * A live change that arrives while the subscription replays waits in its buffer, unless the replay is
   * bound to read it anyway (it was in the stream when the replay began). A client that stops reading
   * stalls its replay (each page waits for the socket to drain), and the buffer would then grow with
   * every write for as long as the socket stays open. So once its replay runs, the rule of a live
   * socket holds for it too: a client whose socket is full while more than its mark of bytes waits for
   * it, that is one as far behind the live stream as a live socket may be, is dropped as too slow and
   * resumes from its cursor. What a subscription holds while it waits for another topic's replay on the
   * same socket, or what its view would not send, is not counted: neither is the client's lag.
   */
  private hold(subscription: LiveSubscription, frames: ChangeFrames): void {
    const through = subscription.replaysThrough;
    if (through !== undefined && !isAfter(frames.cursor, through)) return;
    subscription.buffer!.push(frames);
    if (!subscription.replaying) return;
    subscription.heldBytes += this.waitingBytes(subscription, frames);
    if (subscription.heldBytes > this.options.maxBufferedBytes && subscription.connection.needsDrain) subscription.connection.dropTooSlow();
  }

  /** What a replay page has sent is no longer waiting for the client. */
  private releaseReplayed(subscription: LiveSubscription): void {
    const buffer = subscription.buffer;
    if (!buffer || buffer.length === 0) return;
    const waiting = buffer.filter((frames) => isAfter(frames.cursor, subscription.cursor));
    if (waiting.length === buffer.length) return;
    subscription.buffer = waiting;
    this.countHeld(subscription);
  }

  private countHeld(subscription: LiveSubscription): void {
    subscription.heldBytes = (subscription.buffer ?? []).reduce((bytes, frames) => bytes + this.waitingBytes(subscription, frames), 0);
  }

  /**
   * A held change's weight as the client's lag: its frame, unless it is part of the backlog the replay
   * reads anyway (a client that reads slowly is not dropped for that) or its view would not send it.
   */
  private waitingBytes(subscription: LiveSubscription, frames: ChangeFrames): number {
    const through = subscription.replaysThrough;
    if (through === undefined || !isAfter(frames.cursor, through)) return 0;
    return subscription.view && !subscription.view.accepts(frames.change) ? 0 : frames.size;
  }

  private send(subscription: LiveSubscription, frames: ChangeFrames): void {
    if (!isAfter(frames.cursor, subscription.cursor)) return;
    if (subscription.view && !subscription.view.accepts(frames.change)) return;
    subscription.cursor = frames.cursor;
    subscription.connection.sendChange(frames, subscription.topic);
  }

  private sourceSet(topic: string): Set<LiveSubscription> {
    let set = this.bySource.get(topic);
    if (!set) {
      set = new Set();
      this.bySource.set(topic, set);
    }
    return set;
  }

  private remove(subscription: LiveSubscription): void {
    if (!subscription.active) return;
    subscription.active = false;
    const { connection, topic } = subscription;
    if (connection.subscriptions.get(topic) === subscription) connection.subscriptions.delete(topic);
    const set = this.bySource.get(subscription.source);
    set?.delete(subscription);
    if (set?.size === 0) this.bySource.delete(subscription.source);
    try {
      subscription.view?.close?.();
    } catch (error) {
      this.logger.error(`closing the view of ${topic} failed: ${String(error)}`);
    }
  }
}
