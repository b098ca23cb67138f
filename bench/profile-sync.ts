// Profiling aid: leaves a 100,000-person bench roster in the database bianzhi_prof_sync (then run bench/sync-run.ts
// under `node --cpu-prof` against it with bench/out/sync-next-100000.csv).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDatabase } from './bench-database.js';
import { region, setupBenchDistrict } from './roster-fixture.js';

const db = await benchDatabase('bianzhi_prof_sync');
await setupBenchDistrict(db.pool);
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    join(import.meta.dirname, 'import-run.ts'),
    db.url,
    region,
    join(import.meta.dirname, 'out', 'sync-base-100000.csv'),
    'roster',
  ],
  { encoding: 'utf8' },
);
console.log(r.stdout, r.stderr, db.url);
await db.pool.end();
