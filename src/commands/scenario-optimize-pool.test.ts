import { describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { quotaKey } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { applyScenario, approveScenario, optimizeScenario, submitScenario } from './scenarios.js';

// 区生态环境分局 10, 区水务局 8, 区统计局 5 行政编制 (总额 25); workload 17:6 between the first two
const { ctx, env, water, stats, as } = useScenarioDistrict();
const drafter = () => as('zhangsan', 'operator');
const input = () => ({ category: 'admin' as const, institutions: [env.id, water.id], indicator: '办件量' });
const to = (r: Awaited<ReturnType<typeof optimizeScenario>>, id: string) =>
  r.optimization.allocation.find((a) => a.institutionId === id)!.to;

async function givenWorkload() {
  const { rows } = await ctx.pool.query(`SELECT 1 FROM workload_indicators WHERE region_code = $1`, [ctx.regionCode]);
  if (rows.length) return;
  for (const [id, value] of [
    [env.id, 17_000],
    [water.id, 6_000],
  ] as const)
    await ctx.pool.query(
      `INSERT INTO workload_indicators (region_code, institution_id, year, indicator, value) VALUES ($1, $2, 2025, '办件量', $3)`,
      [ctx.regionCode, id, value],
    );
}

/** 区统计局's 5 vacant places go into the 编制周转池 (once). */
async function givenPoolOfFive() {
  const before = await readRegistry(ctx.pool, ctx.regionCode);
  if (before.pool.balance.admin) return;
  const adj = await createAdjustment(ctx, {
    docNumber: '区编〔2025〕3号',
    title: '收回统计局空编',
    effectiveOn: '2025-06-01',
    items: [{ op: 'reclaim_to_pool', institutionId: stats.id, category: 'admin', amount: 5 }],
  });
  await applyAdjustment(ctx, adj.id, { allowUnapproved: true });
}

describe('编制优化 with the 编制周转池', () => {
  it('Given an empty pool When optimized with usePool Then the same allocation and items as without', async () => {
    // Given
    await givenWorkload();
    expect((await readRegistry(ctx.pool, ctx.regionCode)).pool.balance.admin).toBeUndefined();
    // When
    const without = await optimizeScenario(drafter(), { ...input(), name: '不用周转池' });
    const withPool = await optimizeScenario(drafter(), { ...input(), name: '用周转池(空)', usePool: true });
    // Then: targets 13.3 and 4.7 of 18 either way
    expect(withPool.optimization.poolUsed).toBe(0);
    expect(withPool.optimization.allocation.map((a) => a.to)).toEqual(without.optimization.allocation.map((a) => a.to));
    expect(withPool.items).toEqual(without.items);
    expect(withPool.items.every((i) => i.op === 'set_quota')).toBe(true);
  });

  it('Given a pool of 5 When optimized with usePool Then 5 more are placed, taken from the pool first, and the saved scenario evaluates and applies with the pool emptied by exactly 5', async () => {
    // Given
    await givenWorkload();
    await givenPoolOfFive();
    // When: 10 + 8 + 5 = 23 to place at 17:6
    const r = await optimizeScenario(drafter(), { ...input(), name: '用周转池调剂', usePool: true });
    // Then
    expect([to(r, env.id), to(r, water.id)]).toEqual([17, 6]);
    expect(r.optimization.poolUsed).toBe(5);
    expect(r.items).toEqual([
      { op: 'allocate_from_pool', institutionId: env.id, category: 'admin', amount: 5 },
      { op: 'set_quota', institutionId: env.id, category: 'admin', approved: 17 },
      { op: 'set_quota', institutionId: water.id, category: 'admin', approved: 6 },
    ]);
    expect(r.scenario.necessity).toContain('另有编制周转池5名可用');
    expect(r.scenario.necessity).toContain('从周转池使用5名，0名留在池中');
    expect(r.scenario.basis).toContain('其中5名由编制周转池核拨。');
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.quota).toContainEqual(
      expect.objectContaining({ category: 'admin', before: 23, after: 23, total: 25, poolBefore: 5, poolAfter: 0 }),
    );
    // and applied, the pool holds exactly 5 fewer
    await submitScenario(drafter(), r.scenario.id);
    await approveScenario(as('wangwu', 'approver'), r.scenario.id);
    await applyScenario(as('zhaoliu', 'operator'), r.scenario.id, {
      docNumber: '区编〔2026〕20号',
      effectiveOn: '2026-01-01',
    });
    const after = await readRegistry(ctx.pool, ctx.regionCode);
    expect(after.pool.balance.admin ?? 0).toBe(0);
    expect(after.quotas.get(quotaKey(env.id, 'admin'))).toBe(17);
    expect(after.quotas.get(quotaKey(water.id, 'admin'))).toBe(6);
  });
});

describe('编制优化 with part of the pool', () => {
  it('Given a pool of 5 When at most 2 of it may be used Then 2 are used and 3 stay; more than the pool is refused', async () => {
    // Given: a fresh pool (the test above emptied it): 2 vacant places of 区水务局 taken back
    await givenWorkload();
    const adj = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕21号',
      title: '收回水务局空编',
      effectiveOn: '2026-01-02',
      items: [{ op: 'reclaim_to_pool', institutionId: water.id, category: 'admin', amount: 4 }],
    });
    await applyAdjustment(ctx, adj.id, { allowUnapproved: true });
    // 区生态环境分局 17, 区水务局 2, pool 4
    // When: 19 + 1 = 20 at 17:6 → targets 14.8 and 5.2
    const r = await optimizeScenario(drafter(), {
      ...input(),
      name: '用周转池1名',
      usePool: true,
      poolAmount: 1,
      allowBelowActual: true,
    });
    // Then: only one place comes from the pool; the evaluation shows the pool falling by what is used
    expect(r.optimization.poolUsed).toBe(1);
    expect(r.optimization.allocation.reduce((n, a) => n + a.to, 0)).toBe(20);
    expect(r.items.filter((i) => i.op === 'allocate_from_pool')).toEqual([
      { op: 'allocate_from_pool', institutionId: water.id, category: 'admin', amount: 1 },
    ]);
    expect(r.scenario.necessity).toContain('另有编制周转池1名可用（池中共4名）');
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.quota).toContainEqual(expect.objectContaining({ poolBefore: 4, poolAfter: 3 }));
    // more than the pool holds, or a pool amount without usePool, is refused in Chinese
    await expect(
      optimizeScenario(drafter(), { ...input(), name: '过多', usePool: true, poolAmount: 5 }),
    ).rejects.toThrow(/编制周转池中行政编制只有4名，不足以使用5名/);
    await expect(optimizeScenario(drafter(), { ...input(), name: '未选', poolAmount: 1 })).rejects.toThrow(
      /指定周转池名额时须选择使用编制周转池/,
    );
  });
});
