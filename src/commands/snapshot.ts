import type { Snapshot } from '../analysis/snapshot.js';
import { foldLedger, type LedgerAdjustment } from '../domain/ledger.js';
import { approvalFacts } from '../domain/adjustment-substance.js';
import { loadDecidedAdjustments, loadLedger } from '../store/registry.repository.js';
import {
  loadDuties,
  loadExceptionEntries,
  loadIndicators,
  loadPeopleOn,
  loadWorkload,
} from '../store/snapshot.repository.js';
import { loadAdjustmentWaits } from '../store/audit.repository.js';
import { scenarioReviewFacts } from '../store/scenarios.repository.js';
import { registryAsOf } from './adjustments.js';
import type { CommandContext } from './context.js';
import { districtProfile } from './regions.js';
import type { RegionRow } from '../store/regions.repository.js';

type ReadContext = Pick<CommandContext, 'pool' | 'regionCode'>;

/** The district on `asOf` (today when omitted), as the statistics and diagnostics read it. */
export async function loadSnapshot(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  asOf?: string,
): Promise<Snapshot> {
  const date = asOf ?? ctx.today;
  if (ctx.snapshots) return ctx.snapshots(date);
  const [
    region,
    registry,
    people,
    duties,
    workload,
    indicators,
    adjustmentWaits,
    scenarioReviews,
    exceptionEntries,
    decided,
  ] = await Promise.all([
    districtProfile(ctx),
    registryAsOf(ctx, asOf),
    loadPeopleOn(ctx.pool, ctx.regionCode, date),
    loadDuties(ctx.pool, ctx.regionCode),
    loadWorkload(ctx.pool, ctx.regionCode),
    loadIndicators(ctx.pool, ctx.regionCode),
    loadAdjustmentWaits(ctx.pool, ctx.regionCode),
    scenarioReviewFacts(ctx.pool, ctx.regionCode),
    loadExceptionEntries(ctx.pool, ctx.regionCode),
    loadDecidedAdjustments(ctx.pool, ctx.regionCode),
  ]);
  // the ledger is read only when there is something to measure against it (a district of baselines has nothing)
  const approvals = decided.length
    ? approvalFacts(decided, await loadLedger(ctx.pool, ctx.regionCode), adjustmentWaits)
    : [];
  return {
    regionCode: ctx.regionCode,
    regionName: region.name,
    asOf: date,
    limits: registry.limits,
    registry,
    people,
    duties,
    workload,
    indicators,
    adjustmentWaits,
    approvals,
    scenarioReviews,
    exceptionEntries,
  };
}

/** What a snapshot holds that does not depend on its date: read once per data version, shared by every date. */
export interface DistrictBase {
  region: RegionRow;
  ledger: LedgerAdjustment[];
  duties: Snapshot['duties'];
  workload: Snapshot['workload'];
  indicators: Snapshot['indicators'];
  adjustmentWaits: Snapshot['adjustmentWaits'];
  approvals: NonNullable<Snapshot['approvals']>;
  scenarioReviews: NonNullable<Snapshot['scenarioReviews']>;
  exceptionEntries: Snapshot['exceptionEntries'];
}

export async function loadDistrictBase(ctx: ReadContext): Promise<DistrictBase> {
  const [region, ledger, duties, workload, indicators, adjustmentWaits, scenarioReviews, exceptionEntries, decided] =
    await Promise.all([
      districtProfile(ctx),
      loadLedger(ctx.pool, ctx.regionCode),
      loadDuties(ctx.pool, ctx.regionCode),
      loadWorkload(ctx.pool, ctx.regionCode),
      loadIndicators(ctx.pool, ctx.regionCode),
      loadAdjustmentWaits(ctx.pool, ctx.regionCode),
      scenarioReviewFacts(ctx.pool, ctx.regionCode),
      loadExceptionEntries(ctx.pool, ctx.regionCode),
      loadDecidedAdjustments(ctx.pool, ctx.regionCode),
    ]);
  const approvals = approvalFacts(decided, ledger, adjustmentWaits);
  return {
    region,
    ledger,
    duties,
    workload,
    indicators,
    adjustmentWaits,
    approvals,
    scenarioReviews,
    exceptionEntries,
  };
}

/** The district on `asOf` from its date-free part: the ledger folded to the date and the people holding a post then. */
export async function snapshotOn(ctx: ReadContext, base: DistrictBase, asOf: string): Promise<Snapshot> {
  const people = await loadPeopleOn(ctx.pool, ctx.regionCode, asOf);
  const registry = foldLedger(base.ledger, asOf);
  return {
    regionCode: ctx.regionCode,
    regionName: base.region.name,
    asOf,
    // the limits in force on that date (上级核定 adjustments fold like the rest)
    limits: registry.limits,
    registry,
    people,
    duties: base.duties,
    workload: base.workload,
    indicators: base.indicators,
    adjustmentWaits: base.adjustmentWaits,
    approvals: base.approvals,
    scenarioReviews: base.scenarioReviews,
    exceptionEntries: base.exceptionEntries,
  };
}
