import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { STREAM_CURSOR_HEADER, type ArticleListResponse, type ArticleResponse } from '@conduit/contract';
import { ArticlesService } from './articles.service';
import { CreateArticleDto } from './dto/create-article.dto';
import { ListArticlesQuery } from './dto/list-articles.query';

@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  async list(@Query() query: ListArticlesQuery, @Res({ passthrough: true }) res: Response): Promise<ArticleListResponse> {
    const { cursor, articles, articlesCount } = await this.articles.list(query.limit, query.offset);
    res.setHeader(STREAM_CURSOR_HEADER, cursor);
    return { articles, articlesCount };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateArticleDto): Promise<ArticleResponse> {
    return { article: await this.articles.create(body.article) };
  }
}
