import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { STREAM_CURSOR_HEADER } from '@conduit/contract';
import { TagsService } from './tags.service';

@ApiTags('tags')
@ApiSecurity('token')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  async list(@Res({ passthrough: true }) res: Response): Promise<{ tags: string[] }> {
    const { cursor, tags } = await this.tags.popular();
    res.setHeader(STREAM_CURSOR_HEADER, cursor);
    return { tags };
  }
}
