import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ARTICLES_TOPIC, type Article } from '@conduit/contract';
import { LiveConnection, type LiveEvent } from '@conduit/live-angular';
import { EMPTY, catchError, concatMap, of, switchMap, tap, type Observable } from 'rxjs';
import { TagsApi, type TagsSnapshot } from '../../core/api/tags.api';
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
    this.snapshot()
      .pipe(
        switchMap((snapshot) => this.live.topic(ARTICLES_TOPIC, snapshot.cursor)),
        concatMap((event) => this.onEvent(event)),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe();
  }

  private onEvent(event: LiveEvent): Observable<unknown> {
    if (event.kind === 'change') {
      const article = event.change.data as Article | null;
      if (event.change.entity === 'article' && article) this.state.update((tags) => withNewTags(tags ?? [], article.tagList));
      return EMPTY;
    }
    // The server lost our position: a new list, and on from its cursor.
    return this.snapshot().pipe(
      tap((snapshot) => {
        if (snapshot.cursor) this.live.resubscribe(event.topic, snapshot.cursor);
      }),
    );
  }

  private snapshot(): Observable<TagsSnapshot> {
    return this.api.list().pipe(
      tap((snapshot) => this.state.set(snapshot.tags)),
      catchError(() => {
        this.state.set([]);
        return of();
      }),
    );
  }
}
