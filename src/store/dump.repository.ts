/**
 * Logical backup: every table as COPY text sections in one gzip stream. Our own format rather than pg_dump, whose
 * version must match the server's (the embedded server is newer than Debian's client).
 */
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import { to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import { auditHeads, clearAuditForRestore, type AuditHead } from './audit.repository.js';
import { CopyWriter } from './copy.js';
import { inTransaction } from './transaction.js';

/**
 * In dependency-free order; restore empties all of them first (audit_events through its sanctioned path). audit_heads,
 * the chain's anchor, is never dumped nor emptied: a restore leaves a mark in it instead.
 */
export const dumpTables = [
  'regions',
  'adjustments',
  'adjustment_items',
  'institutions',
  'quotas',
  'leadership_posts',
  'persons',
  'assignments',
  'movements',
  'staffing_requests',
  'duties',
  'workload_indicators',
  'region_indicators',
  'imports',
  'audit_events',
  'users',
  'sessions',
] as const;

const magic = '--bianzhi-dump v1';

export async function schemaVersion(q: pg.Pool | pg.PoolClient): Promise<string> {
  const r = await q.query(`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`);
  return r.rows[0]?.hash ?? 'none';
}

export async function dumpDatabase(
  pool: pg.Pool,
  out: Writable,
): Promise<{ counts: Record<string, number>; heads: AuditHead[] }> {
  const counts: Record<string, number> = {};
  return inTransaction(pool, async (tx) => {
    // one consistent snapshot of every table
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const write = async (s: string | Buffer) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await write(`${magic} ${await schemaVersion(tx)}\n`);
    for (const table of dumpTables) {
      const cols = await tx.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      const columns = cols.rows.map((c) => `"${c.column_name}"`);
      await write(`--table ${table} ${JSON.stringify(columns)}\n`);
      const stream = tx.query(copyTo(`COPY ${table} (${columns.join(', ')}) TO STDOUT`));
      let rows = 0;
      for await (const chunk of stream) {
        for (const b of chunk as Buffer) if (b === 10) rows++;
        await write(chunk as Buffer); // raw bytes: decoding per chunk could split a Chinese character
      }
      counts[table] = rows;
      await write('\\.\n');
    }
    return { counts, heads: await auditHeads(tx) };
  });
}

export class DumpFormatError extends Error {}

/** Lines of a stream; unlike readline, a stream error rejects the iteration instead of hanging it. */
async function* readLines(input: Readable): AsyncGenerator<string> {
  let carry = '';
  const decoder = new StringDecoder('utf8'); // keeps a character split across chunks whole
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const parts = text.split('\n');
    carry = parts.pop()!;
    yield* parts;
  }
  if (carry) yield carry;
}

/** Replaces the whole database with the dump, in one transaction. */
export async function restoreDatabase(pool: pg.Pool, input: Readable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  return inTransaction(pool, async (tx) => {
    const lines = readLines(input);
    const first = await lines.next();
    if (first.done || !first.value.startsWith(magic)) throw new DumpFormatError('不是 bianzhi 备份文件');
    const version = first.value.slice(magic.length + 1);
    if (version !== (await schemaVersion(tx))) {
      throw new DumpFormatError('备份文件的数据库结构版本与当前程序不一致,请使用相同版本的 bianzhi 恢复');
    }
    await tx.query(`TRUNCATE ${dumpTables.filter((t) => t !== 'audit_events').join(', ')}`);
    await clearAuditForRestore(tx);
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const m = /^--table (\w+) (\[.*\])$/.exec(next.value);
      if (!m || !(dumpTables as readonly string[]).includes(m[1]!))
        throw new DumpFormatError(`备份文件格式错误:${next.value.slice(0, 80)}`);
      const table = m[1]!;
      const columns = JSON.parse(m[2]!) as string[];
      const w = new CopyWriter(tx, table, columns);
      for (;;) {
        const line = await lines.next();
        if (line.done) throw new DumpFormatError(`备份文件不完整(表 ${table} 未结束)`);
        if (line.value === '\\.') break;
        await w.writeLine(`${line.value}\n`);
      }
      await w.end();
      counts[table] = w.rows;
    }
    // the bigserial sequences continue after the restored ids
    for (const t of ['movements', 'duties', 'region_indicators', 'imports']) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), GREATEST((SELECT max(id) FROM ${t}), 1))`);
    }
    return counts;
  });
}
