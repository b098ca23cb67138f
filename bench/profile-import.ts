// Where does the roster import's time go? reader only / + validation / + command (dry run).
import { readTableFile } from '../src/io/table-reader.js';
import { validateRecords } from '../src/io/validate-rows.js';
const file = process.argv[2]!;
let t = performance.now();
let n = 0;
for await (const _ of readTableFile(file, { kind: 'roster' })) n++;
console.log(`reader: ${n} items ${((performance.now() - t) / 1000).toFixed(2)} s`);
t = performance.now();
n = 0;
for await (const _ of validateRecords('roster', readTableFile(file, { kind: 'roster' }), { today: '2026-11-27' })) n++;
console.log(`reader+validate: ${n} items ${((performance.now() - t) / 1000).toFixed(2)} s`);
import { importRoster } from '../src/commands/import-roster.js';
const url = process.argv[3];
import { benchDatabase } from './bench-database.js';
import { setupBenchDistrict } from './roster-fixture.js';
if (url) {
  const db = await benchDatabase('bianzhi_bench_profile');
  await setupBenchDistrict(db.pool);
  const ctx = { pool: db.pool, regionCode: '370102', actor: 'p', today: '2026-11-27' };
  for (const dryRun of [true, false]) {
    await db.pool.query('DELETE FROM assignments; DELETE FROM persons');
    t = performance.now();
    const r = await importRoster(
      ctx,
      validateRecords('roster', readTableFile(file, { kind: 'roster' }), { today: '2026-11-27' }),
      { fileName: 'f', fileSha256: '', dryRun },
    );
    console.log(`importRoster dryRun=${dryRun}: ok=${r.ok} ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
  if (!process.env.KEEP) await db.close();
  else await db.pool.end();
}
