/**
 * 实名制 roster import: every row validated (ID check digit, duplicates in the file and in the database, the
 * institution and its internal unit, dates), persons and assignments streamed through COPY in one transaction; any
 * problem → rollback, nothing written. A person on a category the institution may not use is accepted with a warning:
 * that is the 混用 the diagnostics must show, not a file error.
 */
import { idNumberFacts } from '../domain/codes.js';
import { institutionNameIndex } from '../domain/ledger.js';
import type { RosterRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import { allowedQuotaCategories, institutionKindLabels, quotaCategoryLabels } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { CopyBuffer, copyLine, CopyWriter } from '../store/copy.js';
import { uuidv7 } from '../store/ids.js';
import { insertImport, setImportRowCount } from '../store/imports.repository.js';
import { existingIdNumbers } from '../store/roster.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import {
  ProblemList,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  isProblem,
  type RecordStream,
} from './import-types.js';

const col = (key: string) => recordColumns.roster.find((c) => c.key === key)!.header;

const personColumns = [
  'region_code',
  'id',
  'id_number',
  'name',
  'gender',
  'birth_date',
  'education',
  'degree',
  'title_level',
  'political_status',
  'joined_work_on',
  'import_id',
];
const assignmentColumns = [
  'region_code',
  'id',
  'person_id',
  'institution_id',
  'unit_id',
  'category',
  'post',
  'leadership_level',
  'post_class',
  'start_on',
  'import_id',
];

export async function importRoster(
  ctx: CommandContext,
  records: RecordStream<RosterRecord>,
  opts: ImportOptions,
): Promise<ImportResult> {
  const problems = new ProblemList(opts.maxProblems);
  const warnings: ImportProblem[] = [];
  let rows = 0;
  let mixed = 0;
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const registry = await readRegistry(tx, ctx.regionCode);
    const { byName: institutions, internalByKey: units } = institutionNameIndex(registry);
    const known = await existingIdNumbers(tx, ctx.regionCode);
    const inFile = new Map<string, number>();
    const importId = opts.dryRun
      ? 0
      : await insertImport(tx, ctx.regionCode, {
          kind: 'roster',
          fileName: opts.fileName,
          fileSha256: opts.fileSha256,
          rowCount: 0,
          actor: ctx.actor,
        });
    // started at the first row to write, so a file rejected early never opens a COPY
    let persons: CopyWriter | undefined;
    const assignmentLines = new CopyBuffer();
    const region = ctx.regionCode;

    try {
      for await (const item of records) {
        if (isProblem(item)) {
          problems.add(item);
          continue;
        }
        rows++;
        if (opts.onProgress && rows % 10000 === 0) opts.onProgress(rows);
        const r = item.record;
        const bad = (key: string, reason: string) => problems.at(item, col(key), reason);
        const errorsBefore = problems.count;
        const inst = institutions.get(r.institution);
        if (!inst) bad('institution', `机构"${r.institution}"不存在或已撤销`);
        else if (inst.kind === 'coordination')
          bad('institution', `"${r.institution}"是议事协调机构,不单独核定编制,不能有在编人员`);
        const firstRow = inFile.get(r.idNumber);
        if (firstRow !== undefined) bad('idNumber', `身份证号码与第${firstRow}行重复`);
        else if (known.has(r.idNumber)) bad('idNumber', '该身份证号码已在实名库中');
        else inFile.set(r.idNumber, item.row);
        const facts = idNumberFacts(r.idNumber);
        if (r.birthDate && r.birthDate !== facts.birthDate)
          bad('birthDate', `出生日期 ${r.birthDate} 与身份证号码(${facts.birthDate})不一致`);
        if (r.gender && r.gender !== facts.gender) bad('gender', `性别"${r.gender}"与身份证号码不一致`);
        if (facts.birthDate > ctx.today) bad('idNumber', '身份证号码中的出生日期晚于今天');
        if (r.startOn < facts.birthDate) bad('startOn', `入编时间 ${r.startOn} 早于出生日期`);
        let unitId: string | null = null;
        if (r.unit && inst) {
          unitId = units.get(`${inst.id}/${r.unit}`)?.id ?? null;
          if (!unitId) bad('unit', `"${r.institution}"没有内设机构"${r.unit}"`);
        }
        if (r.postClass && !r.leadershipLevel) bad('postClass', '填写了领导职数类别但没有领导职务层级');
        if (problems.count > errorsBefore || !inst) continue;
        if (!allowedQuotaCategories[inst.kind].includes(r.category)) {
          mixed++;
          if (warnings.length < 200) {
            warnings.push({
              file: item.file,
              sheet: item.sheet,
              row: item.row,
              column: col('category'),
              reason: `${institutionKindLabels[inst.kind]}"${r.institution}"的人员占用${quotaCategoryLabels[r.category]}(混用编制,将在诊断中列出)`,
            });
          }
        }
        if (opts.dryRun || problems.count > 0) continue; // keep validating to report every row, but stop writing
        persons ??= new CopyWriter(tx, 'persons', personColumns);
        const personId = uuidv7();
        await persons.writeLine(
          copyLine([
            region,
            personId,
            r.idNumber,
            r.name,
            r.gender ?? facts.gender,
            r.birthDate ?? facts.birthDate,
            r.education,
            r.degree,
            r.titleLevel,
            r.politicalStatus,
            r.joinedWorkOn,
            importId,
          ]),
        );
        const postClass = r.leadershipLevel
          ? (r.postClass ?? (inst.kind === 'public_institution' ? 'public_service' : 'admin'))
          : null;
        assignmentLines.push(
          copyLine([
            region,
            uuidv7(),
            personId,
            inst.id,
            unitId,
            r.category,
            r.post,
            r.leadershipLevel,
            postClass,
            r.startOn,
            importId,
          ]),
        );
      }
    } catch (e) {
      await persons?.abort(); // a COPY left open would block the ROLLBACK
      throw e;
    }
    if (rows === 0 && problems.count === 0) problems.file(opts.fileName, '文件中没有人员数据');
    const result = problems.result(opts, rows, { persons: problems.count ? 0 : rows, mixedQuota: mixed }, warnings);
    if (problems.count > 0 || opts.dryRun || !persons) {
      await persons?.abort();
      // throwing rolls the transaction back; the result travels with it
      throw new RollbackWith(result);
    }
    await persons.end();
    await assignmentLines.copyInto(tx, 'assignments', assignmentColumns);
    await setImportRowCount(tx, region, importId, rows);
    await appendAudit(tx, region, {
      actor: ctx.actor,
      action: 'import.roster',
      entity: 'import',
      entityId: String(importId),
      after: { fileName: opts.fileName, sha256: opts.fileSha256, rows, mixedQuota: mixed },
    });
    opts.onProgress?.(rows);
    return { ...result, importId };
  }).catch((e) => {
    if (e instanceof RollbackWith) return e.result;
    throw e;
  });
}

/** Carries a result out of a transaction that must roll back (dry runs and files with problems). */
export class RollbackWith extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback');
  }
}
