/**
 * npm run bench:diagnose — full diagnosis of the demo district (target ≤ 2 s): the pure functions on an in-memory
 * snapshot, and the whole path from PostgreSQL (snapshot read + diagnose) on a fresh database.
 */
import { cpus } from 'node:os';
import { diagnose } from '../src/analysis/diagnose.js';
import { diagnosticCodes } from '../src/analysis/diagnostics/registry.js';
import { computeStatistics } from '../src/analysis/statistics.js';
import { buildDemoDistrict } from '../src/commands/demo.js';
import { diagnoseDistrict } from '../src/commands/diagnose.js';
import { generateDemoDistrict } from '../src/demo/demo-district.js';
import { demoSnapshot } from '../test/demo-snapshot.js';
import { benchDatabase } from './bench-database.js';

const snapshot = demoSnapshot();
diagnose(snapshot); // warm-up: jieba dictionary, JIT
const runs = 5;
let t = performance.now();
let n = 0;
for (let i = 0; i < runs; i++) n = diagnose(snapshot).length;
const pure = (performance.now() - t) / runs / 1000;
t = performance.now();
for (let i = 0; i < runs; i++) computeStatistics(snapshot);
const stats = (performance.now() - t) / runs / 1000;

const db = await benchDatabase('bianzhi_bench_diagnose');
try {
  const demo = generateDemoDistrict();
  const ctx = {
    pool: db.pool,
    regionCode: demo.regionCode,
    actor: 'bench',
    today: new Date().toISOString().slice(0, 10),
  };
  await buildDemoDistrict(ctx, demo);
  await diagnoseDistrict(ctx);
  t = performance.now();
  for (let i = 0; i < runs; i++) await diagnoseDistrict(ctx);
  const full = (performance.now() - t) / runs / 1000;
  console.log(`machine: ${cpus().length} cores; database: ${db.where}`);
  console.log(
    `demo district: ${snapshot.registry.institutions.size} institutions, ${snapshot.people.length} people, ${snapshot.duties.length} duties`,
  );
  console.log(`statistics (part 一), pure                : ${(stats * 1000).toFixed(0)} ms`);
  console.log(
    `diagnose, all ${diagnosticCodes.length} codes, pure              : ${(pure * 1000).toFixed(0)} ms (${n} findings)`,
  );
  console.log(
    `diagnose from PostgreSQL (snapshot + run) : ${(full * 1000).toFixed(0)} ms (target ≤ 2000 ms) ${full <= 2 ? 'PASS' : 'MISS'}`,
  );
} finally {
  await db.close();
}
