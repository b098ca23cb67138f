/**
 * Web budgets (issue 5): initial JS ≤ 800 KB gzipped (entry chunk + its static imports), 总览 interactive ≤ 1.5 s
 * after navigation in headless Chromium, every page's API calls ≤ 300 ms on the demo district.
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:web
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureWebBuild, launchBrowser, signIn, startWebServer, webRoot } from '../web/e2e/harness.js';
import { benchDatabase } from './bench-database.js';

function initialJs() {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)![1]!;
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(webRoot, file), 'utf8');
    // static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is a lazy page
    for (const m of code.matchAll(/import\s*(?:[\w*{}\s,$]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      visit(join(file, '..', m[1]!));
    }
  };
  visit(entry);
  const files = [...seen].map((f) => {
    const buf = readFileSync(join(webRoot, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf).length };
  });
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0), raw: files.reduce((n, f) => n + f.raw, 0) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  ensureWebBuild();
  const js = initialJs();
  console.log(
    `initial JS: ${js.files.length} files, ${(js.raw / 1024).toFixed(0)} KB raw, ${(js.gzip / 1024).toFixed(1)} KB gzipped`,
  );

  const db = await benchDatabase('bianzhi_bench_web');
  const server = await startWebServer(db.pool);
  const browser = await launchBrowser();
  const { page } = browser;
  try {
    await signIn(page, server.base, 'admin');
    await page.getByTestId('quota-total-approved').waitFor(); // warms the statistics cache, as a day's first visitor does

    // "interactive" = the quota table's total cell is laid out (offsetParent set) — the number cards, the quota and
    // posts tables and the age/education figures are rendered by then and open their drill-downs on click. The charts
    // load their code (ECharts) after that first render and draw a moment later; "charts drawn" is when all five have
    // their canvas, reported alongside so the deferral is visible.
    const interactive: number[] = [];
    const charts: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto('about:blank');
      await page.goto(`${server.base}/overview`, { waitUntil: 'commit' });
      const t = await page.waitForFunction(
        () => {
          const g = globalThis as unknown as {
            document: { querySelector(s: string): { offsetParent: unknown } | null };
            performance: { now(): number };
          };
          const el = g.document.querySelector('[data-testid="quota-total-approved"]');
          return el && el.offsetParent !== null ? g.performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      interactive.push(Number(await t.jsonValue()));
      const c = await page.waitForFunction(
        () => {
          const g = globalThis as unknown as {
            document: { querySelectorAll(s: string): { length: number } };
            performance: { now(): number };
          };
          return g.document.querySelectorAll('[data-testid^="chart-"] canvas').length >= 5
            ? g.performance.now()
            : false;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      charts.push(Number(await c.jsonValue()));
    }
    const cold = interactive[0]!;
    const warm = median(interactive.slice(1));
    const chartsWarm = median(charts.slice(1));
    console.log(`总览 interactive: first ${cold.toFixed(0)} ms, median of next 5 ${warm.toFixed(0)} ms`);
    console.log(`总览 charts drawn: first ${charts[0]!.toFixed(0)} ms, median of next 5 ${chartsWarm.toFixed(0)} ms`);

    // each page with what shows once its data is in: the calls are counted after it shows and the network is then
    // idle (the heat map's six /api/duties?pageSize=500 pages are only requested after its tab's code has loaded)
    const pages: [string, string][] = [
      ['/overview', '[data-testid="chart-pyramid"] canvas'],
      ['/institutions', '[data-testid="institutions-page"]'],
      ['/people', '[data-testid="people-table"] tbody tr'],
      ['/duties', '[data-testid="duties-page"] tbody tr'],
      ['/duties?tab=overlap', '[data-testid="overlaps"]'],
      ['/duties?tab=heatmap', '[data-testid="heatmap"] canvas'],
      ['/diagnostics', '[data-testid="section-职能配置"]'],
      ['/adjustments', '[data-testid="adjustments-page"]'],
      ['/imports', '[data-testid="import-page"]'],
      ['/users', '[data-testid="users-page"]'],
    ];
    const apiTimes: { page: string; calls: number; max: number; slowest: string }[] = [];
    for (const [p, ready] of pages) {
      const entries: { name: string; d: number }[] = [];
      const listener = (r: import('playwright-core').Request) => {
        if (!r.url().includes('/api/')) return;
        const t = r.timing();
        entries.push({ name: r.url(), d: t.responseEnd - t.requestStart });
      };
      await page.goto('about:blank');
      page.on('requestfinished', listener);
      await page.goto(`${server.base}${p}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      page.off('requestfinished', listener);
      const slowest = entries.reduce((a, b) => (b.d > a.d ? b : a), { name: '', d: 0 });
      apiTimes.push({
        page: p,
        calls: entries.length,
        max: slowest.d,
        slowest: new URL(slowest.name || server.base).pathname,
      });
    }
    for (const a of apiTimes)
      console.log(`  ${a.page.padEnd(22)} ${a.calls} calls, slowest ${a.max.toFixed(0)} ms (${a.slowest})`);
    const worst = Math.max(...apiTimes.map((a) => a.max));

    const date = new Date().toISOString().slice(0, 10);
    console.log(`
## Web app (\`npm run bench:web\`, issue 5) — ${date}

Command: \`TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:web\` (2 cores; demo district; the
built web/dist served by the real server; Debian's headless Chromium through playwright-core).

| measure | figure | target |
| --- | --- | --- |
| initial JS (entry chunk + its static imports, ${js.files.length} files) | ${(js.gzip / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(0)} KB raw) | ≤ 800 KB, ${js.gzip <= 800 * 1024 ? 'pass' : '**miss**'} |
| 总览 interactive after navigation (performance.now() when the quota table shows) | first ${cold.toFixed(0)} ms; median of 5 more ${warm.toFixed(0)} ms | ≤ 1.5 s, ${Math.max(cold, warm) <= 1500 ? 'pass' : '**miss**'} |
| · 总览's five charts drawn (ECharts loads after the first render) | first ${charts[0]!.toFixed(0)} ms; median of 5 more ${chartsWarm.toFixed(0)} ms | |
| slowest API call of any page (${pages.length} pages, Resource Timing, until the page shows and the network is idle) | ${worst.toFixed(0)} ms | ≤ 300 ms, ${worst <= 300 ? 'pass' : '**miss**'} |
${apiTimes.map((a) => `| · ${a.page} | ${a.calls} calls, slowest ${a.max.toFixed(0)} ms (\`${a.slowest}\`) | |`).join('\n')}
`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
}

await main();
