import type { Snapshot } from '../analysis/snapshot.js';
import { notFound } from '../store/errors.js';
import { findRegion } from '../store/regions.repository.js';
import { loadDuties, loadIndicators, loadPeopleOn, loadWorkload } from '../store/snapshot.repository.js';
import { registryAsOf } from './adjustments.js';
import type { CommandContext } from './context.js';

/** The district on `asOf` (today when omitted), as the statistics and diagnostics read it. */
export async function loadSnapshot(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  asOf?: string,
): Promise<Snapshot> {
  const date = asOf ?? ctx.today;
  if (ctx.snapshots) return ctx.snapshots(date);
  const region = await findRegion(ctx.pool, ctx.regionCode);
  if (!region) throw notFound(`行政区划 ${ctx.regionCode} `);
  const [registry, people, duties, workload, indicators] = await Promise.all([
    registryAsOf(ctx, asOf),
    loadPeopleOn(ctx.pool, ctx.regionCode, date),
    loadDuties(ctx.pool, ctx.regionCode),
    loadWorkload(ctx.pool, ctx.regionCode),
    loadIndicators(ctx.pool, ctx.regionCode),
  ]);
  return {
    regionCode: ctx.regionCode,
    regionName: region.name,
    asOf: date,
    limits: region.limits,
    registry,
    people,
    duties,
    workload,
    indicators,
  };
}
