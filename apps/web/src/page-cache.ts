/** A rendered page as it was answered: what is needed to answer it again without rendering. */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** With the CSP nonce placeholder: server.ts stamps each answer with its own nonce, then gzips it. */
  body: Buffer;
}

/**
 * Server-rendered pages for anonymous readers, kept until the next change of the stream. Every
 * committed change (any topic: articles, comments, follows, profiles) empties it, so a page is never
 * served from before a change that this process has heard of. A render that was under way while a
 * change arrived is not kept: it may predate the change.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private generation = 0;
  enabled = true;

  constructor(private readonly maxPages = 500) {}

  /** The position to hand back to `store` once the render is done. */
  get currentGeneration(): number {
    return this.generation;
  }

  get(key: string): CachedPage | undefined {
    return this.enabled ? this.pages.get(key) : undefined;
  }

  store(key: string, page: CachedPage, renderedAt: number): void {
    if (!this.enabled || renderedAt !== this.generation) return;
    if (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, page);
  }

  invalidate(): void {
    this.generation += 1;
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }
}
