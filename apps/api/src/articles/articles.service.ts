import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { Article, ArticleSummary, Cursor } from '@conduit/contract';
import { StreamHead } from '@conduit/live-server';
import { isUniqueViolation, isUniqueViolationOn } from '../common/persistence/unique-violation';
import { FollowEntity } from '../profiles/follow.entity';
import { ProfilesService } from '../profiles/profiles.service';
import type { Author } from '../users/author';
import { UserEntity } from '../users/user.entity';
import { isAdmin } from '../users/user-role';
import { usernameKey } from '../users/username';
import { ArticleTagEntity } from './article-tag.entity';
import { ArticleEntity } from './article.entity';
import { toArticle, toArticleSummary, type ReaderView } from './article.mapper';
import type { NewArticleDto } from './dto/create-article.dto';
import type { ListArticlesQuery, PageQuery } from './dto/list-articles.query';
import type { ArticleChangesDto } from './dto/update-article.dto';
import { FavoriteEntity } from './favorite.entity';
import { earlierArticleId, rememberKey, type KeyedCreation } from './idempotency/idempotency-keys';
import { isReservedSlug, slugSuffix, slugify } from './slug';

export interface ArticleList {
  cursor: Cursor;
  articles: ArticleSummary[];
  articlesCount: number;
}

const notFound = () => new NotFoundException({ errors: { article: ['not found'] } });
const forbidden = () => new ForbiddenException({ errors: { article: ['forbidden'] } });

/**
 * Tags trimmed, without duplicates, in code-point order: the official suites compare `tagList`
 * by position and expect it sorted (Postman), or give it sorted (hurl, Bruno).
 */
function normalizeTags(tags: readonly string[] | null | undefined): string[] {
  return [...new Set((tags ?? []).map((tag) => tag.trim()).filter(Boolean))].sort();
}

/**
 * Articles, favorites and the feed. Every write of an article goes through an entity insert, save or
 * remove (never a QueryBuilder write or delete-by-criteria), because only those run the entity
 * subscribers that record the change for the live stream (docs/architecture.md, "Persistence").
 */
@Injectable()
export class ArticlesService {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(FavoriteEntity) private readonly favorites: Repository<FavoriteEntity>,
    private readonly stream: StreamHead,
    private readonly profiles: ProfilesService,
  ) {}

  /**
   * With an idempotency key, a repeat of the same creation by the same reader within the window answers with
   * the article the first one made (as it is now) instead of making another.
   *
   * The slug is the title's, or with a suffix when another article has it. Rather than read first whether
   * it is taken, the creation tries the plain slug and, when the unique index refuses it, runs once more
   * with a suffix: the common case (a new title) costs no read.
   */
  async create(author: Author, input: NewArticleDto, idempotencyKey?: string): Promise<Article> {
    const base = slugify(input.title);
    try {
      return await this.createWithSlug(author, input, isReservedSlug(base) ? `${base}-${slugSuffix()}` : base, idempotencyKey);
    } catch (error) {
      if (!isUniqueViolationOn(error, 'article', 'slug')) throw error;
      return this.createWithSlug(author, input, `${base}-${slugSuffix()}`, idempotencyKey);
    }
  }

  private async createWithSlug(author: Author, input: NewArticleDto, slug: string, idempotencyKey?: string): Promise<Article> {
    if (idempotencyKey === undefined) return this.articles.manager.transaction(async (manager) => toArticle(await this.insert(manager, author, input, slug)));
    const creation: KeyedCreation = { userId: author.id, key: idempotencyKey, article: input };
    try {
      return await this.articles.manager.transaction(async (manager) => {
        const earlier = await earlierArticleId(manager, creation);
        if (earlier !== null) return this.byId(manager, earlier, author.id);
        const article = await this.insert(manager, author, input, slug);
        await rememberKey(manager, creation, article.id);
        return toArticle(article);
      });
    } catch (error) {
      // A concurrent request with the same key committed first (its key, or its slug, won the unique index).
      if (!isUniqueViolation(error)) throw error;
      const earlier = await this.articles.manager.transaction((manager) => earlierArticleId(manager, creation));
      if (earlier === null) throw error;
      return this.byId(this.articles.manager, earlier, author.id);
    }
  }

  /** The stream position to read before a snapshot (PROTOCOL.md, "Cursors"). */
  headCursor(): Promise<Cursor> {
    return this.stream.head();
  }

  async get(slug: string, readerId?: number): Promise<Article> {
    const article = await this.articles.findOne({ where: { slug }, relations: { author: true } });
    if (!article) throw notFound();
    return toArticle(article, await this.readerView(readerId, article));
  }

  /** Newest first. The cursor is read before the rows, so the snapshot is never behind it. */
  async list(query: ListArticlesQuery, readerId?: number): Promise<ArticleList> {
    const cursor = await this.stream.head();
    const rows = this.articlesQuery();
    if (query.tag !== undefined) {
      rows.innerJoin(ArticleTagEntity, 'tagged', 'tagged.articleId = article.id AND tagged.tag = :tag', { tag: query.tag });
    }
    // Names are matched as profiles are: by their normalised key.
    if (query.author !== undefined) rows.andWhere('author.usernameKey = :author', { author: usernameKey(query.author) });
    if (query.favorited !== undefined) {
      rows
        .innerJoin(FavoriteEntity, 'favorite', 'favorite.articleId = article.id')
        .innerJoin(UserEntity, 'fan', 'fan.id = favorite.userId AND fan.usernameKey = :fan', { fan: usernameKey(query.favorited) });
    }
    return { cursor, ...(await this.page(rows, query, readerId)) };
  }

  /** Articles by the authors the reader follows, newest first. */
  async feed(readerId: number, query: PageQuery): Promise<ArticleList> {
    const cursor = await this.stream.head();
    const rows = this.articlesQuery().innerJoin(FollowEntity, 'follow', 'follow.followingId = article.authorId AND follow.followerId = :readerId', { readerId });
    return { cursor, ...(await this.page(rows, query, readerId)) };
  }

  async update(readerId: number, slug: string, changes: ArticleChangesDto): Promise<Article> {
    return this.articles.manager.transaction(async (manager) => {
      const article = await this.ownArticle(manager, readerId, slug);
      if (changes.title !== undefined) article.title = changes.title;
      if (changes.description !== undefined) article.description = changes.description;
      if (changes.body !== undefined) article.body = changes.body;
      if (changes.tagList !== undefined) article.tagList = normalizeTags(changes.tagList);
      article.updatedAt = new Date();
      await manager.save(article);
      if (changes.tagList !== undefined) await this.replaceTags(manager, article);
      return toArticle(article, await this.readerView(readerId, article, manager));
    });
  }

  /** By its author, or by an admin (moderation). */
  async delete(readerId: number, slug: string): Promise<void> {
    await this.articles.manager.transaction(async (manager) => {
      const article = await manager.findOne(ArticleEntity, { where: { slug }, relations: { author: true } });
      if (!article) throw notFound();
      if (article.authorId !== readerId && !(await isAdmin(manager, readerId))) throw forbidden();
      await manager.remove(article);
    });
  }

  /** Moderation from the admin CLI: no reader, same removal, so the `deleted` change goes live. */
  async deleteAsModerator(slug: string): Promise<void> {
    await this.articles.manager.transaction(async (manager) => {
      const article = await manager.findOneBy(ArticleEntity, { slug });
      if (!article) throw notFound();
      await manager.remove(article);
    });
  }

  async favorite(readerId: number, slug: string): Promise<Article> {
    return this.setFavorite(readerId, slug, true);
  }

  async unfavorite(readerId: number, slug: string): Promise<Article> {
    return this.setFavorite(readerId, slug, false);
  }

  private async setFavorite(readerId: number, slug: string, favorite: boolean): Promise<Article> {
    return this.articles.manager.transaction(async (manager) => {
      // The row lock serializes concurrent (un)favorites of one article on Postgres, so the recount
      // below never misses another's write; SQLite serializes writers already.
      const lock = manager.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' as const } : undefined;
      const article = await manager.findOne(ArticleEntity, { where: { slug }, lock });
      if (!article) throw notFound();
      if (favorite) {
        await manager.createQueryBuilder().insert().into(FavoriteEntity).values({ userId: readerId, articleId: article.id }).orIgnore().execute();
      } else {
        await manager.delete(FavoriteEntity, { userId: readerId, articleId: article.id });
      }
      const count = await manager.countBy(FavoriteEntity, { articleId: article.id });
      if (count !== article.favoritesCount) {
        article.favoritesCount = count;
        await manager.save(article);
      }
      article.author = await manager.findOneByOrFail(UserEntity, { id: article.authorId });
      return toArticle(article, { favorited: favorite, following: await this.profiles.isFollowing(readerId, article.authorId) });
    });
  }

  /** `author` as the reader's token check read it: the account is not read again. */
  private async insert(manager: EntityManager, author: Author, input: NewArticleDto, slug: string): Promise<ArticleEntity> {
    const now = new Date();
    const article = manager.create(ArticleEntity, {
      slug,
      title: input.title,
      description: input.description,
      body: input.body,
      tagList: normalizeTags(input.tagList),
      authorId: author.id,
      author,
      favoritesCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    // An insert, not a save: a new row needs none of save's diffing against the database, and
    // TypeORM runs the insert subscribers for it all the same (the change is recorded).
    await manager.insert(ArticleEntity, article);
    await this.insertTags(manager, article);
    return article;
  }

  private async byId(manager: EntityManager, id: number, readerId: number): Promise<Article> {
    const article = await manager.findOneOrFail(ArticleEntity, { where: { id }, relations: { author: true } });
    return toArticle(article, await this.readerView(readerId, article, manager));
  }

  private async ownArticle(manager: EntityManager, readerId: number, slug: string): Promise<ArticleEntity> {
    const article = await manager.findOne(ArticleEntity, { where: { slug }, relations: { author: true } });
    if (!article) throw notFound();
    if (article.authorId !== readerId) throw forbidden();
    return article;
  }

  private async replaceTags(manager: EntityManager, article: ArticleEntity): Promise<void> {
    await manager.delete(ArticleTagEntity, { articleId: article.id });
    await this.insertTags(manager, article);
  }

  /** A new article has no tag rows yet: nothing to delete first. */
  private async insertTags(manager: EntityManager, article: ArticleEntity): Promise<void> {
    if (article.tagList.length > 0) {
      await manager.insert(ArticleTagEntity, article.tagList.map((tag) => ({ articleId: article.id, tag })));
    }
  }

  private articlesQuery(): SelectQueryBuilder<ArticleEntity> {
    return this.articles.createQueryBuilder('article').innerJoinAndSelect('article.author', 'author');
  }

  private async page(rows: SelectQueryBuilder<ArticleEntity>, query: PageQuery, readerId?: number): Promise<Omit<ArticleList, 'cursor'>> {
    const [articles, articlesCount] = await rows
      .orderBy('article.createdAt', 'DESC')
      .addOrderBy('article.id', 'DESC')
      // Every join is to-one, so plain OFFSET/LIMIT pages correctly (no DISTINCT subquery needed).
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    const [favorited, followed] = await Promise.all([
      this.favoritedAmong(readerId, articles.map((article) => article.id)),
      this.profiles.followedAmong(readerId, articles.map((article) => article.authorId)),
    ]);
    return {
      articles: articles.map((article) =>
        toArticleSummary(article, { favorited: favorited.has(article.id), following: followed.has(article.authorId) }),
      ),
      articlesCount,
    };
  }

  private async favoritedAmong(readerId: number | undefined, articleIds: number[]): Promise<Set<number>> {
    if (readerId === undefined || articleIds.length === 0) return new Set();
    const rows = await this.favorites.findBy({ userId: readerId, articleId: In(articleIds) });
    return new Set(rows.map((row) => row.articleId));
  }

  private async readerView(readerId: number | undefined, article: ArticleEntity, manager: EntityManager = this.favorites.manager): Promise<ReaderView> {
    if (readerId === undefined) return { favorited: false, following: false };
    const [favorited, following] = await Promise.all([
      manager.existsBy(FavoriteEntity, { userId: readerId, articleId: article.id }),
      this.profiles.isFollowing(readerId, article.authorId),
    ]);
    return { favorited, following };
  }
}
