/**
 * The demo district 示范区 (DESIGN §8): a pure, seeded generator of every record a district's files carry —
 * institutions, quota, leadership posts, the 实名制 roster, 三定 duties and the 权责清单, workload and region
 * indicators — with each problem of the seed report planted in a known place and listed in the manifest.
 * Same seed → the same records, byte for byte; no clock, no IO.
 */
import type {
  DutyRecord,
  IndicatorRecord,
  InstitutionRecord,
  PostRecord,
  QuotaRecord,
  RosterRecord,
  WorkloadRecord,
} from '../domain/records.js';
import type { AdjustmentItem } from '../domain/ledger.js';
import type { QuotaCategory } from '../domain/vocabulary.js';
import { buildDuties } from './build-duties.js';
import { buildHistory, type DemoHistory } from './build-history.js';
import {
  adjustmentWaitsOf,
  approvalsOf,
  buildAdjustments,
  scenarioReviewsOf,
  type DemoAdjustment,
  type DemoScenario,
} from './build-adjustments.js';
import { buildIndicators, buildWorkload } from './build-indicators.js';
import { buildRegistry } from './build-institutions.js';
import { buildRoster } from './build-roster.js';
import { buildManifest, type PlantedProblem } from './manifest.js';
import type { AdjustmentWaitFact, ApprovalFact, ScenarioReviewFact } from '../analysis/snapshot.js';
import { plan } from './plan.js';

export type { PlantedProblem } from './manifest.js';

export interface DemoDistrict {
  regionCode: string;
  regionName: string;
  /** Every date in the records is on or before this day. */
  asOf: string;
  limits: { partyGovInstitutionCap: number; quotaTotals: Partial<Record<QuotaCategory, number>> };
  /** The higher level's document that set the limits (上级核定), in force from the baseline. */
  limitsDocNumber: string;
  /** The 三定 baseline's effective date. */
  baselineOn: string;
  /** Adjustments after the baseline (by institution name): the 编制周转池's loans. */
  poolLoan: (typeof plan)['poolLoan'] | null;
  /** Parents and hosts come before the units that name them. */
  institutions: InstitutionRecord[];
  quotas: QuotaRecord[];
  posts: PostRecord[];
  roster: RosterRecord[];
  duties: DutyRecord[];
  /** When the lists holding the duties were published: the 三定 with the baseline, 权责清单 by unit (default first). */
  dutyLists: { powerListsOn: string; powerListOn: Record<string, string> };
  workload: WorkloadRecord[];
  indicators: IndicatorRecord[];
  /**
   * 编制事项 after the baseline, each with what it changes, when it was submitted and decided, and its 必要性和依据;
   * `quotas` and `posts` are the district after those decided (build-adjustments.ts).
   */
  adjustments: DemoAdjustment[];
  /** 方案 applied after the baseline, with what they change and their 执行情况评估. */
  scenarios: DemoScenario[];
  /** 编制事项 submitted for approval before asOf, and when they were decided (the audit log's dates). */
  adjustmentWaits: Omit<AdjustmentWaitFact, 'adjustmentId'>[];
  /**
   * 编制事项 the 编委 approved and 方案 applied, with what they change of substance and whether their 必要性和依据 is
   * recorded (planted: two of substance without one, APPROVAL_WITHOUT_EVALUATION).
   */
  approvals: Omit<ApprovalFact, 'adjustmentId'>[];
  /** Applied 方案 and their 执行情况评估 (planted: one long past its date and not carried out). */
  scenarioReviews: Omit<ScenarioReviewFact, 'scenarioId'>[];
  /**
   * Three years of staffing before asOf (用编核准, 入编, 调动, 任免, 退休), ending in `roster`; its `initialRoster` is
   * what is imported before the steps are carried out through the commands.
   */
  history: DemoHistory;
  /** Empty when nothing is planted. */
  manifest: PlantedProblem[];
}

export const demoRegionCode = '370102';
export const demoRegionName = '示范区';
export const demoAsOf = '2026-06-30';

export function generateDemoDistrict(options: { seed?: number; planted?: boolean } = {}): DemoDistrict {
  const seed = (options.seed ?? 2026) >>> 0;
  const planted = options.planted ?? true;
  const asOf = demoAsOf;

  const registry = buildRegistry(seed, planted, demoRegionCode);
  const { institutions, quotas, posts } = registry;
  const roster = buildRoster(seed, planted, registry.models, asOf);
  const present = new Set(institutions.filter((i) => i.kind !== 'internal_unit').map((i) => i.name));
  const duties = buildDuties({
    seed,
    planted,
    regionCode: demoRegionCode,
    depts: registry.depts.filter((d) => present.has(d.name)),
    publics: registry.publics,
    locals: registry.locals,
    present,
  });
  const punishers = new Set(duties.filter((x) => x.category === '行政处罚').map((x) => x.institution));
  const workload = buildWorkload(seed, planted, registry.models, roster, punishers);
  const indicators = buildIndicators(registry.locals);

  // the hard limits come from above: the quota totals leave a small reserve, the cap fits the clean district
  const quotaTotals: Partial<Record<QuotaCategory, number>> = {};
  for (const q of quotas) quotaTotals[q.category] = (quotaTotals[q.category] ?? 0) + q.approved;
  for (const c of Object.keys(quotaTotals) as QuotaCategory[])
    quotaTotals[c] = Math.ceil((quotaTotals[c]! * 1.02) / 10) * 10;

  const history = buildHistory({ seed, planted, models: registry.models, quotas, posts, roster, asOf });
  const { adjustments, scenarios } = buildAdjustments({ asOf, planted, institutions, quotas, posts, roster, history });
  const adjustmentWaits = adjustmentWaitsOf(adjustments);
  const approvals = approvalsOf(adjustments, scenarios);
  const scenarioReviews = scenarioReviewsOf(scenarios);
  const manifest = planted
    ? buildManifest({
        asOf,
        institutions,
        quotas,
        posts,
        roster,
        duties,
        workload,
        adjustmentWaits,
        approvals,
        scenarioReviews,
        history,
      })
    : [];
  return {
    regionCode: demoRegionCode,
    regionName: demoRegionName,
    asOf,
    limits: { partyGovInstitutionCap: plan.overCap.cap, quotaTotals },
    limitsDocNumber: '市编〔2019〕5号',
    baselineOn: '2019-03-01',
    dutyLists: {
      powerListsOn: plan.powerLists.publishedOn,
      powerListOn: planted ? Object.fromEntries(plan.powerLists.outdated.map((o) => [o.name, o.publishedOn])) : {},
    },
    poolLoan: planted ? plan.poolLoan : null,
    institutions,
    quotas,
    posts,
    roster,
    duties,
    workload,
    indicators,
    adjustments,
    scenarios,
    adjustmentWaits,
    approvals,
    scenarioReviews,
    history,
    manifest,
  };
}

/** The demo's pool loan as ledger items, given how institution names resolve to ids. */
export function poolLoanItems(
  loan: NonNullable<DemoDistrict['poolLoan']>,
  idOf: (name: string) => string,
): AdjustmentItem[] {
  return [
    { op: 'reclaim_to_pool', institutionId: idOf(loan.from), category: loan.category, amount: loan.amount },
    {
      op: 'lend_from_pool',
      loanId: loan.loanId,
      institutionId: idOf(loan.to),
      category: loan.category,
      amount: loan.amount,
      returnBy: loan.returnBy,
    },
  ];
}

/** The day the list holding a duty was published: its 三定 with the baseline, its unit's 权责清单 as the demo dates it. */
export function dutyListedOn(demo: Pick<DemoDistrict, 'baselineOn' | 'dutyLists'>, d: DutyRecord): string {
  if (d.source === 'sanding') return demo.baselineOn;
  return demo.dutyLists.powerListOn[d.institution] ?? demo.dutyLists.powerListsOn;
}
