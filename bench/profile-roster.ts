// CPU profile of one roster import (node --cpu-prof --import tsx bench/profile-roster.ts <csv>): where the client spends it.
import { importFile } from '../src/commands/import-file.js';
import { benchDatabase } from './bench-database.js';
import { setupBenchDistrict, region } from './roster-fixture.js';

const db = await benchDatabase('bianzhi_bench_profile');
await setupBenchDistrict(db.pool);
const t = performance.now();
const r = await importFile(
  { pool: db.pool, regionCode: region, actor: 'p', today: '2026-11-27' },
  process.argv[2]!,
  'roster',
);
console.log(`ok=${r.ok} rows=${r.rows} ${((performance.now() - t) / 1000).toFixed(2)} s`);
await db.close();
