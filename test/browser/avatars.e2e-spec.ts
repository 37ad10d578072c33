import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser } from '../support/realworld-client';
import { callApi, postComment } from './rest-fixtures';

jest.setTimeout(90_000);

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('avatars in Chromium (built server)', () => {
  const app = browserSuite();

  it('shows the default avatar where the picture does not load, in the navbar and on the profile', async () => {
    const reader = await registerUser(app.baseUrl, 'broken');
    // Nothing listens on port 1: the picture fails at once, before or after hydration.
    await callApi(app.baseUrl, 'PUT', '/user', reader.token, { user: { image: 'https://127.0.0.1:1/missing.png' } });
    const page = await (await app.newContext({ account: reader })).newPage();
    await page.goto(`${app.baseUrl}/profile/${reader.username}`);
    await hydrated(page);
    await page.waitForSelector('.user-info .user-img[src="/default-avatar.svg"]');
    await page.waitForSelector('.navbar .user-pic[src="/default-avatar.svg"]');
  });

  it("shows the default avatar for a picture that does not load on an article page: the author's byline and a comment's", async () => {
    const writer = await registerUser(app.baseUrl, 'broken');
    await callApi(app.baseUrl, 'PUT', '/user', writer.token, { user: { image: 'https://127.0.0.1:1/missing.png' } });
    const { slug } = await createArticle(app.baseUrl, writer, 'Pictures that fail');
    await postComment(app.baseUrl, writer, slug, 'With a broken picture');
    const page = await (await app.newContext()).newPage();
    await page.goto(`${app.baseUrl}/article/${slug}`);
    await hydrated(page);
    await page.waitForFunction(() => {
      const avatars = [...document.querySelectorAll<HTMLImageElement>('.article-meta img, .comment-list img')];
      return avatars.length > 0 && avatars.every((img) => new URL(img.src).pathname === '/default-avatar.svg');
    });
  });

  it('links an http picture in an article body, which the page CSP would refuse, rather than showing it broken', async () => {
    const writer = await registerUser(app.baseUrl, 'pictures');
    const { slug } = await createArticle(app.baseUrl, writer, 'An http picture', ['images'], 'Look: ![a cat](http://127.0.0.1:1/cat.png)');
    const page = await (await app.newContext()).newPage();
    const refused: string[] = [];
    page.on('console', (message) => /Content Security Policy/.test(message.text()) && refused.push(message.text()));
    await page.goto(`${app.baseUrl}/article/${slug}`);
    await hydrated(page);
    expect(await page.locator('.article-body img').count()).toBe(0);
    expect(await page.locator('.article-body a:has-text("a cat")').getAttribute('href')).toBe('http://127.0.0.1:1/cat.png');
    expect(refused).toEqual([]);
  });
});
