import { Injectable, RESPONSE_INIT, inject } from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';

const SITE = 'Conduit';
const DEFAULT_DESCRIPTION = 'Conduit: a place to share your knowledge, live.';

/** `<title>`, the meta description and their Open Graph twins, set during SSR so crawlers and link previews see them. */
@Injectable({ providedIn: 'root' })
export class PageMeta {
  private readonly title = inject(Title);
  private readonly meta = inject(Meta);
  private readonly responseInit = inject(RESPONSE_INIT, { optional: true });

  set(title: string | null, description: string = DEFAULT_DESCRIPTION): void {
    const fullTitle = title ? `${title} — ${SITE}` : SITE;
    const text = description.trim() || DEFAULT_DESCRIPTION;
    this.title.setTitle(fullTitle);
    this.meta.updateTag({ name: 'description', content: text });
    this.meta.updateTag({ property: 'og:title', content: title ?? SITE });
    this.meta.updateTag({ property: 'og:description', content: text });
  }

  /** The server answers 404 for a page whose subject does not exist; a no-op in the browser. */
  notFound(what: string): void {
    if (this.responseInit) this.responseInit.status = 404;
    this.set(`${what} not found`, `${what} does not exist or was deleted.`);
  }
}
