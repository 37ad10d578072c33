import type { INestApplicationContext } from '@nestjs/common';
import { faker } from '@faker-js/faker';
import { SingleBar, Presets } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import { ArticlesService } from '../../articles/articles.service';
import { CommentsService } from '../../comments/comments.service';
import type { Author } from '../../users/author';
import { UsersService } from '../../users/users.service';
import { AdminContext, CliError } from '../admin-context';

interface SeedOptions {
  users: number;
  articles: number;
  comments: number;
}

const TAGS = ['nestjs', 'angular', 'websockets', 'typescript', 'postgres', 'sqlite', 'realworld', 'live', 'ops', 'design', 'testing', 'rxjs'];
const SEED_PASSWORD = 'seeded password';

function count(value: string, flag: string): number {
  if (!/^[0-9]{1,7}$/.test(value)) throw new CliError(`${flag} must be a whole number up to 9999999, got "${value}"`);
  return Number(value);
}

/** Runs `task(i)` for i in [0, total), `parallel` at a time, ticking the bar. */
async function repeat(total: number, parallel: number, bar: SingleBar, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      await task(next++);
      bar.increment();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, total) }, worker));
}

/**
 * Fake but realistic data through the API's services (accounts, articles, comments), so every
 * article and comment is recorded on the stream like a REST write. Progress goes to stderr, the
 * summary to stdout.
 */
@Command({ name: 'seed', description: 'create fake users, articles and comments through the services (changes are emitted)' })
export class SeedCommand extends CommandRunner {
  constructor(private readonly context: AdminContext) {
    super();
  }

  async run(_args: string[], options: Partial<SeedOptions>): Promise<void> {
    const wanted: SeedOptions = { users: options.users ?? 10, articles: options.articles ?? 50, comments: options.comments ?? 100 };
    const started = performance.now();
    await this.context.run(async (app) => {
      // Postgres takes concurrent transactions; SQLite has one writer, so parallel work only queues.
      const parallel = app.get(DataSource).options.type === 'postgres' ? 8 : 1;
      const bar = new SingleBar({ format: ' {phase} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left', stream: process.stderr }, Presets.shades_classic);
      const authors = await this.users(app, wanted.users, parallel, bar);
      if (authors.length === 0 && wanted.articles + wanted.comments > 0) throw new CliError('no users to write as: seed with --users 1 or more');
      const slugs = await this.articles(app, wanted.articles, authors, parallel, bar);
      await this.comments(app, wanted.comments, authors, slugs, parallel, bar);
      bar.stop();
    });
    const seconds = (performance.now() - started) / 1000;
    const rate = wanted.articles > 0 ? ` (${Math.round(wanted.articles / seconds)} articles/s)` : '';
    console.log(`seeded ${wanted.users} users, ${wanted.articles} articles, ${wanted.comments} comments in ${seconds.toFixed(1)} s${rate}`);
  }

  private async users(app: INestApplicationContext, total: number, parallel: number, bar: SingleBar): Promise<Author[]> {
    const users = app.get(UsersService, { strict: false });
    if (total === 0) return users.list(0, 1000);
    const authors: Author[] = [];
    bar.start(total, 0, { phase: 'users   ' });
    // scrypt runs on libuv's pool: four at a time whatever the store.
    await repeat(total, 4, bar, async () => {
      const first = faker.person.firstName();
      const username = `${faker.internet.username({ firstName: first }).replace(/[^\p{L}\p{N}_.-]/gu, '')}_${faker.string.alphanumeric(6)}`.slice(0, 64);
      const account = await users.register({ username, email: `${username.toLowerCase()}@example.com`, password: SEED_PASSWORD });
      authors.push(await users.byUsername(account.username));
    });
    return authors;
  }

  private async articles(app: INestApplicationContext, total: number, authors: Author[], parallel: number, bar: SingleBar): Promise<string[]> {
    const articles = app.get(ArticlesService, { strict: false });
    const slugs: string[] = [];
    if (total === 0) return slugs;
    bar.start(total, 0, { phase: 'articles' });
    await repeat(total, parallel, bar, async () => {
      const article = await articles.create(faker.helpers.arrayElement(authors), {
        title: faker.lorem.sentence({ min: 3, max: 8 }).replace(/\.$/, ''),
        description: faker.lorem.sentence(),
        body: faker.lorem.paragraphs({ min: 2, max: 5 }, '\n\n'),
        tagList: faker.helpers.arrayElements(TAGS, { min: 0, max: 3 }),
      });
      slugs.push(article.slug);
    });
    return slugs;
  }

  private async comments(app: INestApplicationContext, total: number, authors: Author[], slugs: string[], parallel: number, bar: SingleBar): Promise<void> {
    if (total === 0) return;
    if (slugs.length === 0) throw new CliError('comments need articles: seed with --articles 1 or more');
    const comments = app.get(CommentsService, { strict: false });
    bar.start(total, 0, { phase: 'comments' });
    await repeat(total, parallel, bar, async () => {
      await comments.create(faker.helpers.arrayElement(authors), faker.helpers.arrayElement(slugs), faker.lorem.sentences({ min: 1, max: 3 }));
    });
  }

  @Option({ flags: '--users <n>', description: 'accounts to create (default 10; 0 writes as existing users)' })
  parseUsers(value: string): number {
    return count(value, '--users');
  }

  @Option({ flags: '--articles <n>', description: 'articles to create (default 50)' })
  parseArticles(value: string): number {
    return count(value, '--articles');
  }

  @Option({ flags: '--comments <n>', description: 'comments to create on the new articles (default 100)' })
  parseComments(value: string): number {
    return count(value, '--comments');
  }
}
