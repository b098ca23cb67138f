/**
 * The set-up every browser test file shares: web/dist built if stale, a fresh database with the demo district and one
 * user per role, the real server serving the app, and headless Chromium; started before the file's tests, closed after.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { ensureWebBuild, launchBrowser, startWebServer } from './harness.js';

export interface WebApp {
  server: Awaited<ReturnType<typeof startWebServer>>;
  /** The server's address, e.g. http://127.0.0.1:40123 */
  base: string;
  /** The browser's one tab. */
  page: Page;
}

/** Call at the top of a describe block; the fields are set once its beforeAll has run. */
export function useWebApp(): WebApp {
  const app = {} as WebApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    ensureWebBuild();
    database = await createTestDatabase();
    app.server = await startWebServer(database.pool);
    app.base = app.server.base;
    browser = await launchBrowser();
    app.page = browser.page;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app.server?.close();
    await database?.close();
  });
  return app;
}
