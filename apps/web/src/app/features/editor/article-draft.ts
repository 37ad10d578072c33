import type { NewArticle } from '@conduit/contract';

/** What the editor holds: the article as the writer has it so far. */
export interface ArticleDraft {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

export const emptyDraft = (): ArticleDraft => ({ title: '', description: '', body: '', tagList: [] });

export const draftOf = (article: NewArticle): ArticleDraft => ({
  title: article.title,
  description: article.description,
  body: article.body,
  tagList: [...(article.tagList ?? [])],
});

/**
 * Where a draft is kept: one per writer on this device, for the new article and for each article being
 * edited, so two tabs editing two articles keep two drafts and another account never sees them.
 */
export const draftKey = (username: string, slug: string | undefined): string =>
  `conduit:draft:${encodeURIComponent(username)}:${slug === undefined ? 'new' : `edit:${encodeURIComponent(slug)}`}`;

export function sameDraft(a: ArticleDraft, b: ArticleDraft): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.body === b.body &&
    a.tagList.length === b.tagList.length &&
    a.tagList.every((tag, index) => tag === b.tagList[index])
  );
}

const LIMIT = 1_000_000;

/**
 * A draft read back from storage, which anything on the device (an older version of the app, an extension,
 * a hand in the devtools) may have written: only the exact shape is taken, else nothing.
 */
export function parseDraft(stored: unknown): ArticleDraft | null {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return null;
  const { title, description, body, tagList } = stored as Record<string, unknown>;
  const text = (value: unknown): value is string => typeof value === 'string' && value.length <= LIMIT;
  if (!text(title) || !text(description) || !text(body)) return null;
  if (!Array.isArray(tagList) || tagList.length > 100 || !tagList.every(text)) return null;
  return { title, description, body, tagList: [...tagList] };
}
