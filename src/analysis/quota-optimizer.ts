/**
 * Quota optimizer (issue 13 item 7): an integer reallocation of a fixed total of one quota category across chosen
 * units, towards targets proportional to workload, within per-unit bounds, minimizing the total absolute deviation
 * from target. Solved as a MILP by HiGHS (the `highs` package: HiGHS compiled to WebAssembly, loaded from
 * node_modules, no network). Beside it, the greedy largest-remainder baseline a 编办 would compute by hand.
 *
 * The absolute value is linearized piecewise: Σ|x − t| is separable and convex in each integer x, so between integer
 * breakpoints it is linear. x_i = L_i + a_i + b_i + c_i with a_i the steps up to ⌊t_i⌋ (each lowers the deviation by 1),
 * b_i the one step across t_i (changes it by 1 − 2·frac(t_i)) and c_i the steps beyond ⌈t_i⌉ (each raises it by 1).
 * Convexity makes the solver fill the segments in order, so this is an exact MILP of min Σ|x_i − t_i|. Its LP
 * relaxation is a fractional knapsack with at most one fractional variable. HiGHS solves the textbook form
 * (d_i ≥ x_i − t_i, d_i ≥ t_i − x_i) to the same objective too, somewhat slower in our runs at 3,000 units
 * (bench/optimizer.bench.ts prints both; figures in bench/RESULTS.md).
 *
 * With the 编制周转池 (`fromPool` places of the total come from the pool) the targets are shares of the whole total, and
 * the units' new total may lie anywhere from total − fromPool (the units' current total: nothing goes back into the pool)
 * to total: a pool place no unit may take (upper bounds) or that would only add deviation (rounding) stays in the pool.
 * The sum constraint becomes a range; nothing else changes.
 */
import highsModule, { type Highs, type InitOptions } from 'highs';
import type { AdjustmentItem } from '../domain/ledger.js';
import type { QuotaCategory } from '../domain/vocabulary.js';

export interface QuotaOptimizationUnit {
  institutionId: string;
  name: string;
  /** Quota held now (核定编制数). */
  current: number;
  /** People in post now (实有人数). */
  actual: number;
  /** Workload measure; targets are proportional to it. */
  workload: number;
  min?: number;
  max?: number;
}

export interface QuotaOptimizationInput {
  category: string;
  units: QuotaOptimizationUnit[];
  /** The fixed total to distribute (e.g. Σ current, optionally plus the pool). */
  total: number;
  /** At most this many places added to or taken from one unit. */
  maxMovePerUnit?: number;
  /** Allow a unit's quota below its actual headcount (超编). Default false. */
  allowBelowActual?: boolean;
  /**
   * Places of `total` that come from the 编制周转池 (default 0): those the optimum has no use for stay there, so the units'
   * new total lies in [total − fromPool, total].
   */
  fromPool?: number;
}

export interface QuotaAllocation {
  institutionId: string;
  name: string;
  from: number;
  to: number;
  target: number;
  explanation: string;
}

export interface QuotaOptimizationResult {
  status: 'optimal' | 'infeasible';
  reason?: string;
  allocation: QuotaAllocation[];
  objective: number;
  /** Of the `fromPool` places, how many the allocation uses (0 without the pool). */
  poolUsed: number;
  greedy: { allocation: number[]; objective: number };
}

/**
 * The package is typed as CommonJS with `export default` while Node loads its ESM build (whose default export is the
 * loader itself); take whichever the runtime gives.
 */
type HighsLoader = (options?: InitOptions) => Promise<Highs>;
export const highsLoader: HighsLoader =
  (highsModule as unknown as { default?: HighsLoader }).default ?? (highsModule as unknown as HighsLoader);
let highsInstance: Promise<Highs> | undefined;
/** HiGHS is loaded once per process (the wasm module takes ~100 ms to instantiate). */
function loadHighs(): Promise<Highs> {
  return (highsInstance ??= highsLoader());
}

/** Why a unit's range is what it is: the constraint behind each bound, in Chinese. */
export interface UnitBounds {
  lower: number;
  upper: number;
  lowerWhy: string;
  upperWhy: string;
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

function validate(input: QuotaOptimizationInput): string | null {
  if (!input.units.length) return '没有参与调配的单位';
  if (!isCount(input.total)) return `可分配总数${input.total}不是非负整数`;
  const fromPool = input.fromPool ?? 0;
  if (!isCount(fromPool)) return `周转池名额${fromPool}不是非负整数`;
  if (fromPool > input.total) return `周转池名额${fromPool}超过可分配总数${input.total}`;
  if (input.maxMovePerUnit !== undefined && !isCount(input.maxMovePerUnit))
    return `每单位最大调整数${input.maxMovePerUnit}不是非负整数`;
  const seen = new Set<string>();
  for (const u of input.units) {
    if (seen.has(u.institutionId)) return `单位${u.name}重复出现`;
    seen.add(u.institutionId);
    if (!isCount(u.current)) return `${u.name}的现核定编制数${u.current}不是非负整数`;
    if (!isCount(u.actual)) return `${u.name}的实有人数${u.actual}不是非负整数`;
    if (!(Number.isFinite(u.workload) && u.workload >= 0)) return `${u.name}的工作量${u.workload}不是非负数`;
    if (u.min !== undefined && !isCount(u.min)) return `${u.name}的最低编制数${u.min}不是非负整数`;
    if (u.max !== undefined && !isCount(u.max)) return `${u.name}的最高编制数${u.max}不是非负整数`;
  }
  return null;
}

/** The range [lower, upper] each unit's new quota must lie in, with the constraint that sets each end. */
export function boundsOf(u: QuotaOptimizationUnit, input: QuotaOptimizationInput): UnitBounds {
  let lower = 0;
  let lowerWhy = '编制数不能为负';
  let upper = Number.POSITIVE_INFINITY;
  let upperWhy = '';
  const raise = (v: number, why: string) => {
    if (v > lower) [lower, lowerWhy] = [v, why];
  };
  const cap = (v: number, why: string) => {
    if (v < upper) [upper, upperWhy] = [v, why];
  };
  if (u.min !== undefined) raise(u.min, `最低编制数${u.min}名`);
  if (!input.allowBelowActual) raise(u.actual, `不得低于实有人数${u.actual}名`);
  const k = input.maxMovePerUnit;
  if (k !== undefined) {
    raise(u.current - k, `每单位最多减少${k}名（现核定${u.current}名）`);
    cap(u.current + k, `每单位最多增加${k}名（现核定${u.current}名）`);
  }
  if (u.max !== undefined) cap(u.max, `最高编制数${u.max}名`);
  if (upper === Number.POSITIVE_INFINITY) [upper, upperWhy] = [input.total, `可分配总数${input.total}名`];
  return { lower, upper, lowerWhy, upperWhy };
}

function infeasibility(input: QuotaOptimizationInput, bounds: UnitBounds[]): string | null {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    if (b.lower > b.upper)
      return `${input.units[i]!.name}：${b.lowerWhy}，至少${b.lower}名；但${b.upperWhy}，至多${b.upper}名，无法同时满足`;
  }
  const sumLower = bounds.reduce((s, b) => s + b.lower, 0);
  const sumUpper = bounds.reduce((s, b) => s + b.upper, 0);
  if (sumLower > input.total) {
    const why = [...new Set(bounds.filter((b) => b.lower > 0).map((b) => b.lowerWhy.replace(/\d+名.*$/, '')))];
    return `各单位下限合计${sumLower}名（${why.join('、')}），超过可分配总数${input.total}名，无法分配`;
  }
  const fromPool = input.fromPool ?? 0;
  const mustPlace = input.total - fromPool;
  if (sumUpper < mustPlace) {
    const why = [...new Set(bounds.map((b) => b.upperWhy.replace(/\d+名.*$/, '')))];
    const what = fromPool ? `须分配的现有编制（周转池名额可以不用）` : '可分配总数';
    return `各单位上限合计${sumUpper}名（${why.join('、')}），不足${what}${mustPlace}名，无法分配`;
  }
  return null;
}

/**
 * Targets proportional to workload. With no workload recorded at all, the present proportions of quota are the only
 * information, so they are kept; with no quota either, the total is shared equally.
 */
export function workloadTargets(units: QuotaOptimizationUnit[], total: number): number[] {
  const byWorkload = units.reduce((s, u) => s + u.workload, 0);
  const byCurrent = units.reduce((s, u) => s + u.current, 0);
  if (byWorkload > 0) return units.map((u) => (total * u.workload) / byWorkload);
  if (byCurrent > 0) return units.map((u) => (total * u.current) / byCurrent);
  return units.map(() => total / units.length);
}

/** Σ|x_i − t_i|, rounded to 1e-9 so that equal allocations compare equal. */
export function deviation(allocation: number[], targets: number[]): number {
  let s = 0;
  for (let i = 0; i < allocation.length; i++) s += Math.abs(allocation[i]! - targets[i]!);
  return Math.round(s * 1e9) / 1e9;
}

/** Hamilton's method: floors, then the places left to the largest remainders (ties to the earlier unit). */
function largestRemainder(total: number, shares: number[]): number[] {
  const out = shares.map((s) => Math.floor(s + 1e-9));
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = shares.map((s, i) => ({ i, r: s - out[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let j = 0; left > 0 && order.length; j = (j + 1) % order.length, left--) out[order[j]!.i]!++;
  return out;
}

/**
 * The greedy baseline: largest-remainder apportionment of the total by workload; units whose share falls outside their
 * bounds are set to the bound and the rest re-apportioned among the others (repeated until none falls outside); any
 * place still over or short is then taken from or given to the unit furthest above or below its target that has room.
 * With pool places (`minTotal` below `total`) a shortfall down to `minTotal` is left in the pool.
 * On an infeasible input no allocation satisfies the bounds, so the plain apportionment is returned.
 */
export function greedyAllocation(
  units: QuotaOptimizationUnit[],
  total: number,
  bounds: { lower: number; upper: number }[] | null,
  minTotal = total,
): number[] {
  const targets = workloadTargets(units, total);
  if (!bounds) return largestRemainder(total, targets);
  const x = new Array<number>(units.length).fill(0);
  const fixed = new Array<boolean>(units.length).fill(false);
  for (;;) {
    const free = units.map((_, i) => i).filter((i) => !fixed[i]);
    if (!free.length) break;
    const left = total - x.reduce((s, v, i) => s + (fixed[i] ? v : 0), 0);
    const shares = workloadTargets(
      free.map((i) => units[i]!),
      Math.max(0, left),
    );
    const apportioned = largestRemainder(Math.max(0, left), shares);
    let clamped = false;
    free.forEach((i, j) => {
      const v = apportioned[j]!;
      const b = bounds[i]!;
      x[i] = Math.min(b.upper, Math.max(b.lower, v));
      if (x[i] !== v) [fixed[i], clamped] = [true, true];
    });
    if (!clamped) break;
  }
  let sum = x.reduce((s, v) => s + v, 0);
  while (sum > total || sum < minTotal) {
    const up = sum < minTotal;
    let best = -1;
    for (let i = 0; i < x.length; i++) {
      if (up ? x[i]! >= bounds[i]!.upper : x[i]! <= bounds[i]!.lower) continue;
      const gap = up ? targets[i]! - x[i]! : x[i]! - targets[i]!;
      if (best < 0 || gap > (up ? targets[best]! - x[best]! : x[best]! - targets[best]!)) best = i;
    }
    if (best < 0) break; // cannot happen when the bounds admit the total
    x[best]! += up ? 1 : -1;
    sum += up ? 1 : -1;
  }
  return x;
}

/** Number in CPLEX LP text (no exponent surprises for tiny fractions). */
const lp = (v: number) => (Math.abs(v) < 1e-12 ? '0' : Number(v.toPrecision(15)).toString());

/** The piecewise-linear MILP in CPLEX LP format; see the file comment. */
function milpModel(
  targets: number[],
  bounds: UnitBounds[],
  total: number,
  fromPool: number,
): { text: string; segments: number[][] } {
  const obj: string[] = [];
  const row: string[] = [];
  const bnd: string[] = [];
  const ints: string[] = [];
  const segments: number[][] = [];
  let rest = total;
  targets.forEach((t, i) => {
    const { lower: L, upper: U } = bounds[i]!;
    rest -= L;
    const f = Math.floor(t);
    const c = Math.ceil(t);
    const nA = Math.max(0, Math.min(f, U) - L);
    const nB = f !== c && f >= L && f < U ? 1 : 0;
    const nC = Math.max(0, U - Math.max(L, c));
    segments.push([nA, nB, nC]);
    const parts: [string, number, number][] = [
      [`a${i}`, -1, nA],
      [`b${i}`, 1 - 2 * (t - f), nB],
      [`c${i}`, 1, nC],
    ];
    for (const [name, cost, n] of parts) {
      if (!n) continue;
      obj.push(`${cost < 0 ? '-' : '+'} ${lp(Math.abs(cost))} ${name}`);
      row.push(`+ ${name}`);
      bnd.push(` 0 <= ${name} <= ${n}`);
      ints.push(name);
    }
  });
  const text = [
    'Minimize',
    ` obj: ${obj.join(' ')}`,
    'Subject To',
    ...(fromPool
      ? [` total: ${row.join(' ')} <= ${rest}`, ` placed: ${row.join(' ')} >= ${rest - fromPool}`]
      : [` total: ${row.join(' ')} = ${rest}`]),
    'Bounds',
    ...bnd,
    'General',
    ` ${ints.join(' ')}`,
    'End',
  ].join('\n');
  return { text, segments };
}

async function solveMilp(
  targets: number[],
  bounds: UnitBounds[],
  total: number,
  fromPool: number,
): Promise<number[] | null> {
  const { text, segments } = milpModel(targets, bounds, total, fromPool);
  // every unit pinned by its bounds: nothing to choose (the feasibility check made Σ lower = total)
  if (segments.every((s) => s[0]! + s[1]! + s[2]! === 0)) return bounds.map((b) => b.lower);
  const highs = await loadHighs();
  const solution = highs.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-7 });
  if (solution.Status !== 'Optimal') return null;
  const value = (name: string) => {
    const col = solution.Columns[name] as { Primal: number } | undefined;
    return col ? Math.round(col.Primal) : 0;
  };
  return segments.map((_, i) => bounds[i]!.lower + value(`a${i}`) + value(`b${i}`) + value(`c${i}`));
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (v: number) => (Math.round(v * 10) / 10).toString();
const perPerson = (workload: number, quota: number) => (quota > 0 ? workload / quota : null);
const perPersonText = (v: number | null) => (v === null ? '无编制' : fmt(v));

function explain(
  u: QuotaOptimizationUnit,
  to: number,
  target: number,
  b: UnitBounds,
  medians: { before: number | null; after: number | null },
  category: string,
  withPool: boolean,
): string {
  const before = perPerson(u.workload, u.current);
  const after = perPerson(u.workload, to);
  const head =
    `${u.name}：${category}现核定${u.current}名、实有${u.actual}名，工作量${fmt(u.workload)}，` +
    `人均工作量${perPersonText(before)}（全组中位数${perPersonText(medians.before)}）；按工作量比例应得${fmt(target)}名。`;
  const delta = to - u.current;
  const move =
    delta > 0 ? `增加${delta}名，核定为${to}名` : delta < 0 ? `减少${-delta}名，核定为${to}名` : `保持${to}名不变`;
  let why: string;
  if (to === b.lower && to > target + 1e-9) why = `受限于${b.lowerWhy}，不能再减至应得数`;
  else if (to === b.upper && to < target - 1e-9) why = `受限于${b.upperWhy}，不能再增至应得数`;
  else if (Math.abs(to - target) < 1e-9) why = '正好等于应得数';
  else if (to === Math.floor(target) || to === Math.ceil(target))
    why = withPool
      ? '为应得数取整（按余数大小确定进位；进位只会增大偏离的周转池名额留在池中）'
      : '为应得数取整（总数固定，各单位取整后合计须等于总数，按余数大小确定进位）';
  else if (to < target)
    why = '其他单位受下限（实有人数、最低编制数或最大调整幅度）约束不能再减，总数固定，可分配给本单位的名额不足应得数';
  else why = '其他单位受上限约束不能再增，总数固定，多出的名额须由本单位承担';
  const reason =
    delta === 0
      ? why
      : before !== null && medians.before !== null
        ? `${why}；调整前人均工作量${before > medians.before ? '高于' : before < medians.before ? '低于' : '等于'}全组中位数`
        : why;
  return `${head}${move}，${reason}。调整后人均工作量${perPersonText(after)}（全组中位数${perPersonText(medians.after)}）。`;
}

/** Optimize one category's quota across the given units (see the file comment). */
export async function optimizeQuotaAllocation(input: QuotaOptimizationInput): Promise<QuotaOptimizationResult> {
  const invalid = validate(input);
  if (invalid)
    return {
      status: 'infeasible',
      reason: `输入有误：${invalid}`,
      allocation: [],
      objective: 0,
      poolUsed: 0,
      greedy: { allocation: [], objective: 0 },
    };
  const { units, total } = input;
  const fromPool = input.fromPool ?? 0;
  const targets = workloadTargets(units, total);
  const bounds = units.map((u) => boundsOf(u, input));
  const reason = infeasibility(input, bounds);
  const greedyX = greedyAllocation(units, total, reason ? null : bounds, total - fromPool);
  const greedy = { allocation: greedyX, objective: deviation(greedyX, targets) };
  const none = { allocation: [], objective: 0, poolUsed: 0, greedy };
  if (reason) return { status: 'infeasible', reason, ...none };
  const x = await solveMilp(targets, bounds, total, fromPool);
  if (!x) return { status: 'infeasible', reason: 'HiGHS 未能求得最优解', ...none };
  const medians = {
    before: median(units.flatMap((u) => (u.current > 0 ? [u.workload / u.current] : []))),
    after: median(units.flatMap((u, i) => (x[i]! > 0 ? [u.workload / x[i]!] : []))),
  };
  const allocation = units.map((u, i) => ({
    institutionId: u.institutionId,
    name: u.name,
    from: u.current,
    to: x[i]!,
    target: targets[i]!,
    explanation: explain(u, x[i]!, targets[i]!, bounds[i]!, medians, input.category, fromPool > 0),
  }));
  const poolUsed = x.reduce((s, v) => s + v, 0) - (total - fromPool);
  return { status: 'optimal', allocation, objective: deviation(x, targets), poolUsed, greedy };
}

/**
 * An allocation as ledger items the fold accepts: `poolUsed` places go from the 编制周转池 to the units that gain, in
 * their order, each taking from the pool first (周转池核拨编制, relative, so the pool never goes below its balance less
 * `poolUsed`); what a unit gains beyond its pool share, and what a unit loses, is its new figure (核定编制, set after
 * its 核拨). Without the pool this is one 核定编制 per unit that changes. `fromPool` says how many each unit took.
 */
export function reallocationItems(
  allocation: Pick<QuotaAllocation, 'institutionId' | 'from' | 'to'>[],
  category: QuotaCategory,
  poolUsed: number,
): { items: AdjustmentItem[]; fromPool: Map<string, number> } {
  const items: AdjustmentItem[] = [];
  const fromPool = new Map<string, number>();
  let pool = poolUsed;
  for (const a of allocation) {
    if (a.to === a.from) continue;
    const take = Math.min(pool, Math.max(0, a.to - a.from));
    if (take > 0) {
      items.push({ op: 'allocate_from_pool', institutionId: a.institutionId, category, amount: take });
      fromPool.set(a.institutionId, take);
      pool -= take;
    }
    if (a.from + take !== a.to)
      items.push({ op: 'set_quota', institutionId: a.institutionId, category, approved: a.to });
  }
  return { items, fromPool };
}
