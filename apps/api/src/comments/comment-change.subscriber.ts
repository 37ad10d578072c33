import { Injectable } from '@nestjs/common';
import type { InsertEvent, RemoveEvent } from 'typeorm';
import { commentsTopic } from '@conduit/contract';
import { ChangeRecordingSubscriber, type WriteContext } from '@conduit/live-server';
import { ArticleEntity } from '../articles/article.entity';
import { UserEntity } from '../users/user.entity';
import { CommentEntity } from './comment.entity';
import { toComment } from './comment.mapper';

/**
 * Records every comment insert and removal on `articles/<slug>/comments`, inside the writing
 * transaction. The payload is the comment as an anonymous reader gets it. Comments that go with
 * their article (ON DELETE CASCADE in the database) run no subscriber and record nothing: the
 * article's own `deleted` change on `articles` covers them.
 */
@Injectable()
export class CommentChangeSubscriber extends ChangeRecordingSubscriber<CommentEntity> {
  listenTo(): typeof CommentEntity {
    return CommentEntity;
  }

  async afterInsert(event: InsertEvent<CommentEntity>): Promise<void> {
    const comment = event.entity;
    // Writes that did not load the author read it in the same transaction.
    const author = comment.author ?? (await event.manager.findOneByOrFail(UserEntity, { id: comment.authorId }));
    await this.outbox.record(event, {
      topic: commentsTopic(await this.slugOf(event, comment)),
      type: 'created',
      entity: 'comment',
      key: String(comment.id),
      data: toComment({ ...comment, author }),
    });
  }

  async afterRemove(event: RemoveEvent<CommentEntity>): Promise<void> {
    // TypeORM clears the removed entity's id before the after-events: the id comes from entityId.
    const comment = event.databaseEntity ?? event.entity;
    const id: unknown = event.entityId;
    if (!comment || id === undefined || id === null) return;
    await this.outbox.record(event, {
      topic: commentsTopic(await this.slugOf(event, { ...comment, article: event.entity?.article ?? comment.article })),
      type: 'deleted',
      entity: 'comment',
      key: String(id),
      data: null,
    });
  }

  private async slugOf(context: WriteContext, comment: Pick<CommentEntity, 'articleId' | 'article'>): Promise<string> {
    if (comment.article?.slug) return comment.article.slug;
    const article = await context.manager.findOneByOrFail(ArticleEntity, { id: comment.articleId });
    return article.slug;
  }
}
