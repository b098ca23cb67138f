/**
 * The flow every row import shares, written once: in one transaction under the region's lock, read the registry the
 * checks need, check every row of the file (one pass, every problem reported), write nothing unless the whole file is
 * clean and this is no dry run, then record the import, audit it and answer the summary. A kind gives only its checks,
 * its counts and its write.
 */
import { institutionNameIndex } from '../domain/ledger.js';
import type { ImportKind } from '../domain/records.js';
import { appendAudit } from '../store/audit.repository.js';
import { insertImport } from '../store/imports.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion, type Tx } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import {
  isProblem,
  ProblemList,
  type ImportOptions,
  type ImportResult,
  type Located,
  type RecordStream,
} from './import-types.js';

export type InstitutionNames = ReturnType<typeof institutionNameIndex>;

export interface RowImport<T, A> {
  kind: ImportKind;
  /** The reason given for a file without a single data row. */
  emptyFile: string;
  /** One row's checks against the registry: what to write, or undefined (its problems added to `problems`). */
  accept(item: Located<T>, problems: ProblemList, names: InstitutionNames): A | undefined;
  /** The counts the answer shows (`clean`: no problem anywhere in the file). */
  summary(accepted: A[], clean: boolean): Record<string, number>;
  /** Writes the accepted rows; the counts it returns join the audit event and the summary. */
  write(tx: Tx, accepted: A[], importId: number): Promise<Record<string, number>>;
}

export async function runRowImport<T, A>(
  ctx: CommandContext,
  records: RecordStream<T>,
  opts: ImportOptions,
  spec: RowImport<T, A>,
): Promise<ImportResult> {
  const problems = new ProblemList(opts.maxProblems);
  let rows = 0;
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const names = institutionNameIndex(await readRegistry(tx, ctx.regionCode));
    const accepted: A[] = [];
    for await (const item of records) {
      if (isProblem(item)) {
        problems.add(item);
        continue;
      }
      rows++;
      const a = spec.accept(item, problems, names);
      if (a !== undefined) accepted.push(a);
    }
    if (rows === 0 && problems.count === 0) problems.file(opts.fileName, spec.emptyFile);
    const result = problems.result(opts, rows, spec.summary(accepted, problems.count === 0));
    if (problems.count > 0 || opts.dryRun) throw new RollbackWith(result);
    const importId = await insertImport(tx, ctx.regionCode, {
      kind: spec.kind,
      fileName: opts.fileName,
      fileSha256: opts.fileSha256,
      rowCount: rows,
      actor: ctx.actor,
    });
    const written = await spec.write(tx, accepted, importId);
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: `import.${spec.kind}`,
      entity: 'import',
      entityId: String(importId),
      after: { fileName: opts.fileName, sha256: opts.fileSha256, rows, ...written },
    });
    return { ...result, importId, summary: { ...result.summary, ...written } };
  }).catch(rolledBack);
}

/** Carries a result out of a transaction that must roll back (dry runs and files with problems). */
export class RollbackWith extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}

/** The result a rolled-back import carries out; any other failure goes on. */
export function rolledBack(e: unknown): ImportResult {
  if (e instanceof RollbackWith) return e.result;
  throw e;
}
