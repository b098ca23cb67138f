/**
 * The flow every row import shares, written once: in one transaction under the region's lock, read the registry the
 * checks need, record the import (its id goes into every written row; a rollback takes it away again), pass every row
 * of the file to the kind's sink (one pass, every problem reported), write nothing unless the whole file is clean and
 * this is no dry run, then audit it and answer the summary. A kind gives only its sink: its checks, counts and writes.
 */
import { institutionNameIndex, type RegistryState } from '../domain/ledger.js';
import type { ImportKind } from '../domain/records.js';
import { appendAudit } from '../store/audit.repository.js';
import { insertImport, setImportRowCount } from '../store/imports.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion, type Tx } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import {
  isProblem,
  ProblemList,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  type Located,
  type RecordStream,
} from './import-types.js';

export type InstitutionNames = ReturnType<typeof institutionNameIndex>;

/** Where a kind's rows go, one by one, within the import's transaction. */
export interface RowSink<T> {
  /** Checks one row (its problems go to the import's list) and keeps or streams what is to be written. */
  row(item: Located<T>): void | Promise<void>;
  /** After the last row: the counts the answer shows (`clean`: no problem anywhere in the file) and any warnings. */
  close(clean: boolean): { summary: Record<string, number>; warnings?: ImportProblem[] };
  /** Writes what is left to write; the counts it returns join the audit event and the summary. */
  write(): Promise<Record<string, number>>;
  /** Waits for writes in flight before the transaction rolls back. */
  abort?(): Promise<void>;
  /** The adjustment the import was recorded as (a baseline), once written. */
  adjustmentId?(): string | undefined;
}

export interface RowImport<T> {
  kind: ImportKind;
  /** The reason given for a file without a single data row (none: the sink judges an empty file itself). */
  emptyFile?: string;
  open(
    tx: Tx,
    env: { registry: RegistryState; names: InstitutionNames; problems: ProblemList; importId: number },
  ): Promise<RowSink<T>>;
  /** The audited action (default `import.<kind>`) and what the event records beside the file and the counts. */
  audit?: { action: string; after?: () => Record<string, unknown> };
}

export async function runRowImport<T>(
  ctx: CommandContext,
  records: RecordStream<T>,
  opts: ImportOptions,
  spec: RowImport<T>,
): Promise<ImportResult> {
  const problems = new ProblemList(opts.maxProblems);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const registry = await readRegistry(tx, ctx.regionCode);
    const names = institutionNameIndex(registry);
    const importId = opts.dryRun
      ? 0
      : await insertImport(tx, ctx.regionCode, {
          kind: spec.kind,
          fileName: opts.fileName,
          fileSha256: opts.fileSha256,
          rowCount: 0,
          actor: ctx.actor,
          publishedOn: opts.publishedOn,
        });
    const sink = await spec.open(tx, { registry, names, problems, importId });
    let rows = 0;
    try {
      for await (const item of records) {
        if (isProblem(item)) {
          problems.add(item);
          continue;
        }
        rows++;
        const pending = sink.row(item);
        if (pending) await pending;
      }
    } catch (e) {
      await sink.abort?.();
      throw e;
    }
    if (rows === 0 && problems.count === 0 && spec.emptyFile) problems.file(opts.fileName, spec.emptyFile);
    const { summary, warnings } = sink.close(problems.count === 0);
    const result = problems.result(opts, rows, summary, warnings);
    if (problems.count > 0 || opts.dryRun) {
      await sink.abort?.();
      throw new RollbackWith(result); // throwing rolls the transaction back; the result travels with it
    }
    const written = await sink.write();
    await setImportRowCount(tx, ctx.regionCode, importId, rows);
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: spec.audit?.action ?? `import.${spec.kind}`,
      entity: 'import',
      entityId: String(importId),
      after: { fileName: opts.fileName, sha256: opts.fileSha256, rows, ...written, ...spec.audit?.after?.() },
    });
    const adjustmentId = sink.adjustmentId?.();
    return {
      ...result,
      importId,
      ...(adjustmentId ? { adjustmentId } : {}),
      summary: { ...result.summary, ...written },
    };
  }).catch(rolledBack);
}

/**
 * A sink that keeps the accepted rows and writes them after the last one: for files of thousands of rows (duties,
 * workload, indicators), where a check may depend on the whole file. The roster streams instead.
 */
export function collectRows<T, A>(spec: {
  accept(item: Located<T>, problems: ProblemList, names: InstitutionNames): A | undefined;
  summary(accepted: A[], clean: boolean): Record<string, number>;
  write(tx: Tx, accepted: A[], importId: number): Promise<Record<string, number>>;
}): RowImport<T>['open'] {
  return async (tx, { names, problems, importId }) => {
    const accepted: A[] = [];
    return {
      row: (item) => {
        const a = spec.accept(item, problems, names);
        if (a !== undefined) accepted.push(a);
      },
      close: (clean) => ({ summary: spec.summary(accepted, clean) }),
      write: () => spec.write(tx, accepted, importId),
    };
  };
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
