// One import in its own process, so that its peak memory (maxRSS) is its own. Prints one JSON line.
import { importFile } from '../src/commands/import-file.js';
import { connect } from '../src/store/database.js';
import type { ImportKind } from '../src/domain/records.js';

const [url, regionCode, file, kind] = process.argv.slice(2) as [string, string, string, ImportKind];
const db = connect(url);
const t0 = performance.now();
const r = await importFile(
  { pool: db.pool, regionCode, actor: 'bench', today: new Date().toISOString().slice(0, 10) },
  file,
  kind,
);
const seconds = (performance.now() - t0) / 1000;
await db.close();
console.log(
  JSON.stringify({
    ok: r.ok,
    rows: r.rows,
    problems: r.problems.slice(0, 3),
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
