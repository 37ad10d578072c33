import type { NewArticle } from '@conduit/contract';

export function randomKey(): string {
  // getRandomValues, unlike randomUUID, also exists on a page served over plain http by a public name.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The `Idempotency-Key` of an article creation: the same while the writer submits the same article (a double
 * click, a retry after a lost answer), a new one once the article changed, so the API makes it once.
 */
export class CreationKey {
  private last: { content: string; key: string } | null = null;

  for(article: NewArticle): string {
    const content = JSON.stringify([article.title, article.description, article.body, article.tagList ?? []]);
    if (this.last?.content !== content) this.last = { content, key: randomKey() };
    return this.last.key;
  }
}
