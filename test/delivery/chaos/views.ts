import type { ArticleSummary, Change, Comment, Cursor } from '@conduit/contract';
import type { ClusterInstance } from '../../support/api-cluster';

/**
 * What a reader holds of one topic, keyed like the stream (an article's slug, a comment's id), each
 * entry reduced to what the chaos run compares: for an article what a list shows and every write
 * changes (`updatedAt` included), for a comment its body.
 */
export type View = Map<string, string>;

export const articleEntry = (article: Pick<ArticleSummary, 'title' | 'description' | 'updatedAt'>): string =>
  JSON.stringify([article.title, article.description, article.updatedAt]);

export const commentEntry = (comment: Pick<Comment, 'body'>): string => JSON.stringify(comment.body);

/** A topic's view after one of its changes. */
export function applyChange(view: View, change: Change): void {
  if (change.type === 'deleted' || change.data === null) view.delete(change.key);
  else if (change.entity === 'article') view.set(change.key, articleEntry(change.data as ArticleSummary));
  else view.set(change.key, commentEntry(change.data as Comment));
}

export interface Snapshot {
  cursor: Cursor;
  view: View;
}

const PAGE = 100;
/**
 * Pages overlap by half: a delete above the page being read moves the rows below it up by one, so
 * consecutive pages a step of a whole page apart would skip a row per delete committed between them.
 */
const STEP = 50;

/**
 * Every article, as a reader that pages through GET /api/articles sees it, and the first page's cursor.
 * Later pages are read after the cursor, so they may already show changes after it; applying those
 * changes again, in order, ends on the same state (the snapshot is never behind its cursor).
 */
export async function articlesSnapshot(instance: ClusterInstance): Promise<Snapshot> {
  const view: View = new Map();
  let cursor: Cursor | null = null;
  for (let offset = 0; ; offset += STEP) {
    const answer = await instance.request<{ articles: ArticleSummary[] }>('GET', `/articles?limit=${PAGE}&offset=${offset}`);
    if (answer.status !== 200) throw new Error(`GET /api/articles on instance ${instance.index} answered ${answer.status}`);
    cursor ??= answer.headers.get('x-stream-cursor');
    for (const article of answer.body.articles) view.set(article.slug, articleEntry(article));
    if (answer.body.articles.length < PAGE) break;
  }
  if (!cursor) throw new Error(`GET /api/articles on instance ${instance.index} answered without a cursor`);
  return { cursor, view };
}

/** The comments of one article (GET answers them all) and the answer's cursor. */
export async function commentsSnapshot(instance: ClusterInstance, slug: string): Promise<Snapshot> {
  const answer = await instance.request<{ comments: Comment[] }>('GET', `/articles/${slug}/comments`);
  const cursor = answer.headers.get('x-stream-cursor');
  if (answer.status !== 200 || !cursor) throw new Error(`GET /api/articles/${slug}/comments on instance ${instance.index} answered ${answer.status}`);
  return { cursor, view: new Map(answer.body.comments.map((comment) => [String(comment.id), commentEntry(comment)])) };
}

/** Entries of `actual` that differ from `expected`, at most `limit`, for a failure message. */
export function viewDifferences(actual: View, expected: View, limit = 5): string[] {
  const differences: string[] = [];
  for (const [key, entry] of expected) if (actual.get(key) !== entry) differences.push(`${key}: ${actual.get(key) ?? 'missing'}, expected ${entry}`);
  for (const [key, entry] of actual) if (!expected.has(key)) differences.push(`${key}: ${entry}, expected none`);
  return differences.slice(0, limit);
}
