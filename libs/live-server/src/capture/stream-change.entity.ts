import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChangeType } from '@conduit/contract';

/**
 * One committed change of a live entity: the transactional outbox that both feeds the bus and
 * replays missed changes to a client resuming from its cursor (the id).
 */
@Entity('stream_change')
export class StreamChangeEntity {
  // bigint comes back from Postgres as a string, from SQLite as a number: read it through String().
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string | number;

  @Column({ type: 'varchar', length: 600 })
  topic!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: ChangeType;

  @Column({ type: 'varchar', length: 32 })
  entity!: string;

  @Column({ type: 'varchar', length: 600 })
  key!: string;

  /** Who a filtered view of the topic delivers the change to (the feed: the author's id). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  audience!: string | null;

  /** When the change was written (epoch ms), for retention. */
  @Column({ type: 'bigint', transformer: { to: (value?: Date) => value?.getTime(), from: (value: string | number) => new Date(Number(value)) } })
  createdAt!: Date;

  /** The change's `data` serialized once, at write time, as the JSON the wire carries. */
  @Column({ type: 'text', nullable: true })
  payload!: string | null;
}
