/**
 * 方案 (reform scenarios, DESIGN §4): a named draft set of ledger items on a base date, private to its author until
 * shared or submitted; evaluated after every change; submitted → approved (not by its drafter) → applied as one
 * adjustment with a 文号 and an effective date, refused when what it touches changed since its base.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Snapshot } from '../analysis/snapshot.js';
import {
  evaluateScenario as evaluateOver,
  reviewOutcome,
  scenarioBase,
  type ScenarioBase,
  type ScenarioEvaluation,
  type ScenarioFindingChange,
} from '../analysis/scenario-evaluation.js';
import { diagnose } from '../analysis/diagnose.js';
import { defaultDiagnosticConfig } from '../analysis/config.js';
import { daysBetween } from '../domain/dates.js';
import { computeStatistics } from '../analysis/statistics.js';
import { addMonths } from '../domain/dates.js';
import { optimizeQuotaAllocation, reallocationItems } from '../analysis/quota-optimizer.js';
import { institutionNameIndex, quotaKey, type AdjustmentItem } from '../domain/ledger.js';
import { quotaCategoryLabels, quotaCategorySchema } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { conflict, forbidden, invariantViolated, notFound, validationFailed } from '../domain/errors.js';
import {
  appendScenarioItems,
  appliedSince,
  findScenario,
  insertScenario,
  lastAppliedSeq,
  listScenarios as listRows,
  removeScenarioItem,
  scenarioItems,
  appliedScenarios,
  updateScenario,
  type ScenarioRow,
  type ScenarioTargets,
} from '../store/scenarios.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion, type Tx } from '../store/transaction.js';
import { can } from '../domain/permissions.js';
import { scenarioApplySchema, scenarioDraftSchema, scenarioItemSchema, type ScenarioItem } from '../domain/scenario.js';
import { integrateEnforcementItems } from '../analysis/enforcement-integration.js';
import { isReporter, requirePermission } from './access.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { auditedAt, type CommandContext } from './context.js';
export type { ScenarioRow } from '../store/scenarios.repository.js';
import { loadRoster } from './people.js';
import { loadSnapshot } from './snapshot.js';
import { buildScenarioComparison, comparisonBlocks } from '../report/scenario-comparison.js';
import { renderAttachmentDocx } from '../report/report-docx.js';
import { defaultIssuer } from '../report/report-model.js';
import { tablesWorkbook } from '../io/tables-workbook.js';

export const scenarioStatusLabels = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已批准',
  applied: '已实施',
} as const;
type ScenarioStatus = keyof typeof scenarioStatusLabels;

export { scenarioApplySchema, scenarioDraftSchema, scenarioItemSchema };

function ensureDrafter(ctx: CommandContext) {
  requirePermission(ctx, 'draftAdjustments');
  if (isReporter(ctx)) throw forbidden('无权起草或办理方案:方案由编办起草,单位填报员不能起草方案');
}

/** A scenario is private to its author until shared or submitted; the 编委 sees what is submitted. */
function mayRead(ctx: CommandContext, s: ScenarioRow) {
  if (!ctx.access || s.createdBy === ctx.actor || s.shared) return true;
  return s.status !== 'draft' && can(ctx.access.role, 'decideAdjustments');
}

async function readable(ctx: CommandContext, id: string, q: Tx | CommandContext['pool'] = ctx.pool) {
  const s = await findScenario(q, ctx.regionCode, id);
  // an unshared draft of someone else is as if it did not exist
  if (!s || !mayRead(ctx, s)) throw notFound(`方案 ${id} `);
  return s;
}

async function ownDraft(ctx: CommandContext, tx: Tx, id: string) {
  const s = await readable(ctx, id, tx);
  if (s.createdBy !== ctx.actor) throw forbidden(`方案"${s.name}"由${s.createdBy}起草,只有起草人可以修改`);
  if (s.status !== 'draft') {
    throw conflict(`方案"${s.name}"当前状态为"${scenarioStatusLabels[s.status as ScenarioStatus]}",只有草稿可以修改`);
  }
  return s;
}

async function audit(ctx: CommandContext, tx: Tx, action: string, id: string, after: Record<string, unknown>) {
  await lockRegion(tx, ctx.regionCode);
  await appendAudit(tx, ctx.regionCode, {
    actor: ctx.actor,
    action,
    entity: 'scenario',
    entityId: id,
    after,
    at: auditedAt(ctx),
  });
}

/** Scenario operations (综合执法) expanded into the ledger items they stand for, over the scenario's base. */
async function expandItems(ctx: CommandContext, baseDate: string, items: ScenarioItem[]): Promise<AdjustmentItem[]> {
  if (items.every((i) => i.op !== 'integrate_enforcement')) return items as AdjustmentItem[];
  const snapshot = await loadSnapshot(ctx, baseDate);
  return items.flatMap((i) =>
    i.op === 'integrate_enforcement' ? integrateEnforcementItems(snapshot, i, randomUUID()) : [i],
  );
}

export async function createScenario(ctx: CommandContext, input: z.input<typeof scenarioDraftSchema>) {
  ensureDrafter(ctx);
  const parsed = scenarioDraftSchema.parse(input);
  const baseDate = parsed.baseDate ?? ctx.today;
  const d = { ...parsed, items: await expandItems(ctx, baseDate, parsed.items) };
  const id = randomUUID();
  await inTransaction(ctx.pool, async (tx) => {
    await insertScenario(tx, ctx.regionCode, {
      id,
      name: d.name,
      baseDate,
      baseSeq: await lastAppliedSeq(tx, ctx.regionCode),
      necessity: d.necessity ?? null,
      basis: d.basis ?? null,
      createdBy: ctx.actor,
    });
    if (d.items.length) await appendScenarioItems(tx, ctx.regionCode, id, d.items);
    await audit(ctx, tx, 'scenario.create', id, { name: d.name, items: d.items.length });
  });
  return evaluateScenario(ctx, id);
}

/** Adds ledger items to a draft and answers with the new evaluation. */
export async function addScenarioItems(ctx: CommandContext, id: string, items: z.input<typeof scenarioItemSchema>[]) {
  ensureDrafter(ctx);
  const given = z.array(scenarioItemSchema).min(1, '至少添加一项调整').parse(items);
  const parsed = await expandItems(ctx, (await readable(ctx, id)).baseDate, given);
  await inTransaction(ctx.pool, async (tx) => {
    await ownDraft(ctx, tx, id);
    await appendScenarioItems(tx, ctx.regionCode, id, parsed);
    await audit(ctx, tx, 'scenario.add', id, { items: parsed.map((i) => i.op) });
  });
  return evaluateScenario(ctx, id);
}

export async function removeScenarioItemAt(ctx: CommandContext, id: string, index: number) {
  ensureDrafter(ctx);
  await inTransaction(ctx.pool, async (tx) => {
    await ownDraft(ctx, tx, id);
    await removeScenarioItem(tx, ctx.regionCode, id, index);
    await audit(ctx, tx, 'scenario.remove', id, { index });
  });
  return evaluateScenario(ctx, id);
}

export async function shareScenario(ctx: CommandContext, id: string) {
  ensureDrafter(ctx);
  return inTransaction(ctx.pool, async (tx) => {
    const s = await readable(ctx, id, tx);
    if (s.createdBy !== ctx.actor) throw forbidden(`方案"${s.name}"只有起草人可以共享`);
    if (!(await updateScenario(tx, ctx.regionCode, id, s.version, { shared: true })))
      throw conflict(`方案"${s.name}"已被修改,请刷新后重试`);
    await audit(ctx, tx, 'scenario.share', id, { shared: true });
    return (await findScenario(tx, ctx.regionCode, id))!;
  });
}

/**
 * The base evaluation (findings and DUTY_OVERLAP's pair index), computed once per snapshot: the server hands out one
 * snapshot object per region, date and data version (analysis-cache.ts) and drops it when the data change, so this
 * is a cache per (region, base date, data version) that goes with the snapshot.
 */
const baseEvaluations = new WeakMap<Snapshot, ScenarioBase>();
function baseOf(snapshot: Snapshot): ScenarioBase {
  let base = baseEvaluations.get(snapshot);
  if (!base) baseEvaluations.set(snapshot, (base = scenarioBase(snapshot)));
  return base;
}

export interface EvaluatedScenario {
  scenario: ScenarioRow;
  items: AdjustmentItem[];
  evaluation: Omit<ScenarioEvaluation, 'peopleAffected'> & {
    peopleAffected: (ScenarioEvaluation['peopleAffected'][number] & { name: string })[];
  };
}

/** A readable scenario's items folded over its base snapshot: the evaluation, with the snapshot it leaves. */
async function foldScenario(ctx: CommandContext, id: string) {
  requirePermission(ctx, 'readDistrict');
  const scenario = await readable(ctx, id);
  const items = await scenarioItems(ctx.pool, ctx.regionCode, id);
  const snapshot = await loadSnapshot(ctx, scenario.baseDate);
  return { scenario, items, ...evaluateOver(baseOf(snapshot), items, { effectiveOn: scenario.baseDate }) };
}

export async function evaluateScenario(ctx: CommandContext, id: string): Promise<EvaluatedScenario> {
  const { scenario, items, after: _after, ...evaluation } = await foldScenario(ctx, id);
  let names = new Map<string, string>();
  if (evaluation.peopleAffected.length) {
    const roster = ctx.rosters ? await ctx.rosters(scenario.baseDate) : await loadRoster(ctx, scenario.baseDate);
    names = new Map(roster.rows.map((r) => [r.personId, r.name]));
  }
  return {
    scenario,
    items,
    evaluation: {
      ...evaluation,
      peopleAffected: evaluation.peopleAffected.map((p) => ({ ...p, name: names.get(p.personId) ?? '' })),
    },
  };
}

/**
 * 总览 and 诊断 "under a scenario": the district's statistics and findings as the scenario would leave it, on its base
 * date (the same fold the evaluation runs).
 */
export async function analyseUnderScenario(ctx: CommandContext, id: string) {
  const { scenario, after } = await foldScenario(ctx, id);
  return { scenario, snapshot: after, statistics: computeStatistics(after), findings: diagnose(after) };
}

export async function listScenarios(ctx: CommandContext) {
  requirePermission(ctx, 'readDistrict');
  const everyone = !ctx.access;
  const rows = await listRows(ctx.pool, ctx.regionCode, ctx.actor, everyone);
  return rows.filter((s) => mayRead(ctx, s));
}

/** Two to four scenarios side by side. */
export async function compareScenarios(ctx: CommandContext, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > 4) throw validationFailed('方案比选须选择2至4个不同的方案');
  const out: EvaluatedScenario[] = [];
  // one after another: each evaluation reruns every diagnostic, and the machine is shared
  for (const id of unique) out.push(await evaluateScenario(ctx, id));
  return out;
}

/** The 方案比选 files: the same model as a workbook (one sheet per table) and as a report attachment (.docx). */
export async function exportScenarioComparison(ctx: CommandContext, ids: string[], format: 'xlsx' | 'docx') {
  const all = await compareScenarios(ctx, ids);
  const comparison = buildScenarioComparison(
    all.map((x) => ({
      name: x.scenario.name,
      statusLabel: scenarioStatusLabels[x.scenario.status as ScenarioStatus] ?? x.scenario.status,
      baseDate: x.scenario.baseDate,
      itemCount: x.items.length,
      necessity: x.scenario.necessity,
      evaluation: x.evaluation,
    })),
  );
  const snapshot = await loadSnapshot(ctx);
  const issuer = defaultIssuer(snapshot.regionName);
  const fileName = `${snapshot.regionName}${comparison.title}-${ctx.today}.${format}`;
  const file =
    format === 'xlsx'
      ? await tablesWorkbook(comparison.tables, { creator: issuer, title: comparison.title })
      : await renderAttachmentDocx(
          { number: 1, title: comparison.title, blocks: comparisonBlocks(comparison) },
          { issuer },
        );
  return { fileName, file, comparison };
}

async function move(
  ctx: CommandContext,
  id: string,
  expected: ScenarioStatus,
  next: Partial<Parameters<typeof updateScenario>[4]>,
  action: string,
  check?: (s: ScenarioRow, tx: Tx) => Promise<void>,
) {
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const s = await readable(ctx, id, tx);
    if (s.status !== expected) {
      throw conflict(`方案"${s.name}"当前状态为"${scenarioStatusLabels[s.status as ScenarioStatus]}",不能执行此操作`);
    }
    await check?.(s, tx);
    if (!(await updateScenario(tx, ctx.regionCode, id, s.version, next)))
      throw conflict(`方案"${s.name}"已被修改,请刷新后重试`);
    await audit(ctx, tx, action, id, { status: next.status });
    return (await findScenario(tx, ctx.regionCode, id))!;
  });
}

/** Submits a draft: only its author, only without hard violations (evaluated now); submitting shares it. */
export async function submitScenario(ctx: CommandContext, id: string) {
  ensureDrafter(ctx);
  const { scenario, items, evaluation } = await evaluateScenario(ctx, id);
  if (scenario.createdBy !== ctx.actor) throw forbidden(`方案"${scenario.name}"只有起草人可以提交`);
  if (!items.length) throw validationFailed(`方案"${scenario.name}"还没有任何调整`);
  if (evaluation.violations.length) {
    throw invariantViolated(`方案"${scenario.name}"不能提交:${evaluation.violations.join(';')}`);
  }
  return move(ctx, id, 'draft', { status: 'submitted', shared: true, submittedBy: ctx.actor }, 'scenario.submit');
}

export async function approveScenario(ctx: CommandContext, id: string) {
  requirePermission(ctx, 'decideAdjustments');
  return move(ctx, id, 'submitted', { status: 'approved', decidedBy: ctx.actor }, 'scenario.approve', async (s) => {
    if (ctx.approverMustDiffer !== false && s.createdBy === ctx.actor) {
      throw forbidden(
        `方案"${s.name}"由您起草,须由起草人以外的审批人批准(如确需一人办理,可由系统管理员设置 BIANZHI_APPROVER_MUST_DIFFER=false)`,
      );
    }
  });
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const idsIn = (items: unknown[]) => new Set(JSON.stringify(items).match(uuidPattern) ?? []);

/**
 * Applies an approved scenario as one adjustment in one transaction. Refused when an adjustment applied since the
 * scenario's base touches an institution the scenario touches (named with its 文号); otherwise it rebases: the items
 * fold over the registry as it is now, under every invariant and hard limit.
 */
export async function applyScenario(ctx: CommandContext, id: string, input: z.input<typeof scenarioApplySchema>) {
  requirePermission(ctx, 'applyAdjustments');
  const d = scenarioApplySchema.parse(input);
  // what it is meant to resolve, and whom it concerns: the 执行情况评估 looks for these findings again
  const { evaluation } = await evaluateScenario(ctx, id);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const s = await readable(ctx, id, tx);
    if (s.status !== 'approved') {
      throw conflict(`方案"${s.name}"尚未批准(当前:${scenarioStatusLabels[s.status as ScenarioStatus]}),不能实施`);
    }
    const items = await scenarioItems(tx, ctx.regionCode, id);
    const touched = idsIn(items);
    const snapshot = await loadSnapshot({ ...ctx, snapshots: undefined }, s.baseDate);
    const name = (uuid: string) => snapshot.registry.institutions.get(uuid)?.name ?? uuid;
    const conflicts = (await appliedSince(tx, ctx.regionCode, s.baseSeq)).flatMap((a) => {
      const shared = [...idsIn(a.items)].filter((x) => touched.has(x));
      return shared.length ? [`${a.docNumber}(${shared.map(name).join('、')})`] : [];
    });
    if (conflicts.length) {
      throw conflict(
        `方案"${s.name}"起草后,以下编制事项已调整了方案涉及的机构,请据此修改方案后重新提交:${conflicts.join(';')}`,
      );
    }
    const onBehalf: CommandContext = { ...ctx, access: undefined };
    const adj = await createAdjustment(
      onBehalf,
      {
        docNumber: d.docNumber,
        title: s.name,
        effectiveOn: d.effectiveOn,
        items,
        note: `方案 ${s.id}`,
        // the scenario's 必要性和依据 is the 编制事项's evaluation (申请事项评估)
        evaluation: scenarioEvaluation(s),
      },
      { tx },
    );
    const applied = await applyAdjustment(onBehalf, adj.id, { tx, allowUnapproved: true });
    const reviewOn = d.reviewOn ?? addMonths(d.effectiveOn, 12);
    if (reviewOn <= d.effectiveOn)
      throw validationFailed(`执行情况评估日期 ${reviewOn} 应晚于生效日期 ${d.effectiveOn}`);
    const targets: ScenarioTargets = {
      institutions: [...touched].flatMap((x) => (snapshot.registry.institutions.has(x) ? [name(x)] : [])),
      findings: evaluation.findings.resolved,
    };
    const ok = await updateScenario(tx, ctx.regionCode, id, s.version, {
      status: 'applied',
      docNumber: d.docNumber,
      effectiveOn: d.effectiveOn,
      adjustmentId: adj.id,
      reviewOn,
      targets,
    });
    if (!ok) throw conflict(`方案"${s.name}"已被修改,请刷新后重试`);
    await audit(ctx, tx, 'scenario.apply', id, { docNumber: d.docNumber, adjustmentId: adj.id, reviewOn });
    return { scenario: (await findScenario(tx, ctx.regionCode, id))!, ...applied };
  });
}

/** An applied scenario's 执行情况评估 as due: when, how late (grace days as SCENARIO_REVIEW_OVERDUE reads them). */
function reviewState(s: ScenarioRow, today: string) {
  const late = s.reviewOn ? daysBetween(s.reviewOn, today) : 0;
  return {
    due: !!s.reviewOn && !s.reviewedOn && late >= 0,
    overdue: !!s.reviewOn && !s.reviewedOn && late > defaultDiagnosticConfig.reviewGraceDays,
    daysLate: Math.max(0, late),
  };
}

/**
 * The 执行情况评估 due (机构编制管理评估办法(试行)): applied scenarios whose review date has come and which have not
 * been reviewed, oldest first; `all` also lists those not yet due and those done.
 */
export async function listScenarioReviews(ctx: CommandContext, opts: { all?: boolean } = {}) {
  requirePermission(ctx, 'readDistrict');
  const rows = (await appliedScenarios(ctx.pool, ctx.regionCode)).filter((s) => mayRead(ctx, s));
  return rows
    .map(({ targets, ...s }) => ({
      scenario: s,
      ...reviewState(s, ctx.today),
      targets: targets?.findings.length ?? 0,
    }))
    .filter((r) => opts.all || r.due);
}

/**
 * Carries out a scenario's 执行情况评估 on or after its date: each finding it was meant to resolve (recorded at apply)
 * is looked for among today's findings; the outcome is recorded with the scenario and audited. Once per scenario.
 */
export async function reviewScenario(ctx: CommandContext, id: string) {
  ensureDrafter(ctx);
  const found = await readable(ctx, id);
  if (found.status !== 'applied' || !found.reviewOn) throw conflict(`方案"${found.name}"尚未实施,不能开展执行情况评估`);
  if (found.reviewedOn) throw conflict(`方案"${found.name}"已于${found.reviewedOn}完成执行情况评估`);
  if (ctx.today < found.reviewOn)
    throw validationFailed(`方案"${found.name}"的执行情况评估日期为${found.reviewOn},尚未到期`);
  const targets = (await appliedScenarios(ctx.pool, ctx.regionCode)).find((s) => s.id === id)?.targets;
  const now = diagnose(await loadSnapshot(ctx));
  const review = {
    reviewedOn: ctx.today,
    reviewedBy: ctx.actor,
    ...reviewOutcome((targets?.findings ?? []) as ScenarioFindingChange[], now),
  };
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const s = await readable(ctx, id, tx);
    if (s.reviewedOn) throw conflict(`方案"${s.name}"已于${s.reviewedOn}完成执行情况评估`);
    const ok = await updateScenario(tx, ctx.regionCode, id, s.version, {
      reviewedOn: ctx.today,
      reviewedBy: ctx.actor,
      review,
    });
    if (!ok) throw conflict(`方案"${s.name}"已被修改,请刷新后重试`);
    await audit(ctx, tx, 'scenario.review', id, { resolved: review.resolved, remaining: review.remaining });
    return { scenario: (await findScenario(tx, ctx.regionCode, id))!, review };
  });
}

/**
 * Items as a person writes them on the command line: any string "@名称" names an institution (an active one, by its
 * unique name) and becomes its id; an unknown name is refused in Chinese.
 */
export async function resolveNamedItems(ctx: CommandContext, raw: unknown): Promise<unknown> {
  const { byName } = institutionNameIndex(await readRegistry(ctx.pool, ctx.regionCode));
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string' && v.startsWith('@')) {
      const inst = byName.get(v.slice(1));
      if (!inst) throw validationFailed(`机构"${v.slice(1)}"不存在或已撤销`);
      return inst.id;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  return resolve(raw);
}

export const scenarioOptimizeSchema = z
  .object({
    name: z.string().trim().min(1, '方案名称不能为空').max(200),
    category: quotaCategorySchema,
    institutions: z.array(z.uuid('机构标识应为 UUID')).min(2, '至少选择2个单位'),
    /** The workload indicator the targets follow (its latest year per unit). */
    indicator: z.string().trim().min(1, '工作量指标不能为空'),
    maxMovePerUnit: z.number().int().min(1).max(100_000).optional(),
    allowBelowActual: z.boolean().default(false),
    /** Per-unit bounds of the new figure (最低/最高编制数), for the units that have them. */
    bounds: z
      .array(
        z.object({
          institutionId: z.uuid('机构标识应为 UUID'),
          min: z.number().int().min(0, '最低编制数不能为负').optional(),
          max: z.number().int().min(0, '最高编制数不能为负').optional(),
        }),
      )
      .default([]),
    /** Also distribute the 编制周转池's places of the category (周转池核拨编制, for good). */
    usePool: z.boolean().default(false),
    /** At most this many of the pool's places (all it holds when omitted); only with usePool. */
    poolAmount: z.number().int().min(0, '使用周转池名额不能为负').max(100_000).optional(),
  })
  .refine((d) => d.poolAmount === undefined || d.usePool, {
    message: '指定周转池名额时须选择使用编制周转池',
    path: ['poolAmount'],
  });

/**
 * 编制优化: the quota optimizer's reallocation of the chosen units' current total of one category towards their
 * workload — with usePool, plus the places the 编制周转池 holds of it (or poolAmount of them) — saved as a draft scenario:
 * a 核定编制 per unit that changes, the pool's places going first to units that gain (周转池核拨编制); its explanations,
 * with how many came from the pool, become the scenario's basis.
 */
export async function optimizeScenario(ctx: CommandContext, input: z.input<typeof scenarioOptimizeSchema>) {
  ensureDrafter(ctx);
  const d = scenarioOptimizeSchema.parse(input);
  const snapshot = await loadSnapshot(ctx);
  const units = d.institutions.map((id) => {
    const inst = snapshot.registry.institutions.get(id);
    if (!inst || inst.status !== 'active') throw notFound(`机构 ${id} `);
    const rows = snapshot.workload.filter((w) => w.institutionId === id && w.indicator === d.indicator);
    const latest = rows.sort((a, b) => b.year - a.year)[0];
    if (!latest) throw validationFailed(`"${inst.name}"没有工作量指标"${d.indicator}",不能按工作量分配编制`);
    const bound = d.bounds.find((b) => b.institutionId === id);
    return {
      institutionId: id,
      name: inst.name,
      min: bound?.min,
      max: bound?.max,
      current: snapshot.registry.quotas.get(quotaKey(id, d.category)) ?? 0,
      actual: snapshot.people.filter((p) => p.institutionId === id && p.category === d.category).length,
      workload: latest.value,
    };
  });
  const label = quotaCategoryLabels[d.category];
  const inPool = snapshot.registry.pool.balance[d.category] ?? 0;
  if (d.poolAmount !== undefined && d.poolAmount > inPool)
    throw validationFailed(`编制周转池中${label}只有${inPool}名，不足以使用${d.poolAmount}名`);
  const fromPool = d.usePool ? (d.poolAmount ?? inPool) : 0;
  const current = units.reduce((n, u) => n + u.current, 0);
  const total = current + fromPool;
  const result = await optimizeQuotaAllocation({
    category: label,
    units,
    total,
    maxMovePerUnit: d.maxMovePerUnit,
    allowBelowActual: d.allowBelowActual,
    fromPool,
  });
  if (result.status !== 'optimal') throw validationFailed(`无法按约束分配编制:${result.reason ?? '无可行解'}`);
  const { items, fromPool: taken } = reallocationItems(result.allocation, d.category, result.poolUsed);
  const pool = d.usePool
    ? `（现有${current}名，另有编制周转池${fromPool}名可用${fromPool < inPool ? `（池中共${inPool}名）` : ''}；从周转池使用${result.poolUsed}名，${fromPool - result.poolUsed}名留在池中）`
    : '';
  const created = await createScenario(ctx, {
    name: d.name,
    necessity: `按工作量(${d.indicator})在${units.length}个单位之间重新分配${label}${total}名${pool}:偏离工作量目标合计${result.objective.toFixed(1)}(手工按最大余数法分配为${result.greedy.objective.toFixed(1)})`,
    basis: result.allocation
      .map((a) => {
        const n = taken.get(a.institutionId);
        return n ? `${a.explanation}其中${n}名由编制周转池核拨。` : a.explanation;
      })
      .join('\n'),
    items,
  });
  return { ...created, optimization: result };
}

/** A scenario's necessity and basis as one 必要性和依据 text; undefined when neither is written. */
function scenarioEvaluation(s: { necessity: string | null; basis: string | null }): string | undefined {
  const parts = [s.necessity && `必要性:${s.necessity}`, s.basis && `依据:${s.basis}`].filter(Boolean);
  return parts.length ? parts.join('\n') : undefined;
}
