/**
 * The audit chain's head kept outside the database: a checkpoint file (one JSON line per district and day, mode 0600)
 * that `audit verify` checks the chain against, beside the anchor inside the database (audit_heads, migration 0003).
 * Whoever can rewrite the database as a superuser must also rewrite this file, and every backup's printed heads.
 */
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { auditHeads, verifyAuditChain, type AuditHead } from '../store/audit.repository.js';
import { requirePermission } from './access.js';
import type { CommandContext } from './context.js';

/** One district's head on one day, in one database (by name: the file may be shared by several databases). */
export type AuditCheckpoint = AuditHead & { at: string; database: string };

const databaseName = async (ctx: Pick<CommandContext, 'pool'>) =>
  (await ctx.pool.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;

export const auditCheckpointFile = (dataDir: string) => join(dataDir, 'audit-checkpoints.jsonl');

export async function readAuditCheckpoints(file: string): Promise<AuditCheckpoint[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as AuditCheckpoint);
}

/** Appends today's head of every district to the checkpoint file, once a day (a second call the same day adds none). */
export async function recordAuditCheckpoint(ctx: Pick<CommandContext, 'pool'>, file: string, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  const database = await databaseName(ctx);
  const existing = (await readAuditCheckpoints(file)).filter((c) => c.database === database);
  const fresh = (await auditHeads(ctx.pool)).filter(
    (h) => !existing.some((c) => c.regionCode === h.regionCode && c.at.slice(0, 10) === day && c.seq === h.seq),
  );
  const added: AuditCheckpoint[] = fresh.map((h) => ({ ...h, at: now.toISOString(), database }));
  if (added.length) {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, added.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return added;
}

/** The chain checked link by link, against its anchor in the database and against the checkpoint file. */
export async function verifyAudit(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'access'>,
  checkpointFile?: string,
) {
  requirePermission(ctx, 'readAudit');
  const database = await databaseName(ctx);
  const checkpoints = (checkpointFile ? await readAuditCheckpoints(checkpointFile) : []).filter(
    (c) => c.database === database,
  );
  return verifyAuditChain(ctx.pool, ctx.regionCode, checkpoints);
}
