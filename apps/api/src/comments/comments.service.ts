import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Comment, Cursor } from '@conduit/contract';
import { StreamHead } from '@conduit/live-server';
import { ArticleEntity } from '../articles/article.entity';
import { ProfilesService } from '../profiles/profiles.service';
import type { Author } from '../users/author';
import { isAdmin } from '../users/user-role';
import { CommentEntity } from './comment.entity';
import { toComment } from './comment.mapper';

export interface CommentList {
  cursor: Cursor;
  comments: Comment[];
}

/** The largest value of the `integer` id column (Postgres refuses larger ones with an error, not a miss). */
const MAX_COMMENT_ID = 2 ** 31 - 1;

const articleNotFound = () => new NotFoundException({ errors: { article: ['not found'] } });
const commentNotFound = () => new NotFoundException({ errors: { comment: ['not found'] } });
const forbidden = () => new ForbiddenException({ errors: { comment: ['forbidden'] } });

/**
 * Comments of an article. Writes go through `manager.save` / `manager.remove`, never QueryBuilder
 * writes or delete-by-criteria, because only those run `CommentChangeSubscriber`, which records the
 * change for the live stream (docs/architecture.md, "Persistence").
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectRepository(CommentEntity) private readonly comments: Repository<CommentEntity>,
    private readonly stream: StreamHead,
    private readonly profiles: ProfilesService,
  ) {}

  /** Newest first. The cursor is read before the rows, so the snapshot is never behind it. */
  async list(slug: string, readerId?: number): Promise<CommentList> {
    const cursor = await this.stream.head();
    const article = await this.article(this.comments.manager, slug);
    const comments = await this.comments.find({
      where: { articleId: article.id },
      relations: { author: true },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const followed = await this.profiles.followedAmong(readerId, comments.map((comment) => comment.authorId));
    return { cursor, comments: comments.map((comment) => toComment(comment, followed.has(comment.authorId))) };
  }

  /** `author` as the reader's token check read it: the account is not read again. */
  async create(author: Author, slug: string, body: string): Promise<Comment> {
    return this.comments.manager.transaction(async (manager) => {
      const article = await this.article(manager, slug);
      const now = new Date();
      const comment = manager.create(CommentEntity, { body, articleId: article.id, article, authorId: author.id, author, createdAt: now, updatedAt: now });
      await manager.save(comment);
      // Nobody follows themselves, so the author's own view equals the anonymous one.
      return toComment(comment);
    });
  }

  async delete(readerId: number, slug: string, id: number): Promise<void> {
    await this.comments.manager.transaction(async (manager) => {
      const article = await this.article(manager, slug);
      if (!Number.isSafeInteger(id) || id < 1 || id > MAX_COMMENT_ID) throw commentNotFound();
      // Scoped to the article: the id of another article's comment is "not found" here.
      const comment = await manager.findOneBy(CommentEntity, { id, articleId: article.id });
      if (!comment) throw commentNotFound();
      if (comment.authorId !== readerId && !(await isAdmin(manager, readerId))) throw forbidden();
      comment.article = article;
      await manager.remove(comment);
    });
  }

  /** Moderation from the admin CLI, by id alone; the `deleted` change goes to the article's comments topic. */
  async deleteAsModerator(id: number): Promise<{ slug: string }> {
    return this.comments.manager.transaction(async (manager) => {
      if (!Number.isSafeInteger(id) || id < 1 || id > MAX_COMMENT_ID) throw commentNotFound();
      const comment = await manager.findOne(CommentEntity, { where: { id }, relations: { article: true } });
      if (!comment) throw commentNotFound();
      const { slug } = comment.article;
      await manager.remove(comment);
      return { slug };
    });
  }

  private async article(manager: EntityManager, slug: string): Promise<ArticleEntity> {
    const article = await manager.findOneBy(ArticleEntity, { slug });
    if (!article) throw articleNotFound();
    return article;
  }
}
