import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '@conduit/contract';
import { requireOrSkip } from './service-availability';

export const chromiumPath = '/usr/bin/chromium';

/** True when the browser suites can run; skips loudly without Chromium, and fails under CI=true. */
export function requireBrowser(): boolean {
  return requireOrSkip('Chromium', existsSync(chromiumPath), `no browser at ${chromiumPath}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Signs a whole browser context in, as `POST /api/session` does: the http-only session cookie of the origin (http). */
export async function signIn(context: BrowserContext, baseUrl: string, token: string): Promise<void> {
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, sameSite: 'Lax', httpOnly: true }]);
}

/**
 * Resolves once the app has settled who reads (the RealWorld debug interface answers) and has hydrated: Angular
 * removes a server-rendered component's `ngh` marker as it claims it. The debug interface alone answers before
 * a lazy page's chunk has loaded, while a click still lands on inert server markup. Article previews are
 * hydrated incrementally, as they scroll into view (a click on one first hydrates it, then is replayed), and an
 * article's body once it is edited, so their markers may stay.
 */
export function hydrated(page: Page): Promise<unknown> {
  return page.waitForFunction(() => {
    const debug = (window as unknown as { __conduit_debug__?: { getAuthState(): string } }).__conduit_debug__;
    return debug !== undefined && debug.getAuthState() !== 'loading' && document.querySelector('[ngh]:not(app-article-preview, app-article-preview *, app-article-body)') === null;
  });
}

const axeSource = () => readFileSync(join(__dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A/AA rules and best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: a <script> tag without the page's nonce is refused by its CSP.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface Heading {
  level: number;
  name: string;
}

/** The page's headings in document order, with the levels Chromium's accessibility tree gives screen readers. */
export async function headingOutline(page: Page): Promise<Heading[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((node) => !node.ignored && node.role?.value === 'heading')
      .map((node) => ({
        level: Number(node.properties?.find((property) => property.name === 'level')?.value.value),
        name: String(node.name?.value ?? '').trim(),
      }));
  } finally {
    await cdp.detach();
  }
}

const screenshotDir = join(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * A real screenshot for the README, at the page's current viewport, taken when UPDATE_SCREENSHOTS=1
 * (`UPDATE_SCREENSHOTS=1 npm run jest -- test/browser`): a plain test run leaves the committed images alone.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}
