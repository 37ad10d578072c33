import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ArticleEntity } from '../articles/article.entity';
import { epochMillis } from '../common/persistence/epoch-millis.transformer';
import { UserEntity } from '../users/user.entity';

@Entity('comment')
@Index('IDX_comment_article', ['articleId'])
export class CommentEntity {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'integer' })
  articleId!: number;

  @ManyToOne(() => ArticleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'articleId' })
  article!: ArticleEntity;

  @Column({ type: 'integer' })
  authorId!: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'authorId' })
  author!: UserEntity;

  @Column({ type: 'bigint', transformer: epochMillis })
  createdAt!: Date;

  @Column({ type: 'bigint', transformer: epochMillis })
  updatedAt!: Date;
}
