import { Injectable } from '@nestjs/common';
import type { InsertEvent, RemoveEvent, UpdateEvent } from 'typeorm';
import { ARTICLES_TOPIC, type ChangeType } from '@conduit/contract';
import { ChangeRecordingSubscriber, type WriteContext } from '@conduit/live-server';
import { UserEntity } from '../users/user.entity';
import { ArticleEntity } from './article.entity';
import { toArticle } from './article.mapper';

/**
 * Records every article insert, update (favorite counts included) and removal on the `articles`
 * topic, inside the writing transaction. The payload is the article as an anonymous reader gets it.
 */
@Injectable()
export class ArticleChangeSubscriber extends ChangeRecordingSubscriber<ArticleEntity> {
  listenTo(): typeof ArticleEntity {
    return ArticleEntity;
  }

  async afterInsert(event: InsertEvent<ArticleEntity>): Promise<void> {
    await this.record(event, 'created', event.entity);
  }

  async afterUpdate(event: UpdateEvent<ArticleEntity>): Promise<void> {
    const article = event.entity as ArticleEntity | undefined;
    if (article?.slug) await this.record(event, 'updated', article);
  }

  async afterRemove(event: RemoveEvent<ArticleEntity>): Promise<void> {
    const slug = event.databaseEntity?.slug ?? event.entity?.slug;
    if (!slug) return;
    const authorId = event.databaseEntity?.authorId ?? event.entity?.authorId;
    await this.outbox.record(event, { topic: ARTICLES_TOPIC, type: 'deleted', entity: 'article', key: slug, data: null, audience: String(authorId) });
  }

  private async record(context: WriteContext, type: ChangeType, article: ArticleEntity): Promise<void> {
    // Writes that did not load the author read it in the same transaction.
    const author = article.author ?? (await context.manager.findOneByOrFail(UserEntity, { id: article.authorId }));
    await this.outbox.record(context, {
      topic: ARTICLES_TOPIC,
      type,
      entity: 'article',
      key: article.slug,
      data: toArticle({ ...article, author }),
      audience: String(article.authorId),
    });
  }
}
