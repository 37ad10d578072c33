import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ArticleEntity } from './article.entity';

/** One tag of one article: what `?tag=` filters on and `/api/tags` lists. */
@Entity('article_tag')
@Index('IDX_article_tag_tag', ['tag'])
export class ArticleTagEntity {
  @PrimaryColumn({ type: 'integer' })
  articleId!: number;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  tag!: string;

  @ManyToOne(() => ArticleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article?: ArticleEntity;
}
