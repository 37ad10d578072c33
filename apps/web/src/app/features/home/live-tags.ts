import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ARTICLES_TOPIC, type Article, type Change, type Cursor } from '@conduit/contract';
import { LiveConnection } from '@conduit/live-angular';
import { catchError, map, of, tap, type Observable } from 'rxjs';
import { TagsApi } from '../../core/api/tags.api';
import { snapshotThenLive } from '../../core/live/snapshot-then-live';
import { withNewTags } from './with-new-tags';

/**
 * The Popular Tags box: the REST list (rendered on the server), then kept current from the `articles` topic
 * from that list's cursor once hydrated, so the tag a new article brings shows at once. A tag that falls out
 * of use stays until the next load: the stream says what an article is, not how many others use a tag.
 */
@Injectable()
export class LiveTags {
  private readonly api = inject(TagsApi);
  private readonly live = inject(LiveConnection);
  private readonly state = signal<string[] | undefined>(undefined);

  /** Undefined while loading; empty when none is in use, or when they could not be loaded. */
  readonly tags = this.state.asReadonly();

  constructor() {
    snapshotThenLive(this.live, [{ name: ARTICLES_TOPIC, snapshot: () => this.snapshot(), onChange: (change) => this.onChange(change) }])
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe();
  }

  private onChange(change: Change): void {
    const article = change.data as Article | null;
    if (change.entity === 'article' && article) this.state.update((tags) => withNewTags(tags ?? [], article.tagList));
  }

  private snapshot(): Observable<Cursor | undefined> {
    return this.api.list().pipe(
      tap((snapshot) => this.state.set(snapshot.tags)),
      map(({ cursor }) => cursor),
      catchError(() => {
        this.state.set([]);
        return of();
      }),
    );
  }
}
