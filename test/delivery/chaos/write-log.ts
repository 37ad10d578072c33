import type { Article, Comment } from '@conduit/contract';
import { articleEntry, commentEntry, type View } from './views';

export type WriteKind = 'create' | 'update' | 'delete' | 'comment' | 'uncomment';

/** One write a writer made, and what came of it. */
export interface LoggedWrite {
  writer: number;
  kind: WriteKind;
  instance: number;
  /** The article written (for a create, from the answer; unknown when a create was cut). */
  slug?: string;
  /** The comment deleted, or created (from the answer). */
  commentId?: string;
  /** What the request set: the title of a create, the description of an update, the body of a comment. */
  asked: string;
  /** `acknowledged`: a 2xx answer; `refused`: any other answer; `cut`: no answer (the instance died). */
  outcome: 'acknowledged' | 'refused' | 'cut';
  status?: number;
  answer?: unknown;
}

/** What the log allows an entry of a view to be: `undefined` is "not there". */
interface Expected {
  describe: string;
  accepts(entry: string | undefined): boolean;
}

const exactly = (entry: string | undefined): Expected => ({ describe: entry ?? 'none', accepts: (actual) => actual === entry });

const eitherOf = (a: Expected, b: Expected): Expected => ({ describe: `${a.describe} or ${b.describe}`, accepts: (actual) => a.accepts(actual) || b.accepts(actual) });

/** An update cut before its answer: if it committed, the title is the article's and the description the one asked; its `updatedAt` is unknown. */
const updatedTo = (title: string, description: string): Expected => ({
  describe: `title ${JSON.stringify(title)} with description ${JSON.stringify(description)}`,
  accepts: (actual) => actual !== undefined && JSON.stringify((JSON.parse(actual) as string[]).slice(0, 2)) === JSON.stringify([title, description]),
});

/**
 * Every acknowledged create, update and delete of articles and comments, with its answer, and the
 * requests that got none: the writers' own record, independent of the stream and of the tables. From
 * it, what every reader's view and the tables must hold at the end.
 */
export class WriteLog {
  readonly writes: LoggedWrite[] = [];
  private expected?: ReturnType<WriteLog['expectations']>;

  add(write: LoggedWrite): void {
    this.writes.push(write);
    this.expected = undefined;
  }

  count(outcome: LoggedWrite['outcome']): number {
    return this.writes.filter((write) => write.outcome === outcome).length;
  }

  /**
   * Where `articles` and the comments views (by article slug) differ from the log: an acknowledged
   * write missing or undone, an entry no write made. A cut write may have committed or not: either
   * state passes.
   */
  differences(articles: View, comments: Map<string, View>, limit = 5): string[] {
    this.expected ??= this.expectations();
    const { articleExpectations, commentExpectations, cutTitles, cutBodies } = this.expected;
    const found: string[] = [];
    for (const [slug, expected] of articleExpectations) {
      if (!expected.accepts(articles.get(slug))) found.push(`article ${slug}: ${articles.get(slug) ?? 'none'}, the log says ${expected.describe}`);
    }
    for (const [slug, entry] of articles) {
      if (!articleExpectations.has(slug) && !cutTitles.has((JSON.parse(entry) as string[])[0])) found.push(`article ${slug}: ${entry}, which no logged write made`);
    }
    for (const [slug, view] of comments) {
      const expectations = commentExpectations.get(slug) ?? new Map<string, Expected>();
      for (const [id, expected] of expectations) {
        if (!expected.accepts(view.get(id))) found.push(`comment ${id} on ${slug}: ${view.get(id) ?? 'none'}, the log says ${expected.describe}`);
      }
      for (const [id, entry] of view) {
        if (!expectations.has(id) && !cutBodies.has(JSON.parse(entry) as string)) found.push(`comment ${id} on ${slug}: ${entry}, which no logged write made`);
      }
    }
    return found.slice(0, limit);
  }

  private expectations() {
    const articleExpectations = new Map<string, Expected>();
    const commentExpectations = new Map<string, Map<string, Expected>>();
    const cutTitles = new Set<string>();
    // Updates change the description and the body, never the title.
    const titles = new Map<string, string>();
    const cutBodies = new Set<string>();
    const commentsOf = (slug: string) => {
      if (!commentExpectations.has(slug)) commentExpectations.set(slug, new Map());
      return commentExpectations.get(slug)!;
    };
    // A writer's writes are sequential and each article belongs to one writer: the log's order is each article's order.
    for (const write of this.writes) {
      const acknowledged = write.outcome === 'acknowledged';
      if (write.outcome === 'refused') continue;
      switch (write.kind) {
        case 'create':
          if (acknowledged) {
            articleExpectations.set(write.slug!, exactly(articleEntry((write.answer as { article: Article }).article)));
            titles.set(write.slug!, write.asked);
          } else cutTitles.add(write.asked);
          break;
        case 'update': {
          const before = articleExpectations.get(write.slug!)!;
          articleExpectations.set(write.slug!, acknowledged ? exactly(articleEntry((write.answer as { article: Article }).article)) : eitherOf(before, updatedTo(titles.get(write.slug!)!, write.asked)));
          break;
        }
        case 'delete':
          articleExpectations.set(write.slug!, acknowledged ? exactly(undefined) : eitherOf(articleExpectations.get(write.slug!)!, exactly(undefined)));
          break;
        case 'comment':
          if (acknowledged) commentsOf(write.slug!).set(write.commentId!, exactly(commentEntry((write.answer as { comment: Comment }).comment)));
          else cutBodies.add(write.asked);
          break;
        case 'uncomment': {
          const comments = commentsOf(write.slug!);
          comments.set(write.commentId!, acknowledged ? exactly(undefined) : eitherOf(comments.get(write.commentId!)!, exactly(undefined)));
          break;
        }
      }
    }
    return { articleExpectations, commentExpectations, cutTitles, cutBodies };
  }
}
