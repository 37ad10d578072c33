import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LiveTopics } from '@conduit/live-server';

/**
 * The `articles/<slug>/comments` topics, for the slugs `slugify` makes (unicode letters, digits and
 * '-', at most 255 characters: the slug column). Anchored, so `articles/x/comments/extra` and
 * `articles/a/b/comments` are unknown topics.
 */
export const COMMENTS_TOPIC_PATTERN = /^articles\/[\p{L}\p{N}-]{1,255}\/comments$/u;

/**
 * Opens the comments topics to everyone; they carry what `CommentChangeSubscriber` records. Their
 * subscribers are the article's readers (presence) and may say they are writing a comment (typing).
 */
@Injectable()
export class CommentTopics implements OnModuleInit {
  constructor(private readonly topics: LiveTopics) {}

  onModuleInit(): void {
    this.topics.register({ pattern: COMMENTS_TOPIC_PATTERN, presence: true });
  }
}
