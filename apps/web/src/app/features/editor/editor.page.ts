import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import type { Article } from '@conduit/contract';
import { errorMessages } from '../../core/api/api-errors';
import { ArticlesApi } from '../../core/api/articles.api';
import { Session } from '../../core/auth/session';
import { PageMeta } from '../../core/seo/page-meta';
import { ErrorList } from '../../shared/error-list';
import { CreationKey } from './creation-key';

/** New article (`/editor`) and edit (`/editor/:slug`, the author only). */
@Component({
  selector: 'app-editor-page',
  imports: [ErrorList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="editor-page container page">
      <h1 class="page-title">{{ slug() ? 'Edit article' : 'New article' }}</h1>
      @if (state() === 'loading') {
        <p class="notice">Loading the article...</p>
      } @else if (state() === 'forbidden') {
        <p class="notice notice--error" role="alert">Only the author can edit this article.</p>
      } @else {
        <app-error-list [messages]="errors()" />
        <form (submit)="submit($event)">
          <fieldset [disabled]="busy()">
            <div class="form-group">
              <label for="title">Article title</label>
              <input id="title" class="form-control form-control-lg" type="text" name="title" required [value]="original()?.title ?? ''" />
            </div>
            <div class="form-group">
              <label for="description">What's this article about?</label>
              <input id="description" class="form-control" type="text" name="description" required [value]="original()?.description ?? ''" />
            </div>
            <div class="form-group">
              <label for="body">Write your article (in markdown)</label>
              <textarea id="body" class="form-control" rows="10" name="body" required [value]="original()?.body ?? ''"></textarea>
            </div>
            <div class="form-group">
              <label for="tags">Tags <span class="hint">(press Enter after each)</span></label>
              <input #tagField id="tags" class="form-control" type="text" placeholder="Enter tags" (keydown.enter)="addTag($event)" (blur)="addTag($event)" />
              <ul class="tag-list" aria-label="Tags of the article">
                @for (tag of tags(); track tag) {
                  <li class="tag-default tag-pill">
                    {{ tag }}
                    <!-- The template's icon, which the RealWorld suite clicks, inside a native button: focus, Enter,
                         Space and the fieldset's disabled state come with it. Focus then goes back to the field,
                         as the button it was on is gone. -->
                    <button type="button" class="tag-remove" [attr.aria-label]="'Remove tag ' + tag" (click)="removeTag(tag); tagField.focus()">
                      <i class="ion-close-round" aria-hidden="true"><svg viewBox="0 0 16 16" width="10" height="10" fill="currentColor"><path d="M3.4 2 8 6.6 12.6 2 14 3.4 9.4 8l4.6 4.6-1.4 1.4L8 9.4 3.4 14 2 12.6 6.6 8 2 3.4z"/></svg></i>
                    </button>
                  </li>
                }
              </ul>
            </div>
            <button class="btn btn-lg pull-right btn-primary" type="submit">Publish Article</button>
          </fieldset>
        </form>
      }
    </div>
  `,
})
export class EditorPage implements OnInit {
  private readonly api = inject(ArticlesApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly meta = inject(PageMeta);
  private readonly destroyRef = inject(DestroyRef);

  /** Route input: the article being edited. */
  readonly slug = input<string>();
  protected readonly original = signal<Article | null>(null);
  protected readonly tags = signal<string[]>([]);
  protected readonly state = signal<'loading' | 'ready' | 'forbidden'>('ready');
  protected readonly errors = signal<string[]>([]);
  protected readonly busy = signal(false);
  private readonly creationKey = new CreationKey();

  ngOnInit(): void {
    const slug = this.slug();
    this.meta.set(slug ? 'Edit article' : 'New article', 'Write for Conduit.');
    if (!slug) return;
    this.state.set('loading');
    this.api
      .get(slug)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ article }) => {
          if (article.author.username !== this.session.user()?.username) return this.state.set('forbidden');
          this.original.set(article);
          this.tags.set([...article.tagList]);
          this.state.set('ready');
        },
        error: (error: unknown) => {
          this.errors.set(errorMessages(error));
          this.state.set('ready');
        },
      });
  }

  protected addTag(event: Event): void {
    const field = event.target as HTMLInputElement;
    // Enter in a field would submit the form; here it adds the tag.
    if (event.type === 'keydown') event.preventDefault();
    const tag = field.value.trim();
    if (tag && !this.tags().includes(tag)) this.tags.update((tags) => [...tags, tag]);
    field.value = '';
  }

  protected removeTag(tag: string): void {
    this.tags.update((tags) => tags.filter((held) => held !== tag));
  }

  protected submit(event: SubmitEvent): void {
    event.preventDefault();
    // A second click can come before the disabled fieldset is rendered.
    if (this.busy()) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const article = { title: text('title'), description: text('description'), body: String(form.get('body') ?? ''), tagList: this.tags() };
    const original = this.original();
    const request = original ? this.api.update(original.slug, article) : this.api.create(article, this.creationKey.for(article));
    this.busy.set(true);
    this.errors.set([]);
    request.subscribe({
      next: (saved) => void this.router.navigate(['/article', saved.slug]),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(errorMessages(error));
      },
    });
  }
}
