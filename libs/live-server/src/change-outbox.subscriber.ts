import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';
import { StoredChange, type NewChange } from './change';
import { ChangeBus } from './change-bus';
import { StreamChangeEntity } from './stream-change.entity';

/** What an entity subscriber's event gives us: the transaction the entity write runs in. */
export interface WriteContext {
  manager: EntityManager;
  queryRunner: QueryRunner;
}

/**
 * Transactional outbox. Features call `record()` from their entity subscribers (afterInsert and
 * friends, which run inside the write's transaction, before commit: typeorm/typeorm#8661); the
 * change row is written in that same transaction and published on the bus only once the outermost
 * transaction commits. A rollback, of the whole transaction or of a savepoint, drops what it covered.
 */
@Injectable()
export class ChangeOutbox implements EntitySubscriberInterface {
  private readonly logger = new Logger(ChangeOutbox.name);
  /** Per transaction, one frame of pending changes per nesting level (savepoints). */
  private readonly pending = new WeakMap<QueryRunner, StoredChange[][]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly bus: ChangeBus,
  ) {
    dataSource.subscribers.push(this);
  }

  async record(context: WriteContext, change: NewChange): Promise<void> {
    const row = context.manager.create(StreamChangeEntity, {
      topic: change.topic,
      type: change.type,
      entity: change.entity,
      key: change.key,
      audience: change.audience ?? null,
      payload: change.data === null || change.data === undefined ? null : JSON.stringify(change.data),
    });
    await context.manager.insert(StreamChangeEntity, row);
    const stored = StoredChange.fromRow(row);
    const levels = this.pending.get(context.queryRunner);
    if (levels?.length && context.queryRunner.isTransactionActive) {
      levels[levels.length - 1].push(stored);
    } else {
      // Not in a transaction: the insert above has already committed on its own.
      this.publish([stored]);
    }
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    const levels = this.pending.get(event.queryRunner) ?? [];
    levels.push([]);
    this.pending.set(event.queryRunner, levels);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const levels = this.pending.get(event.queryRunner);
    const committed = levels?.pop();
    if (!levels || !committed) return;
    if (levels.length > 0) {
      // A savepoint was released: its changes now belong to the enclosing transaction.
      levels[levels.length - 1].push(...committed);
      return;
    }
    this.pending.delete(event.queryRunner);
    if (committed.length > 0) this.publish(committed);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const levels = this.pending.get(event.queryRunner);
    levels?.pop();
    if (levels?.length === 0) this.pending.delete(event.queryRunner);
  }

  private publish(changes: StoredChange[]): void {
    try {
      this.bus.publish(changes);
    } catch (error) {
      // The data is committed and the outbox row exists: subscribers still get it by cursor on
      // their next catch-up, so a failed live publish is logged, never thrown back at the writer.
      this.logger.error(`publishing ${changes.length} change(s) failed: ${String(error)}`);
    }
  }
}
