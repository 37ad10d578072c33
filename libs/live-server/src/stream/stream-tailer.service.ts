import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Subject, type Subscription } from 'rxjs';
import { isAfter, type Cursor } from '@conduit/contract';
import type { CommittedChange } from './committed-change';
import { ChangeBus } from './change-bus';
import { ChangeStream } from './change-stream.service';
import { CommittedChanges } from './committed-changes';
import { STREAM_OPTIONS, type StreamOptions } from './stream-options';

/**
 * This instance's ordered, gap-free view of the committed stream. The bus only says "something
 * was committed" (with the change, which is used as is when it is exactly the next one); the table
 * is the truth: whenever a notice skips ahead, arrives out of order, or never comes (a Redis outage,
 * a lost pub/sub message, a writer killed between COMMIT and publish), the tailer reads what it has
 * not seen from the table, in cursor order. A slow poll is the safety net for silence.
 */
@Injectable()
export class StreamTailer implements CommittedChanges, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StreamTailer.name);
  private readonly subject = new Subject<CommittedChange>();
  readonly changes$ = this.subject.asObservable();
  private readonly gaps = new Subject<Cursor>();
  /**
   * The retention floor, each time the tailer finds that a prune passed its cursor before it read
   * what was pruned: changes up to that floor never reached `changes$`.
   */
  readonly gaps$ = this.gaps.asObservable();
  private lastSeen: Cursor | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private notices?: Subscription;
  private pollTimer?: NodeJS.Timeout;

  constructor(
    private readonly bus: ChangeBus,
    private readonly stream: ChangeStream,
    @Inject(STREAM_OPTIONS) private readonly options: StreamOptions,
  ) {}

  /** After bootstrap, so that the migrations have created the table. */
  async onApplicationBootstrap(): Promise<void> {
    this.notices = this.bus.changes$.subscribe((change) => this.onNotice(change));
    this.lastSeen = await this.stream.head();
    this.pollTimer = setInterval(() => void this.catchUp(), this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  onModuleDestroy(): void {
    this.notices?.unsubscribe();
    clearInterval(this.pollTimer);
    this.subject.complete();
    this.gaps.complete();
  }

  /** The newest cursor delivered to the hub. */
  get position(): Cursor | null {
    return this.lastSeen;
  }

  private onNotice(change: CommittedChange): void {
    if (this.lastSeen === null || !isAfter(change.cursor, this.lastSeen)) return;
    if (!this.reading && BigInt(change.cursor) === BigInt(this.lastSeen) + 1n) {
      this.emit(change);
      return;
    }
    void this.catchUp();
  }

  /** Reads everything after the last cursor seen; one read at a time, repeated if asked meanwhile. */
  catchUp(): Promise<void> {
    if (this.lastSeen === null) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readUntilCaughtUp().finally(() => (this.reading = null));
    return this.reading;
  }

  private async readUntilCaughtUp(): Promise<void> {
    const batchSize = this.options.replayBatchSize;
    try {
      do {
        this.readAgain = false;
        for (;;) {
          const from = this.lastSeen!;
          const batch = await this.stream.readAllAfter(from, batchSize);
          // Read after the batch, the floor covers every prune the batch could have missed. One read
          // reads one snapshot: if it still holds a change at or before the floor, it came before the
          // prune and has no hole. Otherwise a floor past `from` means changes this instance never
          // delivered are gone; the gap is told before the batch, so that what follows the hole never
          // reaches a subscriber as if nothing were missing.
          const floor = await this.stream.floor();
          if (isAfter(floor, from) && (batch.length === 0 || isAfter(batch[0].cursor, floor))) this.skipTo(floor);
          for (const change of batch) this.emit(change);
          if (batch.length < batchSize) break;
        }
      } while (this.readAgain);
    } catch (error) {
      // The store is unreachable for now; the next notice or poll tries again from the same cursor.
      this.logger.warn(`reading the change stream failed: ${String(error)}`);
    }
  }

  private skipTo(floor: Cursor): void {
    this.logger.warn(`retention pruned past the tailer (at ${this.lastSeen}, floor ${floor}): subscribers behind the floor are reset`);
    this.lastSeen = floor;
    this.gaps.next(floor);
  }

  private emit(change: CommittedChange): void {
    this.lastSeen = change.cursor;
    this.subject.next(change);
  }
}
