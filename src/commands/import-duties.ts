/**
 * Duty import (三定 and 权责清单). The file is the current list of the institutions it names: their duties of the
 * sources present in the file are replaced, in one transaction.
 *
 * A list's 公布日期 is its import's (imports.published_on; DutyFact.listedOn reads it): the date given with the file, or
 * per row in a 公布日期 column (as an export writes it), which wins for its row. Rows dated otherwise than the file are
 * recorded under one more import per distinct date (same file, same transaction, the audit event names them), so the
 * import that holds a duty always carries its date.
 */
import type { DutyRecord } from '../domain/records.js';
import { dutyRoleLabels, dutySourceLabels } from '../domain/vocabulary.js';
import { dutiesForExport } from '../store/export.repository.js';
import { recordColumns } from '../domain/records.js';
import { CopyWriter, copyLine } from '../store/copy.js';
import { deleteDutiesOf } from '../store/duties.repository.js';
import { insertImport } from '../store/imports.repository.js';
import type { CommandContext } from './context.js';
import { validationFailed } from '../domain/errors.js';
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

const col = (key: string) => recordColumns.duties.find((c) => c.key === key)!.header;
const dutyColumns = [
  'region_code',
  'institution_id',
  'source',
  'category',
  'title',
  'text',
  'legal_basis',
  'domains',
  'role',
  'item_code',
  'import_id',
];

export async function importDuties(
  ctx: CommandContext,
  records: RecordStream<DutyRecord>,
  opts: ImportOptions,
): Promise<ImportResult> {
  if (opts.publishedOn && opts.publishedOn > ctx.today)
    throw validationFailed(`清单的印发/公布日期${opts.publishedOn}晚于今天(${ctx.today}),请核对`);
  // a row's own 公布日期 when it differs from the file's (its rows go under an import of that date)
  const ownDate = (r: DutyRecord) => (r.publishedOn && r.publishedOn !== opts.publishedOn ? r.publishedOn : undefined);
  const datedImports: Record<string, number> = {};
  return runRowImport(ctx, records, opts, {
    kind: 'duties',
    emptyFile: '文件中没有职能事项',
    audit: { action: 'import.duties', after: () => (Object.keys(datedImports).length ? { datedImports } : {}) },
    open: collectRows({
      accept: (item, problems, { byName }) => {
        // records handed to the command directly are held to the file's rule (validateRecords refuses it already)
        const future = !!item.record.publishedOn && item.record.publishedOn > ctx.today;
        if (future) problems.at(item, col('publishedOn'), `日期 ${item.record.publishedOn} 晚于今天(${ctx.today})`);
        // a row whose cells failed (already reported) is still checked for its institution: one pass, every problem
        const institutionValid = !item.invalid?.includes('institution');
        const id = institutionValid ? byName.get(item.record.institution)?.id : undefined;
        if (institutionValid && !id)
          problems.at(item, col('institution'), `机构"${item.record.institution}"不存在或已撤销`);
        if (!id || item.invalid || future) return undefined;
        return { institutionId: id, r: item.record };
      },
      summary: (accepted, clean) => ({
        duties: clean ? accepted.length : 0,
        dutyInstitutions: new Set(accepted.map((a) => a.institutionId)).size,
      }),
      write: async (tx, accepted, importId) => {
        const scopes = new Set(accepted.map((a) => `${a.institutionId}|${a.r.source}`));
        const replaced = await deleteDutiesOf(
          tx,
          ctx.regionCode,
          [...scopes].map((s) => {
            const [institutionId, source] = s.split('|') as [string, string];
            return { institutionId, source };
          }),
        );
        const perDate = new Map<string, number>();
        for (const { r } of accepted) {
          const d = ownDate(r);
          if (d) perDate.set(d, (perDate.get(d) ?? 0) + 1);
        }
        for (const [publishedOn, rowCount] of [...perDate].sort(([a], [b]) => a.localeCompare(b))) {
          datedImports[publishedOn] = await insertImport(tx, ctx.regionCode, {
            kind: 'duties',
            fileName: opts.fileName,
            fileSha256: opts.fileSha256,
            rowCount,
            actor: ctx.actor,
            publishedOn,
          });
        }
        const w = new CopyWriter(tx, 'duties', dutyColumns);
        for (const { institutionId, r } of accepted) {
          const d = ownDate(r);
          await w.writeLine(
            copyLine([
              ctx.regionCode,
              institutionId,
              r.source,
              r.category,
              r.title,
              r.text,
              r.legalBasis,
              r.domains,
              r.role,
              r.itemCode,
              d ? datedImports[d] : importId,
            ]),
          );
        }
        await w.end();
        return { replaced };
      },
    }),
  });
}

/** A duties file: rows checked cell by cell, the rows with bad cells still checked for their institution. */
// the file's 生效日期 is the list's: the 三定 or 权责清单 as published on that day (POWER_LIST_OUTDATED reads it)
export const dutiesImporter: FileImporter = async (ctx, rows, opts) =>
  importDuties(ctx, validateRecords('duties', rows, { today: ctx.today }, { partial: true }), {
    ...opts,
    publishedOn: opts.publishedOn ?? opts.effectiveOn,
  });

/** Every duty as a duties file (both sources). */
export const dutiesExporter: KindExporter = async ({ ctx, name }) => {
  async function* duties() {
    for await (const d of dutiesForExport(ctx.pool, ctx.regionCode)) {
      yield {
        institution: name(d.institution_id),
        source: dutySourceLabels[d.source as keyof typeof dutySourceLabels],
        category: s(d.category),
        title: d.title,
        text: s(d.text),
        legalBasis: s(d.legal_basis),
        domains: d.domains.join('、'),
        role: dutyRoleLabels[d.role as keyof typeof dutyRoleLabels],
        itemCode: s(d.item_code),
        publishedOn: s(d.listed_on),
      };
    }
  }
  return { duties: duties() };
};
