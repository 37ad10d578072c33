import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';

/**
 * Timestamps are kept as epoch milliseconds: the same column type on SQLite and PostgreSQL,
 * and the millisecond precision that RealWorld list ordering relies on (SQLite's datetime
 * defaults round to the second).
 */
const epochMillis: ValueTransformer = {
  to: (value: Date | undefined) => value?.getTime(),
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};

@Entity('article')
export class ArticleEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'varchar', length: 255, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'simple-json' })
  tagList!: string[];

  /** A minimal author until user accounts arrive with the RealWorld API. */
  @Column({ type: 'varchar', length: 64 })
  authorUsername!: string;

  @Column({ type: 'integer', default: 0 })
  favoritesCount!: number;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;

  @Column({ type: 'bigint', transformer: epochMillis })
  updatedAt!: Date;
}
