import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProfilesModule } from '../profiles/profiles.module';
import { CommentChangeSubscriber } from './comment-change.subscriber';
import { CommentTopics } from './comment-topics';
import { CommentEntity } from './comment.entity';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [TypeOrmModule.forFeature([CommentEntity]), ProfilesModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentChangeSubscriber, CommentTopics],
  exports: [CommentsService],
})
export class CommentsModule {}
