/** Workload (per institution per year) and region indicators (district or one street/township per year). */
import type { IndicatorRecord, WorkloadRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import { upsertRegionIndicators, upsertWorkload } from '../store/indicators.repository.js';
import { regionIndicatorsForExport, workloadForExport } from '../store/export.repository.js';
import type { Tx } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import { validateRecords } from '../io/validate-rows.js';
import { collectRows, runRowImport } from './import-run.js';
import {
  exportCell as s,
  type FileImporter,
  type ImportOptions,
  type ImportResult,
  type KindExporter,
  type RecordStream,
} from './import-types.js';

type Input<T> = RecordStream<T>;

export function importWorkload(
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

export function importRegionIndicators(
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

/** Workload and indicators: one value per scope, year and indicator; the file's rows replace the stored ones. */
function importKeyed<T extends { year: number; indicator: string }>(
  ctx: CommandContext,
  records: Input<T>,
  opts: ImportOptions,
  spec: {
    kind: 'workload' | 'indicators';
    scopeColumn: string;
    scopeOf: (r: T) => string | undefined;
    required: boolean;
    key: (r: T, id: string | null) => string;
    write: (tx: Tx, rows: { r: T; id: string | null }[]) => Promise<number>;
  },
): Promise<ImportResult> {
  const seen = new Map<string, number>();
  return runRowImport(ctx, records, opts, {
    kind: spec.kind,
    emptyFile: '文件中没有数据',
    open: collectRows({
      accept: (item, problems, { byName }) => {
        const scope = spec.scopeOf(item.record);
        let id: string | null = null;
        if (scope) {
          id = byName.get(scope)?.id ?? null;
          if (!id) {
            problems.at(item, spec.scopeColumn, `机构"${scope}"不存在或已撤销`);
            return undefined;
          }
        } else if (spec.required) {
          problems.at(item, spec.scopeColumn, '不能为空');
          return undefined;
        }
        const key = spec.key(item.record, id);
        const first = seen.get(key);
        if (first !== undefined) {
          problems.at(item, undefined, `与第${first}行的同一年度同一指标重复`);
          return undefined;
        }
        seen.set(key, item.row);
        return { r: item.record, id };
      },
      summary: (accepted, clean) => ({ [spec.kind]: clean ? accepted.length : 0 }),
      write: async (tx, accepted) => {
        await spec.write(tx, accepted);
        return {};
      },
    }),
  });
}

export const workloadImporter: FileImporter = (ctx, rows, opts) =>
  importWorkload(ctx, validateRecords('workload', rows, { today: ctx.today }), opts);

export const indicatorsImporter: FileImporter = (ctx, rows, opts) =>
  importRegionIndicators(ctx, validateRecords('indicators', rows, { today: ctx.today }), opts);

export const workloadExporter: KindExporter = async ({ ctx, name }) => {
  const workload = await workloadForExport(ctx.pool, ctx.regionCode);
  return {
    workload: workload.map((w) => ({
      institution: name(w.institution_id),
      year: String(w.year),
      indicator: w.indicator,
      value: String(w.value),
      unit: s(w.unit),
    })),
  };
};

export const indicatorsExporter: KindExporter = async ({ ctx, name }) => {
  const indicators = await regionIndicatorsForExport(ctx.pool, ctx.regionCode);
  return {
    indicators: indicators.map((x) => ({
      scope: name(x.scope_institution_id),
      year: String(x.year),
      indicator: x.indicator,
      value: s(x.value),
      text: s(x.text_value),
    })),
  };
};
