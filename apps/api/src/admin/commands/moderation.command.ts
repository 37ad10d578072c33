import { Command, CommandRunner, SubCommand } from 'nest-commander';
import { ArticlesService } from '../../articles/articles.service';
import { CommentsService } from '../../comments/comments.service';
import { AdminContext, CliError } from '../admin-context';

// Deletions go through the services, so the change outbox records them and every open browser sees
// them go (the server learns of them from the stream table, or at once over Redis).

@SubCommand({ name: 'delete', arguments: '<slug>', description: 'delete an article (and its comments), live' })
export class ArticlesDeleteCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run([slug]: string[]): Promise<void> {
    await this.context.run(async (app) => {
      await app.get(ArticlesService, { strict: false }).deleteAsModerator(slug);
      console.log(`deleted article ${slug}`);
    });
  }
}

@Command({ name: 'articles', description: 'article moderation (delete)', subCommands: [ArticlesDeleteCommand] })
export class ArticlesCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}

@SubCommand({ name: 'delete', arguments: '<id>', description: 'delete a comment by its id, live' })
export class CommentsDeleteCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    if (!/^[0-9]{1,15}$/.test(id)) throw new CliError(`a comment id is a whole number, got "${id}"`);
    await this.context.run(async (app) => {
      const { slug } = await app.get(CommentsService, { strict: false }).deleteAsModerator(Number(id));
      console.log(`deleted comment ${id} of ${slug}`);
    });
  }
}

@Command({ name: 'comments', description: 'comment moderation (delete)', subCommands: [CommentsDeleteCommand] })
export class CommentsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.help();
  }
}
