/**
 * What every statistic and diagnostic reads: the district as it stood on one date. Built by the store
 * (`loadSnapshot`), consumed by pure functions here.
 */
import type { RegistryState } from '../domain/ledger.js';

export interface PersonFact {
  personId: string;
  institutionId: string;
  unitId: string | null;
  category: string;
  post: string | null;
  leadershipLevel: string | null;
  postClass: string | null;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  degree: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
  startOn: string;
}

export interface DutyFact {
  id: number;
  institutionId: string;
  source: 'sanding' | 'power_list';
  category: string | null;
  title: string;
  text: string | null;
  legalBasis: string | null;
  /** Tags given at import (override the dictionary when present). */
  domains: string[];
  role: 'lead' | 'assist';
}

export interface WorkloadFact {
  institutionId: string;
  year: number;
  indicator: string;
  value: number;
}

export interface IndicatorFact {
  /** A street/township, or null for the whole district. */
  scopeInstitutionId: string | null;
  year: number;
  indicator: string;
  value: number | null;
  textValue: string | null;
}

/**
 * A 编制事项 once submitted for approval, and when it was decided (from the audit log's adjustment.submit /
 * adjustment.approve / adjustment.reject events; dates as `today` is written, UTC).
 */
export interface AdjustmentWaitFact {
  adjustmentId: string;
  docNumber: string;
  title: string;
  /** Names of the institutions its items concern (a new one by the name it is to have). */
  institutions: string[];
  submittedOn: string;
  decidedOn: string | null;
  decision: 'approved' | 'rejected' | null;
}

export interface Snapshot {
  regionCode: string;
  regionName: string;
  asOf: string;
  limits: { partyGovInstitutionCap?: number; quotaTotals?: Partial<Record<string, number>> };
  registry: RegistryState;
  /** People holding a post on asOf (one row per open assignment). */
  people: PersonFact[];
  duties: DutyFact[];
  workload: WorkloadFact[];
  indicators: IndicatorFact[];
  /** Every 编制事项 ever submitted, whatever its date: a diagnostic reads them as they stood on asOf. */
  adjustmentWaits: AdjustmentWaitFact[];
}

/** Active institutions by id, excluding internal units unless asked. */
export function activeInstitutions(s: Snapshot, opts: { internalUnits?: boolean } = {}) {
  return [...s.registry.institutions.values()].filter(
    (i) => i.status === 'active' && (opts.internalUnits || i.kind !== 'internal_unit'),
  );
}

/** Age in whole years on a date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
