import { ApiHeader, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { STREAM_CURSOR_HEADER, type ArticleListResponse, type ArticleResponse } from '@conduit/contract';
import type { AuthUser } from '../auth/auth-token.service';
import { AuthRequired } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { ArticlesService, type ArticleList } from './articles.service';
import { CreateArticleDto } from './dto/create-article.dto';
import { ListArticlesQuery, PageQuery } from './dto/list-articles.query';
import { UpdateArticleDto } from './dto/update-article.dto';
import { IdempotencyKey } from './idempotency/idempotency-key.decorator';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency/idempotency-keys';

function withCursor(res: Response, { cursor, articles, articlesCount }: ArticleList): ArticleListResponse {
  res.setHeader(STREAM_CURSOR_HEADER, cursor);
  return { articles, articlesCount };
}

@ApiTags('articles')
@ApiSecurity('token')
@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  async list(@Query() query: ListArticlesQuery, @Res({ passthrough: true }) res: Response, @CurrentUser() reader?: AuthUser): Promise<ArticleListResponse> {
    return withCursor(res, await this.articles.list(query, reader?.id));
  }

  @Get('feed')
  @AuthRequired()
  async feed(@Query() query: PageQuery, @Res({ passthrough: true }) res: Response, @CurrentUser() reader: AuthUser): Promise<ArticleListResponse> {
    return withCursor(res, await this.articles.feed(reader.id, query));
  }

  @Post()
  @HttpCode(201)
  @AuthRequired()
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'Makes a retry safe: a request with the same key from the same user within 10 minutes answers 201 with the ' +
      'article the first one created, and creates no other. A fresh random value (e.g. a UUID) per article the ' +
      "user means to create; 1 to 64 letters, digits, '.', '_', ':' or '-', else 422. The same key with a " +
      'different article answers 422.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
  })
  async create(
    @Body() body: CreateArticleDto,
    @CurrentUser() reader: AuthUser,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<ArticleResponse> {
    return { article: await this.articles.create(reader, body.article, idempotencyKey) };
  }

  @Get(':slug')
  async get(@Param('slug') slug: string, @Res({ passthrough: true }) res: Response, @CurrentUser() reader?: AuthUser): Promise<ArticleResponse> {
    const cursor = await this.articles.headCursor();
    res.setHeader(STREAM_CURSOR_HEADER, cursor);
    return { article: await this.articles.get(slug, reader?.id) };
  }

  @Put(':slug')
  @AuthRequired()
  async update(@Param('slug') slug: string, @Body() body: UpdateArticleDto, @CurrentUser() reader: AuthUser): Promise<ArticleResponse> {
    return { article: await this.articles.update(reader.id, slug, body.article) };
  }

  @Delete(':slug')
  @HttpCode(204)
  @AuthRequired()
  async delete(@Param('slug') slug: string, @CurrentUser() reader: AuthUser): Promise<void> {
    await this.articles.delete(reader.id, slug);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @AuthRequired()
  async favorite(@Param('slug') slug: string, @CurrentUser() reader: AuthUser): Promise<ArticleResponse> {
    return { article: await this.articles.favorite(reader.id, slug) };
  }

  @Delete(':slug/favorite')
  @AuthRequired()
  async unfavorite(@Param('slug') slug: string, @CurrentUser() reader: AuthUser): Promise<ArticleResponse> {
    return { article: await this.articles.unfavorite(reader.id, slug) };
  }
}
