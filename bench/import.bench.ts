/**
 * npm run bench:import — 1,000,000-person roster CSV (validated, ledgered) against `psql \copy` of the same rows into
 * a bare table, in the same run; a 100,000-row roster xlsx through exceljs's streaming reader; peak memory of each.
 * Targets (issue 2): CSV ≤ 1.5× \copy, xlsx ≤ 10 s, peak memory ≤ 1 GB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { recordColumns } from '../src/domain/records.js';
import { writeRecordsWorkbook } from '../src/io/table-writer.js';
import { benchDatabase } from './bench-database.js';
import { people, region, setupBenchDistrict, writeRosterCsv } from './roster-fixture.js';

const rowsCsv = Number(process.env.BENCH_ROWS ?? 1_000_000);
const rowsXlsx = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const out = join(import.meta.dirname, 'out');
mkdirSync(out, { recursive: true });
function runImport(url: string, file: string, kind: string) {
  const r = spawnSync(
    process.execPath,
    // the same V8 flag as `npm start` and bin/bianzhi.js run bianzhi with
    [
      '--max-semi-space-size=32',
      '--import',
      'tsx',
      join(import.meta.dirname, 'import-run.ts'),
      url,
      region,
      file,
      kind,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    ok: boolean;
    rows: number;
    seconds: number;
    maxRssMB: number;
    problems: unknown[];
  };
}

const db = await benchDatabase('bianzhi_bench_import');
try {
  await setupBenchDistrict(db.pool);
  const csv = join(out, `roster-${rowsCsv}.csv`);
  if (!existsSync(csv)) {
    console.log(`generating ${rowsCsv} rows → ${csv}`);
    await writeRosterCsv(csv, people(rowsCsv));
  }
  console.log(`CSV: ${rowsCsv} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB`);

  // Reference: psql \copy of the same file into a bare table with the same 16 text columns, no checks, no indexes.
  const cols = recordColumns.roster.map((_, i) => `c${i} text`).join(', ');
  await db.pool.query(`DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (${cols})`);
  const t0 = performance.now();
  execFileSync('psql', [
    db.url,
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    `\\copy bench_bare FROM '${csv}' WITH (FORMAT csv, HEADER true)`,
  ]);
  const copySeconds = (performance.now() - t0) / 1000;
  await db.pool.query('DROP TABLE bench_bare');

  const ours = runImport(db.url, csv, 'roster');
  if (!ours.ok) throw new Error(`import failed: ${JSON.stringify(ours.problems)}`);

  // The floor: the server alone loading the rows bianzhi wrote (typed columns, primary keys, the unique ID-number
  // index, the assignment indexes) with psql \copy, no client work at all.
  const dumpP = join(out, 'floor-persons.copy');
  const dumpA = join(out, 'floor-assignments.copy');
  execFileSync('psql', [db.url, '-qc', `\\copy persons TO '${dumpP}'`]);
  execFileSync('psql', [db.url, '-qc', `\\copy assignments TO '${dumpA}'`]);
  await db.pool.query(
    `CREATE TABLE floor_p (LIKE persons INCLUDING ALL); CREATE TABLE floor_a (LIKE assignments INCLUDING ALL)`,
  );
  const t1 = performance.now();
  execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy floor_p FROM '${dumpP}'`]);
  execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy floor_a FROM '${dumpA}'`]);
  const floorSeconds = (performance.now() - t1) / 1000;
  await db.pool.query('DROP TABLE floor_p, floor_a');

  // xlsx: a fresh region's worth of people (the CSV's are in the database now: different ID numbers)
  await db.pool.query(`DELETE FROM assignments; DELETE FROM persons;`);
  const xlsx = join(out, `roster-${rowsXlsx}.xlsx`);
  if (!existsSync(xlsx)) {
    console.log(`generating ${rowsXlsx} rows → ${xlsx}`);
    await writeRecordsWorkbook(xlsx, 'roster', {
      roster: people(rowsXlsx),
    });
  }
  const ox = runImport(db.url, xlsx, 'roster');
  if (!ox.ok) throw new Error(`xlsx import failed: ${JSON.stringify(ox.problems)}`);

  const ratio = ours.seconds / copySeconds;
  console.log('');
  console.log(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; database: ${db.where}`);
  console.log(`psql \\copy ${rowsCsv} rows into a bare table : ${copySeconds.toFixed(2)} s`);
  console.log(
    `bianzhi import ${rowsCsv}-row roster CSV       : ${ours.seconds.toFixed(2)} s, peak RSS ${ours.maxRssMB.toFixed(0)} MB`,
  );
  console.log(
    `ratio bianzhi / \\copy                         : ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'PASS' : 'MISS'}`,
  );
  console.log(
    `floor: \\copy of the written rows into persons + assignments (indexed): ${floorSeconds.toFixed(2)} s = ${(floorSeconds / copySeconds).toFixed(2)}× \\copy`,
  );
  console.log(
    `bianzhi import ${rowsXlsx}-row roster xlsx       : ${ox.seconds.toFixed(2)} s (target ≤ 10 s) ${ox.seconds <= 10 ? 'PASS' : 'MISS'}, peak RSS ${ox.maxRssMB.toFixed(0)} MB`,
  );
  const peak = Math.max(ours.maxRssMB, ox.maxRssMB);
  console.log(
    `peak memory                                   : ${peak.toFixed(0)} MB (target ≤ 1024 MB) ${peak <= 1024 ? 'PASS' : 'MISS'}`,
  );
} finally {
  await db.close();
}
