import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, InsertEvent } from 'typeorm';
import { ARTICLES_TOPIC } from '@conduit/contract';
import { ChangeOutbox } from '@conduit/live-server';
import { ArticleEntity } from './article.entity';
import { toArticle } from './article.mapper';

/** Records every article insert on the `articles` topic, inside the inserting transaction. */
@Injectable()
export class ArticleChangeSubscriber implements EntitySubscriberInterface<ArticleEntity> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly outbox: ChangeOutbox,
  ) {
    dataSource.subscribers.push(this);
  }

  listenTo(): typeof ArticleEntity {
    return ArticleEntity;
  }

  async afterInsert(event: InsertEvent<ArticleEntity>): Promise<void> {
    await this.outbox.record(event, {
      topic: ARTICLES_TOPIC,
      type: 'created',
      entity: 'article',
      key: event.entity.slug,
      data: toArticle(event.entity),
    });
  }
}
