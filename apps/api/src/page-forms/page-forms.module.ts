import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { CommentsModule } from '../comments/comments.module';
import { UsersModule } from '../users/users.module';
import { PageFormsController } from './page-forms.controller';
import { PageRenderer } from './page-renderer';
import { PostedFormFilter } from './posted-form.filter';

@Module({
  imports: [UsersModule, ArticlesModule, CommentsModule],
  controllers: [PageFormsController],
  providers: [PageRenderer, PostedFormFilter],
})
export class PageFormsModule {}
