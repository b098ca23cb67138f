/**
 * What the browser tests and the web bench share: web/dist built if stale, the real server (with the web app) on a
 * database holding the demo district and one user per role, and headless Chromium (Debian's) driven by playwright-core.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type pg from 'pg';
import { todayIso, type CommandContext } from '../../src/commands/context.js';
import { buildDemoDistrict } from '../../src/commands/demo.js';
import { changePassword, createUser } from '../../src/commands/users.js';
import { generateDemoDistrict } from '../../src/demo/demo-district.js';
import { buildServer } from '../../src/server/app.js';

export const root = join(import.meta.dirname, '..', '..');
export const webRoot = join(root, 'web', 'dist');
export const password = '编办-Web-Test-2026';
/** The reporter's own unit in the demo district. */
export const reporterUnit = '区民政局';

export function ensureWebBuild() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-web-build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * `today` is the real date, as the server has it (UTC): the browser (also on UTC, see launchBrowser) fills in today as
 * a draft's effective date, and the server refuses to carry out a date still to come; a fixed date here made every
 * apply fail once the calendar passed it.
 */
export async function startWebServer(pool: pg.Pool, today = todayIso()) {
  const demo = generateDemoDistrict();
  const ctx: CommandContext = { pool, regionCode: demo.regionCode, actor: 'test', today };
  await buildDemoDistrict(ctx, demo);
  for (const role of ['admin', 'operator', 'approver', 'leader', 'reporter'] as const) {
    const u = await createUser(ctx, {
      username: role,
      role,
      institution: role === 'reporter' ? reporterUnit : undefined,
    });
    await changePassword(ctx, role, u.oneTimePassword, password);
  }
  const app = await buildServer({
    pool,
    regionCode: ctx.regionCode,
    today: () => today,
    webRoot,
    loginAttemptsPerMinute: 10_000,
    warmCache: true, // as `npm start` runs it
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { ctx, app, base, close: () => app.close() };
}

export async function launchBrowser() {
  const dir = mkdtempSync(join(tmpdir(), 'bianzhi-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'UTC', // the server's dates are UTC dates (todayIso)
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // a busy 2-core machine: every click, wait and navigation may take far longer than Playwright's 30 s default
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form (after signing out whoever was signed in). */
export async function signIn(page: Page, base: string, username: string, pass = password) {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByTestId('login-card').waitFor();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(pass);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A GET through the browser's session (the same cookie the page uses). */
export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(`fetch(${JSON.stringify(path)}).then((r) => r.json())`) as Promise<T>;
}

/**
 * Picks an option of an antd Select by typing into it, and checks that the Select shows it: on a loaded machine a click
 * can land while the dropdown is still opening (or on one closing), so a pick that did not take is tried again.
 */
export async function choose(page: Page, select: ReturnType<Page['locator']>, text: string | RegExp) {
  const root = select.locator('xpath=ancestor-or-self::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typeof text === 'string') await page.keyboard.type(text);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
      .first()
      .click();
    const shown = (t: string) => (typeof text === 'string' ? t.includes(text) : text.test(t));
    const until = Date.now() + 10_000;
    let last = '';
    while (Date.now() < until && !shown((last = await root.innerText()))) await page.waitForTimeout(200);
    if (shown(last)) return;
    if (attempt >= 3) throw new Error(`选择"${String(text)}"未生效,选择框显示:${last}`);
    await page.keyboard.press('Escape');
  }
}

/** Types a date (YYYY-MM-DD) into an antd DatePicker found by its test id, confirms it, and waits until it shows. */
export async function pickDate(page: Page, testId: string, date: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(date);
  await page.keyboard.press('Enter');
  const until = Date.now() + 30_000;
  while ((await input.inputValue()) !== date) {
    if (Date.now() > until) throw new Error(`日期"${date}"未填入(${testId}),显示:${await input.inputValue()}`);
    await page.waitForTimeout(200);
  }
}
