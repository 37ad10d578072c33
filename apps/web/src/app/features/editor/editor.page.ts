import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  type OnInit,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { errorMessages, fieldErrors } from '../../core/api/api-errors';
import { ArticlesApi } from '../../core/api/articles.api';
import { Session } from '../../core/auth/session';
import { takeOverSubmit } from '../../core/forms/take-over-submit';
import { RefusedForms, type RefusedForm } from '../../core/forms/refused-form';
import { PageMeta } from '../../core/seo/page-meta';
import { BrowserStorage } from '../../core/storage/browser-storage';
import { ErrorList } from '../../shared/error-list';
import { renderMarkdown } from '../../shared/markdown/markdown';
import { draftKey, draftOf, emptyDraft, parseDraft, sameDraft, type ArticleDraft } from './article-draft';
import { CreationKey, randomKey } from './creation-key';
import type { HoldsUnsavedChanges } from './unsaved-changes.guard';

/** The article as the writer posted it before the app ran, which the server refused. */
const refusedDraft = (form: RefusedForm): ArticleDraft => ({
  title: form.text('title') ?? '',
  description: form.text('description') ?? '',
  body: form.text('body') ?? '',
  tagList: form.list('tagList'),
});

/** The fields whose API errors show under their own input. */
const FIELDS = ['title', 'description', 'body'] as const;
type Field = (typeof FIELDS)[number];

/** The one-line fields, written once in the template: each with its label, its error under it, named by its aria-describedby. */
const LINE_FIELDS: ReadonlyArray<{ name: Field; label: string; large: boolean }> = [
  { name: 'title', label: 'Article title', large: true },
  { name: 'description', label: "What's this article about?", large: false },
];

/**
 * New article (`/editor`) and edit (`/editor/:slug`, the author only). What the writer types is kept as a
 * draft on this device until it is published, and leaving with unsaved changes asks first.
 */
@Component({
  selector: 'app-editor-page',
  imports: [ErrorList, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = fields();
    @let invalid = invalidFields();
    <div class="editor-page container page">
      @if (state() === 'missing') {
        <h1>Article not found</h1>
        <p>This article does not exist, or it was deleted. <a routerLink="/">Back to the articles</a></p>
      } @else {
        <h1 class="page-title">{{ slug() ? 'Edit article' : 'New article' }}</h1>
        @if (state() === 'loading') {
          <p class="notice">Loading the article...</p>
        } @else if (state() === 'forbidden') {
          <p class="notice notice--error" role="alert">Only the author can edit this article.</p>
        } @else if (state() === 'failed') {
          <p class="notice notice--error load-failure" role="alert" data-testid="editor-load-failed">
            The article could not be loaded. {{ loadFailure() }}
            <button type="button" class="btn btn-sm btn-outline-secondary" (click)="load()">Try again</button>
          </p>
        } @else {
          <div role="status">
            @if (restored()) {
              <p class="notice draft-notice" data-testid="draft-restored">
                Your unsaved draft was restored.
                <button type="button" class="btn btn-sm btn-outline-secondary" (click)="discardDraft()">Discard draft</button>
              </p>
            }
          </div>
          <app-error-list [messages]="errors()" />
          <form method="post" [attr.action]="slug() ? '/editor/' + slug() : '/editor'" (submit)="submit($event)">
            <fieldset [disabled]="busy()">
              @for (field of lineFields; track field.name) {
                <div class="form-group">
                  <label [attr.for]="field.name">{{ field.label }}</label>
                  <input [attr.id]="field.name" class="form-control" [class.form-control-lg]="field.large" type="text" [attr.name]="field.name" required
                    [value]="f[field.name]" [attr.aria-invalid]="invalid[field.name] ? true : null"
                    [attr.aria-describedby]="invalid[field.name] ? field.name + '-error' : null" (input)="edit(field.name, $event)" />
                  @if (invalid[field.name]; as message) { <p [attr.id]="field.name + '-error'" class="field-error">{{ message }}</p> }
                </div>
              }
              <div class="form-group">
                <div class="editor-body-head">
                  <label for="body">Write your article (in markdown)</label>
                  <div class="editor-modes" role="group" aria-label="Body view">
                    <button type="button" class="btn btn-sm" [class.active]="!previewing()" [attr.aria-pressed]="!previewing()" (click)="previewing.set(false)">Write</button>
                    <button type="button" class="btn btn-sm" [class.active]="previewing()" [attr.aria-pressed]="previewing()" (click)="previewing.set(true)">Preview</button>
                  </div>
                </div>
                <!-- Hidden, not removed, while previewing: it stays the form's field and keeps its caret. A hidden field
                     cannot be focused to show the browser's "required" bubble, so then the API's 422 says it, beside it. -->
                <textarea id="body" class="form-control" rows="10" name="body" [required]="!previewing()" [value]="f.body" [hidden]="previewing()"
                  [attr.aria-invalid]="invalid.body ? true : null" [attr.aria-describedby]="invalid.body ? 'body-error' : null"
                  (input)="edit('body', $event)"></textarea>
                @if (previewing()) {
                  <!-- The article page's renderer and class: what is seen here is what readers will see. -->
                  <div class="article-body editor-preview" data-testid="editor-preview" [innerHTML]="preview()"></div>
                }
                @if (invalid.body; as message) { <p id="body-error" class="field-error">{{ message }}</p> }
              </div>
              <div class="form-group">
                <label for="tags">Tags <span class="hint">(press Enter after each)</span></label>
                <!-- Without the app's script, the field's text is posted: new tags separated by commas. -->
                <input #tagField id="tags" class="form-control" type="text" name="tags" placeholder="Enter tags" [attr.value]="refused?.text('tags')" (keydown.enter)="addTag($event)" (blur)="addTag($event)" />
                <ul class="tag-list" aria-label="Tags of the article">
                  @for (tag of f.tagList; track tag) {
                    <li class="tag-default tag-pill">
                      {{ tag }}
                      <input type="hidden" name="tagList" [value]="tag" />
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
              @if (!slug()) {
                <!-- What makes a double click on a post the browser sends itself (no script yet, or none) create one article. -->
                <input type="hidden" name="idempotencyKey" [value]="pageKey" />
              }
              <button class="btn btn-lg pull-right btn-primary" type="submit">Publish Article</button>
            </fieldset>
          </form>
        }
      }
    </div>
  `,
  styles: `
    .editor-body-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
    .editor-modes { display: inline-flex; gap: 0.25rem; }
    .editor-modes .btn { border: 1px solid var(--border); background: transparent; color: inherit; }
    .editor-modes .btn.active { background: var(--border); font-weight: 600; }
    /* .form-control's display would otherwise win over the hidden attribute. */
    textarea[hidden] { display: none; }
    .editor-preview { min-height: 14rem; padding: 0.6rem 0.75rem; border: 1px solid var(--border); border-radius: var(--radius); }
    .field-error { color: var(--danger); font-size: 0.9rem; margin: 0.25rem 0 0; }
    .load-failure { display: flex; align-items: baseline; gap: 0.75rem; flex-wrap: wrap; }
    .draft-notice { display: flex; align-items: baseline; gap: 0.75rem; padding: 0 0 1rem; }
  `,
})
export class EditorPage implements OnInit, HoldsUnsavedChanges {
  private readonly api = inject(ArticlesApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly meta = inject(PageMeta);
  private readonly storage = inject(BrowserStorage);
  private readonly destroyRef = inject(DestroyRef);
  private readonly view = inject(DOCUMENT).defaultView;

  /** Route input: the article being edited. */
  readonly slug = input<string>();
  /** The article as it was opened (empty for a new one): a draft that equals it is no change. */
  private readonly baseline = signal<ArticleDraft>(emptyDraft());
  /** A post the server refused before the app ran (apps/api/src/page-forms): its fields and errors show again. */
  protected readonly refused = inject(RefusedForms).take();
  protected readonly fields = signal<ArticleDraft>(this.refused ? refusedDraft(this.refused) : emptyDraft());
  protected readonly state = signal<'loading' | 'ready' | 'forbidden' | 'missing' | 'failed'>('ready');
  protected readonly errors = signal<string[]>([]);
  /** Why the article to edit could not be loaded, shown with a retry instead of the form. */
  protected readonly loadFailure = signal('');
  protected readonly invalidFields = signal<Partial<Record<Field, string>>>({});
  protected readonly busy = signal(false);
  protected readonly previewing = signal(false);
  protected readonly restored = signal(false);
  protected readonly lineFields = LINE_FIELDS;
  protected readonly preview = computed(() => renderMarkdown(this.fields().body));
  private readonly dirty = computed(() => !sameDraft(this.fields(), this.baseline()));
  /** Set in the browser once the stored draft, if any, was read: saving before that would overwrite it. */
  private readonly draftRead = signal(false);
  private readonly creationKey = new CreationKey();
  /** The key of this page's natively posted form (apps/api/src/page-forms); the app sends its own creationKey. */
  protected readonly pageKey = this.refused?.text('idempotencyKey') ?? randomKey();

  constructor() {
    if (this.refused) this.showFailure(this.refused.failure);
    afterNextRender(() => this.warnBeforeUnload());
    // After hydration, so the server's markup and the first browser render agree; and once the article is in.
    const rendered = signal(false);
    afterNextRender(() => rendered.set(true));
    effect(() => {
      if (rendered() && this.state() === 'ready' && !this.draftRead()) untracked(() => this.restoreDraft());
    });
    effect(() => {
      const fields = this.fields();
      if (!this.draftRead()) return;
      if (this.dirty()) this.storage.write(this.draftKey(), fields);
      else this.storage.remove(this.draftKey());
    });
  }

  ngOnInit(): void {
    this.meta.set(this.slug() ? 'Edit article' : 'New article', 'Write for Conduit.');
    this.load();
  }

  /** The article to edit, if this is an edit; the form shows only once it is in, so an edit never starts from empty. */
  protected load(): void {
    const slug = this.slug();
    if (!slug) return;
    this.state.set('loading');
    this.api
      .get(slug)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ article }) => {
          if (article.author.username !== this.session.user()?.username) return this.state.set('forbidden');
          this.baseline.set(draftOf(article));
          if (!this.refused) this.fields.set(draftOf(article));
          this.state.set('ready');
        },
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 404) {
            this.meta.notFound('Article');
            return this.state.set('missing');
          }
          this.loadFailure.set(errorMessages(error).join(' '));
          this.state.set('failed');
        },
      });
  }

  hasUnsavedChanges(): boolean {
    return this.dirty();
  }

  protected edit(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.fields.update((fields) => ({ ...fields, [field]: value }));
  }

  protected addTag(event: Event): void {
    const field = event.target as HTMLInputElement;
    // Enter in a field would submit the form; here it adds the tag.
    if (event.type === 'keydown') event.preventDefault();
    const tag = field.value.trim();
    if (tag && !this.fields().tagList.includes(tag)) this.fields.update((fields) => ({ ...fields, tagList: [...fields.tagList, tag] }));
    field.value = '';
  }

  protected removeTag(tag: string): void {
    this.fields.update((fields) => ({ ...fields, tagList: fields.tagList.filter((held) => held !== tag) }));
  }

  protected discardDraft(): void {
    this.fields.set(this.baseline());
    this.restored.set(false);
  }

  protected submit(event: SubmitEvent): void {
    const form = takeOverSubmit(event, this.busy());
    if (!form) return;
    const article = { title: form.text('title'), description: form.text('description'), body: form.raw('body'), tagList: this.fields().tagList };
    // The route, not what was loaded, says whether this edits: an edit route never creates an article.
    const slug = this.slug();
    const request = slug ? this.api.update(slug, article) : this.api.create(article, this.creationKey.for(article));
    this.busy.set(true);
    this.errors.set([]);
    this.invalidFields.set({});
    request.subscribe({
      next: (saved) => {
        // Published: nothing is unsaved any more, and the draft has done its job.
        this.baseline.set(this.fields());
        this.storage.remove(this.draftKey());
        void this.router.navigate(['/article', saved.slug]);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.showFailure(error);
      },
    });
  }

  /** A field's errors beside its input, the others above the form. */
  private showFailure(error: unknown): void {
    const byField = fieldErrors(error);
    this.invalidFields.set(Object.fromEntries(FIELDS.filter((field) => byField[field]).map((field) => [field, `${field} ${byField[field].join(', ')}`])));
    this.errors.set(errorMessages(error, FIELDS));
  }

  private draftKey(): string {
    return draftKey(this.session.user()?.username ?? '', this.slug());
  }

  private restoreDraft(): void {
    const draft = parseDraft(this.storage.read(this.draftKey()));
    if (draft && !sameDraft(draft, this.baseline())) {
      this.fields.set(draft);
      this.restored.set(true);
    }
    this.draftRead.set(true);
  }

  private warnBeforeUnload(): void {
    const view = this.view;
    const warn = (event: BeforeUnloadEvent) => {
      if (!this.dirty()) return;
      event.preventDefault();
      // Chromium before 119 and Safari still ask only when a returnValue is set.
      event.returnValue = '';
    };
    view?.addEventListener('beforeunload', warn);
    this.destroyRef.onDestroy(() => view?.removeEventListener('beforeunload', warn));
  }
}
