import { randomBytes } from 'node:crypto';

const MAX_SLUG_BASE = 200;

// `GET /api/articles/feed` is the feed route, so an article slugged "feed" could never be read.
const RESERVED_SLUGS: ReadonlySet<string> = new Set(['feed']);

/** True when a slug names a route under /api/articles and so must get a suffix like a taken one. */
export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug);
}

/** A URL-safe slug that keeps letters of any script (unicode titles get readable slugs). */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_BASE)
    .replace(/-+$/, '');
  return base || 'article';
}

/** Appended when a slug is taken, so that two articles with one title both get a home. */
export function slugSuffix(): string {
  return randomBytes(4).toString('hex');
}
