import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMillis } from '../common/persistence/epoch-millis.transformer';
import { UserEntity } from '../users/user.entity';

@Entity('article')
@Index('IDX_article_createdAt', ['createdAt'])
@Index('IDX_article_author', ['authorId'])
export class ArticleEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  /** The article's key on the wire and in URLs; it never changes once given. */
  @Column({ type: 'varchar', length: 255, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The tags, sorted; `article_tag` indexes the same tags for filtering. */
  @Column({ type: 'simple-json' })
  tagList!: string[];

  @Column({ type: 'integer' })
  authorId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authorId' })
  author!: UserEntity;

  /**
   * Kept in step with `favorite` rows, in the same transaction, so lists need no count query. The column's
   * default (0) is the migration's alone: every insert gives the count, and a default named here would make
   * TypeORM read each new row back on SQLite.
   */
  @Column({ type: 'integer' })
  favoritesCount!: number;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;

  @Column({ type: 'bigint', transformer: epochMillis })
  updatedAt!: Date;
}
