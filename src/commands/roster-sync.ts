/**
 * 实名制同步 (issue 16 item 5): a full roster exported again from the provincial 实名制 system is reconciled with
 * the roster, not refused. Every row is checked by the roster import's own checker (one parser); the difference
 * (domain/roster-diff.ts) is written as movements dated by the file's cut-off date — 入编 for the new, 出编 for those
 * who left, 调动 / 任职 / 免职 for changed places — and changed fields are updated, all or nothing, audited. A dry
 * run answers the same difference and writes nothing. Only the institutions the file covers are synced.
 */
import { basename } from 'node:path';
import { maskIdNumber } from '../domain/codes.js';
import { validationFailed } from '../domain/errors.js';
import { movementTypeLabels, type HeldPlace } from '../domain/movements.js';
import type { RosterRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import {
  diffRoster,
  emptyRosterCounts,
  rosterChangeLabels,
  syncedPersonFields,
  type ListedPerson,
  type PersonChange,
  type RosterChangeKind,
  type RosterDiff,
} from '../domain/roster-diff.js';
import { quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { uuidv7 } from '../store/ids.js';
import { appendMovements, type BulkMovement } from '../store/movements.repository.js';
import {
  insertPersons,
  rosterPersonsForSync,
  updatePersonFields,
  type PersonFieldsRow,
} from '../store/roster.repository.js';
import { readTableFile } from '../io/table-reader.js';
import { validateRecords } from '../io/validate-rows.js';
import type { RawRow, TableProblem } from '../io/table-problem.js';
import { requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { sha256 } from './import-file.js';
import { rosterRowChecker } from './import-roster.js';
import { runRowImport } from './import-run.js';
import type { ImportOptions, ImportResult, RecordStream, SourceLocation } from './import-types.js';
import { defaultMovementRules, type MovementRules } from './person-movements.js';

export interface RosterSyncOptions extends ImportOptions {
  /** The file's cut-off date: every movement is dated so (default today). */
  asOf?: string;
  /** The institutions the file covers (names); default: those its rows name. */
  institutions?: string[];
  /** 文号 recorded on the movements (e.g. the export's reference). */
  docNumber?: string;
  /** How many changes the answer lists (all are counted). */
  maxChanges?: number;
}

/** One side of a change of place, in words. */
export interface SyncPlaceView {
  institution: string;
  unit: string | null;
  category: string;
  post: string | null;
  leadershipLevel: string | null;
}

/** One person's change as the dry run shows it (the ID number masked). */
export interface RosterSyncChange {
  idNumber: string;
  name: string;
  kinds: RosterChangeKind[];
  kindLabels: string[];
  /** The movement that will record it (入编, 出编, 调动, 任职, 免职), or null for a change of fields alone. */
  movement: string | null;
  before: SyncPlaceView | null;
  after: SyncPlaceView | null;
  fields: { field: string; before: string | null; after: string }[];
  at?: SourceLocation;
}

export interface RosterSyncResult extends ImportResult {
  asOf: string;
  /** The institutions synced (names). */
  scope: string[];
  counts: RosterDiff['counts'];
  changes: RosterSyncChange[];
  changeCount: number;
}

const fieldHeaders = Object.fromEntries(recordColumns.roster.map((c) => [c.key, c.header])) as Record<string, string>;
const col = (key: string) => fieldHeaders[key]!;

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A roster file (CSV or .xlsx, as the import reads it) → the sync. */
export async function syncRosterFile(
  ctx: CommandContext,
  path: string,
  opts: Omit<RosterSyncOptions, 'fileName' | 'fileSha256'> & { fileName?: string },
): Promise<RosterSyncResult> {
  const fileName = opts.fileName ?? basename(path);
  const fileSha256 = await sha256(path);
  return syncRosterRows(ctx, readTableFile(path, { kind: 'roster', fileName }), { ...opts, fileName, fileSha256 });
}

/** The records of a roster file (the import's row validation) → the sync. */
export function syncRosterRows(
  ctx: CommandContext,
  rows: AsyncIterable<RawRow | TableProblem>,
  opts: RosterSyncOptions,
  rules?: MovementRules,
): Promise<RosterSyncResult> {
  return syncRoster(ctx, validateRecords('roster', rows, { today: ctx.today }, { partial: true }), opts, rules);
}

export async function syncRoster(
  ctx: CommandContext,
  records: RecordStream<RosterRecord>,
  opts: RosterSyncOptions,
  rules: MovementRules = defaultMovementRules,
): Promise<RosterSyncResult> {
  requirePermission(ctx, 'importData', '当前角色无权同步实名制人员');
  const asOf = opts.asOf ?? ctx.today;
  if (asOf > addDays(ctx.today, rules.futureDays)) {
    throw validationFailed(`同步截止日期 ${asOf} 晚于今天 ${rules.futureDays} 天以上,不能预先记录`);
  }
  const listed: ListedPerson[] = [];
  const where: SourceLocation[] = [];
  const scope = new Set<string>();
  const scopeNames: string[] = [];
  let diff: RosterDiff | undefined;
  let nameOf = (id: string | null): string => id ?? '';
  const result = await runRowImport(ctx, records, opts, {
    kind: 'roster',
    emptyFile: '文件中没有人员数据',
    audit: {
      action: 'roster.sync',
      after: () => ({
        asOf,
        scope: scopeNames,
        docNumber: opts.docNumber ?? null,
        ...diff!.counts,
        // the fields a file changed are no movement: their previous values are kept here
        fieldChanges: diff!.changes
          .filter((c) => c.fields.length && c.personId)
          .map((c) => ({ personId: c.personId, fields: c.fields })),
      }),
    },
    open: async (tx, { names, problems, importId }) => {
      const byId = new Map<string, string>();
      for (const inst of [...names.byName.values(), ...names.internalByKey.values()]) byId.set(inst.id, inst.name);
      nameOf = (id) => (id ? (byId.get(id) ?? id) : '');
      const explicit = opts.institutions?.length ? opts.institutions : undefined;
      for (const name of explicit ?? []) {
        const inst = names.byName.get(name);
        if (!inst) problems.file(opts.fileName, `同步范围中的机构"${name}"不存在或已撤销`);
        else if (!scope.has(inst.id)) {
          scope.add(inst.id);
          scopeNames.push(inst.name);
        }
      }
      const checker = rosterRowChecker(ctx, names, problems, { onProgress: opts.onProgress });
      const current = await rosterPersonsForSync(tx, ctx.regionCode);
      return {
        row: (item) => {
          const checked = checker.check(item);
          if (!checked) return;
          const { record: r, institution: inst } = checked;
          if (explicit) {
            if (!scope.has(inst.id)) {
              problems.at(item, col('institution'), `"${inst.name}"不在本次同步的机构范围内(${scopeNames.join('、')})`);
              return;
            }
          } else if (!scope.has(inst.id)) {
            scope.add(inst.id);
            scopeNames.push(inst.name);
          }
          if (problems.count > 0) return; // keep checking every row, stop collecting
          const fields: ListedPerson['fields'] = {};
          for (const f of syncedPersonFields) {
            const v = r[f];
            if (v !== undefined && v !== null && v !== '') fields[f] = v;
          }
          // as the import records them: gender and birth date from the ID number when the file leaves them out
          fields.gender ??= checked.facts.gender;
          fields.birthDate ??= checked.facts.birthDate;
          listed.push({
            idNumber: r.idNumber,
            bornOn: checked.facts.birthDate,
            fields,
            place: {
              institutionId: inst.id,
              unitId: checked.unitId,
              category: r.category,
              post: r.post ?? null,
              leadershipLevel: r.leadershipLevel ?? null,
              postClass: checked.postClass,
            },
            at: where.length,
          });
          where.push({ file: item.file, sheet: item.sheet, row: item.row });
        },
        close: (clean): { summary: Record<string, number>; warnings: TableProblem[] } => {
          if (!clean) return { summary: { persons: 0 }, warnings: checker.warnings };
          diff = diffRoster(current, listed, scope, asOf);
          for (const c of diff.changes) {
            if (!c.conflict) continue;
            const who = `${c.name}(${maskIdNumber(c.idNumber)})`;
            if (c.at !== undefined) problems.at(where[c.at]!, undefined, `${who}:${c.conflict}`);
            else problems.file(opts.fileName, `${who}:${c.conflict}`);
          }
          const { unchanged, ...changed } = diff.counts;
          return { summary: { ...changed, unchanged }, warnings: checker.warnings };
        },
        write: () => writeDiff(ctx, tx, diff!, { importId, asOf, docNumber: opts.docNumber ?? null }),
      };
    },
  });
  const max = opts.maxChanges ?? 1000;
  const changes = diff?.changes ?? [];
  const placeView = (p: HeldPlace | null): SyncPlaceView | null =>
    p && {
      institution: nameOf(p.institutionId),
      unit: p.unitId ? nameOf(p.unitId) : null,
      category: quotaCategoryLabels[p.category as QuotaCategory] ?? p.category,
      post: p.post,
      leadershipLevel: p.leadershipLevel,
    };
  return {
    ...result,
    asOf,
    scope: scopeNames,
    counts: result.ok && diff ? diff.counts : emptyRosterCounts(),
    changeCount: result.ok ? changes.length : 0,
    changes: result.ok
      ? changes.slice(0, max).map((c) => ({
          idNumber: maskIdNumber(c.idNumber),
          name: c.name,
          kinds: c.kinds,
          kindLabels: c.kinds.map((k) => rosterChangeLabels[k]),
          movement: c.movement ? movementTypeLabels[c.movement] : null,
          before: placeView(c.before),
          after: placeView(c.after),
          fields: c.fields.map((f) => ({ field: col(f.field), before: f.before, after: f.after })),
          ...(c.at !== undefined ? { at: where[c.at] } : {}),
        }))
      : [],
  };
}

type Tx = Parameters<typeof appendMovements>[0];

/** The difference into the database: new persons, changed fields, one movement per changed place. */
async function writeDiff(
  ctx: CommandContext,
  tx: Tx,
  diff: RosterDiff,
  m: { importId: number; asOf: string; docNumber: string | null },
): Promise<Record<string, number>> {
  const added: PersonFieldsRow[] = [];
  const updated: PersonFieldsRow[] = [];
  const movements: BulkMovement[] = [];
  for (const c of diff.changes) {
    let personId = c.personId;
    if (!personId) {
      personId = uuidv7();
      added.push(newPersonRow(personId, c));
    } else if (c.fields.length) {
      const row: PersonFieldsRow = { id: personId };
      for (const f of c.fields) row[f.field] = f.after;
      updated.push(row);
    }
    if (!c.movement) continue;
    movements.push({
      movement: {
        personId,
        type: c.movement,
        on: m.asOf,
        assignmentId: c.movement === 'exit' ? null : uuidv7(),
        place: c.after,
        exitType: c.movement === 'exit' ? 'unlisted' : null,
        importId: m.importId,
      },
      fromInstitutionId: c.before?.institutionId ?? null,
      note: `实名制同步:${c.kinds.map((k) => rosterChangeLabels[k]).join('、')}`,
    });
  }
  const personsAdded = await insertPersons(tx, ctx.regionCode, added, m.importId);
  const personsUpdated = await updatePersonFields(tx, ctx.regionCode, updated);
  const written = await appendMovements(tx, ctx.regionCode, movements, {
    recordedBy: ctx.actor,
    importId: m.importId,
    docNumber: m.docNumber,
  });
  return { personsAdded, personsUpdated, movements: written };
}

/** A person the roster has never held: the file's fields. */
function newPersonRow(id: string, c: PersonChange): PersonFieldsRow {
  return { ...c.given, id, idNumber: c.idNumber, name: c.name };
}
