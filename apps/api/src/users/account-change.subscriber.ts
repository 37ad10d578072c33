import { Injectable } from '@nestjs/common';
import type { UpdateEvent } from 'typeorm';
import { ChangeRecordingSubscriber } from '@conduit/live-server';
import { UserEntity } from './user.entity';

/**
 * Internal topic, never subscribable: an account whose username, token version or "show me as
 * reading" changed, keyed by its id, so that every instance checks that account's sockets again
 * (account-sockets.ts) and presence names it, or not, from then on.
 */
export const ACCOUNTS_TOPIC = 'accounts';

const WATCHED: readonly string[] = ['username', 'tokenVersion', 'showAsReading'] satisfies (keyof UserEntity)[];

@Injectable()
export class AccountChangeSubscriber extends ChangeRecordingSubscriber<UserEntity> {
  listenTo(): typeof UserEntity {
    return UserEntity;
  }

  async afterUpdate(event: UpdateEvent<UserEntity>): Promise<void> {
    const id = (event.entity as UserEntity | undefined)?.id ?? event.databaseEntity?.id;
    if (id === undefined || !event.updatedColumns.some((column) => WATCHED.includes(column.propertyName))) return;
    await this.outbox.record(event, { topic: ACCOUNTS_TOPIC, type: 'updated', entity: 'user', key: String(id), data: null, audience: String(id) });
  }
}
