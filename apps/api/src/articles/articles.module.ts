import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfilesModule } from '../profiles/profiles.module';
import { ArticleChangeSubscriber } from './article-change.subscriber';
import { ArticleTopics } from './article-topics';
import { ArticleEntity } from './article.entity';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { FavoriteEntity } from './favorite.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ArticleEntity, FavoriteEntity]), ProfilesModule],
  controllers: [ArticlesController],
  providers: [ArticlesService, ArticleChangeSubscriber, ArticleTopics],
  exports: [ArticlesService],
})
export class ArticlesModule {}
