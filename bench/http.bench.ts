/**
 * npm run bench:http — the server on the demo district in its own process (`bianzhi serve`): a trivial JSON endpoint
 * (the reference, same run), the statistics and diagnostics endpoints (target ≥ 5,000 req/s at p99 ≤ 50 ms), measured
 * with wrk (Debian's `wrk`, one thread: a C client leaves the second core to the server; autocannon, a Node client, when
 * wrk is missing), and a 60-second mixed read/write run with 64 connections through autocannon (target: zero errors).
 * BENCH_SECONDS shortens the endpoint runs, BENCH_MIXED_SECONDS the mixed one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { buildDemoDistrict } from '../src/commands/demo.js';
import { changePassword, createUser } from '../src/commands/users.js';
import { generateDemoDistrict } from '../src/demo/demo-district.js';
import { benchDatabase } from './bench-database.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const mixedSeconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const connections = 64;
const password = 'Bench-Password-2026';

const db = await benchDatabase('bianzhi_bench_http');
const demo = generateDemoDistrict();
const ctx = {
  pool: db.pool,
  regionCode: demo.regionCode,
  actor: 'bench',
  today: new Date().toISOString().slice(0, 10),
};
await buildDemoDistrict(ctx, demo);
for (const [username, role] of [
  ['bench-leader', 'leader'],
  ['bench-operator', 'operator'],
] as const) {
  const u = await createUser(ctx, { username, role });
  await changePassword(ctx, username, u.oneTimePassword, password);
}

const { BIANZHI_REGION: _r, ...inherited } = process.env;
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
  env: { ...inherited, DATABASE_URL: db.url, BIANZHI_REGION: demo.regionCode },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /bianzhi 已启动:(http:\/\/[\d.]+:\d+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}
const rows: Row[] = [];

async function token(username: string) {
  const r = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

const hasWrk = spawnSync('wrk', ['--version']).error === undefined;

/** wrk's figures: requests/s, p50/p99 in ms, socket errors, non-2xx/3xx answers. */
function runWrk(name: string, url: string, headers: Record<string, string>): Row {
  const args = ['-t1', `-c${connections}`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  spawnSync('wrk', [...args, '-d2s', url]); // warm-up, not counted: connections opened, code optimized
  const out = spawnSync('wrk', [...args, `-d${seconds}s`, url], { encoding: 'utf8' }).stdout;
  const ms = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const row = {
    name,
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: ms('50%'),
    p99: ms('99%'),
    errors: socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    total: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
  };
  rows.push(row);
  print(row);
  return row;
}

function print(row: Row) {
  console.log(
    `${row.name.padEnd(44)} ${row.rps.toFixed(0).padStart(7)} req/s   p50 ${row.p50.toFixed(1)} ms   p99 ${row.p99.toFixed(1)} ms   errors ${row.errors}   non-2xx ${row.non2xx}`,
  );
}

/** One endpoint at full load: wrk when installed, else autocannon. */
const endpoint = (name: string, url: string, headers: Record<string, string> = {}) =>
  hasWrk ? runWrk(name, url, headers) : run(name, { url, headers });

async function run(name: string, opts: autocannon.Options) {
  const r = await autocannon({ connections, duration: seconds, ...opts });
  const row = {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
  rows.push(row);
  print(row);
  if (row.errors || row.non2xx)
    console.log(`  status codes: ${JSON.stringify(r.statusCodeStats)}; errors ${r.errors}, timeouts ${r.timeouts}`);
  return row;
}

try {
  // as a browser asks: gzip accepted
  const leader = { authorization: `Bearer ${await token('bench-leader')}`, 'accept-encoding': 'gzip' };
  const operator = { authorization: `Bearer ${await token('bench-operator')}` };
  // warm the caches the way a first visitor would
  for (const p of ['/api/statistics', '/api/diagnostics']) await fetch(`${base}${p}`, { headers: leader });
  const institutions = (
    (await (await fetch(`${base}/api/institutions`, { headers: leader })).json()) as {
      items: { id: string; kind: string }[];
    }
  ).items.filter((i) => i.kind === 'gov_dept');

  console.log(
    `machine: ${cpus().length} cores; database: ${db.where}; ${connections} connections; client: ${hasWrk ? 'wrk -t1' : 'autocannon'}`,
  );
  const trivial = await endpoint('GET /api/health (trivial JSON, reference)', `${base}/api/health`);
  const stats = await endpoint('GET /api/statistics', `${base}/api/statistics`, leader);
  const diag = await endpoint('GET /api/diagnostics', `${base}/api/diagnostics`, leader);
  for (const [r, label] of [
    [stats, 'statistics'],
    [diag, 'diagnostics'],
  ] as const) {
    const pass = r.rps >= 5000 && r.p99 <= 50 && r.errors === 0 && r.non2xx === 0;
    console.log(
      `  ${label}: ${(r.rps / trivial.rps).toFixed(2)}× the trivial endpoint; target ≥ 5000 req/s at p99 ≤ 50 ms: ${pass ? 'PASS' : 'MISS'}`,
    );
  }

  // mixed: per connection, reads of every kind and one write (a new draft adjustment) in every ten requests
  let n = 0;
  const draft = () =>
    JSON.stringify({
      docNumber: `压测〔2026〕${++n}号`,
      title: '压测草稿',
      effectiveOn: '2026-12-31',
      items: [
        { op: 'set_quota', institutionId: institutions[n % institutions.length]!.id, category: 'admin', approved: 5 },
      ],
    });
  const json = { 'content-type': 'application/json' };
  for (const path of [
    '/api/institutions',
    `/api/institutions/${institutions[0]!.id}`,
    `/api/people?q=${encodeURIComponent('王')}&pageSize=20`,
    '/api/duties?pageSize=20',
    '/api/adjustments',
    '/api/diagnostics?severity=high',
  ]) {
    const t = performance.now();
    const r = await fetch(`${base}${path}`, { headers: leader });
    await r.arrayBuffer();
    console.log(`  one ${path}: ${r.status} in ${(performance.now() - t).toFixed(0)} ms`);
  }
  const mixed = await run('mixed read/write, 60 s', {
    url: base,
    duration: mixedSeconds,
    requests: [
      { method: 'GET', path: '/api/statistics', headers: leader },
      { method: 'GET', path: '/api/diagnostics?severity=high', headers: leader },
      { method: 'GET', path: '/api/institutions', headers: leader },
      { method: 'GET', path: `/api/institutions/${institutions[0]!.id}`, headers: leader },
      { method: 'GET', path: `/api/people?q=${encodeURIComponent('王')}&pageSize=20`, headers: leader },
      { method: 'GET', path: '/api/duties?pageSize=20', headers: leader },
      { method: 'GET', path: '/api/statistics', headers: leader },
      { method: 'GET', path: '/api/adjustments', headers: leader },
      { method: 'GET', path: '/api/diagnostics', headers: leader },
      { method: 'POST', path: '/api/adjustments', headers: { ...operator, ...json }, body: draft() },
    ],
  });
  const drafts = await db.pool.query(`SELECT count(*)::int AS n FROM adjustments WHERE title = '压测草稿'`);
  console.log(
    `  mixed: ${mixed.total} requests, ${drafts.rows[0].n} drafts written; zero errors and non-2xx: ${mixed.errors === 0 && mixed.non2xx === 0 ? 'PASS' : 'MISS'}`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  await db.close();
}
