import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArticleTagEntity } from '../articles/article-tag.entity';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({
  imports: [TypeOrmModule.forFeature([ArticleTagEntity])],
  controllers: [TagsController],
  providers: [TagsService],
})
export class TagsModule {}
