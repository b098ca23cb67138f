// One import in its own process, so that its peak memory (maxRSS) is its own. Prints one JSON line.
import { importFile } from '../src/commands/import-file.js';
import type { ImportKind } from '../src/domain/records.js';
import { runInProcess } from './run-in-process.js';

const [url, regionCode, file, kind] = process.argv.slice(2) as [string, string, string, ImportKind];
await runInProcess(url, regionCode, (ctx) => importFile(ctx, file, kind));
