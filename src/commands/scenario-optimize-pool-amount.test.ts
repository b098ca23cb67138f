import { describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { optimizeScenario } from './scenarios.js';

// 区生态环境分局 10, 区水务局 8, 区统计局 5 行政编制 (总额 25); workload 17:6 between the first two
const { env, water, stats, as, givenWorkload: workload, givenReclaimed } = useScenarioDistrict();
const drafter = () => as('zhangsan', 'operator');
const input = () => ({ category: 'admin' as const, institutions: [env.id, water.id], indicator: '办件量' });

describe('编制优化 with part of the pool', () => {
  it('Given a pool of 4 When at most 1 of it may be used Then 1 is used and 3 stay; more than the pool is refused', async () => {
    // Given: 4 of 区统计局's vacant places taken back into the pool
    await workload([
      [env.id, 17_000],
      [water.id, 6_000],
    ]);
    await givenReclaimed(stats.id, 4, '区编〔2026〕21号', '2026-01-02');
    // 区生态环境分局 10, 区水务局 8, pool 4
    // When: 18 + 1 = 19 at 17:6 → targets 14.0 and 5.0
    const r = await optimizeScenario(drafter(), {
      ...input(),
      name: '用周转池1名',
      usePool: true,
      poolAmount: 1,
      allowBelowActual: true,
    });
    // Then: only one place comes from the pool, to the unit that gains (14 and 5); the evaluation shows the pool falling by what is used
    expect(r.optimization.poolUsed).toBe(1);
    expect(r.optimization.allocation.map((a) => a.to)).toEqual([14, 5]);
    expect(r.items.filter((i) => i.op === 'allocate_from_pool')).toEqual([
      { op: 'allocate_from_pool', institutionId: env.id, category: 'admin', amount: 1 },
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
