import { Inject, Injectable, Logger } from '@nestjs/common';
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
import { ChangeBus } from '../stream/change-bus';
import { committedChange, type CommittedChange } from '../stream/committed-change';
import { CAPTURE_OPTIONS, type CaptureOptions } from './capture-options';
import { insertInCommitOrder } from './commit-order';
import { haltBeforePublish } from './halt-before-publish';
import type { NewChange } from './new-change';
import { StreamChangeEntity } from './stream-change.entity';

/** What an entity subscriber's event gives us: the transaction the entity write runs in. */
export interface WriteContext {
  manager: EntityManager;
  queryRunner: QueryRunner;
}

interface TransactionChanges {
  /** One list of recorded changes per nesting level (savepoints). */
  levels: NewChange[][];
  /** Written at commit, published once the commit went through. */
  written: CommittedChange[];
}

/**
 * Transactional outbox. Features call `record()` from their entity subscribers (afterInsert and
 * friends, which run inside the write's transaction, before commit: typeorm/typeorm#8661). The
 * changes are written to `stream_change` just before the outermost COMMIT, in the same transaction
 * and in commit order (see commit-order.ts), and published on the bus only after the COMMIT. A
 * rollback, of the whole transaction or of a savepoint, drops what it covered.
 */
@Injectable()
export class ChangeOutbox implements EntitySubscriberInterface {
  private readonly logger = new Logger(ChangeOutbox.name);
  private readonly transactions = new WeakMap<QueryRunner, TransactionChanges>();
  private publishedCount = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: ChangeBus,
    @Inject(CAPTURE_OPTIONS) private readonly options: CaptureOptions,
  ) {
    dataSource.subscribers.push(this);
  }

  /** Changes this instance committed and published since start. */
  get published(): number {
    return this.publishedCount;
  }

  async record(context: WriteContext, change: NewChange): Promise<void> {
    const transaction = this.transactions.get(context.queryRunner);
    if (transaction && context.queryRunner.isTransactionActive) {
      transaction.levels[transaction.levels.length - 1].push(change);
      return;
    }
    // A write outside any transaction has committed already: give its change one of its own.
    await this.dataSource.transaction((manager) => this.record({ manager, queryRunner: manager.queryRunner! }, change));
  }

  afterTransactionStart(event: TransactionStartEvent): void {
    const transaction = this.transactions.get(event.queryRunner) ?? { levels: [], written: [] };
    transaction.levels.push([]);
    this.transactions.set(event.queryRunner, transaction);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const transaction = this.transactions.get(event.queryRunner);
    if (!transaction || transaction.levels.length !== 1 || transaction.levels[0].length === 0) return;
    const rows = transaction.levels[0].map((change) =>
      event.manager.create(StreamChangeEntity, {
        topic: change.topic,
        type: change.type,
        entity: change.entity,
        key: change.key,
        audience: change.audience ?? null,
        payload: change.data === null || change.data === undefined ? null : JSON.stringify(change.data),
        createdAt: new Date(),
      }),
    );
    await insertInCommitOrder(event.manager, rows, this.options.commitOrderLock);
    transaction.written = rows.map(committedChange);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const transaction = this.transactions.get(event.queryRunner);
    const committed = transaction?.levels.pop();
    if (!transaction || !committed) return;
    if (transaction.levels.length > 0) {
      // A savepoint was released: its changes now belong to the enclosing transaction.
      transaction.levels[transaction.levels.length - 1].push(...committed);
      return;
    }
    this.transactions.delete(event.queryRunner);
    if (transaction.written.length === 0) return;
    haltBeforePublish(this.options.haltBeforePublish, transaction.written);
    this.publish(transaction.written);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const transaction = this.transactions.get(event.queryRunner);
    transaction?.levels.pop();
    if (transaction?.levels.length === 0) this.transactions.delete(event.queryRunner);
  }

  private publish(changes: CommittedChange[]): void {
    this.publishedCount += changes.length;
    try {
      this.bus.publish(changes);
    } catch (error) {
      // The changes are committed: every instance's stream tailer still finds them in the table.
      this.logger.error(`publishing ${changes.length} change(s) failed: ${String(error)}`);
    }
  }
}
