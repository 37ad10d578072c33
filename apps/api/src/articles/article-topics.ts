import { Injectable, type OnModuleInit } from '@nestjs/common';
import { filter } from 'rxjs';
import { ARTICLES_TOPIC, FEED_TOPIC } from '@conduit/contract';
import { CommittedChanges, LiveTopics, type LiveUser, type TopicView } from '@conduit/live-server';
import { FOLLOWS_TOPIC } from '../profiles/follow-change.subscriber';
import { ProfilesService } from '../profiles/profiles.service';

/**
 * The article topics: `articles` for everyone, and `feed`, each reader's view of it restricted to
 * the authors they follow. A follow or unfollow reaches the view as a change on the internal
 * `follows` topic, so it takes effect at its place in the stream, without a reconnect.
 */
@Injectable()
export class ArticleTopics implements OnModuleInit {
  constructor(
    private readonly topics: LiveTopics,
    private readonly committed: CommittedChanges,
    private readonly profiles: ProfilesService,
  ) {}

  onModuleInit(): void {
    this.topics.register({ pattern: ARTICLES_TOPIC });
    this.topics.register({ pattern: FEED_TOPIC, requiresAuth: true, view: (user) => this.feedView(user!) });
  }

  private async feedView(user: LiveUser): Promise<TopicView> {
    const authors = new Set<string>();
    // Listen before reading, so that a follow committed in between is not lost.
    const follows = this.committed.changes$
      .pipe(filter((change) => change.topic === FOLLOWS_TOPIC && change.audience === user.id))
      .subscribe((change) => {
        const author = change.key.split(':')[1];
        if (change.type === 'deleted') authors.delete(author);
        else authors.add(author);
      });
    for (const id of await this.profiles.followedIds(Number(user.id))) authors.add(String(id));
    return {
      source: ARTICLES_TOPIC,
      accepts: (change) => change.audience !== null && authors.has(change.audience),
      close: () => follows.unsubscribe(),
    };
  }
}
