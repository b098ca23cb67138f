/**
 * A real `bianzhi serve` process on the demo district under a storm of odd reads: 100 requests for the institution
 * tree on 100 distinct dates, all at once (each date is a whole district folded and read anew). The server's memory
 * stays bounded — measured from outside, as the operating system sees it (VmHWM, the peak resident set) — and it keeps
 * answering /api/health while the storm lasts.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDistrict } from '../src/commands/demo.js';
import { changePassword, createUser } from '../src/commands/users.js';
import { generateDemoDistrict } from '../src/demo/demo-district.js';
import { createTestDatabase } from './test-database.js';
import { testPassword } from './server-harness.js';

const demo = generateDemoDistrict();
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: { url: string; pid: number; stop: () => Promise<unknown> } | undefined;

/** Resident memory of a process in MB: now (VmRSS) and its peak so far (VmHWM). */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function serve(databaseUrl: string): Promise<{ url: string; pid: number; stop: () => Promise<unknown> }> {
  const { DATABASE_URL: _u, BIANZHI_REGION: _r, PORT: _p, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    env: { ...inherited, DATABASE_URL: databaseUrl, BIANZHI_REGION: demo.regionCode, HOST: '127.0.0.1' },
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bianzhi 已启动:(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve({ url: m[1]!, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((code) => reject(new Error(`serve exited ${String(code)}: ${out}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const ctx = { pool: database.pool, regionCode: demo.regionCode, actor: 'test', today: '2026-11-27' };
  await buildDemoDistrict(ctx, demo);
  const u = await createUser(ctx, { username: 'leader', role: 'leader' });
  await changePassword(ctx, 'leader', u.oneTimePassword, testPassword);
  server = await serve(database.url);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe('memory under reads of many dates', () => {
  it('Given the demo district When 100 distinct dates are asked at once Then memory stays bounded and /api/health answers meanwhile', async () => {
    const s = server!;
    const login = await fetch(`${s.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: testPassword }),
    });
    const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
    const tree = async (asOf?: string) => {
      const r = await fetch(`${s.url}/api/institutions${asOf ? `?asOf=${asOf}` : ''}`, { headers });
      expect(r.status).toBe(200);
      return ((await r.json()) as { items: unknown[] }).items.length;
    };
    // warm: today's tree, statistics and findings as a first visitor leaves them; what the server holds then
    expect(await tree()).toBeGreaterThan(100);
    await fetch(`${s.url}/api/statistics`, { headers });
    await fetch(`${s.url}/api/diagnostics`, { headers });
    const before = memoryOf(s.pid);

    const dates = Array.from({ length: 100 }, (_, i) =>
      new Date(Date.UTC(2020, 0, 1) + i * 9 * 86_400_000).toISOString().slice(0, 10),
    );
    let stormOver = false;
    const storm = Promise.all(dates.map((d) => tree(d))).finally(() => (stormOver = true));
    const health: { ms: number; duringStorm: boolean }[] = [];
    let peakRss = before.rss;
    while (!stormOver) {
      const t = performance.now();
      const r = await fetch(`${s.url}/api/health`);
      expect(r.status).toBe(200);
      health.push({ ms: performance.now() - t, duringStorm: !stormOver });
      peakRss = Math.max(peakRss, memoryOf(s.pid).rss);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const counts = await storm;
    const after = memoryOf(s.pid);

    // every date answered with a tree; dates before the demo's baseline have fewer institutions or none
    expect(counts).toHaveLength(100);
    expect(Math.max(...counts)).toBeGreaterThan(100);
    // bounded: before the fix the same storm (48 dates) took the server from about 0.5 GB to 2.4 GB
    const grewBy = Math.max(after.peak, peakRss) - before.rss;
    console.log(
      `RSS before ${before.rss.toFixed(0)} MB, peak during the storm ${Math.max(after.peak, peakRss).toFixed(0)} MB, ` +
        `after ${after.rss.toFixed(0)} MB; health answered ${health.length}× during the storm, slowest ${Math.max(...health.map((h) => h.ms)).toFixed(0)} ms`,
    );
    expect(grewBy).toBeLessThan(300); // the code before the fix: +362 MB and health 15 s for these 100 dates (loaded box)
    // responsive: health answered while dates were still being computed, each answer within seconds, not ten
    expect(health.filter((h) => h.duringStorm).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(5000);
  }, 300_000);
});
