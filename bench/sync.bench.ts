/**
 * npm run bench:sync — a roster sync (实名制同步/对账) of a 100,000-person file with 5% changes against a roster of
 * 100,000: dry run, apply, and the same file again (nothing to do). Each run in its own process (peak memory = its
 * maxRSS). Targets (issue 16): dry run and apply ≤ 30 s each, peak memory ≤ 1 GB.
 *
 * The changes (5,000 people): 1,000 new, 1,000 left, 1,000 moved to another bureau, 500 to another category, 500 to
 * another post, 1,000 renamed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchDatabase } from './bench-database.js';
import { instName, people, person, region, setupBenchDistrict, writeRosterCsv } from './roster-fixture.js';

const persons = Number(process.env.BENCH_ROWS ?? 100_000);
const out = join(import.meta.dirname, 'out');
mkdirSync(out, { recursive: true });

/** The change planted on person i (one in twenty), or none. */
function changed(i: number): Record<string, string> | null | undefined {
  const p = person(i) as Record<string, string>;
  switch (i % 100) {
    case 1:
      return null; // left
    case 2:
      return { ...p, institution: instName((i + 1) % 100) }; // transfer
    case 3:
      return i % 200 === 3 ? { ...p, category: '工勤编制' } : { ...p, post: '一级主任科员' }; // category / post
    case 4:
      return { ...p, name: `${p.name}新` }; // renamed
    default:
      return p;
  }
}

function run(script: string, args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--max-semi-space-size=32', '--import', 'tsx', join(import.meta.dirname, script), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

interface SyncRun {
  ok: boolean;
  rows: number;
  counts: Record<string, number>;
  summary: Record<string, number>;
  problems: unknown[];
  seconds: number;
  maxRssMB: number;
}

const db = await benchDatabase('bianzhi_bench_sync');
try {
  await setupBenchDistrict(db.pool);
  const base = join(out, `sync-base-${persons}.csv`);
  const next = join(out, `sync-next-${persons}.csv`);
  await writeRosterCsv(base, people(persons));
  await writeRosterCsv(
    next,
    (function* () {
      for (let i = 0; i < persons; i++) {
        const p = changed(i);
        if (p) yield p;
      }
      for (let i = persons; i < persons + persons / 100; i++) yield person(i) as Record<string, string>; // new
    })(),
  );
  const imported = run('import-run.ts', [db.url, region, base, 'roster']);
  if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.problems)}`);
  const asOf = new Date().toISOString().slice(0, 10);
  const sync = (mode: string): SyncRun => {
    const r = run('sync-run.ts', [db.url, region, next, asOf, mode]) as SyncRun;
    if (!r.ok) throw new Error(`sync failed: ${JSON.stringify(r.problems)}`);
    return r;
  };
  const dry = sync('dry-run');
  const applied = sync('apply');
  const again = sync('apply');
  const expected = {
    added: persons / 100,
    left: persons / 100,
    transferred: persons / 100,
    categoryChanged: persons / 200,
    postChanged: persons / 200,
    fieldsChanged: persons / 100,
  };
  for (const [k, n] of Object.entries(expected)) {
    if (dry.counts[k] !== n || applied.counts[k] !== n) throw new Error(`${k}: expected ${n}, got ${dry.counts[k]}`);
  }
  const changes = Object.values(expected).reduce((a, b) => a + b, 0);
  if (Object.entries(again.counts).some(([k, n]) => k !== 'unchanged' && n !== 0)) {
    throw new Error(`second sync not idempotent: ${JSON.stringify(again.counts)}`);
  }
  const fold = await db.pool.query(
    `SELECT count(*)::int AS n FROM movements WHERE import_id = (SELECT max(import_id) FROM movements)`,
  );
  const line = (what: string, r: SyncRun) =>
    console.log(
      `${what.padEnd(44)}: ${r.seconds.toFixed(2)} s (target ≤ 30 s) ${r.seconds <= 30 ? 'PASS' : 'MISS'}, peak RSS ${r.maxRssMB.toFixed(0)} MB ${r.maxRssMB <= 1024 ? 'PASS' : 'MISS'}`,
    );
  console.log('');
  console.log(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; database: ${db.where}`);
  console.log(
    `roster ${persons} persons (import ${imported.seconds.toFixed(2)} s); file ${dry.rows} rows, ${changes} people changed`,
  );
  line('sync dry run (diff only, nothing written)', dry);
  line(`sync apply (${fold.rows[0].n} movements written)`, applied);
  line('same file again (no change)', again);
} finally {
  await db.close();
}
