/**
 * The roster's ledger (人员变动): every change to who holds which quota and post is a dated movement — 入编, 调动,
 * 任职, 免职, 出编. The roster (assignments, with their history) is the fold of the movements, as the registry is the
 * fold of the adjustments (ledger.ts). Pure: the store persists the movements and the folded assignments.
 *
 * A movement that opens an assignment (all but 出编) carries the whole resulting assignment — institution, internal
 * unit, category, post, leadership level and class — and the id the assignment gets; it closes the person's open
 * assignment on its date. 出编 only closes it. The fold order is (date, id).
 */
import { z } from 'zod';

export const movementTypes = ['enter', 'transfer', 'appoint', 'dismiss', 'exit'] as const;
export type MovementType = (typeof movementTypes)[number];
export const movementTypeSchema = z.enum(movementTypes, { message: '变动类型应为 入编、调动、任职、免职、出编 之一' });
export const movementTypeLabels: Record<MovementType, string> = {
  enter: '入编',
  transfer: '调动',
  appoint: '任职',
  dismiss: '免职',
  exit: '出编',
};

/**
 * 出编 types. `unrecorded` is only what the baseline migration writes for an assignment that ended before it;
 * `unlisted` only what a roster sync writes for a person its file no longer lists (the reason is not in the file).
 */
export const exitTypes = ['retire', 'transfer_out', 'resign', 'discharged', 'expelled', 'death'] as const;
export type ExitType = (typeof exitTypes)[number] | 'unrecorded' | 'unlisted';
export const exitTypeSchema = z.enum(exitTypes, { message: '出编类型应为 退休、调出、辞职、辞退、开除、死亡 之一' });
export const exitTypeLabels: Record<ExitType, string> = {
  retire: '退休',
  transfer_out: '调出',
  resign: '辞职',
  discharged: '辞退',
  expelled: '开除',
  death: '死亡',
  unrecorded: '未记录(基线)',
  unlisted: '同步时不在册(原因待补)',
};

/** What an assignment holds: the same fields on the movement that opens it and on the materialized row. */
export interface HeldPlace {
  institutionId: string;
  unitId: string | null;
  category: string;
  post: string | null;
  leadershipLevel: string | null;
  postClass: string | null;
}

export interface RosterMovement {
  /** Fold order within a date (the store's sequence). */
  id: number;
  personId: string;
  type: MovementType;
  on: string;
  /** The assignment this movement opens; null for 出编. */
  assignmentId: string | null;
  /** The place held from `on`; null for 出编. */
  place: HeldPlace | null;
  exitType: ExitType | null;
  importId: number | null;
}

export interface AssignmentRow extends HeldPlace {
  id: string;
  personId: string;
  startOn: string;
  endOn: string | null;
  importId: number | null;
}

export class MovementError extends Error {
  constructor(
    message: string,
    readonly movementId?: number,
  ) {
    super(message);
    this.name = 'MovementError';
  }
}

export const byFoldOrder = (a: Pick<RosterMovement, 'on' | 'id'>, b: Pick<RosterMovement, 'on' | 'id'>) =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id;

/** The roster as the state the fold carries: every assignment, and each person's open one. */
export interface RosterState {
  assignments: Map<string, AssignmentRow>;
  /** personId → id of the open assignment */
  open: Map<string, string>;
  /** personId → date of the person's latest movement */
  lastOn: Map<string, string>;
}

export const emptyRoster = (): RosterState => ({ assignments: new Map(), open: new Map(), lastOn: new Map() });

/**
 * Applies one movement in place and checks it against the person's state; throws MovementError in Chinese. The
 * state is mutated: a caller checking a movement before writing it folds a copy or throws away the state.
 */
export function applyMovement(s: RosterState, m: RosterMovement): void {
  const label = movementTypeLabels[m.type];
  const last = s.lastOn.get(m.personId);
  if (last && m.on < last) {
    throw new MovementError(`${label}日期 ${m.on} 早于该人员最近一次变动(${last}),变动须按日期顺序记录`, m.id);
  }
  const openId = s.open.get(m.personId);
  const open = openId ? s.assignments.get(openId) : undefined;
  if (m.type === 'enter' && open) throw new MovementError('该人员已在编,不能再次入编(应记录调动)', m.id);
  if (m.type !== 'enter') {
    if (!open) throw new MovementError(`该人员当前不在编,不能${label}`, m.id);
    if (m.on < open.startOn) throw new MovementError(`${label}日期 ${m.on} 早于其任职起始日期 ${open.startOn}`, m.id);
    open.endOn = m.on;
    s.open.delete(m.personId);
  }
  if (m.type === 'exit') {
    if (!m.exitType) throw new MovementError('出编须注明出编类型', m.id);
  } else {
    if (!m.place || !m.assignmentId) throw new MovementError(`${label}须写明所到的机构、编制类别和职务`, m.id);
    if (s.assignments.has(m.assignmentId)) throw new MovementError(`任职记录标识 ${m.assignmentId} 已被使用`, m.id);
    s.assignments.set(m.assignmentId, {
      id: m.assignmentId,
      personId: m.personId,
      ...m.place,
      startOn: m.on,
      endOn: null,
      importId: m.importId,
    });
    s.open.set(m.personId, m.assignmentId);
  }
  s.lastOn.set(m.personId, m.on);
}

/** The roster after `movements` (any order; folded by date and id), up to `asOf` inclusive when given. */
export function foldMovements(movements: RosterMovement[], asOf?: string): RosterState {
  const s = emptyRoster();
  for (const m of [...movements].sort(byFoldOrder)) {
    if (asOf && m.on > asOf) break;
    try {
      applyMovement(s, m);
    } catch (e) {
      if (e instanceof MovementError) {
        throw new MovementError(`人员变动 #${m.id}(${movementTypeLabels[m.type]},${m.on}):${e.message}`, m.id);
      }
      throw e;
    }
  }
  return s;
}

const byId = (a: AssignmentRow, b: AssignmentRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Flat assignment rows in id order (what the materialized table holds). */
export function rosterRows(s: RosterState): AssignmentRow[] {
  return [...s.assignments.values()].sort(byId);
}

/** Who held which place on `on`: assignments started by then and not ended by then (an end date is exclusive). */
export function heldOn<T extends Pick<AssignmentRow, 'startOn' | 'endOn'>>(rows: Iterable<T>, on: string): T[] {
  const held: T[] = [];
  for (const a of rows) if (a.startOn <= on && (a.endOn === null || a.endOn > on)) held.push(a);
  return held;
}

/** Field separator of an assignment line (the unit separator: never typed in a post or a name). */
export const lineSeparator = '\x1f';
/** How an absent value is written in an assignment line. */
export const lineNull = '\\N';

/**
 * One assignment as one line of text, every field in a fixed order: what a rebuild compares, batch by batch, with the
 * same line the store writes in SQL (movements.repository.ts, assignmentLineSql), so the current rows need not be
 * parsed at all.
 */
export function assignmentLine(a: AssignmentRow): string {
  const v = (x: string | number | null) => (x === null ? lineNull : String(x));
  return [
    a.id,
    a.personId,
    a.institutionId,
    v(a.unitId),
    a.category,
    v(a.post),
    v(a.leadershipLevel),
    v(a.postClass),
    a.startOn,
    v(a.endOn),
    v(a.importId),
  ].join(lineSeparator);
}

/** An assignment's content without its id, in one fixed order: what a rewrite compares row by row. */
export function assignmentContent(a: AssignmentRow): string {
  return JSON.stringify([
    a.personId,
    a.institutionId,
    a.unitId,
    a.category,
    a.post,
    a.leadershipLevel,
    a.postClass,
    a.startOn,
    a.endOn,
    a.importId,
  ]);
}

/** A stable fingerprint of assignment rows: rebuild must not change it. */
export function rosterFingerprint(rows: AssignmentRow[]): string {
  return JSON.stringify([...rows].sort(byId).map((a) => [a.id, assignmentContent(a)]));
}
