import { Injectable } from '@nestjs/common';
import type { InsertEvent, RemoveEvent } from 'typeorm';
import { ChangeRecordingSubscriber } from '@conduit/live-server';
import { FollowEntity } from './follow.entity';

/**
 * Internal topic, never subscribable: follows and unfollows, keyed `follower:following`, so that
 * every instance's feed views learn of them in stream order.
 */
export const FOLLOWS_TOPIC = 'follows';

@Injectable()
export class FollowChangeSubscriber extends ChangeRecordingSubscriber<FollowEntity> {
  listenTo(): typeof FollowEntity {
    return FollowEntity;
  }

  async afterInsert(event: InsertEvent<FollowEntity>): Promise<void> {
    await this.record(event, 'created', event.entity);
  }

  async afterRemove(event: RemoveEvent<FollowEntity>): Promise<void> {
    const follow = event.databaseEntity ?? event.entity;
    if (follow) await this.record(event, 'deleted', follow);
  }

  private async record(event: InsertEvent<FollowEntity> | RemoveEvent<FollowEntity>, type: 'created' | 'deleted', follow: FollowEntity): Promise<void> {
    await this.outbox.record(event, {
      topic: FOLLOWS_TOPIC,
      type,
      entity: 'follow',
      key: `${follow.followerId}:${follow.followingId}`,
      data: null,
      audience: String(follow.followerId),
    });
  }
}
