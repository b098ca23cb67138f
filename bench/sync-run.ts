// One roster sync in its own process, so that its peak memory (maxRSS) is its own. Prints one JSON line.
import { syncRosterFile } from '../src/commands/roster-sync.js';
import { connect } from '../src/store/database.js';

const [url, regionCode, file, asOf, mode] = process.argv.slice(2) as [string, string, string, string, string];
const db = connect(url);
const t0 = performance.now();
const r = await syncRosterFile(
  { pool: db.pool, regionCode, actor: 'bench', today: new Date().toISOString().slice(0, 10) },
  file,
  { asOf, dryRun: mode === 'dry-run', maxChanges: 10 },
);
const seconds = (performance.now() - t0) / 1000;
await db.close();
console.log(
  JSON.stringify({
    ok: r.ok,
    rows: r.rows,
    counts: r.counts,
    summary: r.summary,
    problems: r.problems.slice(0, 3),
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
