/**
 * npm run screenshots [dir] — the pages a newcomer meets, as the admin sees them at 1440×900, on the demo district:
 * 总览, 机构, 职能 (交叉重叠), 诊断, 审计日志 and 用户 (issue 15 asks for them to be looked at before a release).
 * Uses the browser tests' harness (Debian's chromium) and a fresh database, as the benchmarks do.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchDatabase } from '../bench/bench-database.js';
import { ensureWebBuild, launchBrowser, signIn, startWebServer } from '../web/e2e/harness.js';

const out = resolve(process.argv[2] ?? 'screenshots');
mkdirSync(out, { recursive: true });
ensureWebBuild();
const db = await benchDatabase('bianzhi_screenshots');
const server = await startWebServer(db.pool);
const browser = await launchBrowser();
try {
  const { page } = browser;
  await signIn(page, server.base, 'admin');
  const pages: [string, string, string][] = [
    ['总览', '/overview', 'overview'],
    ['机构', '/institutions', 'institutions'],
    ['职能-交叉重叠', '/duties?tab=overlap', 'duties-overlap'],
    ['诊断', '/diagnostics', 'diagnostics'],
    ['审计日志', '/audit', 'audit'],
    ['用户', '/users', 'users'],
  ];
  for (const [label, path, file] of pages) {
    await page.goto(`${server.base}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500); // charts animate in
    const target = join(out, `${file}.png`);
    await page.screenshot({ path: target });
    console.log(`${label}: ${target}`);
  }
} finally {
  await browser.close();
  await server.close();
  await db.close();
}
