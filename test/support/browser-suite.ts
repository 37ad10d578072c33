import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, signIn } from './browser';
import type { Account } from './realworld-client';
import { startServerProcess, type ServerProcess } from './server-process';

export interface BrowserSuite {
  /** The built server's origin; read it in a test or a hook, once the server has started. */
  readonly baseUrl: string;
  /** A fresh browser context, signed in as `account` when one is given; closed after the test. */
  newContext(options?: BrowserContextOptions & { account?: Account }): Promise<BrowserContext>;
}

/**
 * Chromium and the built server for one describe block: both start before its first test (and before the
 * block's own beforeAll hooks, registered after this call) and stop after its last; the contexts a test
 * opens are closed after it.
 */
export function browserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  let server: ServerProcess | undefined;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });
  return {
    get baseUrl() {
      return server!.baseUrl;
    },
    async newContext({ account, ...options } = {}) {
      const context = await browser!.newContext(options);
      contexts.push(context);
      if (account) await signIn(context, server!.baseUrl, account.token);
      return context;
    },
  };
}
