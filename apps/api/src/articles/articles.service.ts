import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Article, ArticleSummary, Cursor } from '@conduit/contract';
import { ChangeStream } from '@conduit/live-server';
import { ArticleEntity } from './article.entity';
import { toArticle, toArticleSummary } from './article.mapper';
import type { NewArticleDto } from './dto/create-article.dto';
import { slugSuffix, slugify } from './slug';

/** Until user accounts exist (RealWorld API issue), every article is written by this author. */
export const GUEST_AUTHOR = 'guest';

export interface ArticleList {
  cursor: Cursor;
  articles: ArticleSummary[];
  articlesCount: number;
}

@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    private readonly stream: ChangeStream,
  ) {}

  /** Saving goes through the repository so that the entity subscriber records the change. */
  async create(input: NewArticleDto, authorUsername = GUEST_AUTHOR): Promise<Article> {
    const now = new Date();
    const base = slugify(input.title);
    const slug = (await this.articles.existsBy({ slug: base })) ? `${base}-${slugSuffix()}` : base;
    const article = this.articles.create({
      slug,
      title: input.title,
      description: input.description,
      body: input.body,
      tagList: input.tagList ?? [],
      authorUsername,
      favoritesCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    return toArticle(await this.articles.save(article));
  }

  /** Newest first. The cursor is read before the rows, so the snapshot is never behind it. */
  async list(limit: number, offset: number): Promise<ArticleList> {
    const cursor = await this.stream.head();
    const [rows, articlesCount] = await this.articles.findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { cursor, articles: rows.map(toArticleSummary), articlesCount };
  }
}
