import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { renderMarkdown } from '../../shared/markdown/markdown';

/**
 * An article's body, its markdown rendered. A component of its own so that the markdown parser comes
 * in its chunk: the article page holds it in a `@defer` block that a server-rendered page hydrates only
 * once the body is edited, so opening an article neither loads nor evaluates the parser.
 */
@Component({
  selector: 'app-article-body',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="article-body" [innerHTML]="html()"></div>`,
})
export class ArticleBody {
  readonly markdown = input.required<string>();
  protected readonly html = computed(() => renderMarkdown(this.markdown()));
}
