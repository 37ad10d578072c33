import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { registerUser } from '../support/realworld-client';
import { callApi } from './rest-fixtures';

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
});
