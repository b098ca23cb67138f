import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { foldLedger, quotaKey, type LedgerAdjustment } from '../domain/ledger.js';
import {
  deviation,
  optimizeQuotaAllocation,
  reallocationItems,
  workloadTargets,
  type QuotaOptimizationInput,
  type QuotaOptimizationUnit,
} from './quota-optimizer.js';

const unit = (i: number, u: Partial<QuotaOptimizationUnit>): QuotaOptimizationUnit => ({
  institutionId: `inst-${i}`,
  name: `单位${i}`,
  current: 0,
  actual: 0,
  workload: 0,
  ...u,
});

/**
 * Every allocation of `total` (with pool places: of total − fromPool up to total) that satisfies the input's bounds,
 * and the least deviation among them.
 */
function bruteForce(input: QuotaOptimizationInput): number | null {
  const targets = workloadTargets(input.units, input.total);
  const k = input.maxMovePerUnit;
  const ranges = input.units.map((u) => {
    const lo = Math.max(0, u.min ?? 0, input.allowBelowActual ? 0 : u.actual, k === undefined ? 0 : u.current - k);
    const hi = Math.min(input.total, u.max ?? Infinity, k === undefined ? Infinity : u.current + k);
    return [lo, hi] as const;
  });
  let best: number | null = null;
  const x: number[] = [];
  const walk = (i: number, left: number) => {
    if (i === ranges.length) {
      if (left <= (input.fromPool ?? 0)) {
        const d = deviation(x, targets);
        if (best === null || d < best) best = d;
      }
      return;
    }
    const [lo, hi] = ranges[i]!;
    for (let v = lo; v <= Math.min(hi, left); v++) {
      x.push(v);
      walk(i + 1, left - v);
      x.pop();
    }
  };
  walk(0, input.total);
  return best;
}

function holds(input: QuotaOptimizationInput, to: number[]) {
  const sum = to.reduce((s, v) => s + v, 0);
  expect(sum).toBeLessThanOrEqual(input.total);
  expect(sum).toBeGreaterThanOrEqual(input.total - (input.fromPool ?? 0));
  input.units.forEach((u, i) => {
    const v = to[i]!;
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    if (u.min !== undefined) expect(v).toBeGreaterThanOrEqual(u.min);
    if (u.max !== undefined) expect(v).toBeLessThanOrEqual(u.max);
    if (!input.allowBelowActual) expect(v).toBeGreaterThanOrEqual(u.actual);
    if (input.maxMovePerUnit !== undefined) expect(Math.abs(v - u.current)).toBeLessThanOrEqual(input.maxMovePerUnit);
  });
}

const unitArb = (maxQuota: number) =>
  fc
    .record({
      current: fc.integer({ min: 0, max: maxQuota }),
      actualShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
      workload: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })),
      min: fc.option(fc.integer({ min: 0, max: maxQuota }), { nil: undefined }),
      maxExtra: fc.option(fc.integer({ min: 0, max: maxQuota }), { nil: undefined }),
    })
    .map(({ current, actualShare, workload, min, maxExtra }) => ({
      current,
      actual: Math.floor(current * actualShare),
      workload,
      min,
      max: maxExtra === undefined ? undefined : (min ?? 0) + maxExtra,
    }));

const inputArb = (units: { min: number; max: number }, maxQuota: number, totalMax: number) =>
  fc
    .record({
      units: fc.array(unitArb(maxQuota), { minLength: units.min, maxLength: units.max }),
      total: fc.integer({ min: 0, max: totalMax }),
      maxMovePerUnit: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      allowBelowActual: fc.boolean(),
    })
    .map(({ units: us, ...rest }) => ({
      category: '行政编制',
      units: us.map((u, i) => unit(i, u)),
      ...rest,
    }));

describe('optimizeQuotaAllocation', () => {
  it('Given small random cases, when optimized, then the MILP optimum equals brute force and beats or ties greedy', async () => {
    let optimal = 0;
    await fc.assert(
      fc.asyncProperty(inputArb({ min: 3, max: 5 }, 6, 15), async (input) => {
        const result = await optimizeQuotaAllocation(input);
        const best = bruteForce(input);
        if (best === null) {
          expect(result.status).toBe('infeasible');
          expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
          return;
        }
        optimal++;
        expect(result.status).toBe('optimal');
        expect(result.objective).toBeCloseTo(best, 6);
        holds(
          input,
          result.allocation.map((a) => a.to),
        );
        holds(input, result.greedy.allocation);
        expect(result.objective).toBeLessThanOrEqual(result.greedy.objective + 1e-9);
      }),
      { numRuns: 300, seed: 13 },
    );
    // the generator must give feasible cases often enough for the comparison to mean something
    expect(optimal).toBeGreaterThan(50);
  }, 120_000);

  it('Given larger random cases, when optimized, then every constraint holds and the objective is at most greedy', async () => {
    await fc.assert(
      fc.asyncProperty(inputArb({ min: 20, max: 80 }, 40, 2000), async (input) => {
        // a total inside the bounds, so that most cases are feasible
        input.total = input.units.reduce((s, u) => s + u.current, 0);
        const result = await optimizeQuotaAllocation(input);
        if (result.status === 'infeasible') {
          expect(result.reason).toMatch(/无法/);
          return;
        }
        holds(
          input,
          result.allocation.map((a) => a.to),
        );
        holds(input, result.greedy.allocation);
        expect(result.objective).toBeLessThanOrEqual(result.greedy.objective + 1e-9);
        for (const a of result.allocation) {
          expect(a.explanation.startsWith(`${a.name}：`)).toBe(true);
          expect(a.explanation).toMatch(/应得.*名。.*调整后人均工作量/);
        }
        expect(result.objective).toBeCloseTo(
          deviation(
            result.allocation.map((a) => a.to),
            result.allocation.map((a) => a.target),
          ),
          6,
        );
      }),
      { numRuns: 60, seed: 7 },
    );
  }, 120_000);

  it('Given a unit whose actual headcount exceeds what the move limit allows, then infeasible naming the unit and both limits', async () => {
    const result = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [unit(1, { current: 10, actual: 10, workload: 1 }), unit(2, { current: 2, actual: 2, workload: 100 })],
      total: 12,
      maxMovePerUnit: 2,
    });
    // unit 1 may go down to 8 only by the move limit, but not below its 10 people: stays 10; unit 2 ≤ 4: total 12 ok
    expect(result.status).toBe('optimal');
    expect(result.allocation.map((a) => a.to)).toEqual([10, 2]);
    expect(result.allocation[0]!.explanation).toContain('不得低于实有人数10名');

    const over = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [unit(1, { current: 5, actual: 9, workload: 1 }), unit(2, { current: 5, actual: 1, workload: 1 })],
      total: 10,
      maxMovePerUnit: 2,
    });
    expect(over.status).toBe('infeasible');
    expect(over.reason).toBe(
      '单位1：不得低于实有人数9名，至少9名；但每单位最多增加2名（现核定5名），至多7名，无法同时满足',
    );
    expect(over.allocation).toEqual([]);
  });

  it('Given lower bounds above the total or upper bounds below it, then infeasible with the sum and the total', async () => {
    const units = [unit(1, { current: 6, actual: 6, workload: 1 }), unit(2, { current: 6, actual: 5, workload: 1 })];
    const low = await optimizeQuotaAllocation({ category: '事业编制', units, total: 10 });
    expect(low.status).toBe('infeasible');
    expect(low.reason).toContain('各单位下限合计11名');
    expect(low.reason).toContain('超过可分配总数10名');

    const high = await optimizeQuotaAllocation({
      category: '事业编制',
      units: units.map((u) => ({ ...u, max: 7 })),
      total: 15,
    });
    expect(high.reason).toBe('各单位上限合计14名（最高编制数），不足可分配总数15名，无法分配');
  });

  it('Given malformed input, then infeasible with what is wrong and no crash', async () => {
    const r = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [unit(1, { current: 1.5, workload: 1 })],
      total: 2,
    });
    expect(r.status).toBe('infeasible');
    expect(r.reason).toBe('输入有误：单位1的现核定编制数1.5不是非负整数');
    expect((await optimizeQuotaAllocation({ category: 'x', units: [], total: 0 })).reason).toContain(
      '没有参与调配的单位',
    );
  });

  it('Given an overloaded and an underloaded unit, then places move to the overloaded one, explained in Chinese', async () => {
    const result = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [
        unit(1, { name: '区市场监管局', current: 10, actual: 8, workload: 300 }),
        unit(2, { name: '区档案馆', current: 10, actual: 6, workload: 100 }),
        unit(3, { name: '区统计局', current: 10, actual: 10, workload: 200 }),
      ],
      total: 30,
      maxMovePerUnit: 3,
    });
    expect(result.status).toBe('optimal');
    // targets 15, 5, 10; moves limited to 3 each: 13, 7, 10
    expect(result.allocation.map((a) => a.to)).toEqual([13, 7, 10]);
    expect(result.objective).toBe(4);
    const [market, archive, stats] = result.allocation;
    expect(market!.explanation).toContain(
      '区市场监管局：行政编制现核定10名、实有8名，工作量300，人均工作量30（全组中位数20）',
    );
    expect(market!.explanation).toContain(
      '增加3名，核定为13名，受限于每单位最多增加3名（现核定10名），不能再增至应得数',
    );
    expect(market!.explanation).toContain('调整后人均工作量23.1');
    expect(archive!.explanation).toContain('减少3名，核定为7名');
    expect(stats!.explanation).toContain('保持10名不变，正好等于应得数');
    for (const a of result.allocation) expect(a.explanation.length).toBeGreaterThan(40);
    // greedy gets the same here: the move limits leave no choice
    expect(result.greedy).toEqual({ allocation: [13, 7, 10], objective: 4 });
  });

  it('Given a fractional split, then the optimum rounds by the largest remainder within bounds', async () => {
    const result = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [1, 1, 1].map((w, i) => unit(i, { current: 3, actual: 0, workload: w })),
      total: 10,
    });
    expect(result.allocation.map((a) => a.to).sort()).toEqual([3, 3, 4]);
    expect(result.objective).toBeCloseTo(2 * (1 / 3) + 2 / 3, 9);
  });

  it('Given a capped unit, then greedy re-apportions the rest by workload and the optimum does better', async () => {
    // targets 10·3/14, 10·4/14, 10·7/14 = 2.14, 2.86, 5; 单位2 capped at 2. Greedy clamps it and splits the other 8
    // by 3:7 (2.4, 5.6 → 2, 6): deviation 2; the optimum gives the spare place to 单位1 instead: 3, 2, 5 → 12/7.
    const result = await optimizeQuotaAllocation({
      category: '行政编制',
      units: [
        unit(1, { current: 4, workload: 3 }),
        unit(2, { current: 1, workload: 4, max: 2 }),
        unit(3, { current: 5, workload: 7, max: 6 }),
      ],
      total: 10,
      maxMovePerUnit: 2,
    });
    expect(result.allocation.map((a) => a.to)).toEqual([3, 2, 5]);
    expect(result.objective).toBeCloseTo(12 / 7, 9);
    expect(result.greedy).toEqual({ allocation: [2, 2, 6], objective: 2 });
    expect(result.allocation[1]!.explanation).toContain('受限于最高编制数2名，不能再增至应得数');
  });
});

describe('optimizeQuotaAllocation with the 编制周转池', () => {
  it('Given small random cases with pool places, when optimized, then the optimum equals brute force and uses at most the pool', async () => {
    let optimal = 0;
    let used = 0;
    await fc.assert(
      fc.asyncProperty(inputArb({ min: 2, max: 4 }, 6, 15), fc.integer({ min: 0, max: 5 }), async (input, k) => {
        // the units' current total plus a pool of k
        const fromPool = k;
        const total = input.units.reduce((s, u) => s + u.current, 0) + fromPool;
        const withPool = { ...input, total, fromPool };
        const result = await optimizeQuotaAllocation(withPool);
        const best = bruteForce(withPool);
        if (best === null) {
          expect(result.status).toBe('infeasible');
          expect(result.reason).toMatch(/无法/);
          return;
        }
        optimal++;
        expect(result.status).toBe('optimal');
        expect(result.objective).toBeCloseTo(best, 6);
        const to = result.allocation.map((a) => a.to);
        holds(withPool, to);
        holds(withPool, result.greedy.allocation);
        expect(result.objective).toBeLessThanOrEqual(result.greedy.objective + 1e-9);
        // up to k more than the units hold now, never fewer
        expect(result.poolUsed).toBe(to.reduce((s, v) => s + v, 0) - (total - fromPool));
        expect(result.poolUsed).toBeGreaterThanOrEqual(0);
        expect(result.poolUsed).toBeLessThanOrEqual(k);
        if (result.poolUsed > 0) used++;
      }),
      { numRuns: 300, seed: 29 },
    );
    expect(optimal).toBeGreaterThan(50);
    expect(used).toBeGreaterThan(20);
  }, 120_000);

  it('Given 12+8 places, workload 3:1 and 4 in the pool, when optimized, then all 4 are used and the targets are met', async () => {
    const units = [
      unit(1, { name: '区市场监管局', current: 12, actual: 10, workload: 300 }),
      unit(2, { name: '区档案馆', current: 8, actual: 5, workload: 100 }),
    ];
    const without = await optimizeQuotaAllocation({ category: '行政编制', units, total: 20 });
    const withPool = await optimizeQuotaAllocation({ category: '行政编制', units, total: 24, fromPool: 4 });
    // without: targets 15 and 5; with the pool: 18 and 6, reached exactly
    expect(without.allocation.map((a) => a.to)).toEqual([15, 5]);
    expect(without.poolUsed).toBe(0);
    expect(withPool.allocation.map((a) => a.to)).toEqual([18, 6]);
    expect(withPool.poolUsed).toBe(4);
    expect(withPool.objective).toBe(0);
  });

  it('Given a cap on the busy unit, when optimized with the pool, then only what brings units nearer their targets is used', async () => {
    const units = [
      unit(1, { current: 12, actual: 10, workload: 300, max: 16 }),
      unit(2, { current: 8, actual: 5, workload: 100 }),
    ];
    const r = await optimizeQuotaAllocation({ category: '行政编制', units, total: 24, fromPool: 4 });
    // targets 18 and 6: the busy unit stops at 16, the other goes to its target; 2 places stay in the pool
    expect(r.allocation.map((a) => a.to)).toEqual([16, 6]);
    expect(r.poolUsed).toBe(2);
    expect(r.allocation[0]!.explanation).toContain('受限于最高编制数16名');
  });

  it('Given upper bounds below the units current total, when optimized with the pool, then infeasible naming what must be placed', async () => {
    const units = [unit(1, { current: 6, workload: 1, max: 5 }), unit(2, { current: 6, workload: 1, max: 5 })];
    const r = await optimizeQuotaAllocation({ category: '行政编制', units, total: 15, fromPool: 3 });
    expect(r.reason).toBe('各单位上限合计10名（最高编制数），不足须分配的现有编制（周转池名额可以不用）12名，无法分配');
  });
});

describe('reallocationItems', () => {
  const adj = (docNumber: string, items: LedgerAdjustment['items']): LedgerAdjustment => ({
    id: docNumber,
    docNumber,
    effectiveOn: '2025-01-01',
    items,
  });

  it('Given any reallocation taking up to the pool, when its items are folded, then every unit holds its new figure and the pool fell by exactly what was used', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 20 }), to: fc.integer({ min: 0, max: 20 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 5 }),
        (rows, spare) => {
          const before = rows.reduce((s, r) => s + r.from, 0);
          const after = rows.reduce((s, r) => s + r.to, 0);
          fc.pre(after >= before);
          const poolUsed = after - before;
          const units = rows.map((_, i) => createInstitutionItem(`单位${i}`));
          // a reserve unit whose vacant places fill the pool: what is used and a spare
          const reserve = createInstitutionItem('储备单位');
          const allocation = rows.map((r, i) => ({ institutionId: units[i]!.id, ...r }));
          const { items, fromPool } = reallocationItems(allocation, 'admin', poolUsed);
          const setup = [
            ...units,
            reserve,
            ...rows.flatMap((r, i) => (r.from ? [setQuotaItem(units[i]!.id, 'admin', r.from)] : [])),
            setQuotaItem(reserve.id, 'admin', poolUsed + spare + 1),
          ];
          const reclaim = adj('收回', [
            { op: 'reclaim_to_pool', institutionId: reserve.id, category: 'admin', amount: poolUsed + spare + 1 },
          ]);
          const before_ = foldLedger([adj('初始导入', setup), reclaim]);
          const s = foldLedger([adj('初始导入', setup), reclaim, ...(items.length ? [adj('方案', items)] : [])]);
          allocation.forEach((a) => expect(s.quotas.get(quotaKey(a.institutionId, 'admin')) ?? 0).toBe(a.to));
          expect(s.pool.balance.admin ?? 0).toBe((before_.pool.balance.admin ?? 0) - poolUsed);
          expect([...fromPool.values()].reduce((n, v) => n + v, 0)).toBe(poolUsed);
          // only units that gain take from the pool, never more than they gain
          for (const a of allocation)
            expect(fromPool.get(a.institutionId) ?? 0).toBeLessThanOrEqual(Math.max(0, a.to - a.from));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('Given no pool used, then the items are the 核定编制 of each unit that changes, as without the pool', () => {
    const { items, fromPool } = reallocationItems(
      [
        { institutionId: 'a', from: 10, to: 12 },
        { institutionId: 'b', from: 8, to: 6 },
        { institutionId: 'c', from: 3, to: 3 },
      ],
      'admin',
      0,
    );
    expect(items).toEqual([
      { op: 'set_quota', institutionId: 'a', category: 'admin', approved: 12 },
      { op: 'set_quota', institutionId: 'b', category: 'admin', approved: 6 },
    ]);
    expect(fromPool.size).toBe(0);
  });

  it('Given 3 from the pool and gains of 2 and 4, then the first gain is all 核拨, the second partly, then set', () => {
    const { items } = reallocationItems(
      [
        { institutionId: 'a', from: 10, to: 12 },
        { institutionId: 'b', from: 8, to: 4 },
        { institutionId: 'c', from: 3, to: 7 },
      ],
      'admin',
      3,
    );
    expect(items).toEqual([
      { op: 'allocate_from_pool', institutionId: 'a', category: 'admin', amount: 2 },
      { op: 'set_quota', institutionId: 'b', category: 'admin', approved: 4 },
      { op: 'allocate_from_pool', institutionId: 'c', category: 'admin', amount: 1 },
      { op: 'set_quota', institutionId: 'c', category: 'admin', approved: 7 },
    ]);
  });
});
