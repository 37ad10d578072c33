import type { Article, ArticleSummary } from '@conduit/contract';
import type { ArticleEntity } from './article.entity';

/** The RealWorld article JSON as an anonymous reader gets it (REST and the live stream alike). */
export function toArticle(entity: ArticleEntity): Article {
  return {
    slug: entity.slug,
    title: entity.title,
    description: entity.description,
    body: entity.body,
    tagList: entity.tagList,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    favorited: false,
    favoritesCount: entity.favoritesCount,
    author: { username: entity.authorUsername, bio: null, image: null, following: false },
  };
}

/** List entries leave out the body (RealWorld v2). */
export function toArticleSummary(entity: ArticleEntity): ArticleSummary {
  const { body: _body, ...summary } = toArticle(entity);
  return summary;
}
