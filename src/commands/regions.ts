import { z } from 'zod';
import { regionName, validateRegionCode } from '../domain/codes.js';
import { quotaCategorySchema } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { notFound, validationFailed } from '../domain/errors.js';
import { findRegion, listRegions, upsertRegion, type RegionRow } from '../store/regions.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import { recordLimits } from './adjustments.js';
import { todayIso, type CommandContext } from './context.js';

export const regionLimitsSchema = z.object({
  partyGovInstitutionCap: z.number().int().min(0).optional(),
  quotaTotals: z.partialRecord(quotaCategorySchema, z.number().int().min(0)).optional(),
  noIncrease: z.array(quotaCategorySchema).optional(),
});

/**
 * Registers (or renames) the district the deployment holds; the code must be a GB/T 2260 code. Limits given here are
 * recorded as a 上级核定 adjustment (`approvalDocNumber`, effective `effectiveOn` or today): they change in no other way.
 */
export async function defineRegion(
  ctx: Pick<CommandContext, 'pool' | 'actor'> & Partial<Pick<CommandContext, 'today'>>,
  input: {
    regionCode: string;
    name?: string;
    limits?: z.infer<typeof regionLimitsSchema>;
    approvalDocNumber?: string;
    effectiveOn?: string;
  },
): Promise<RegionRow> {
  const reason = validateRegionCode(input.regionCode);
  if (reason) throw validationFailed(reason);
  const limits = regionLimitsSchema.parse(input.limits ?? {});
  const named = { regionCode: input.regionCode, name: input.name ?? regionName(input.regionCode)! };
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, named.regionCode);
    const before = await upsertRegion(tx, named);
    await appendAudit(tx, named.regionCode, {
      actor: ctx.actor,
      action: before ? 'region.update' : 'region.create',
      entity: 'region',
      entityId: named.regionCode,
      before,
      after: named,
    });
    if (limits.partyGovInstitutionCap !== undefined || limits.quotaTotals || limits.noIncrease) {
      await recordLimits(
        { pool: ctx.pool, actor: ctx.actor, regionCode: named.regionCode, today: ctx.today ?? todayIso() },
        {
          approvalDocNumber: input.approvalDocNumber ?? '上级核定(初始设定)',
          effectiveOn: input.effectiveOn,
          ...limits,
        },
        { tx },
      );
    }
    return (await findRegion(tx, named.regionCode))!;
  });
}

export async function findDistrict(
  ctx: Pick<CommandContext, 'pool'>,
  regionCode?: string,
): Promise<RegionRow | undefined> {
  if (regionCode) return findRegion(ctx.pool, regionCode);
  return (await listRegions(ctx.pool))[0];
}

/** The district this deployment serves: code, name and limits (every role may read them). */
export async function districtProfile(ctx: Pick<CommandContext, 'pool' | 'regionCode'>): Promise<RegionRow> {
  const region = await findRegion(ctx.pool, ctx.regionCode);
  if (!region) throw notFound(`行政区划 ${ctx.regionCode} `);
  return region;
}
