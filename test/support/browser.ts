import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
