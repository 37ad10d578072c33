import type { Article, ArticleSummary } from '@conduit/contract';
import { toProfile } from '../profiles/profile.mapper';
import type { ArticleEntity } from './article.entity';

/** What only this reader sees of an article; an anonymous reader (and the live stream) gets false for both. */
export interface ReaderView {
  favorited: boolean;
  following: boolean;
}

export const ANONYMOUS_VIEW: ReaderView = { favorited: false, following: false };

/** The RealWorld article JSON. `entity.author` must be loaded. */
export function toArticle(entity: ArticleEntity, view: ReaderView = ANONYMOUS_VIEW): Article {
  return {
    slug: entity.slug,
    title: entity.title,
    description: entity.description,
    body: entity.body,
    tagList: entity.tagList,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    favorited: view.favorited,
    favoritesCount: entity.favoritesCount,
    author: toProfile(entity.author, view.following),
  };
}

/** List entries leave out the body (RealWorld v2). */
export function toArticleSummary(entity: ArticleEntity, view: ReaderView = ANONYMOUS_VIEW): ArticleSummary {
  const { body: _body, ...summary } = toArticle(entity, view);
  return summary;
}
