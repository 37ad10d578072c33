import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { CommentChangeSubscriber } from './comment-change.subscriber';
import { CommentTopics } from './comment-topics';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [ProfilesModule],
  controllers: [CommentsController],
  providers: [CommentsService, CommentChangeSubscriber, CommentTopics],
  exports: [CommentsService],
})
export class CommentsModule {}
