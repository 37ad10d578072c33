import { marked } from 'marked';

/**
 * Markdown to HTML. The result is only ever bound to `[innerHTML]`, where Angular's sanitizer (on the
 * server and in the browser) strips scripts, event handlers and `javascript:` URLs: marked itself does not
 * sanitize, so never hand its output to `bypassSecurityTrustHtml`.
 */
export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false, gfm: true, breaks: false }) as string;
}
