/**
 * The monthly registers a 编办 keeps (issue 16 item 6): the 增减花名册 (who was added to or removed from which
 * institution's roll, by which movement, on which date and document) and the 编制使用台账 (per institution and
 * category: 核定, 实有, places held by approvals, 可用空编, and the month's approvals, entries and exits). Pure: the
 * command reads the movements and figures, these turn them into the registers' lines.
 */
import { daysInMonth } from './dates.js';
import { exitTypeLabels, type ExitType } from './movements.js';
import { availableVacancy, type VacancyFigures } from './staffing.js';

/** A month `YYYY-MM` → its first and last day; undefined when it is no month. */
export function monthPeriod(month: string): { from: string; to: string } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return undefined;
  const days = daysInMonth(Number(m[1]), Number(m[2]));
  return { from: `${month}-01`, to: `${month}-${String(days).padStart(2, '0')}` };
}

/** What the register needs of a movement: its type and date, the place it opened and the one it closed. */
export interface RegisterMovement {
  type: 'enter' | 'transfer' | 'exit';
  on: string;
  exitType: string | null;
  docNumber: string | null;
  reason: string | null;
  note: string | null;
  toInstitutionId: string | null;
  unitId: string | null;
  category: string | null;
  post: string | null;
  fromInstitutionId: string | null;
  fromUnitId: string | null;
  fromCategory: string | null;
  fromPost: string | null;
}

export type RegisterDirection = 'added' | 'removed';
export const registerChanges = ['enter', 'transfer_in', 'transfer_out', 'regrade_in', 'regrade_out', 'exit'] as const;
export type RegisterChange = (typeof registerChanges)[number];
export const registerChangeLabels: Record<RegisterChange, string> = {
  enter: '入编',
  transfer_in: '调入',
  transfer_out: '调出',
  regrade_in: '编制类别调整(转入)',
  regrade_out: '编制类别调整(转出)',
  exit: '出编',
};

/** One line of the 增减花名册: a person added to or removed from an institution's roll of one category. */
export interface RegisterEntry<M extends RegisterMovement = RegisterMovement> {
  direction: RegisterDirection;
  change: RegisterChange;
  /** 变动类型 as written in the register, e.g. 出编(退休). */
  label: string;
  institutionId: string;
  unitId: string | null;
  category: string;
  post: string | null;
  movement: M;
}

/**
 * The movements of a period as the register's lines: 入编 adds, 出编 removes, a 调动 to another institution removes
 * from the origin and adds to the destination, one to another category within the institution does the same per
 * category. A 调动 within the institution and category (another internal unit) changes no roll and is left out.
 */
export function registerEntries<M extends RegisterMovement>(movements: Iterable<M>): RegisterEntry<M>[] {
  const out: RegisterEntry<M>[] = [];
  for (const m of movements) {
    const to = m.toInstitutionId && m.category ? { institutionId: m.toInstitutionId, category: m.category } : null;
    const from =
      m.fromInstitutionId && m.fromCategory ? { institutionId: m.fromInstitutionId, category: m.fromCategory } : null;
    const added = (change: RegisterChange) =>
      to &&
      out.push({
        direction: 'added',
        change,
        label: registerChangeLabels[change],
        ...to,
        unitId: m.unitId,
        post: m.post,
        movement: m,
      });
    const removed = (change: RegisterChange, label = registerChangeLabels[change]) =>
      from &&
      out.push({
        direction: 'removed',
        change,
        label,
        ...from,
        unitId: m.fromUnitId,
        post: m.fromPost,
        movement: m,
      });
    if (m.type === 'enter') added('enter');
    else if (m.type === 'exit') {
      const type = m.exitType as ExitType | null;
      removed('exit', type ? `出编(${exitTypeLabels[type] ?? type})` : '出编');
    } else if (from && to && from.institutionId !== to.institutionId) {
      removed('transfer_out');
      added('transfer_in');
    } else if (from && to && from.category !== to.category) {
      removed('regrade_out');
      added('regrade_in');
    }
  }
  return out;
}

/** An approval as the 台账 lists it. */
export interface LedgerApproval {
  institutionId: string;
  category: string;
  count: number;
  used: number;
  approvedOn: string | null;
}

/** One line of the 编制使用台账 summary: an institution's category, its figures and the month's flows. */
export interface LedgerLine {
  institutionId: string;
  category: string;
  approved: number;
  actual: number;
  reserved: number;
  available: number;
  approvedPlaces: number;
  entered: number;
  transferredIn: number;
  transferredOut: number;
  exited: number;
}

/** Figures per `institutionId|category` and the month's register lines and approvals → the 台账 summary lines. */
export function ledgerLines(
  figures: ReadonlyMap<string, VacancyFigures>,
  entries: readonly RegisterEntry[],
  approvedInPeriod: readonly LedgerApproval[],
): LedgerLine[] {
  const lines = new Map<string, LedgerLine>();
  const line = (institutionId: string, category: string) => {
    const key = `${institutionId}|${category}`;
    let l = lines.get(key);
    if (!l) {
      const f = figures.get(key) ?? { approved: 0, actual: 0, reserved: 0, unreplacedLeavers: 0 };
      l = {
        institutionId,
        category,
        approved: f.approved,
        actual: f.actual,
        reserved: f.reserved,
        available: availableVacancy(f),
        approvedPlaces: 0,
        entered: 0,
        transferredIn: 0,
        transferredOut: 0,
        exited: 0,
      };
      lines.set(key, l);
    }
    return l;
  };
  for (const key of figures.keys()) {
    const [institutionId, category] = key.split('|') as [string, string];
    line(institutionId, category);
  }
  for (const a of approvedInPeriod) line(a.institutionId, a.category).approvedPlaces += a.count;
  for (const e of entries) {
    const l = line(e.institutionId, e.category);
    if (e.change === 'enter') l.entered++;
    else if (e.change === 'exit') l.exited++;
    else if (e.direction === 'added') l.transferredIn++;
    else l.transferredOut++;
  }
  return [...lines.values()];
}
