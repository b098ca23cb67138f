/**
 * npm run bench:staffing — issue 16's speed targets on a separate database (bench/bench-database.ts):
 * 1,000,000 persons with 3,000,000 movements (入编, 调动, then 调动 or 退休), written by COPY with the assignments
 * their fold gives; then
 *   - `rebuild` (registry and roster folded from scratch, the whole roster compared): ≤ 60 s;
 *   - the statistics of part 一 as of a past date (snapshot read of who held which place then + computeStatistics): ≤ 2 s;
 *   - approving 用编申请 under 64 concurrent callers: p99 ≤ 200 ms;
 *   - peak memory (RSS of this process) ≤ 1 GB.
 * BENCH_PERSONS (default 1,000,000) and BENCH_APPROVALS (default 640) shrink it for a quick look; BENCH_REUSE=1 keeps
 * the database for the next run and reuses one already written (the COPY alone takes minutes on a loaded machine);
 * BENCH_PHASES (default rebuild,statistics,approve) picks the measures; BENCH_DB names the database.
 */
import { cpus, loadavg } from 'node:os';
import { rebuildRegistry } from '../src/commands/adjustments.js';
import { importBaseline } from '../src/commands/import-baseline.js';
import { defineRegion } from '../src/commands/regions.js';
import { districtStatistics } from '../src/commands/diagnose.js';
import { approveStaffingRequest, draftStaffingRequest, submitStaffingRequest } from '../src/commands/staffing.js';
import { readRegistry } from '../src/store/registry.repository.js';
import { CopyWriter, copyLine } from '../src/store/copy.js';
import { inTransaction } from '../src/store/transaction.js';
import { idNumberCheckChar } from '../src/domain/codes.js';
import { connect, withDatabaseName } from '../src/store/database.js';
import { benchDatabase } from './bench-database.js';

const persons = Number(process.env.BENCH_PERSONS ?? 1_000_000);
const approvals = Number(process.env.BENCH_APPROVALS ?? 640);
const concurrency = 64;
const institutions = 500;
const region = '370102';
const pastDate = '2010-06-30';
const reuse = process.env.BENCH_REUSE === '1';
// BENCH_DB names another database, e.g. a copy made with CREATE DATABASE … TEMPLATE bianzhi_bench_staffing
const dbName = process.env.BENCH_DB ?? 'bianzhi_bench_staffing';
const phases = new Set((process.env.BENCH_PHASES ?? 'rebuild,statistics,approve').split(','));

/** The database a previous run kept (BENCH_REUSE=1), when it holds the persons asked for. */
async function keptDatabase() {
  const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!reuse || !adminUrl) return undefined;
  const db = connect(withDatabaseName(adminUrl, dbName));
  const n = await db.pool
    .query<{ n: number }>('SELECT count(*)::int AS n FROM persons')
    .then((r) => r.rows[0]!.n)
    .catch(() => -1);
  if (n === persons) {
    const version = (await db.pool.query('SHOW server_version')).rows[0].server_version;
    return {
      ...db,
      where: `PostgreSQL at TEST_DATABASE_URL/DATABASE_URL ${version} (kept from an earlier run)`,
      close: db.close,
    };
  }
  await db.close();
  return undefined;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (b: number) => Math.round(b / 1024 / 1024);
const uuid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const dayOf = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

async function setup(pool: import('pg').Pool) {
  const ctx = { pool, regionCode: region, actor: 'bench', today: new Date().toISOString().slice(0, 10) };
  await defineRegion(ctx, { regionCode: region, name: '基准测试区' });
  const name = (i: number) => `区第${String(i).padStart(3, '0')}局`;
  const loc = (i: number) => ({ file: 'bench', sheet: '机构', row: i + 2 });
  const base = await importBaseline(
    ctx,
    {
      institutions: Array.from({ length: institutions }, (_, i) => ({
        ...loc(i),
        record: { name: name(i), kind: 'gov_dept' as const, alsoNamed: [], civilServiceManaged: false },
      })),
      // room for everyone today (about 1,800 per unit) and for the approvals
      quotas: Array.from({ length: institutions }, (_, i) => ({
        ...loc(i),
        record: {
          institution: name(i),
          category: 'admin' as const,
          approved: Math.ceil((persons * 2.5) / institutions),
        },
      })),
      posts: [],
    },
    { fileName: 'bench', fileSha256: '', effectiveOn: '1999-01-01' },
  );
  if (!base.ok) throw new Error(JSON.stringify(base.problems));
  const registry = await readRegistry(pool, region);
  return [...registry.institutions.values()].sort((a, b) => a.name.localeCompare(b.name)).map((i) => i.id);
}

/** Person i: 入编 into A, 调动 to B, then 调动 to C (nine in ten) or 退休; the assignments are what the fold gives. */
async function writeLedger(pool: import('pg').Pool, inst: string[]) {
  await inTransaction(pool, async (tx) => {
    const p = new CopyWriter(tx, 'persons', ['region_code', 'id', 'id_number', 'name', 'gender', 'birth_date']);
    for (let i = 0; i < persons; i++) {
      const birth = dayOf(-10_000 - (i % 5000));
      const first17 = `370102${birth.replace(/-/g, '')}${String(Math.floor(i / 5000)).padStart(3, '0')}`;
      await p.writeLine(
        copyLine([region, uuid(1, i), first17 + idNumberCheckChar(first17), `人员${i}`, i % 2 ? '男' : '女', birth]),
      );
    }
    await p.end();
  });
  const movementColumns = [
    'region_code',
    'person_id',
    'type',
    '"on"',
    'from_institution_id',
    'to_institution_id',
    'category',
    'assignment_id',
    'exit_type',
    'recorded_by',
  ];
  const assignmentColumns = ['region_code', 'id', 'person_id', 'institution_id', 'category', 'start_on', 'end_on'];
  // in date order, so the sequence (the fold order within a date) follows the history
  await inTransaction(pool, async (tx) => {
    const m = new CopyWriter(tx, 'movements', movementColumns);
    for (let step = 0; step < 3; step++) {
      for (let i = 0; i < persons; i++) {
        const [a, b, c] = [i % institutions, (i * 7 + 3) % institutions, (i * 13 + 5) % institutions];
        const d0 = i % 3000;
        const d1 = d0 + 1000 + (i % 1000);
        const d2 = d1 + 2000 + (i % 500);
        const exit = i % 10 === 0;
        const line =
          step === 0
            ? [region, uuid(1, i), 'enter', dayOf(d0), null, inst[a]!, 'admin', uuid(2, i * 3), null, 'bench']
            : step === 1
              ? [
                  region,
                  uuid(1, i),
                  'transfer',
                  dayOf(d1),
                  inst[a]!,
                  inst[b]!,
                  'admin',
                  uuid(2, i * 3 + 1),
                  null,
                  'bench',
                ]
              : exit
                ? [region, uuid(1, i), 'exit', dayOf(d2), inst[b]!, null, 'admin', null, 'retire', 'bench']
                : [
                    region,
                    uuid(1, i),
                    'transfer',
                    dayOf(d2),
                    inst[b]!,
                    inst[c]!,
                    'admin',
                    uuid(2, i * 3 + 2),
                    null,
                    'bench',
                  ];
        await m.writeLine(copyLine(line));
      }
    }
    await m.end();
    const s = new CopyWriter(tx, 'assignments', assignmentColumns);
    for (let i = 0; i < persons; i++) {
      const [a, b, c] = [i % institutions, (i * 7 + 3) % institutions, (i * 13 + 5) % institutions];
      const d0 = i % 3000;
      const d1 = d0 + 1000 + (i % 1000);
      const d2 = d1 + 2000 + (i % 500);
      await s.writeLine(copyLine([region, uuid(2, i * 3), uuid(1, i), inst[a]!, 'admin', dayOf(d0), dayOf(d1)]));
      await s.writeLine(copyLine([region, uuid(2, i * 3 + 1), uuid(1, i), inst[b]!, 'admin', dayOf(d1), dayOf(d2)]));
      if (i % 10 !== 0)
        await s.writeLine(copyLine([region, uuid(2, i * 3 + 2), uuid(1, i), inst[c]!, 'admin', dayOf(d2), null]));
    }
    await s.end();
  });
  await pool.query('ANALYZE persons; ANALYZE movements; ANALYZE assignments');
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;

async function main() {
  const kept = await keptDatabase();
  const db = kept ?? (await benchDatabase(dbName));
  const today = new Date().toISOString().slice(0, 10);
  const ctx = { pool: db.pool, regionCode: region, actor: 'bench', today };
  const results: string[] = [];
  const note = (s: string) => {
    results.push(s);
    console.log(s);
  };
  try {
    note(
      `database: ${db.where}; ${cpus().length} cores; load ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    let t = performance.now();
    const inst = kept
      ? (await db.pool.query<{ id: string }>(`SELECT id FROM institutions ORDER BY name`)).rows.map((r) => r.id)
      : await setup(db.pool);
    if (!kept) {
      await writeLedger(db.pool, inst);
      // as a database in use would be (autovacuum): the visibility map lets counts read the indexes alone
      await db.pool.query('VACUUM ANALYZE assignments');
    }
    const counts = (
      await db.pool.query(
        `SELECT (SELECT count(*) FROM persons)::int AS p, (SELECT count(*) FROM movements)::int AS m,
                (SELECT count(*) FROM assignments)::int AS a`,
      )
    ).rows[0];
    note(
      `${kept ? 'kept from an earlier run' : `written by COPY in ${((performance.now() - t) / 1000).toFixed(1)} s`}: ${counts.p} persons, ${counts.m} movements, ${counts.a} assignments`,
    );

    if (phases.has('rebuild')) {
      peakRss = process.memoryUsage().rss;
      t = performance.now();
      const rebuilt = await rebuildRegistry(ctx);
      note(
        `rebuild: ${((performance.now() - t) / 1000).toFixed(1)} s (${rebuilt.roster.movements} movements folded, roster identical: ${rebuilt.roster.identical}); peak RSS ${mb(peakRss)} MB`,
      );
    }

    const runs: number[] = [];
    let total = 0;
    peakRss = process.memoryUsage().rss;
    for (let r = 0; r < (phases.has('statistics') ? 3 : 0); r++) {
      t = performance.now();
      const st = await districtStatistics(ctx, pastDate);
      runs.push(performance.now() - t);
      total = st.people.total;
    }
    if (runs.length)
      note(
        `statistics as of ${pastDate} (${total} people held a place then): ${runs.map((x) => (x / 1000).toFixed(2)).join(' / ')} s (3 runs); peak RSS ${mb(peakRss)} MB`,
      );

    // 用编申请: drafted and submitted beforehand (by one actor), approved by another under 64 concurrent callers
    if (!phases.has('approve')) return;
    const ids: string[] = [];
    const drafter = { ...ctx, actor: 'bench-operator' };
    for (let i = 0; i < approvals; i++) {
      const d = await draftStaffingRequest(drafter, {
        institutionId: inst[i % institutions]!,
        category: 'admin',
        count: 1,
        channel: 'exam',
        reason: '基准测试',
      });
      await submitStaffingRequest(drafter, d.id);
      ids.push(d.id);
    }
    const approver = { ...ctx, actor: 'bench-approver' };
    const latencies: number[] = [];
    let next = 0;
    peakRss = process.memoryUsage().rss;
    t = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const s = performance.now();
          await approveStaffingRequest(approver, id);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const wall = (performance.now() - t) / 1000;
    note(
      `approve ${ids.length} requests, ${concurrency} concurrent callers on the pool (max ${db.pool.options.max} connections): p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; ${(ids.length / wall).toFixed(0)} approvals/s; peak RSS ${mb(peakRss)} MB`,
    );
  } finally {
    clearInterval(sampler);
    if (reuse) await db.pool.end();
    else await db.close();
  }
}

await main();
