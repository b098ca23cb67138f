/**
 * The small district the 方案 tests start from, on the test file's own database: 区生态环境分局 (10), 区水务局 (8),
 * 区统计局 (5) 行政编制, applied in 区编〔2024〕1号; a 机构限额 of 3 and a 行政编制 总额 of 25. The institutions' items
 * (with their ids) are there at once; the district is written before the file's tests (and before hooks registered
 * after this call). `as` is the context of a user in a role.
 */
import { beforeAll } from 'vitest';
import { applyAdjustment, createAdjustment, recordLimits } from '../src/commands/adjustments.js';
import type { CommandContext } from '../src/commands/context.js';
import type { Role } from '../src/domain/vocabulary.js';
import { useTestContext } from './context.js';
import { createInstitutionItem, setQuotaItem } from './factories.js';

export function useScenarioDistrict() {
  const { ctx, database } = useTestContext();
  const env = createInstitutionItem('区生态环境分局');
  const water = createInstitutionItem('区水务局');
  const stats = createInstitutionItem('区统计局');
  beforeAll(async () => {
    const base = await createAdjustment(ctx, {
      docNumber: '区编〔2024〕1号',
      title: '初始',
      effectiveOn: '2024-01-01',
      items: [
        env,
        water,
        stats,
        setQuotaItem(env.id, 'admin', 10),
        setQuotaItem(water.id, 'admin', 8),
        setQuotaItem(stats.id, 'admin', 5),
      ],
    });
    await applyAdjustment(ctx, base.id, { allowUnapproved: true });
    await recordLimits(ctx, {
      approvalDocNumber: '市编〔2024〕1号',
      partyGovInstitutionCap: 3,
      quotaTotals: { admin: 25 },
    });
  });
  const as = (actor: string, role: Role): CommandContext => ({
    ...ctx,
    actor,
    access: { role, scope: async () => undefined },
  });
  /** 办件量 of 2025 for the given units (the optimizer's workload indicator). */
  const givenWorkload = async (rows: [string, number][]) => {
    for (const [id, value] of rows)
      await ctx.pool.query(
        `INSERT INTO workload_indicators (region_code, institution_id, year, indicator, value) VALUES ($1, $2, 2025, '办件量', $3)`,
        [ctx.regionCode, id, value],
      );
  };
  /** Vacant 行政编制 of a unit taken back into the 编制周转池, carried out at once. */
  const givenReclaimed = async (institutionId: string, amount: number, docNumber: string, effectiveOn: string) => {
    const adj = await createAdjustment(ctx, {
      docNumber,
      title: '收回空编',
      effectiveOn,
      items: [{ op: 'reclaim_to_pool', institutionId, category: 'admin', amount }],
    });
    await applyAdjustment(ctx, adj.id, { allowUnapproved: true });
  };
  return { ctx, database, env, water, stats, as, givenWorkload, givenReclaimed };
}
