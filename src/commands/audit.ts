/**
 * The audit chain's head kept outside the database: a checkpoint file (one JSON line per district and day, mode 0600)
 * that `audit verify` checks the chain against, beside the anchor inside the database (audit_heads, migration 0003).
 * Whoever can rewrite the database as a superuser must also rewrite this file, and every backup's printed heads.
 */
import { appendFile, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { auditHeads, verifyAuditChain, type AuditHead } from '../store/audit.repository.js';
import type { CommandContext } from './context.js';

export type AuditCheckpoint = AuditHead & { at: string };

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
  const existing = await readAuditCheckpoints(file);
  const fresh = (await auditHeads(ctx.pool)).filter(
    (h) => !existing.some((c) => c.regionCode === h.regionCode && c.at.slice(0, 10) === day && c.seq === h.seq),
  );
  const added = fresh.map((h) => ({ ...h, at: now.toISOString() }));
  if (added.length) {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, added.map((c) => `${JSON.stringify(c)}\n`).join(''), { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return added;
}

/** The chain checked link by link, against its anchor in the database and against the checkpoint file. */
export async function verifyAudit(ctx: Pick<CommandContext, 'pool' | 'regionCode'>, checkpointFile?: string) {
  const checkpoints = checkpointFile ? await readAuditCheckpoints(checkpointFile) : [];
  return verifyAuditChain(ctx.pool, ctx.regionCode, checkpoints);
}
