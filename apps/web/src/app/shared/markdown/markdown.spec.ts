import { renderMarkdown } from './markdown';

const links = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1]);

describe('renderMarkdown', () => {
  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['mixed-case javascript:', '[click](JaVaScRiPt:alert(1))'],
    ['vbscript:', '[click](vbscript:msgbox(1))'],
    ['data:text/html', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a decimal character reference', '[click](&#106;avascript:alert(1))'],
    ['a character reference without its semicolon', '[click](&#118bscript:msgbox(1))'],
    ['a named reference for the colon', '[click](vbscript&colon;msgbox(1))'],
    ['an encoded tab inside the scheme', '[click](java&#x09;script:alert(1))'],
    ['a reference definition', '[click][r]\n\n[r]: data:text/html,<b>hi</b>'],
    ['an autolink', '<vbscript:msgbox(1)>'],
  ])('drops a link with %s and keeps its text', (_case, source) => {
    const html = renderMarkdown(source);
    expect(links(html)).toEqual([]);
    expect(html).toMatch(/click|vbscript:msgbox\(1\)/);
  });

  it('drops an image with a foreign scheme and keeps its alt text', () => {
    const html = renderMarkdown('![a picture](javascript:alert(1)) ![another](data:image/svg+xml,<svg onload=alert(1)>)');
    expect(links(html)).toEqual([]);
    expect(html).toContain('a picture');
  });

  it('shows raw HTML as text, so no tag can carry a link past the check', () => {
    const html = renderMarkdown('<a href="vbscript:msgbox(1)">x</a>\n\ninline <img src="data:text/html,x"> and <script>alert(1)</script>');
    expect(html).not.toMatch(/<(a|img|script)\b/);
    expect(html).toContain('&lt;a href=&quot;vbscript:msgbox(1)&quot;&gt;');
  });

  it('keeps http, https, mailto and relative links and images', () => {
    const html = renderMarkdown(
      '[a](http://example.com/a) [b](HTTPS://example.com/b) [c](mailto:jake@example.com) [d](/profile/jake) [e](../up) [f](#part) [g](?page=2) [h](//example.com/h) <https://example.com/auto> ![i](https://example.com/i.png)',
    );
    expect(links(html)).toEqual([
      'http://example.com/a',
      'HTTPS://example.com/b',
      'mailto:jake@example.com',
      '/profile/jake',
      '../up',
      '#part',
      '?page=2',
      '//example.com/h',
      'https://example.com/auto',
      'https://example.com/i.png',
    ]);
  });

  it('turns an http image, which the page CSP would block, into a link to it; https and relative images stay images', () => {
    const html = renderMarkdown('![a cat](http://example.com/cat.png) ![](HTTP://example.com/dog.png) ![a fox](https://example.com/fox.png) ![an owl](/owl.png)');
    expect(html).toContain('<a href="http://example.com/cat.png">a cat</a>');
    expect(html).toContain('<a href="HTTP://example.com/dog.png">HTTP://example.com/dog.png</a>');
    expect(html).toContain('<img src="https://example.com/fox.png" alt="a fox">');
    expect(html).toContain('<img src="/owl.png" alt="an owl">');
    expect(html).not.toMatch(/<img src="http:/i);
  });

  it('escapes the alt text and the URL of an http image it turns into a link', () => {
    const html = renderMarkdown('![<b onmouseover="x()">hi</b>](<http://example.com/a"onmouseover="x().png>)');
    expect(html).not.toMatch(/<b\b|"onmouseover/);
    expect(links(html)).toEqual(['http://example.com/a&quot;onmouseover=&quot;x().png']);
  });

  it('still renders the rest of the markdown', () => {
    expect(renderMarkdown('## Title\n\nSome **bold** text')).toBe('<h2>Title</h2>\n<p>Some <strong>bold</strong> text</p>\n');
  });
});
