/**
 * 用编申请 → 核准 (issue 16): a unit's request to fill vacant quota is drafted (by the 编办 or the unit's reporter),
 * submitted against the vacancy rule, approved by an approver other than the drafter, and then holds its places
 * (占编) until used by 入编, expired or withdrawn. Approvals are decided under the district's write lock, so two
 * approvals racing for the last vacant place — in one process or two — cannot both win.
 */
import type { Pool } from 'pg';
import { allowedQuotaCategories, quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { recruitmentChannelLabels } from '../domain/staffing.js';
import {
  addMonths,
  availableVacancy,
  checkVacancy,
  isOpenApproval,
  staffingDocNumber,
  staffingRequestInputSchema,
  staffingRequestStatusLabels,
  type StaffingRequestInput,
  type VacancyFigures,
} from '../domain/staffing.js';
import { appendAudit, appendAudits } from '../store/audit.repository.js';
import { conflict, forbidden, invariantViolated, notFound, validationFailed } from '../domain/errors.js';
import { findRegion } from '../store/regions.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import {
  approvalFigures,
  approveStaffingRequests,
  findStaffingRequest,
  findStaffingRequests,
  insertStaffingRequest,
  listStaffingRequests as listRows,
  nextStaffingDocSeq,
  setStaffingRequestStatus,
  vacancyFigures,
  type StaffingRequestRow,
} from '../store/staffing.repository.js';
import { inTransaction, lockRegion, SharedBatch, type Outcome, type Tx } from '../store/transaction.js';
import { isReporter, reachOf, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { ensureInScope } from './institutions.js';

/** The rule's two periods: how long an approval holds its places, how far back 出一进一 counts leavers. */
export interface StaffingRules {
  validityMonths: number;
  replacementMonths: number;
}
export const defaultStaffingRules: StaffingRules = { validityMonths: 6, replacementMonths: 12 };

/** A request as read: its status as the user sees it (已过期 and 已用完 are derived from dates and use). */
export interface StaffingRequestView extends StaffingRequestRow {
  state: keyof typeof staffingRequestStatusLabels;
  stateLabel: string;
  /** places it still holds today */
  holds: number;
}

function view(r: StaffingRequestRow, today: string): StaffingRequestView {
  const state =
    r.status !== 'approved'
      ? (r.status as StaffingRequestView['state'])
      : r.used >= r.count
        ? 'used'
        : r.expiresOn && r.expiresOn < today
          ? 'expired'
          : 'approved';
  return {
    ...r,
    state,
    stateLabel: staffingRequestStatusLabels[state],
    holds: isOpenApproval(r, today) ? r.count - r.used : 0,
  };
}

const label = (r: Pick<StaffingRequestRow, 'docNumber' | 'institutionName' | 'count' | 'category'>) =>
  r.docNumber ?? `"${r.institutionName}"${quotaCategoryLabels[r.category as QuotaCategory]}${r.count}名的用编申请`;

async function load(tx: Tx, ctx: CommandContext, id: string) {
  const r = await findStaffingRequest(tx, ctx.regionCode, id, true);
  if (!r) throw notFound('用编申请');
  ensureInScope(await reachOf(ctx), r.institutionId);
  return r;
}

/** A reporter acts only on the requests it drafted. */
function ensureDrafter(ctx: CommandContext, r: StaffingRequestRow) {
  if (isReporter(ctx) && r.draftedBy !== ctx.actor) {
    throw forbidden(`${label(r)}由${r.draftedBy}起草,单位填报员只能办理自己起草的用编申请`);
  }
}

/** Audits a step on request `id` and answers the request as it now reads. */
async function recorded(
  tx: Tx,
  ctx: CommandContext,
  id: string,
  step: 'draft' | 'submit' | 'approve' | 'withdraw',
  change: { before?: unknown; after: unknown },
) {
  await appendAudit(tx, ctx.regionCode, {
    actor: ctx.actor,
    action: `staffing.${step}`,
    entity: 'staffing_request',
    entityId: id,
    ...change,
  });
  return view((await findStaffingRequest(tx, ctx.regionCode, id))!, ctx.today);
}

/**
 * A step on an existing request, under the district's write lock (one decision at a time per district, across
 * processes: the last vacant place goes to exactly one request), on the request as loaded within the actor's reach.
 */
function stepOn(
  ctx: CommandContext,
  id: string,
  step: 'submit' | 'withdraw',
  act: (tx: Tx, r: StaffingRequestRow) => Promise<{ before?: unknown; after: unknown }>,
) {
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const r = await load(tx, ctx, id);
    return recorded(tx, ctx, id, step, await act(tx, r));
  });
}

/** The vacancy rule on today's figures; throws the Chinese refusal. */
async function vacancyVerdict(tx: Tx, ctx: CommandContext, r: StaffingRequestRow, rules: StaffingRules) {
  const key = { institutionId: r.institutionId, category: r.category };
  const figures = (
    await vacancyFigures(tx, ctx.regionCode, ctx.today, addMonths(ctx.today, -rules.replacementMonths), key)
  ).get(`${r.institutionId}|${r.category}`)!;
  const verdict = checkVacancy(figures, r.count, rules.replacementMonths);
  if (!verdict.ok) {
    throw invariantViolated(
      `"${r.institutionName}"${quotaCategoryLabels[r.category as QuotaCategory]}不能核准${r.count}名:${verdict.reason}`,
    );
  }
  return { verdict, figures };
}

export async function draftStaffingRequest(ctx: CommandContext, input: StaffingRequestInput) {
  requirePermission(ctx, 'draftAdjustments', '当前角色无权起草用编申请');
  const draft = staffingRequestInputSchema.parse(input);
  ensureInScope(await reachOf(ctx), draft.institutionId);
  return inTransaction(ctx.pool, async (tx) => {
    const registry = await readRegistry(tx, ctx.regionCode);
    const inst = registry.institutions.get(draft.institutionId);
    if (!inst) throw notFound('机构');
    if (inst.status !== 'active') throw validationFailed(`机构"${inst.name}"已撤销,不能申请用编`);
    if (!allowedQuotaCategories[inst.kind].includes(draft.category)) {
      throw validationFailed(`"${inst.name}"不能使用${quotaCategoryLabels[draft.category]}(编制不得混用)`);
    }
    const id = await insertStaffingRequest(tx, ctx.regionCode, draft, ctx.actor);
    await lockRegion(tx, ctx.regionCode);
    return recorded(tx, ctx, id, 'draft', { after: draft });
  });
}

/** Submits a draft: refused (nothing written) unless the vacancy rule allows it today. */
export async function submitStaffingRequest(
  ctx: CommandContext,
  id: string,
  rules: StaffingRules = defaultStaffingRules,
) {
  requirePermission(ctx, 'draftAdjustments', '当前角色无权提交用编申请');
  return stepOn(ctx, id, 'submit', async (tx, r) => {
    ensureDrafter(ctx, r);
    if (r.status !== 'draft')
      throw conflict(`${label(r)}${staffingRequestStatusLabels[view(r, ctx.today).state]},不能再提交`);
    const { figures } = await vacancyVerdict(tx, ctx, r, rules);
    await setStaffingRequestStatus(tx, ctx.regionCode, id, { status: 'submitted', submitted: true });
    return { after: { figures } };
  });
}

/** One approval waiting for its batch: who asks, under which rules, within which reach. */
interface ApprovalAsked {
  ctx: CommandContext;
  id: string;
  rules: StaffingRules;
  scope: Awaited<ReturnType<typeof reachOf>>;
}

/**
 * Approves a submitted request: the vacancy is checked again under the district's write lock (what other approvals
 * took since the submit counts), the approval gets its number and expiry and holds its places from today.
 * Concurrent approvals share one transaction (see SharedBatch): one lock, one read of the figures and one commit per
 * batch instead of per approval; two approvals for the same institution and category are never in one batch, so the
 * later one is checked against what the earlier one took.
 */
export async function approveStaffingRequest(
  ctx: CommandContext,
  id: string,
  rules: StaffingRules = defaultStaffingRules,
) {
  requirePermission(ctx, 'decideAdjustments', '只有审批人可以核准用编申请');
  const scope = await reachOf(ctx);
  let batches = approvalBatches.get(ctx.pool);
  if (!batches) approvalBatches.set(ctx.pool, (batches = new Map()));
  let batch = batches.get(ctx.regionCode);
  if (!batch) batches.set(ctx.regionCode, (batch = new SharedBatch(ctx.pool, approveBatch)));
  return batch.submit({ ctx, id, rules, scope });
}

const approvalBatches = new WeakMap<Pool, Map<string, SharedBatch<ApprovalAsked, StaffingRequestView>>>();

/** Decides a batch of approvals of one district on one day under one rule, each for another institution or category. */
async function approveBatch(tx: Tx, asked: ApprovalAsked[]): Promise<Outcome<StaffingRequestView>[]> {
  const { ctx, rules } = asked[0]!;
  const sameTerms = (a: ApprovalAsked) =>
    a.ctx.today === ctx.today &&
    a.rules.validityMonths === rules.validityMonths &&
    a.rules.replacementMonths === rules.replacementMonths;
  await lockRegion(tx, ctx.regionCode);
  const rows = new Map(
    (
      await findStaffingRequests(
        tx,
        ctx.regionCode,
        asked.map((a) => a.id),
        true,
      )
    ).map((r) => [r.id, r]),
  );
  type Refused = { error: unknown } | { again: true };
  const keys = new Set<string>();
  const checked = asked.map((a): { r: StaffingRequestRow } | Refused => {
    // another day or rule (rare: a request across midnight, a test's clock) is decided in a batch of its own terms
    if (!sameTerms(a)) return { again: true };
    try {
      const r = rows.get(a.id);
      if (!r) throw notFound('用编申请');
      // one decision per institution and category per batch: a second waits for the next, to see what this one took
      const key = `${r.institutionId}|${r.category}`;
      if (keys.has(key)) return { again: true };
      keys.add(key);
      ensureInScope(a.scope, r.institutionId);
      if (r.status !== 'submitted') {
        throw conflict(`${label(r)}${staffingRequestStatusLabels[view(r, ctx.today).state]},只有已提交的申请可以核准`);
      }
      if (a.ctx.approverMustDiffer !== false && r.draftedBy === a.ctx.actor) {
        throw forbidden(
          `${label(r)}由您起草,须由起草人以外的审批人核准(如确需一人办理,可由系统管理员设置 BIANZHI_APPROVER_MUST_DIFFER=false)`,
        );
      }
      return { r };
    } catch (error) {
      return { error };
    }
  });
  const open = checked.flatMap((c) => ('r' in c ? [c.r] : []));
  const figures = open.length
    ? await vacancyFigures(tx, ctx.regionCode, ctx.today, addMonths(ctx.today, -rules.replacementMonths), open)
    : new Map<string, VacancyFigures>();
  const year = Number(ctx.today.slice(0, 4));
  const expiresOn = addMonths(ctx.today, rules.validityMonths);
  type Approving = { r: StaffingRequestRow; figures: VacancyFigures; replacement: boolean; approvedBy: string };
  const decided = checked.map((c, i): Approving | Refused => {
    if (!('r' in c)) return c;
    const r = c.r;
    const f = figures.get(`${r.institutionId}|${r.category}`)!;
    const verdict = checkVacancy(f, r.count, rules.replacementMonths);
    if (!verdict.ok) {
      return {
        error: invariantViolated(
          `"${r.institutionName}"${quotaCategoryLabels[r.category as QuotaCategory]}不能核准${r.count}名:${verdict.reason}`,
        ),
      };
    }
    return { r, figures: f, replacement: verdict.replacement, approvedBy: asked[i]!.ctx.actor };
  });
  const approving = decided.flatMap((d) => ('r' in d ? [d] : []));
  if (approving.length) {
    const region = await findRegion(tx, ctx.regionCode);
    const first = await nextStaffingDocSeq(tx, ctx.regionCode, year);
    const approvals = approving.map((d, i) => ({
      id: d.r.id,
      replacement: d.replacement,
      approvedBy: d.approvedBy,
      approvedOn: ctx.today,
      expiresOn,
      doc: { year, seq: first + i, number: staffingDocNumber((region?.name ?? '本').slice(0, 1), year, first + i) },
    }));
    await approveStaffingRequests(tx, ctx.regionCode, approvals);
    await appendAudits(
      tx,
      ctx.regionCode,
      approving.map((d, i) => ({
        actor: d.approvedBy,
        action: 'staffing.approve',
        entity: 'staffing_request',
        entityId: d.r.id,
        after: { docNumber: approvals[i]!.doc.number, expiresOn, figures: d.figures, replacement: d.replacement },
      })),
    );
  }
  const now = new Map(
    (
      await findStaffingRequests(
        tx,
        ctx.regionCode,
        approving.map((d) => d.r.id),
      )
    ).map((r) => [r.id, r]),
  );
  return decided.map((d) => ('r' in d ? { value: view(now.get(d.r.id)!, ctx.today) } : d));
}

/** Withdraws a draft, a submitted request or an open approval (its unused places are freed). */
export async function withdrawStaffingRequest(ctx: CommandContext, id: string, reason: string) {
  requirePermission(ctx, 'draftAdjustments', '当前角色无权撤回用编申请');
  const why = reason.trim();
  if (!why) throw validationFailed('请写明撤回理由');
  return stepOn(ctx, id, 'withdraw', async (tx, r) => {
    ensureDrafter(ctx, r);
    const state = view(r, ctx.today).state;
    if (state !== 'draft' && state !== 'submitted' && state !== 'approved') {
      throw conflict(`${label(r)}${staffingRequestStatusLabels[state]},不能撤回`);
    }
    await setStaffingRequestStatus(tx, ctx.regionCode, id, { status: 'withdrawn', withdrawnReason: why });
    return { before: { status: r.status }, after: { reason: why } };
  });
}

/** The requests within the actor's reach, newest first. */
export async function listStaffingRequests(ctx: CommandContext) {
  requirePermission(ctx, 'readOwnUnit');
  const scope = await reachOf(ctx);
  const rows = await listRows(ctx.pool, ctx.regionCode, scope && [...scope]);
  return rows.map((r) => view(r, ctx.today));
}

/** Per institution and category: 核定, 实有, 已核准待入编, 可用空编 (today), within the actor's reach. */
export async function staffingOverview(ctx: CommandContext, rules: StaffingRules = defaultStaffingRules) {
  requirePermission(ctx, 'readOwnUnit');
  const scope = await reachOf(ctx);
  const registry = await readRegistry(ctx.pool, ctx.regionCode);
  const figures = await vacancyFigures(
    ctx.pool,
    ctx.regionCode,
    ctx.today,
    addMonths(ctx.today, -rules.replacementMonths),
  );
  return [...figures]
    .map(([key, f]) => {
      const [institutionId, category] = key.split('|') as [string, QuotaCategory];
      const inst = registry.institutions.get(institutionId);
      return {
        institutionId,
        institutionName: inst?.name ?? institutionId,
        sortOrder: inst?.sortOrder ?? 0,
        category,
        categoryLabel: quotaCategoryLabels[category],
        approved: f.approved,
        actual: f.actual,
        reserved: f.reserved,
        available: availableVacancy(f),
        unreplacedLeavers: f.unreplacedLeavers,
      };
    })
    .filter((row) => !scope || scope.has(row.institutionId))
    .sort(
      (a, b) =>
        a.sortOrder - b.sortOrder ||
        a.institutionName.localeCompare(b.institutionName, 'zh') ||
        a.category.localeCompare(b.category),
    );
}

/** One request within the actor's reach (a reporter: its own unit's). */
export async function readStaffingRequest(ctx: CommandContext, id: string) {
  requirePermission(ctx, 'readOwnUnit');
  const r = await findStaffingRequest(ctx.pool, ctx.regionCode, id);
  if (!r) throw notFound('用编申请');
  ensureInScope(await reachOf(ctx), r.institutionId);
  return view(r, ctx.today);
}

/**
 * The 用编核准通知单 of an approval as a 公文 (.docx): only an approved request has one (also once used or expired,
 * as the record of what was approved); a reporter gets its own unit's.
 */
export async function staffingNotice(ctx: CommandContext, id: string, rules: StaffingRules = defaultStaffingRules) {
  const r = await readStaffingRequest(ctx, id);
  if (r.status !== 'approved' || !r.docNumber || !r.approvedOn || !r.expiresOn) {
    throw conflict(`${label(r)}${r.stateLabel},尚无核准通知单`);
  }
  const [{ renderStaffingNoticeDocx }, region, figures] = await Promise.all([
    import('../report/staffing-notice-docx.js'),
    findRegion(ctx.pool, ctx.regionCode),
    approvalFigures(ctx.pool, ctx.regionCode, id),
  ]);
  const docx = await renderStaffingNoticeDocx({
    districtName: region?.name ?? '本区',
    docNumber: r.docNumber,
    institutionName: r.institutionName,
    categoryLabel: quotaCategoryLabels[r.category as QuotaCategory],
    count: r.count,
    channelLabel: recruitmentChannelLabels[r.channel],
    reason: r.reason,
    approvedOn: r.approvedOn,
    expiresOn: r.expiresOn,
    replacement: r.replacement,
    replacementMonths: rules.replacementMonths,
    figures,
  });
  return { docx, fileName: `用编核准通知单-${r.docNumber}.docx` };
}
