/** Facts about the district on one date, as the store reads them and the analysis consumes them. */
import type { HeldPlace } from './movements.js';

/** What the roster records about a person besides the ID number and the name. */
export interface PersonDetails {
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  degree: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
}

export interface PersonFact extends HeldPlace, PersonDetails {
  personId: string;
  startOn: string;
}

/**
 * People counted together for the statistics: the same quota and leadership post, and the same age (whole years on
 * the statistics date), gender, education and title. A district's statistics need only these counts, so a past
 * date of a million-person roster is read as a few thousand groups instead of a million rows.
 */
export interface PeopleGroup extends Pick<HeldPlace, 'institutionId' | 'category' | 'leadershipLevel' | 'postClass'> {
  gender: string | null;
  age: number | null;
  education: string | null;
  titleLevel: string | null;
  count: number;
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
  /** The day the list holding this duty was published (its import's 公布日期, else the import's day); null when the
   * duty came by no import. */
  listedOn?: string | null;
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
/** An applied 方案 and its 执行情况评估 (机构编制管理评估办法(试行)): when it is due, and when it was carried out. */
export interface ScenarioReviewFact {
  scenarioId: string;
  name: string;
  docNumber: string;
  effectiveOn: string;
  reviewOn: string;
  reviewedOn: string | null;
  /** Names of the institutions its items concern. */
  institutions: string[];
}

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

/** A change of substance a 编制事项 makes (domain/adjustment-substance.ts): what the 申请事项评估 is for. */
export type SubstantiveChange = 'create' | 'merge' | 'split' | 'abolish' | 'quota_increase' | 'posts_increase';

/**
 * A 编制事项 approved (and perhaps carried out), with what it changes of substance and whether its 必要性和依据
 * (申请事项评估, 机构编制管理评估办法(试行)) was recorded. Baselines (初始导入) are not among them.
 */
export interface ApprovalFact {
  adjustmentId: string;
  docNumber: string;
  title: string;
  status: 'approved' | 'applied';
  /** The 编委's approval day from the audit log; the effective date when none is recorded (a 方案, a file). */
  approvedOn: string;
  /** Empty for renames, corrections, moves within the total and the like. */
  changes: SubstantiveChange[];
  /** Names of the units its substantive items concern (a new one by the name it is given). */
  institutions: string[];
  /** Whether a 必要性和依据 is recorded (not blank). */
  evaluated: boolean;
}

/**
 * An 入编 recorded without a 用编核准 (例外入编): possible only with a written reason (issue 16 item 3), listed by the
 * EXCEPTION_ENTRY diagnostic. `recordedOn` is the day it was entered into bianzhi (UTC), `on` the day it took effect.
 */
export interface ExceptionEntryFact {
  movementId: number;
  personId: string;
  personName: string;
  institutionId: string;
  category: string;
  on: string;
  reason: string;
  recordedBy: string;
  recordedOn: string;
}
