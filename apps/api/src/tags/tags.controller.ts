import { ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Controller, Get } from '@nestjs/common';
import { TagsService } from './tags.service';

@ApiTags('tags')
@ApiSecurity('token')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  async list(): Promise<{ tags: string[] }> {
    return { tags: await this.tags.popular() };
  }
}
