import { describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { quotaKey } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { applyScenario, approveScenario, optimizeScenario, submitScenario } from './scenarios.js';

// 区生态环境分局 10, 区水务局 8, 区统计局 5 行政编制 (总额 25); workload 17:6 between the first two
const { ctx, env, water, stats, as, givenWorkload: workload, givenReclaimed } = useScenarioDistrict();
const drafter = () => as('zhangsan', 'operator');
const input = () => ({ category: 'admin' as const, institutions: [env.id, water.id], indicator: '办件量' });
const to = (r: Awaited<ReturnType<typeof optimizeScenario>>, id: string) =>
  r.optimization.allocation.find((a) => a.institutionId === id)!.to;

/** 17:6 办件量 between 区生态环境分局 and 区水务局, written once. */
async function givenWorkload() {
  const { rows } = await ctx.pool.query(`SELECT 1 FROM workload_indicators WHERE region_code = $1`, [ctx.regionCode]);
  if (!rows.length)
    await workload([
      [env.id, 17_000],
      [water.id, 6_000],
    ]);
}

/** 区统计局's 5 vacant places go into the 编制周转池 (once). */
async function givenPoolOfFive() {
  const before = await readRegistry(ctx.pool, ctx.regionCode);
  if (before.pool.balance.admin) return;
  await givenReclaimed(stats.id, 5, '区编〔2025〕3号', '2025-06-01');
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
