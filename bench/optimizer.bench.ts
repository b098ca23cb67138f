/**
 * Quota optimizer benchmark (issue 13 item 7): 60 and 3,000 generated units of one category, the fixed total being the
 * present Σ quota, a maximum move of 5 per unit, never below the actual headcount, some per-unit minimums and maximums.
 * Prints the optimizer's time and objective (Σ|x − target|) beside the greedy largest-remainder baseline's, and — as a
 * reference for the formulation chosen — HiGHS on the textbook linearization (d ≥ x − t, d ≥ t − x) of the same MILP.
 * Then the same units with a 编制周转池 of n/3 places offered on top (`fromPool`) and no maximum move (with the move of 5
 * every unit under its target is already at its cap, so no pool place could help): time, objective, places used.
 *
 * Usage: npm run bench:optimizer [-- 60 3000]
 */
import {
  boundsOf,
  highsLoader,
  optimizeQuotaAllocation,
  workloadTargets,
  type QuotaOptimizationInput,
} from '../src/analysis/quota-optimizer.js';

/** mulberry32: a deterministic generator so that every run solves the same instances. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function instance(n: number, seed: number): QuotaOptimizationInput {
  const rnd = random(seed);
  const units = Array.from({ length: n }, (_, i) => {
    const current = 5 + Math.floor(rnd() * 56);
    const actual = Math.floor(current * (0.7 + 0.3 * rnd()));
    const workload = Math.round(current * Math.exp((rnd() - 0.5) * 1.4) * 100);
    const min = rnd() < 0.2 ? Math.max(0, current - 3) : undefined;
    const max = rnd() < 0.2 ? current + 2 : undefined;
    return { institutionId: `u${i}`, name: `单位${i + 1}`, current, actual, workload, min, max };
  });
  const total = units.reduce((s, u) => s + u.current, 0);
  return { category: '行政编制', units, total, maxMovePerUnit: 5 };
}

/** The textbook linearized-abs MILP of the same problem, for comparison only. */
function textbookModel(input: QuotaOptimizationInput): string {
  const t = workloadTargets(input.units, input.total);
  const b = input.units.map((u) => boundsOf(u, input));
  const rows = t.flatMap((ti, i) => [` p${i}: d${i} - x${i} >= ${-ti}`, ` q${i}: d${i} + x${i} >= ${ti}`]);
  return [
    'Minimize',
    ` obj: ${t.map((_, i) => `d${i}`).join(' + ')}`,
    'Subject To',
    ` total: ${t.map((_, i) => `x${i}`).join(' + ')} = ${input.total}`,
    ...rows,
    'Bounds',
    ...b.map((bi, i) => ` ${bi.lower} <= x${i} <= ${bi.upper}`),
    'General',
    ` ${t.map((_, i) => `x${i}`).join(' ')}`,
    'End',
  ].join('\n');
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const highs = await highsLoader();
for (const n of sizes.length ? sizes : [60, 3000]) {
  const input = instance(n, n);
  const first = performance.now();
  const result = await optimizeQuotaAllocation(input);
  const firstMs = performance.now() - first;
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await optimizeQuotaAllocation(input);
    times.push(performance.now() - t0);
  }
  const moved = result.allocation.filter((a) => a.to !== a.from).length;
  console.log(
    `${n} 个单位（总数 ${input.total}）：状态 ${result.status}，首次 ${firstMs.toFixed(0)} ms（含加载 HiGHS），` +
      `之后 ${times.map((t) => t.toFixed(0)).join(' / ')} ms；目标值 ${result.objective.toFixed(3)}，` +
      `贪心最大余数法 ${result.greedy.objective.toFixed(3)}；调整 ${moved} 个单位`,
  );
  const t0 = performance.now();
  const ref = highs.solve(textbookModel(input), { output_flag: false, mip_rel_gap: 0, time_limit: 60 });
  console.log(
    `  参照（教科书式线性化 d≥±(x−t)）：${ref.Status}，${(performance.now() - t0).toFixed(0)} ms，目标值 ${ref.ObjectiveValue.toFixed(3)}`,
  );
  // with the 编制周转池: n/3 more places offered; the units' total may end anywhere from Σ current to Σ current + pool
  const fromPool = Math.round(n / 3);
  const pooled = { ...input, total: input.total + fromPool, fromPool, maxMovePerUnit: undefined };
  const pooledTimes: number[] = [];
  let pooledResult = await optimizeQuotaAllocation(pooled);
  for (let r = 0; r < 3; r++) {
    const t1 = performance.now();
    pooledResult = await optimizeQuotaAllocation(pooled);
    pooledTimes.push(performance.now() - t1);
  }
  console.log(
    `  含编制周转池 ${fromPool} 名（不限调整幅度）：状态 ${pooledResult.status}，${pooledTimes.map((t) => t.toFixed(0)).join(' / ')} ms；` +
      `目标值 ${pooledResult.objective.toFixed(3)}，贪心最大余数法 ${pooledResult.greedy.objective.toFixed(3)}；使用周转池 ${pooledResult.poolUsed} 名`,
  );
}
