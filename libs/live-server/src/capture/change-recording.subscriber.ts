import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntitySubscriberInterface, ObjectLiteral } from 'typeorm';
import { ChangeOutbox } from './change-outbox.subscriber';

/**
 * Base of a feature's entity subscriber that turns its entity's writes into changes: Nest creates
 * it, it registers with the DataSource, and its hooks record through the outbox, inside the write's
 * transaction. Subclasses declare `listenTo()` and the hooks they need.
 */
@Injectable()
export abstract class ChangeRecordingSubscriber<Entity extends ObjectLiteral> implements EntitySubscriberInterface<Entity> {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    protected readonly outbox: ChangeOutbox,
  ) {
    dataSource.subscribers.push(this);
  }

  abstract listenTo(): Function | string;
}
