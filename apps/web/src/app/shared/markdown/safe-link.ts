const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Whether a link or image URL from markdown may reach an `href` or `src`: http, https, mailto, or no
 * scheme at all (a relative link). Angular's sanitizer refuses `javascript:` only, so `vbscript:` and
 * `data:text/html` would otherwise survive. The URL is read as a browser reads the attribute: character
 * references decoded (numeric ones without their semicolon too), tabs and newlines ignored, leading
 * controls and spaces trimmed.
 */
export function isSafeLink(href: string): boolean {
  const scheme = schemeOf(href);
  return scheme === '' || (scheme !== null && ALLOWED_SCHEMES.has(scheme));
}

/**
 * Whether the page CSP (img-src: 'self', https:) lets an image URL from markdown load: https, or relative
 * to this origin. A plain http picture would only ever show as a broken image.
 */
export function isLoadableImage(href: string): boolean {
  const scheme = schemeOf(href);
  return scheme === '' || scheme === 'https';
}

/** The URL's scheme in lower case, '' for none, null when a named reference might spell one. */
function schemeOf(href: string): string | null {
  const url = decodeNumericReferences(href)
    .replace(/[\t\n\r]/g, '')
    .replace(/^[\u0000-\u0020]+/, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) return scheme[1].toLowerCase();
  // No scheme as written; a named reference before the first delimiter could still spell one
  // (`vbscript&colon;…`), so such a link is refused rather than decoded against the whole table.
  return /^[^/?#]*&/.test(url) ? null : '';
}

function decodeNumericReferences(text: string): string {
  return text.replace(/&#(?:x([0-9a-f]+)|([0-9]+));?/gi, (_, hex: string | undefined, decimal: string | undefined) => {
    const code = hex ? parseInt(hex, 16) : Number(decimal);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}
