import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { PassThrough, pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { appendAudit } from '../store/audit.repository.js';
import { DumpFormatError, dumpDatabase, restoreDatabase } from '../store/dump.repository.js';
import { validationFailed } from '../domain/errors.js';
import { listRegions } from '../store/regions.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';

/**
 * Writes the dump readable by its owner only (it holds every ID number and password hash): 0600, also when the file
 * existed before with a wider mode. Returns the row counts and the audit chain's head of every district, which the
 * CLI prints so that each backup records the head outside the database.
 */
export async function backupDatabase(ctx: Pick<CommandContext, 'pool'>, file: string) {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  await once(out, 'open');
  await chmod(file, 0o600);
  gzip.pipe(out);
  const dumped = await dumpDatabase(ctx.pool, gzip);
  gzip.end();
  await finished(out);
  return dumped;
}

export async function restoreBackup(ctx: Pick<CommandContext, 'pool' | 'actor'>, file: string) {
  let counts: Record<string, number>;
  try {
    // errors of the file or of gunzip must reach the reader, or it would wait forever
    const input = new PassThrough();
    pipeline(createReadStream(file), createGunzip(), input, (err) => err && input.destroy(err));
    counts = await restoreDatabase(ctx.pool, input);
  } catch (e) {
    if (e instanceof DumpFormatError) throw validationFailed(e.message);
    if ((e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw validationFailed(`无法读取备份文件 ${file}:${(e as Error).message}`);
    }
    throw e;
  }
  await inTransaction(ctx.pool, async (tx) => {
    for (const r of await listRegions(tx)) {
      await lockRegion(tx, r.regionCode);
      await appendAudit(tx, r.regionCode, {
        actor: ctx.actor,
        action: 'database.restore',
        entity: 'database',
        after: { file, counts },
      });
    }
  });
  return counts;
}
