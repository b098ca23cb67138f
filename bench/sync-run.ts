// One roster sync in its own process, so that its peak memory (maxRSS) is its own. Prints one JSON line.
import { syncRosterFile } from '../src/commands/roster-sync.js';
import { runInProcess } from './run-in-process.js';

const [url, regionCode, file, asOf, mode] = process.argv.slice(2) as [string, string, string, string, string];
await runInProcess(
  url,
  regionCode,
  (ctx) => syncRosterFile(ctx, file, { asOf, dryRun: mode === 'dry-run', maxChanges: 10 }),
  (r) => ({ counts: r.counts, summary: r.summary }),
);
