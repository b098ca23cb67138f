/**
 * Duty import (三定 and 权责清单). The file is the current list of the institutions it names: their duties of the
 * sources present in the file are replaced, in one transaction.
 */
import { institutionNameIndex } from '../domain/ledger.js';
import type { DutyRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import { appendAudit } from '../store/audit.repository.js';
import { CopyWriter, copyLine } from '../store/copy.js';
import { deleteDutiesOf } from '../store/duties.repository.js';
import { insertImport } from '../store/imports.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import { ProblemList, type ImportOptions, type ImportResult, isProblem, type RecordStream } from './import-types.js';
import { RollbackWith } from './import-roster.js';

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
  const problems = new ProblemList(opts.maxProblems);
  let rows = 0;
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const registry = await readRegistry(tx, ctx.regionCode);
    const { byName } = institutionNameIndex(registry);
    const accepted: { institutionId: string; r: DutyRecord }[] = [];
    for await (const item of records) {
      if (isProblem(item)) {
        problems.add(item);
        continue;
      }
      rows++;
      // a row whose cells failed (already reported) is still checked for its institution: one pass, every problem
      const institutionValid = !item.invalid?.includes('institution');
      const id = institutionValid ? byName.get(item.record.institution)?.id : undefined;
      if (institutionValid && !id)
        problems.at(item, col('institution'), `机构"${item.record.institution}"不存在或已撤销`);
      if (!id || item.invalid) continue;
      accepted.push({ institutionId: id, r: item.record });
    }
    if (rows === 0 && problems.count === 0) problems.file(opts.fileName, '文件中没有职能事项');
    const scopes = new Set(accepted.map((a) => `${a.institutionId}|${a.r.source}`));
    const result = problems.result(opts, rows, {
      duties: problems.count ? 0 : accepted.length,
      dutyInstitutions: new Set(accepted.map((a) => a.institutionId)).size,
    });
    if (problems.count > 0 || opts.dryRun) throw new RollbackWith(result);
    const replaced = await deleteDutiesOf(
      tx,
      ctx.regionCode,
      [...scopes].map((s) => {
        const [institutionId, source] = s.split('|') as [string, string];
        return { institutionId, source };
      }),
    );
    const importId = await insertImport(tx, ctx.regionCode, {
      kind: 'duties',
      fileName: opts.fileName,
      fileSha256: opts.fileSha256,
      rowCount: rows,
      actor: ctx.actor,
    });
    const w = new CopyWriter(tx, 'duties', dutyColumns);
    for (const { institutionId, r } of accepted) {
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
          importId,
        ]),
      );
    }
    await w.end();
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: 'import.duties',
      entity: 'import',
      entityId: String(importId),
      after: { fileName: opts.fileName, sha256: opts.fileSha256, rows, replaced },
    });
    return { ...result, importId, summary: { ...result.summary, replaced } };
  }).catch((e) => {
    if (e instanceof RollbackWith) return e.result;
    throw e;
  });
}
