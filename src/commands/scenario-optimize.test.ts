import { describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { optimizeScenario } from './scenarios.js';

const { env, water, as, givenWorkload: workload } = useScenarioDistrict();

describe('编制优化 with per-unit bounds', () => {
  it('Given 10+8 places and workload 3:1 When the busy unit may hold at most 12 Then it gets 12, the rest goes to the other, and the bound is told', async () => {
    // Given
    await workload([
      [env.id, 3000],
      [water.id, 1000],
    ]);
    const input = { category: 'admin' as const, institutions: [env.id, water.id], indicator: '办件量' };
    // When
    const free = await optimizeScenario(as('zhangsan', 'operator'), { ...input, name: '不设上限' });
    const bounded = await optimizeScenario(as('zhangsan', 'operator'), {
      ...input,
      name: '生态环境分局最多12名',
      bounds: [{ institutionId: env.id, max: 12 }],
    });
    // Then: unbounded, the busy unit goes above 12 (targets 13.5 and 4.5); bounded, it stops at 12
    const to = (r: typeof free, id: string) => r.optimization.allocation.find((a) => a.institutionId === id)!.to;
    expect(to(free, env.id)).toBeGreaterThan(12);
    expect([to(bounded, env.id), to(bounded, water.id)]).toEqual([12, 6]);
    expect(bounded.items).toContainEqual({ op: 'set_quota', institutionId: env.id, category: 'admin', approved: 12 });
    expect(bounded.optimization.allocation.find((a) => a.institutionId === env.id)!.explanation).toContain(
      '最高编制数12名',
    );
  });

  it('Given a minimum above the total When optimized Then refused in Chinese', async () => {
    await expect(
      optimizeScenario(as('zhangsan', 'operator'), {
        name: '不可行',
        category: 'admin',
        institutions: [env.id, water.id],
        indicator: '办件量',
        bounds: [{ institutionId: water.id, min: 30 }],
      }),
    ).rejects.toThrow(/无法按约束分配编制/);
  });
});
