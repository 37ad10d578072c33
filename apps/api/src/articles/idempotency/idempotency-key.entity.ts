import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMillis } from '../../common/persistence/epoch-millis.transformer';

/**
 * An `Idempotency-Key` a reader sent with `POST /api/articles`, and the article it created. Kept in the
 * store, not in memory, so that a retry landing on another instance finds it too; pruned after the window.
 */
@Entity('idempotency_key')
@Index('IDX_idempotency_key_createdAt', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'integer' })
  userId!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  /** SHA-256 of the request's article: the same key with another article is a client bug, not a retry. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ type: 'integer' })
  articleId!: number;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;
}
