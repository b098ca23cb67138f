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

    const interactive: number[] = [];
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
    }
    const cold = interactive[0]!;
    const warm = median(interactive.slice(1));
    console.log(`总览 interactive: first ${cold.toFixed(0)} ms, median of next 5 ${warm.toFixed(0)} ms`);

    const pages = [
      '/overview',
      '/institutions',
      '/people',
      '/duties',
      '/duties?tab=overlap',
      '/duties?tab=heatmap',
      '/diagnostics',
      '/adjustments',
      '/imports',
      '/users',
    ];
    const apiTimes: { page: string; calls: number; max: number; slowest: string }[] = [];
    for (const p of pages) {
      const entries: { name: string; d: number }[] = [];
      const listener = (r: import('playwright-core').Request) => {
        if (!r.url().includes('/api/')) return;
        const t = r.timing();
        entries.push({ name: r.url(), d: t.responseEnd - t.requestStart });
      };
      await page.goto('about:blank');
      page.on('requestfinished', listener);
      await page.goto(`${server.base}${p}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
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
| slowest API call of any page (${pages.length} pages, Resource Timing) | ${worst.toFixed(0)} ms | ≤ 300 ms, ${worst <= 300 ? 'pass' : '**miss**'} |
${apiTimes.map((a) => `| · ${a.page} | ${a.calls} calls, slowest ${a.max.toFixed(0)} ms (\`${a.slowest}\`) | |`).join('\n')}
`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
}

await main();
