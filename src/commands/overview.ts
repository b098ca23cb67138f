import { computeOverview, type Overview } from '../analysis/overview.js';
import { loadStaffCounts } from '../store/roster.repository.js';
import { registryAsOf } from './adjustments.js';
import type { CommandContext } from './context.js';

export async function districtOverview(
  ctx: Pick<CommandContext, 'pool' | 'regionCode'>,
  asOf?: string,
): Promise<Overview> {
  const [registry, staff] = await Promise.all([
    registryAsOf(ctx, asOf),
    loadStaffCounts(ctx.pool, ctx.regionCode, asOf),
  ]);
  return computeOverview(registry, staff);
}
