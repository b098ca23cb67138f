/** Workload (per institution per year) and region indicators (district or one street/township per year). */
import { institutionNameIndex } from '../domain/ledger.js';
import type { IndicatorRecord, WorkloadRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import { appendAudit } from '../store/audit.repository.js';
import { insertImport } from '../store/imports.repository.js';
import { upsertRegionIndicators, upsertWorkload } from '../store/indicators.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import { ProblemList, type ImportOptions, type ImportResult, isProblem, type RecordStream } from './import-types.js';
import { RollbackWith } from './import-roster.js';

type Input<T> = RecordStream<T>;

export async function importWorkload(
  ctx: CommandContext,
  records: Input<WorkloadRecord>,
  opts: ImportOptions,
): Promise<ImportResult> {
  return importKeyed(ctx, records, opts, {
    kind: 'workload',
    scopeColumn: recordColumns.workload.find((c) => c.key === 'institution')!.header,
    scopeOf: (r) => r.institution,
    required: true,
    key: (r, id) => `${id}|${r.year}|${r.indicator}`,
    write: (tx, rows) =>
      upsertWorkload(
        tx,
        ctx.regionCode,
        rows.map(({ r, id }) => ({
          institutionId: id!,
          year: r.year,
          indicator: r.indicator,
          value: r.value,
          unit: r.unit ?? null,
        })),
      ),
  });
}

export async function importRegionIndicators(
  ctx: CommandContext,
  records: Input<IndicatorRecord>,
  opts: ImportOptions,
): Promise<ImportResult> {
  return importKeyed(ctx, records, opts, {
    kind: 'indicators',
    scopeColumn: recordColumns.indicators.find((c) => c.key === 'scope')!.header,
    scopeOf: (r) => r.scope,
    required: false,
    key: (r, id) => `${id ?? ''}|${r.year}|${r.indicator}`,
    write: (tx, rows) =>
      upsertRegionIndicators(
        tx,
        ctx.regionCode,
        rows.map(({ r, id }) => ({
          scopeInstitutionId: id,
          year: r.year,
          indicator: r.indicator,
          value: r.value ?? null,
          textValue: r.text ?? null,
        })),
      ),
  });
}

async function importKeyed<T extends { year: number; indicator: string }>(
  ctx: CommandContext,
  records: Input<T>,
  opts: ImportOptions,
  spec: {
    kind: string;
    scopeColumn: string;
    scopeOf: (r: T) => string | undefined;
    required: boolean;
    key: (r: T, id: string | null) => string;
    write: (
      tx: Parameters<Parameters<typeof inTransaction>[1]>[0],
      rows: { r: T; id: string | null }[],
    ) => Promise<number>;
  },
): Promise<ImportResult> {
  const problems = new ProblemList(opts.maxProblems);
  let rows = 0;
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const registry = await readRegistry(tx, ctx.regionCode);
    const { byName } = institutionNameIndex(registry);
    const seen = new Map<string, number>();
    const accepted: { r: T; id: string | null }[] = [];
    for await (const item of records) {
      if (isProblem(item)) {
        problems.add(item);
        continue;
      }
      rows++;
      const scope = spec.scopeOf(item.record);
      let id: string | null = null;
      if (scope) {
        id = byName.get(scope)?.id ?? null;
        if (!id) {
          problems.at(item, spec.scopeColumn, `机构"${scope}"不存在或已撤销`);
          continue;
        }
      } else if (spec.required) {
        problems.at(item, spec.scopeColumn, '不能为空');
        continue;
      }
      const key = spec.key(item.record, id);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.at(item, undefined, `与第${first}行的同一年度同一指标重复`);
        continue;
      }
      seen.set(key, item.row);
      accepted.push({ r: item.record, id });
    }
    if (rows === 0 && problems.count === 0) problems.file(opts.fileName, '文件中没有数据');
    const result = problems.result(opts, rows, { [spec.kind]: problems.count ? 0 : accepted.length });
    if (problems.count > 0 || opts.dryRun) throw new RollbackWith(result);
    await spec.write(tx, accepted);
    const importId = await insertImport(tx, ctx.regionCode, {
      kind: spec.kind,
      fileName: opts.fileName,
      fileSha256: opts.fileSha256,
      rowCount: rows,
      actor: ctx.actor,
    });
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: `import.${spec.kind}`,
      entity: 'import',
      entityId: String(importId),
      after: { fileName: opts.fileName, sha256: opts.fileSha256, rows },
    });
    return { ...result, importId };
  }).catch((e) => {
    if (e instanceof RollbackWith) return e.result;
    throw e;
  });
}
