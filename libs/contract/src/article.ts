/** RealWorld API v2 shapes for articles and profiles, as they travel on the wire. */

export interface Profile {
  username: string;
  bio: string | null;
  image: string | null;
  following: boolean;
}

export interface Article {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: Profile;
}

/** List entries omit `body` (RealWorld v2). */
export type ArticleSummary = Omit<Article, 'body'>;

export interface NewArticle {
  title: string;
  description: string;
  body: string;
  tagList?: string[];
}

export interface ArticleResponse {
  article: Article;
}

export interface ArticleListResponse {
  articles: ArticleSummary[];
  articlesCount: number;
}

/** The RealWorld error body: messages keyed by the offending field. */
export interface ErrorResponse {
  errors: Record<string, string[]>;
}
