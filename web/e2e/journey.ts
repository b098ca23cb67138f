/**
 * A browser journey's frame for a describe block: a fresh database with the demo district, the real server with the
 * web app, headless Chromium; started before the block's tests (generous limit: a loaded 2-core machine) and closed
 * after them. The fields are there once the block's first beforeAll has run.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { ensureWebBuild, launchBrowser, startWebServer } from './harness.js';

export interface WebJourney {
  server: Awaited<ReturnType<typeof startWebServer>>;
  page: Page;
  base: string;
}

export function webJourney(timeout = 240_000): WebJourney {
  const j = {} as WebJourney;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  beforeAll(async () => {
    ensureWebBuild();
    database = await createTestDatabase();
    j.server = await startWebServer(database.pool);
    j.base = j.server.base;
    browser = await launchBrowser();
    j.page = browser.page;
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await j.server?.close();
    await database?.close();
  });
  return j;
}
