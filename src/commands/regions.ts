import { z } from 'zod';
import { regionName, validateRegionCode } from '../domain/codes.js';
import { quotaCategorySchema } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { notFound, validationFailed } from '../domain/errors.js';
import { findRegion, listRegions, upsertRegion, type RegionRow } from '../store/regions.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';

export const regionLimitsSchema = z.object({
  partyGovInstitutionCap: z.number().int().min(0).optional(),
  quotaTotals: z.partialRecord(quotaCategorySchema, z.number().int().min(0)).optional(),
});

/** Registers (or updates) the district the deployment holds; the code must be a GB/T 2260 code. */
export async function defineRegion(
  ctx: Pick<CommandContext, 'pool' | 'actor'>,
  input: { regionCode: string; name?: string; limits?: z.infer<typeof regionLimitsSchema> },
): Promise<RegionRow> {
  const reason = validateRegionCode(input.regionCode);
  if (reason) throw validationFailed(reason);
  const limits = regionLimitsSchema.parse(input.limits ?? {});
  const row: RegionRow = { regionCode: input.regionCode, name: input.name ?? regionName(input.regionCode)!, limits };
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, row.regionCode);
    const before = await upsertRegion(tx, row);
    await appendAudit(tx, row.regionCode, {
      actor: ctx.actor,
      action: before ? 'region.update' : 'region.create',
      entity: 'region',
      entityId: row.regionCode,
      before,
      after: row,
    });
    return row;
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
