/**
 * 实名制同步 (issue 16 item 5): a full roster exported again from the provincial 实名制 system is compared with the
 * roster of today — who is new, who left, who changed institution, category or post, who changed name or other
 * fields — and the difference becomes movements dated by the file's cut-off date. Pure: the command reads the
 * roster and the file, this decides what changed and which movement records it.
 *
 * Scope: only the institutions the file covers (the institutions its rows name, or those the user names). A person
 * held in a covered institution and absent from the file left; a person of another institution is untouched unless
 * the file lists them (then they moved into a covered one).
 */
import type { HeldPlace, MovementType } from './movements.js';

/** The person's own fields a roster file carries (beside the place held). */
export const syncedPersonFields = [
  'name',
  'gender',
  'birthDate',
  'education',
  'degree',
  'titleLevel',
  'politicalStatus',
  'joinedWorkOn',
] as const;
export type SyncedPersonField = (typeof syncedPersonFields)[number];
export type PersonFieldValues = Record<SyncedPersonField, string | null>;

/** A person of the roster today: fields, open assignment (null: not in 编) and the date of the latest movement. */
export interface CurrentPerson {
  personId: string;
  idNumber: string;
  fields: PersonFieldValues;
  place: HeldPlace | null;
  lastOn: string | null;
}

/** A person as the file lists them: the fields the file gives (an empty cell gives nothing) and the place held. */
export interface ListedPerson {
  idNumber: string;
  /** Birth date encoded in the ID number (a movement may not precede it). */
  bornOn: string;
  fields: Partial<Record<SyncedPersonField, string>>;
  place: HeldPlace;
  /** Where in the file (the command's index of its rows). */
  at: number;
}

export const rosterChangeKinds = [
  'added',
  'left',
  'transferred',
  'categoryChanged',
  'postChanged',
  'fieldsChanged',
] as const;
export type RosterChangeKind = (typeof rosterChangeKinds)[number];
export const rosterChangeLabels: Record<RosterChangeKind, string> = {
  added: '新增',
  left: '减少(文件中已无此人)',
  transferred: '调动(单位变化)',
  categoryChanged: '编制类别变化',
  postChanged: '职务变化',
  fieldsChanged: '信息变化',
};

export interface FieldChange {
  field: SyncedPersonField;
  before: string | null;
  after: string;
}

export interface PersonChange {
  idNumber: string;
  /** null for a person not yet in the database. */
  personId: string | null;
  name: string;
  kinds: RosterChangeKind[];
  /** The place held before and after (null: not in 编). */
  before: HeldPlace | null;
  after: HeldPlace | null;
  fields: FieldChange[];
  /** The fields the file gives (what a new person is recorded with). */
  given: ListedPerson['fields'];
  /** The one movement that records the change of place, if any (a field change alone writes none). */
  movement: MovementType | null;
  /** The file row (absent for a person who left). */
  at?: number;
  /** Why this change cannot be dated `asOf` (the sync is then refused as a whole). */
  conflict?: string;
}

export interface RosterDiff {
  changes: PersonChange[];
  counts: Record<RosterChangeKind, number> & { unchanged: number };
}

/** No change of any kind, nobody unchanged. */
export const emptyRosterCounts = (): RosterDiff['counts'] => ({
  added: 0,
  left: 0,
  transferred: 0,
  categoryChanged: 0,
  postChanged: 0,
  fieldsChanged: 0,
  unchanged: 0,
});

const samePlace = (a: HeldPlace, b: HeldPlace) =>
  a.institutionId === b.institutionId &&
  a.unitId === b.unitId &&
  a.category === b.category &&
  a.post === b.post &&
  a.leadershipLevel === b.leadershipLevel &&
  a.postClass === b.postClass;

/**
 * The movement that records a change of place: 入编 for a person not in 编, 调动 for another institution, category
 * or internal unit, 任职 for a new leadership post or title of post, 免职 when the leadership post is gone.
 */
export function movementFor(before: HeldPlace | null, after: HeldPlace): MovementType | null {
  if (!before) return 'enter';
  if (samePlace(before, after)) return null;
  if (before.institutionId !== after.institutionId || before.category !== after.category) return 'transfer';
  const leadershipSame = before.leadershipLevel === after.leadershipLevel && before.postClass === after.postClass;
  if (!leadershipSame) return after.leadershipLevel ? 'appoint' : 'dismiss';
  if (before.unitId !== after.unitId) return 'transfer';
  return 'appoint';
}

/**
 * What changes when `listed` (the file) replaces the roster within `scope` (institution ids), on `asOf`. A movement
 * dated before the person's latest one, or a 入编 not after the birth date, is a conflict: the sync cannot be dated so.
 */
export function diffRoster(
  current: ReadonlyMap<string, CurrentPerson>,
  listed: Iterable<ListedPerson>,
  scope: ReadonlySet<string>,
  asOf: string,
): RosterDiff {
  const counts = emptyRosterCounts();
  const changes: PersonChange[] = [];
  const seen = new Set<string>();
  for (const l of listed) {
    seen.add(l.idNumber);
    const now = current.get(l.idNumber);
    const before = now?.place ?? null;
    const kinds: RosterChangeKind[] = [];
    if (!before) kinds.push('added');
    else {
      if (before.institutionId !== l.place.institutionId) kinds.push('transferred');
      if (before.category !== l.place.category) kinds.push('categoryChanged');
      if (
        before.institutionId === l.place.institutionId &&
        (before.unitId !== l.place.unitId ||
          before.post !== l.place.post ||
          before.leadershipLevel !== l.place.leadershipLevel ||
          before.postClass !== l.place.postClass)
      )
        kinds.push('postChanged');
    }
    const fields: FieldChange[] = [];
    if (now) {
      for (const f of syncedPersonFields) {
        const v = l.fields[f];
        if (v !== undefined && v !== now.fields[f]) fields.push({ field: f, before: now.fields[f], after: v });
      }
      if (fields.length) kinds.push('fieldsChanged');
    }
    if (!kinds.length) {
      counts.unchanged++;
      continue;
    }
    for (const k of kinds) counts[k]++;
    const movement = movementFor(before, l.place);
    const change: PersonChange = {
      idNumber: l.idNumber,
      personId: now?.personId ?? null,
      name: l.fields.name ?? now?.fields.name ?? '',
      kinds,
      before,
      after: l.place,
      fields,
      given: l.fields,
      movement,
      at: l.at,
    };
    if (movement) {
      if (now?.lastOn && asOf < now.lastOn) {
        change.conflict = `同步截止日期 ${asOf} 早于该人员最近一次变动(${now.lastOn}),不能按此日期记录`;
      } else if (asOf <= l.bornOn) {
        change.conflict = `同步截止日期 ${asOf} 不晚于其出生日期 ${l.bornOn}`;
      }
    }
    changes.push(change);
  }
  for (const now of current.values()) {
    if (!now.place || !scope.has(now.place.institutionId) || seen.has(now.idNumber)) continue;
    counts.left++;
    const change: PersonChange = {
      idNumber: now.idNumber,
      personId: now.personId,
      name: now.fields.name ?? '',
      kinds: ['left'],
      before: now.place,
      after: null,
      fields: [],
      given: {},
      movement: 'exit',
    };
    if (now.lastOn && asOf < now.lastOn) {
      change.conflict = `同步截止日期 ${asOf} 早于该人员最近一次变动(${now.lastOn}),不能记录其出编`;
    }
    changes.push(change);
  }
  return { changes, counts };
}

/** The counts in one Chinese line: 新增 3 人,减少 1 人,… (kinds with none are left out). */
export function rosterDiffText(counts: RosterDiff['counts']): string {
  const parts = rosterChangeKinds
    .filter((k) => counts[k] > 0)
    .map((k) => `${rosterChangeLabels[k].replace(/\(.*\)$/, '')} ${counts[k]} 人`);
  return parts.length ? `${parts.join(',')};未变 ${counts.unchanged} 人` : `没有变化(${counts.unchanged} 人均一致)`;
}
