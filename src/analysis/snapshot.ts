/**
 * What every statistic and diagnostic reads: the district as it stood on one date. Built by the store
 * (`loadSnapshot`), consumed by pure functions here.
 */
import type {
  AdjustmentWaitFact,
  ApprovalFact,
  DutyFact,
  ExceptionEntryFact,
  IndicatorFact,
  PersonFact,
  ScenarioReviewFact,
  WorkloadFact,
} from '../domain/facts.js';
import type { LedgerLimits, RegistryState } from '../domain/ledger.js';
import { daysBetween } from '../domain/dates.js';

/** The facts a snapshot is made of, for the analysis to name. */
export type * from '../domain/facts.js';

export interface Snapshot {
  regionCode: string;
  regionName: string;
  asOf: string;
  limits: LedgerLimits;
  registry: RegistryState;
  /** People holding a post on asOf (one row per open assignment). */
  people: PersonFact[];
  duties: DutyFact[];
  workload: WorkloadFact[];
  indicators: IndicatorFact[];
  /** Every 编制事项 ever submitted, whatever its date: a diagnostic reads them as they stood on asOf. */
  adjustmentWaits: AdjustmentWaitFact[];
  /** Every approved or applied 编制事项 (not the baseline), whatever its date (absent: none known). */
  approvals?: ApprovalFact[];
  /** Applied 方案 and their 执行情况评估 dates (absent: none known). */
  scenarioReviews?: ScenarioReviewFact[];
  /** Every 例外入编 ever recorded, whatever its date: a diagnostic reads those effective by asOf. */
  exceptionEntries: ExceptionEntryFact[];
}

/** Active institutions by id, excluding internal units unless asked. */
export function activeInstitutions(s: Snapshot, opts: { internalUnits?: boolean } = {}) {
  return [...s.registry.institutions.values()].filter(
    (i) => i.status === 'active' && (opts.internalUnits || i.kind !== 'internal_unit'),
  );
}

/**
 * The 编制事项 submitted by asOf and still undecided on that day, with how long each has waited: one reading for the
 * APPROVAL_DELAY finding and the report's part 一 alike (one decided after asOf was still waiting then).
 */
export function undecidedOn(s: Pick<Snapshot, 'adjustmentWaits' | 'asOf'>): { a: AdjustmentWaitFact; days: number }[] {
  return s.adjustmentWaits
    .filter((a) => a.submittedOn <= s.asOf && (!a.decidedOn || a.decidedOn > s.asOf))
    .map((a) => ({ a, days: daysBetween(a.submittedOn, s.asOf) }));
}

/** Age in whole years on a date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
