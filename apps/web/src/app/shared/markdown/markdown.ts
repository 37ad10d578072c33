import { Marked } from 'marked';
import { isLoadableImage, isSafeLink } from './safe-link';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Links and images keep only the URLs `isSafeLink` allows (otherwise the text or alt stays, without
 * the URL), and raw HTML is shown as text: a tag written in the body could carry any URL past that
 * check. An http image, which the page CSP would block, becomes a link to the picture. Returning
 * `false` hands a token to marked's own renderer.
 */
const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: false,
  renderer: {
    link(token) {
      return isSafeLink(token.href) ? false : this.parser.parseInline(token.tokens);
    },
    image(token) {
      if (isLoadableImage(token.href)) return false;
      if (!isSafeLink(token.href)) return escapeHtml(token.text);
      return `<a href="${escapeHtml(token.href)}">${escapeHtml(token.text || token.href)}</a>`;
    },
    html(token) {
      return escapeHtml(token.text);
    },
  },
});

/**
 * Markdown to HTML, the same on the server (SSR) and in the browser. The result is only ever bound to
 * `[innerHTML]`, where Angular's sanitizer still strips scripts and event handlers: never hand it to
 * `bypassSecurityTrustHtml`.
 */
export function renderMarkdown(source: string): string {
  return markdown.parse(source) as string;
}
