/**
 * 实名制 roster import: every row validated (ID check digit, duplicates in the file and in the database, the
 * institution and its internal unit, dates), persons and assignments streamed through COPY in one transaction; any
 * problem → rollback, nothing written. A person on a category the institution may not use is accepted with a warning:
 * that is the 混用 the diagnostics must show, not a file error.
 */
import { idNumberFacts, maskIdNumber } from '../domain/codes.js';
import type { RosterRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import type { InstitutionState } from '../domain/ledger.js';
import {
  allowedQuotaCategories,
  institutionKindLabels,
  postClassLabels,
  quotaCategoryLabels,
  type PostClass,
  type QuotaCategory,
} from '../domain/vocabulary.js';
import { CopyBuffer, copyField, plain } from '../store/copy.js';
import { uuidv7 } from '../store/ids.js';
import { rosterForExport } from '../store/export.repository.js';
import { existingIdNumbers } from '../store/roster.repository.js';
import { baselineEffectiveOn } from '../store/registry.repository.js';
import type { Tx } from '../store/transaction.js';
import { validateRecords } from '../io/validate-rows.js';
import type { CommandContext } from './context.js';
import { runRowImport, type InstitutionNames, type RowSink } from './import-run.js';
import { exportCell as s } from './import-types.js';
import type {
  FileImporter,
  KindExporter,
  ImportOptions,
  ImportProblem,
  ImportResult,
  ProblemList,
  RecordStream,
  Located,
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
/** Each imported assignment is opened by an 入编 movement dated its start: the roster stays the fold of its ledger. */
const movementColumns = [
  'region_code',
  'person_id',
  'type',
  '"on"',
  'to_institution_id',
  'unit_id',
  'category',
  'post',
  'leadership_level',
  'post_class',
  'assignment_id',
  'note',
  'recorded_by',
  'import_id',
];

/**
 * Rows are written in batches: while PostgreSQL takes one batch (persons, then assignments, indexes kept up to date),
 * the next is read and checked. Dropping the indexes and building them after the load was tried: the build runs
 * alone at the end, and with the client the slower side it made a million-row import slower (17.9 s against 15.4 s).
 */
const defaultBatchRows = 50_000;

export function importRoster(
  ctx: CommandContext,
  records: RecordStream<RosterRecord>,
  opts: ImportOptions,
): Promise<ImportResult> {
  return runRowImport(ctx, records, opts, {
    kind: 'roster',
    emptyFile: '文件中没有人员数据',
    open: (tx, env) => openRosterSink(ctx, opts, tx, env),
  });
}

/** A roster row that passed every check, with what it resolves to in the registry. */
export interface CheckedRosterRow {
  record: RosterRecord;
  institution: InstitutionState;
  unitId: string | null;
  /** The leadership post's class: the file's, else the institution's default (行政类, 事业类 for 事业单位). */
  postClass: PostClass | null;
  facts: ReturnType<typeof idNumberFacts>;
}

/**
 * The roster file's checks per row, one parser for the import and the sync: the institution and its internal unit,
 * the ID number against its birth date and gender, duplicates within the file and (for an import) in the database.
 * Problems go to the list; a row that passes comes back resolved. A person on a category the institution may not use
 * is accepted with a warning (混用, for the diagnostics).
 */
export function rosterRowChecker(
  ctx: Pick<CommandContext, 'today'>,
  names: InstitutionNames,
  problems: ProblemList,
  opts: { known?: Set<string>; onProgress?: (rows: number) => void } = {},
) {
  const { byName: institutions, internalByKey: units } = names;
  const inFile = new Map<string, number>();
  const warnings: ImportProblem[] = [];
  let mixed = 0;
  let rows = 0;
  const check = (item: Located<RosterRecord>): CheckedRosterRow | undefined => {
    rows++;
    if (opts.onProgress && rows % 10000 === 0) opts.onProgress(rows);
    const r = item.record;
    const errorsBefore = problems.count;
    const bad = (key: string, reason: string) => problems.at(item, col(key), reason);
    // a row whose cells failed (already reported) is still checked on its valid cells: one pass, every problem
    const valid = (key: keyof RosterRecord) => !item.invalid?.includes(key);
    const inst = valid('institution') ? institutions.get(r.institution) : undefined;
    if (valid('institution') && !inst) bad('institution', `机构"${r.institution}"不存在或已撤销`);
    else if (inst?.kind === 'coordination')
      bad('institution', `"${r.institution}"是议事协调机构,不单独核定编制,不能有在编人员`);
    const facts = valid('idNumber') ? idNumberFacts(r.idNumber) : undefined;
    if (facts) {
      const firstRow = inFile.get(r.idNumber);
      if (firstRow !== undefined) bad('idNumber', `身份证号码与第${firstRow}行重复`);
      else if (opts.known?.has(r.idNumber)) bad('idNumber', '该身份证号码已在实名库中');
      else inFile.set(r.idNumber, item.row);
      if (valid('birthDate') && r.birthDate && r.birthDate !== facts.birthDate)
        bad('birthDate', `出生日期 ${r.birthDate} 与身份证号码(${facts.birthDate})不一致`);
      if (valid('gender') && r.gender && r.gender !== facts.gender)
        bad('gender', `性别"${r.gender}"与身份证号码不一致`);
      if (facts.birthDate > ctx.today) bad('idNumber', '身份证号码中的出生日期晚于今天');
      if (valid('startOn') && r.startOn < facts.birthDate) bad('startOn', `入编时间 ${r.startOn} 早于出生日期`);
    }
    let unitId: string | null = null;
    if (r.unit && inst && valid('unit')) {
      unitId = units.get(`${inst.id}/${r.unit}`)?.id ?? null;
      if (!unitId) bad('unit', `"${r.institution}"没有内设机构"${r.unit}"`);
    }
    if (valid('postClass') && valid('leadershipLevel') && r.postClass && !r.leadershipLevel)
      bad('postClass', '填写了领导职数类别但没有领导职务层级');
    if (item.invalid || problems.count > errorsBefore || !inst || !facts) return undefined;
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
    const postClass = r.leadershipLevel
      ? (r.postClass ?? (inst.kind === 'public_institution' ? 'public_service' : 'admin'))
      : null;
    return { record: r, institution: inst, unitId, postClass, facts };
  };
  return { check, warnings, mixed: () => mixed, rows: () => rows };
}

/** The roster's checks per row, streaming the clean rows to PostgreSQL in batches while the next are read. */
async function openRosterSink(
  ctx: CommandContext,
  opts: ImportOptions,
  tx: Tx,
  { names, problems, importId }: { names: InstitutionNames; problems: ProblemList; importId: number },
): Promise<RowSink<RosterRecord>> {
  const checker = rosterRowChecker(ctx, names, problems, {
    known: await existingIdNumbers(tx, ctx.regionCode),
    onProgress: opts.onProgress,
  });
  const warnings = checker.warnings;
  const baselineOn = await baselineEffectiveOn(tx, ctx.regionCode);
  const beforeBaseline = { count: 0, earliest: '', row: 0, sheet: '' };
  const region = ctx.regionCode;
  const batch = new RosterBatch(tx);
  const batchRows = opts.batchRows ?? defaultBatchRows;
  const lineEnd = `${importId}\n`; // import_id ends every table's lines
  const recordedBy = copyField(ctx.actor);
  return {
    row: (item) => {
      const checked = checker.check(item);
      if (!checked) return;
      const { record: r, institution: inst, unitId, postClass, facts } = checked;
      if (baselineOn && r.startOn < baselineOn) {
        beforeBaseline.count++;
        if (!beforeBaseline.earliest || r.startOn < beforeBaseline.earliest)
          Object.assign(beforeBaseline, { earliest: r.startOn, row: item.row, sheet: item.sheet });
      }
      if (opts.dryRun || problems.count > 0) return; // keep validating to report every row, but stop writing
      const personId = uuidv7();
      // Only free text needs COPY escaping: the other cells are codes, dates, digits or words of a fixed list.
      // Joined from an array: a flat string, where `+` or a template would build a rope to flatten later.
      batch.persons.push(
        [
          region,
          personId,
          r.idNumber,
          copyField(r.name),
          r.gender ?? facts.gender,
          r.birthDate ?? facts.birthDate,
          plain(r.education),
          plain(r.degree),
          plain(r.titleLevel),
          plain(r.politicalStatus),
          plain(r.joinedWorkOn),
          lineEnd,
        ].join('\t'),
      );
      const assignmentId = uuidv7();
      const post = copyField(r.post);
      batch.assignments.push(
        [
          region,
          assignmentId,
          personId,
          inst.id,
          plain(unitId),
          r.category,
          post,
          plain(r.leadershipLevel),
          plain(postClass),
          r.startOn,
          lineEnd,
        ].join('\t'),
      );
      batch.movements.push(
        [
          region,
          personId,
          'enter',
          r.startOn,
          inst.id,
          plain(unitId),
          r.category,
          post,
          plain(r.leadershipLevel),
          plain(postClass),
          assignmentId,
          '实名制导入',
          recordedBy,
          lineEnd,
        ].join('\t'),
      );
      if (batch.persons.rows >= batchRows) return batch.flush();
    },
    close: (clean) => {
      if (beforeBaseline.count) {
        // 入编 before the baseline took effect: the quota then is unknown, and 长期空编 would count from the wrong date
        warnings.push({
          file: opts.fileName,
          sheet: beforeBaseline.sheet,
          row: beforeBaseline.row,
          column: col('startOn'),
          reason: `${beforeBaseline.count} 人的入编时间早于机构编制基础数据的生效日期 ${baselineOn}(最早 ${beforeBaseline.earliest});空编时长等按 ${baselineOn} 起算。如基础数据实际更早生效,请以正确的生效日期重新导入基础数据`,
        });
      }
      return { summary: { persons: clean ? checker.rows() : 0, mixedQuota: checker.mixed() }, warnings };
    },
    write: async () => {
      await batch.finish();
      opts.onProgress?.(checker.rows());
      return { mixedQuota: checker.mixed() };
    },
    abort: () => batch.settled(),
  };
}

/** The COPY lines of up to two batches: one being written by PostgreSQL, one being filled. */
class RosterBatch {
  persons = new CopyBuffer();
  assignments = new CopyBuffer();
  movements = new CopyBuffer();
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly tx: Tx) {}

  async flush(): Promise<void> {
    const persons = this.persons;
    const assignments = this.assignments;
    const movements = this.movements;
    this.persons = new CopyBuffer();
    this.assignments = new CopyBuffer();
    this.movements = new CopyBuffer();
    await this.inFlight; // one COPY at a time on the transaction's connection; rethrows its failure
    if (!persons.rows) return;
    this.inFlight = (async () => {
      await persons.copyInto(this.tx, 'persons', personColumns);
      await assignments.copyInto(this.tx, 'assignments', assignmentColumns);
      await movements.copyInto(this.tx, 'movements', movementColumns);
    })();
    // observed by the next flush or by settled(); until then an early failure must not count as unhandled
    this.inFlight.catch(() => undefined);
  }

  /** Waits for the batch in flight (its failure included: the connection must be idle before a ROLLBACK). */
  async settled(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.inFlight;
  }
}

/** A roster file: rows checked cell by cell, the rows with bad cells still checked across rows (duplicate ID …). */
export const rosterImporter: FileImporter = (ctx, rows, opts) =>
  importRoster(ctx, validateRecords('roster', rows, { today: ctx.today }, { partial: true }), opts);

/**
 * The roster as a roster file. A role that may not see whole ID numbers gets them masked and no birth dates (such a
 * file is for reading, not for importing back); every whole number handed out is counted for the audit.
 */
export const rosterExporter: KindExporter = async ({ ctx, name, reveal, revealed, asOf }) => {
  async function* roster() {
    for await (const r of rosterForExport(ctx.pool, ctx.regionCode, asOf)) {
      if (reveal) revealed();
      yield {
        name: r.name,
        idNumber: reveal ? r.id_number : maskIdNumber(r.id_number),
        gender: s(r.gender),
        birthDate: reveal ? s(r.birth_date) : '',
        education: s(r.education),
        degree: s(r.degree),
        titleLevel: s(r.title_level),
        politicalStatus: s(r.political_status),
        joinedWorkOn: s(r.joined_work_on),
        institution: name(r.institution_id),
        category: quotaCategoryLabels[r.category as QuotaCategory],
        post: s(r.post),
        leadershipLevel: s(r.leadership_level),
        postClass: r.post_class ? postClassLabels[r.post_class as PostClass] : '',
        startOn: r.start_on,
        unit: name(r.unit_id),
      };
    }
  }
  return { roster: roster() };
};
