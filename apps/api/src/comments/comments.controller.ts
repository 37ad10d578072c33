import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { STREAM_CURSOR_HEADER, type CommentListResponse, type CommentResponse } from '@conduit/contract';
import type { AuthUser } from '../auth/auth-token.service';
import { AuthRequired } from '../auth/auth.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import { CommentsService } from './comments.service';
import { CommentParams } from './dto/comment-params';
import { CreateCommentDto } from './dto/create-comment.dto';

@ApiTags('comments')
@ApiSecurity('token')
@Controller('articles/:slug/comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  async list(@Param('slug') slug: string, @Res({ passthrough: true }) res: Response, @CurrentUser() reader?: AuthUser): Promise<CommentListResponse> {
    const { cursor, comments } = await this.comments.list(slug, reader?.id);
    res.setHeader(STREAM_CURSOR_HEADER, cursor);
    return { comments };
  }

  @Post()
  @HttpCode(201)
  @AuthRequired()
  async create(@Param('slug') slug: string, @Body() body: CreateCommentDto, @CurrentUser() reader: AuthUser): Promise<CommentResponse> {
    return { comment: await this.comments.create(reader, slug, body.comment.body) };
  }

  @Delete(':id')
  @HttpCode(204)
  @AuthRequired()
  async delete(@Param() { slug, id }: CommentParams, @CurrentUser() reader: AuthUser): Promise<void> {
    await this.comments.delete(reader.id, slug, Number(id));
  }
}
