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

/** What every snapshot reads that does not depend on its date (the ledger aside: read where it is needed). */
async function loadDateFreeFacts(ctx: ReadContext) {
  const [region, duties, workload, indicators, adjustmentWaits, scenarioReviews, exceptionEntries, decided] =
    await Promise.all([
      districtProfile(ctx),
      loadDuties(ctx.pool, ctx.regionCode),
      loadWorkload(ctx.pool, ctx.regionCode),
      loadIndicators(ctx.pool, ctx.regionCode),
      loadAdjustmentWaits(ctx.pool, ctx.regionCode),
      scenarioReviewFacts(ctx.pool, ctx.regionCode),
      loadExceptionEntries(ctx.pool, ctx.regionCode),
      loadDecidedAdjustments(ctx.pool, ctx.regionCode),
    ]);
  return { region, duties, workload, indicators, adjustmentWaits, scenarioReviews, exceptionEntries, decided };
}

/** The district on `asOf` (today when omitted), as the statistics and diagnostics read it. */
export async function loadSnapshot(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  asOf?: string,
): Promise<Snapshot> {
  const date = asOf ?? ctx.today;
  if (ctx.snapshots) return ctx.snapshots(date);
  const [{ decided, ...facts }, registry, people] = await Promise.all([
    loadDateFreeFacts(ctx),
    registryAsOf(ctx, asOf),
    loadPeopleOn(ctx.pool, ctx.regionCode, date),
  ]);
  // the ledger is read only when there is something to measure against it (a district of baselines has nothing)
  const approvals = decided.length
    ? approvalFacts(decided, await loadLedger(ctx.pool, ctx.regionCode), facts.adjustmentWaits)
    : [];
  return snapshotOf(ctx, { ...facts, approvals }, date, registry, people);
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
  const [{ decided, ...facts }, ledger] = await Promise.all([
    loadDateFreeFacts(ctx),
    loadLedger(ctx.pool, ctx.regionCode),
  ]);
  return { ...facts, ledger, approvals: approvalFacts(decided, ledger, facts.adjustmentWaits) };
}

/** The district on `asOf` from its date-free part: the ledger folded to the date and the people holding a post then. */
export async function snapshotOn(ctx: ReadContext, base: DistrictBase, asOf: string): Promise<Snapshot> {
  const people = await loadPeopleOn(ctx.pool, ctx.regionCode, asOf);
  return snapshotOf(ctx, base, asOf, foldLedger(base.ledger, asOf), people);
}

/** One date's snapshot from the date-free facts, the registry on that date and the people holding a post then. */
function snapshotOf(
  ctx: ReadContext,
  base: Omit<DistrictBase, 'ledger'>,
  asOf: string,
  registry: Snapshot['registry'],
  people: Snapshot['people'],
): Snapshot {
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
