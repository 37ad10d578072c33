import { createHash } from 'node:crypto';
import { UnprocessableEntityException } from '@nestjs/common';
import { LessThan, type EntityManager } from 'typeorm';
import type { NewArticleDto } from '../dto/create-article.dto';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** How long a key answers with the article it created: long enough for any retry, short enough to prune. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

/** The header a client sends (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export interface KeyedCreation {
  userId: number;
  key: string;
  article: NewArticleDto;
}

/** What makes two creations the same article: a key sent again with another one is refused. */
export function fingerprintOf(article: NewArticleDto): string {
  const { title, description, body, tagList } = article;
  return createHash('sha256').update(JSON.stringify([title, description, body, tagList ?? null])).digest('hex');
}

/*
 * The store side of idempotent article creation, called inside the creating transaction so that the key and
 * the article commit together: a concurrent request with the same key fails on the primary key and reads the winner.
 */

/** The article an earlier request with this key created, within the window; expired keys are pruned first. */
export async function earlierArticleId(manager: EntityManager, creation: KeyedCreation, now = new Date()): Promise<number | null> {
  await manager.delete(IdempotencyKeyEntity, { createdAt: LessThan(new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)) });
  const earlier = await manager.findOneBy(IdempotencyKeyEntity, { userId: creation.userId, key: creation.key });
  if (!earlier) return null;
  if (earlier.fingerprint !== fingerprintOf(creation.article)) {
    throw new UnprocessableEntityException({ errors: { [IDEMPOTENCY_KEY_HEADER]: ['was already used for another article'] } });
  }
  return earlier.articleId;
}

export async function rememberKey(manager: EntityManager, creation: KeyedCreation, articleId: number, now = new Date()): Promise<void> {
  await manager.insert(IdempotencyKeyEntity, {
    userId: creation.userId,
    key: creation.key,
    fingerprint: fingerprintOf(creation.article),
    articleId,
    createdAt: now,
  });
}
