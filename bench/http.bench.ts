/**
 * npm run bench:http — the server on the demo district in its own process (`bianzhi serve`), in one run: a trivial
 * JSON endpoint (/api/health, the reference), every read route the web app calls (target ≥ 2,000 req/s at p99 ≤ 50 ms
 * with 64 connections; statistics and diagnostics ≥ 5,000), each beside the reference as a ratio, and a mixed load
 * (statistics, findings, institutions, people search, duties, 10% new drafts; target p99 ≤ 200 ms with no error).
 * Measured with wrk (Debian's `wrk`, one thread: a C client leaves the second core to the server; the mix through a
 * Lua script), or autocannon, a Node client, when wrk is missing. BENCH_SECONDS sets the endpoint runs (default 10),
 * BENCH_MIXED_SECONDS the mixed one (60), BENCH_ONLY a pattern of the names to run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
  ['bench-admin', 'admin'],
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
  /** bytes of one answer as sent */
  bytes?: number;
}
const rows: Row[] = [];
const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;

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
function runWrk(
  name: string,
  url: string,
  headers: Record<string, string>,
  opts: { script?: string; seconds?: number; bytes?: number } = {},
): Row {
  const args = ['-t1', `-c${connections}`, '--latency', '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  if (opts.script) args.push('-s', opts.script);
  else spawnSync('wrk', [...args, '-d2s', url]); // warm-up, not counted: connections opened, code optimized
  const out = spawnSync('wrk', [...args, `-d${opts.seconds ?? seconds}s`, url], { encoding: 'utf8' }).stdout;
  const ms = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const row: Row = {
    name,
    bytes: opts.bytes,
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

let reference: Row | undefined;
function print(row: Row) {
  const ratio = reference && row !== reference ? `${(row.rps / reference.rps).toFixed(2)}×` : 'ref';
  const size = row.bytes === undefined ? '' : `   ${(row.bytes / 1024).toFixed(1)} KB`;
  console.log(
    `${row.name.padEnd(58)} ${row.rps.toFixed(0).padStart(7)} req/s ${ratio.padStart(6)}   p50 ${row.p50.toFixed(1).padStart(6)} ms   p99 ${row.p99.toFixed(1).padStart(6)} ms   errors ${row.errors}   non-2xx ${row.non2xx}${size}`,
  );
}

/** One endpoint at full load: wrk when installed, else autocannon. */
const endpoint = (name: string, url: string, headers: Record<string, string> = {}, bytes?: number) =>
  hasWrk ? runWrk(name, url, headers, { bytes }) : run(name, { url, headers }, bytes);

async function run(name: string, opts: autocannon.Options, bytes?: number) {
  const r = await autocannon({ connections, duration: seconds, ...opts });
  const row: Row = {
    name,
    bytes,
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

const uptime = () => spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();

try {
  // as a browser asks: gzip accepted
  const gzip = { 'accept-encoding': 'gzip' };
  const leader = { authorization: `Bearer ${await token('bench-leader')}`, ...gzip };
  const operator = { authorization: `Bearer ${await token('bench-operator')}`, ...gzip };
  const admin = { authorization: `Bearer ${await token('bench-admin')}`, ...gzip };
  const get = async <T>(path: string, headers: Record<string, string> = leader) => {
    const r = await fetch(`${base}${path}`, { headers });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const institutions = (await get<{ items: { id: string; kind: string }[] }>('/api/institutions')).items.filter(
    (i) => i.kind === 'gov_dept',
  );
  const inst = institutions[0]!.id;
  const person = (await get<{ items: { id: string }[] }>('/api/people?pageSize=1')).items[0]!.id;
  // a draft to read, as the 编制事项 page does (detail and preview)
  const draftRes = await fetch(`${base}/api/adjustments`, {
    method: 'POST',
    headers: { ...operator, 'content-type': 'application/json' },
    body: JSON.stringify({
      docNumber: '压测〔2026〕0号',
      title: '压测读取草稿',
      effectiveOn: '2026-12-31',
      items: [{ op: 'set_quota', institutionId: inst, category: 'admin', approved: 7 }],
    }),
  });
  const draftId = ((await draftRes.json()) as { id: string }).id;
  const q = (s: string) => encodeURIComponent(s);

  /** Every read the web app makes (web/src): path, who asks, target. */
  const reads: [name: string, path: string, headers: Record<string, string>, target: number][] = [
    ['GET /api/auth/me', '/api/auth/me', leader, 2000],
    ['GET /api/statistics', '/api/statistics', leader, 5000],
    ['GET /api/statistics?asOf=2025-12-31', '/api/statistics?asOf=2025-12-31', leader, 2000],
    ['GET /api/diagnostics', '/api/diagnostics', leader, 5000],
    ['GET /api/diagnostics?code=DUTY_OVERLAP', '/api/diagnostics?code=DUTY_OVERLAP', leader, 2000],
    ['GET /api/institutions (tree)', '/api/institutions', leader, 2000],
    ['GET /api/institutions?asOf=2025-12-31', '/api/institutions?asOf=2025-12-31', leader, 2000],
    ['GET /api/institutions/:id', `/api/institutions/${inst}`, leader, 2000],
    ['GET /api/institutions/:id/history', `/api/institutions/${inst}/history`, leader, 2000],
    ['GET /api/people?pageSize=50', '/api/people?page=1&pageSize=50', leader, 2000],
    ['GET /api/people?q=张', `/api/people?q=${q('张')}&page=1&pageSize=50`, leader, 2000],
    ['GET /api/people?institutionId&pageSize=20', `/api/people?institutionId=${inst}&page=1&pageSize=20`, leader, 2000],
    ['GET /api/people/:id', `/api/people/${person}`, leader, 2000],
    ['GET /api/duties?pageSize=50', '/api/duties?page=1&pageSize=50', leader, 2000],
    ['GET /api/duties?pageSize=500 (heat map)', '/api/duties?pageSize=500&page=1', leader, 2000],
    ['GET /api/duties?institutionId&pageSize=20', `/api/duties?institutionId=${inst}&page=1&pageSize=20`, leader, 2000],
    ['GET /api/duties?q=监督', `/api/duties?q=${q('监督')}&page=1&pageSize=50`, leader, 2000],
    ['GET /api/adjustments', '/api/adjustments', leader, 2000],
    ['GET /api/adjustments/:id', `/api/adjustments/${draftId}`, leader, 2000],
    ['GET /api/adjustments/:id/preview', `/api/adjustments/${draftId}/preview`, leader, 2000],
    ['GET /api/users (admin)', '/api/users', admin, 2000],
    ['GET /api/audit?limit=200 (admin)', '/api/audit?limit=200', admin, 2000],
    ['GET /api/audit/verify (admin; never cached)', '/api/audit/verify', admin, 0],
  ];

  console.log(
    `machine: ${cpus().length} cores; database: ${db.where}; ${connections} connections; client: ${hasWrk ? 'wrk -t1' : 'autocannon'}`,
  );
  console.log(`load at start: ${uptime()}`);
  reference = await endpoint('GET /api/health (trivial JSON, reference)', `${base}/api/health`);
  const verdicts: string[] = [];
  for (const [name, path, headers, target] of reads) {
    if (only && !only.test(name)) continue;
    const one = await fetch(`${base}${path}`, { headers });
    const bytes = (await one.arrayBuffer()).byteLength;
    if (one.status !== 200) throw new Error(`${path}: ${one.status}`);
    const row = await endpoint(name, `${base}${path}`, headers, bytes);
    if (target) {
      const pass = row.rps >= target && row.p99 <= 50 && row.errors === 0 && row.non2xx === 0;
      if (!pass) verdicts.push(`  MISS ${name}: ${row.rps.toFixed(0)} req/s, p99 ${row.p99.toFixed(1)} ms`);
    }
  }
  const targeted = reads.filter(([name, , , t]) => t && (!only || only.test(name))).length;
  console.log(
    `reads: ${targeted - verdicts.length} of ${targeted} meet their target (≥ 2,000 req/s, statistics and diagnostics ≥ 5,000; p99 ≤ 50 ms)`,
  );
  for (const v of verdicts) console.log(v);

  // mixed: reads of every hot kind and one write (a new draft adjustment) in every ten requests
  const mixReads = [
    '/api/statistics',
    '/api/institutions',
    `/api/people?q=${q('王')}&page=1&pageSize=50`,
    '/api/duties?page=1&pageSize=50',
    '/api/diagnostics',
    `/api/institutions/${inst}`,
    `/api/people?q=${q('张')}&page=1&pageSize=50`,
    '/api/statistics',
    `/api/duties?institutionId=${inst}&page=1&pageSize=20`,
  ];
  let n = 0;
  const draft = (i: number) =>
    JSON.stringify({
      docNumber: `压测〔2026〕${i}号`,
      title: '压测草稿',
      effectiveOn: '2026-12-31',
      items: [
        { op: 'set_quota', institutionId: institutions[i % institutions.length]!.id, category: 'admin', approved: 5 },
      ],
    });
  const mixName = `mixed: 9 reads + 1 draft write in 10, ${mixedSeconds} s`;
  let mixed: Row;
  if (hasWrk) {
    const dir = mkdtempSync(join(tmpdir(), 'bianzhi-bench-'));
    const script = join(dir, 'mix.lua');
    const lua = (v: string) => JSON.stringify(v); // a JSON string is a valid Lua string literal here (no \u escapes)
    writeFileSync(
      script,
      `local reads = { ${mixReads.map(lua).join(', ')} }
local ids = { ${institutions.map((i) => lua(i.id)).join(', ')} }
local readHeaders = { ["authorization"] = ${lua(leader.authorization)}, ["accept-encoding"] = "gzip" }
local writeHeaders = { ["authorization"] = ${lua(operator.authorization)}, ["content-type"] = "application/json" }
local n = 0
request = function()
  n = n + 1
  local i = n % 10
  if i == 0 then
    local body = string.format(${lua(draft(0).replace('压测〔2026〕0号', '压测〔2026〕m%d号').replace(institutions[0]!.id, '%s'))}, n, ids[math.floor(n / 10) % #ids + 1])
    return wrk.format("POST", "/api/adjustments", writeHeaders, body)
  end
  return wrk.format("GET", reads[i], readHeaders)
end
`,
    );
    try {
      mixed = runWrk(mixName, base, {}, { script, seconds: mixedSeconds });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    mixed = await run(mixName, {
      url: base,
      duration: mixedSeconds,
      requests: [
        ...mixReads.map((path) => ({ method: 'GET' as const, path, headers: leader })),
        {
          method: 'POST',
          path: '/api/adjustments',
          headers: { ...operator, 'content-type': 'application/json' },
          setupRequest: (r) => ({ ...r, body: draft(++n) }),
        },
      ],
    });
  }
  const drafts = await db.pool.query(`SELECT count(*)::int AS n FROM adjustments WHERE title = '压测草稿'`);
  const pass = mixed.p99 <= 200 && mixed.errors === 0 && mixed.non2xx === 0;
  console.log(
    `  mixed: ${mixed.total} requests, ${drafts.rows[0].n} drafts written; p99 ≤ 200 ms with zero errors and non-2xx: ${pass ? 'PASS' : 'MISS'}`,
  );
  console.log(`load at end: ${uptime()} (1-minute load ${loadavg()[0]!.toFixed(2)})`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  await db.close();
}
