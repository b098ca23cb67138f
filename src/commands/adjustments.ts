/** 编制事项: draft → submitted → approved → applied | rejected, and the registry folds that follow from the ledger. */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { quotaNumberSchema } from '../domain/bounds.js';
import { calendarDateSchema } from '../domain/dates.js';
import {
  adjustmentDraftSchema,
  applyAdjustment as foldAdjustment,
  foldLedger,
  LedgerError,
  quotaKey,
  registryRows,
  type AdjustmentDraft,
  type AdjustmentItem,
  type LedgerAdjustment,
  type LedgerEffect,
  type LedgerLimits,
  type RegistryState,
} from '../domain/ledger.js';
import {
  adjustmentStatusLabels,
  quotaCategoryLabels,
  quotaCategorySchema,
  type AdjustmentStatus,
  type QuotaCategory,
} from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { conflict, forbidden, invariantViolated, notFound, staleVersion, validationFailed } from '../domain/errors.js';
import {
  adjustmentItems,
  adjustmentsNaming,
  currentQuota,
  findAdjustment,
  listAdjustments,
  insertAdjustment,
  loadLedger,
  nextAppliedSeq,
  readRegistry,
  registryFingerprint,
  updateAdjustmentDraft as updateDraftRow,
  updateAdjustmentStatus,
  writeRegistryDiff,
  type AdjustmentRow,
} from '../store/registry.repository.js';
import { insertSandingDuties, moveDuties, reviseSandingDuty } from '../store/duties.repository.js';
import { countOpenAssignments, movePeople } from '../store/roster.repository.js';
import { rebuildRosterIn } from './movements.js';
import { inSharedCommit, inTransaction, lockRegion, type Tx } from '../store/transaction.js';
import { itemsNameOnlyScope, itemsOutsideScope } from '../domain/permissions.js';
import { isReporter, reachOf, requirePermission } from './access.js';
import { auditedAt, type CommandContext } from './context.js';

/** A reporter drafts only within its reach (domain/permissions.itemsOutsideScope), checked against `registry`. */
async function ensureItemsInReach(ctx: CommandContext, items: AdjustmentItem[], registry?: RegistryState) {
  const scope = await reachOf(ctx);
  if (!scope) return;
  const problem = itemsOutsideScope(
    items,
    scope,
    (registry ?? (await readRegistry(ctx.pool, ctx.regionCode))).institutions,
  );
  if (problem) throw forbidden(problem);
}

/** A reporter edits and submits only the drafts it wrote; a draft of the 编办 naming its unit is read-only to it. */
function ensureAuthor(ctx: CommandContext, adj: AdjustmentRow) {
  if (isReporter(ctx) && adj.createdBy !== ctx.actor) {
    throw forbidden(`编制事项"${adj.docNumber}"由${adj.createdBy}起草,单位填报员只能修改和提交自己起草的编制事项`);
  }
}

export async function createAdjustment(
  ctx: CommandContext,
  input: AdjustmentDraft,
  opts: { isBaseline?: boolean; tx?: Tx } = {},
): Promise<AdjustmentRow> {
  requirePermission(ctx, 'draftAdjustments');
  const draft = adjustmentDraftSchema.parse(input);
  await ensureItemsInReach(ctx, draft.items);
  const id = randomUUID();
  const run = async (tx: Tx) => {
    const created = await insertAdjustment(
      tx,
      ctx.regionCode,
      { id, ...draft, status: 'draft', isBaseline: opts.isBaseline ?? false, createdBy: ctx.actor },
      draft.items,
    );
    // a draft touches nothing shared: the district's write lock is needed only for the audit chain, taken last
    await lockRegion(tx, ctx.regionCode);
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      at: auditedAt(ctx),
      action: 'adjustment.create',
      entity: 'adjustment',
      entityId: id,
      after: { ...draft, items: draft.items.length },
    });
    return created;
  };
  // drafts arriving together share one commit (one disk flush under the district's lock instead of one each)
  return opts.tx ? run(opts.tx) : inSharedCommit(ctx.pool, run);
}

/**
 * One adjustment with its items, as the actor may see it: a reporter sees only adjustments it drafted or that name
 * only institutions within its reach (what it may do with them: the commands that act).
 */
export async function readAdjustment(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'actor' | 'access'>,
  id: string,
) {
  const adj = await findAdjustment(ctx.pool, ctx.regionCode, id);
  if (!adj) throw notFound(`编制事项 ${id} `);
  const scope = await reachOf(ctx);
  const items = await adjustmentItems(ctx.pool, ctx.regionCode, id);
  if (scope && adj.createdBy !== ctx.actor && !itemsNameOnlyScope(items, scope)) {
    throw forbidden('无权查看或办理其他单位的编制事项');
  }
  return { adj, items };
}

/** The adjustments the actor may see (a reporter: those naming its institutions, and its own drafts). */
export async function listVisibleAdjustments(ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'actor' | 'access'>) {
  const scope = await reachOf(ctx);
  return scope
    ? adjustmentsNaming(ctx.pool, ctx.regionCode, [...scope], ctx.actor)
    : listAdjustments(ctx.pool, ctx.regionCode);
}

/** What applying the adjustment now would change; throws a Chinese LedgerError when it breaks an invariant. */
export async function previewAdjustment(ctx: CommandContext, id: string) {
  const { adj, items } = await readAdjustment(ctx, id);
  if (adj.status === 'applied') {
    // what it changed when it was carried out: the ledger folded up to it, then with it
    const ledger = await loadLedger(ctx.pool, ctx.regionCode);
    // by the stored id: the one asked for may differ in case (a uuid matches either way in PostgreSQL)
    const at = ledger.findIndex((x) => x.id === adj.id);
    const before = foldLedger(ledger.slice(0, at));
    return { adjustment: adj, items, diff: registryDiff(before, foldOrExplain(before, ledger[at]!).state) };
  }
  const before = await readRegistry(ctx.pool, ctx.regionCode);
  const after = foldOrExplain(before, {
    id: adj.id,
    docNumber: adj.docNumber,
    effectiveOn: adj.effectiveOn,
    isBaseline: adj.isBaseline,
    items,
  }).state;
  return { adjustment: adj, items, diff: registryDiff(before, after) };
}

function foldOrExplain(state: RegistryState, adj: LedgerAdjustment) {
  try {
    return foldAdjustment(state, adj);
  } catch (e) {
    if (e instanceof LedgerError) throw invariantViolated(e.message, { itemIndex: e.itemIndex });
    throw e;
  }
}

const transitions: Record<string, { from: AdjustmentStatus[]; to: AdjustmentStatus; action: string }> = {
  submit: { from: ['draft'], to: 'submitted', action: 'adjustment.submit' },
  approve: { from: ['submitted'], to: 'approved', action: 'adjustment.approve' },
  reject: { from: ['submitted', 'approved'], to: 'rejected', action: 'adjustment.reject' },
};

async function transition(ctx: CommandContext, id: string, kind: keyof typeof transitions, expectedVersion?: number) {
  const t = transitions[kind]!;
  requirePermission(ctx, kind === 'submit' ? 'draftAdjustments' : 'decideAdjustments');
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const adj = await findAdjustment(tx, ctx.regionCode, id);
    if (!adj) throw notFound(`编制事项 ${id} `);
    if (kind === 'submit') ensureAuthor(ctx, adj);
    if (expectedVersion !== undefined && adj.version !== expectedVersion) {
      throw conflict(`编制事项"${adj.docNumber}"已被他人修改,请刷新后重试`);
    }
    if (!t.from.includes(adj.status as AdjustmentStatus)) {
      throw conflict(
        `编制事项"${adj.docNumber}"当前状态为"${adjustmentStatusLabels[adj.status as AdjustmentStatus]}",不能${kind === 'submit' ? '提交' : kind === 'approve' ? '批准' : '驳回'}`,
      );
    }
    if (kind === 'approve' && ctx.approverMustDiffer !== false && adj.createdBy === ctx.actor) {
      throw forbidden(
        `编制事项"${adj.docNumber}"由您拟稿,须由拟稿人以外的审批人批准(编委决定与拟稿分离;如确需一人办理,可由系统管理员设置 BIANZHI_APPROVER_MUST_DIFFER=false)`,
      );
    }
    if (kind === 'submit') {
      // a draft that cannot apply is caught now, not when the 编委 has approved it
      const items = await adjustmentItems(tx, ctx.regionCode, id);
      const registry = await readRegistry(tx, ctx.regionCode);
      await ensureItemsInReach(ctx, items, registry);
      foldOrExplain(registry, { ...adj, items });
    }
    const ok = await updateAdjustmentStatus(tx, ctx.regionCode, id, adj.version, {
      status: t.to,
      decidedBy: kind === 'submit' ? undefined : ctx.actor,
    });
    if (!ok) throw conflict(`编制事项"${adj.docNumber}"已被他人修改,请刷新后重试`);
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      at: auditedAt(ctx),
      action: t.action,
      entity: 'adjustment',
      entityId: id,
      before: { status: adj.status },
      after: { status: t.to },
    });
    return (await findAdjustment(tx, ctx.regionCode, id))!;
  });
}

export const submitAdjustment = (ctx: CommandContext, id: string, version?: number) =>
  transition(ctx, id, 'submit', version);
export const approveAdjustment = (ctx: CommandContext, id: string, version?: number) =>
  transition(ctx, id, 'approve', version);
export const rejectAdjustment = (ctx: CommandContext, id: string, version?: number) =>
  transition(ctx, id, 'reject', version);

/**
 * Applies an approved adjustment in one transaction: folds the whole ledger with it (so a back-dated adjustment lands
 * in its place), writes what changed, moves the people and duties that follow, and audits it.
 */
export async function applyAdjustment(
  ctx: CommandContext,
  id: string,
  opts: { expectedVersion?: number; tx?: Tx; allowUnapproved?: boolean } = {},
) {
  requirePermission(ctx, 'applyAdjustments');
  const run = async (tx: Tx) => {
    await lockRegion(tx, ctx.regionCode);
    const adj = await findAdjustment(tx, ctx.regionCode, id);
    if (!adj) throw notFound(`编制事项 ${id} `);
    if (opts.expectedVersion !== undefined && adj.version !== opts.expectedVersion) {
      throw conflict(`编制事项"${adj.docNumber}"已被他人修改,请刷新后重试`);
    }
    if (adj.status !== 'approved' && !(opts.allowUnapproved && adj.status === 'draft')) {
      throw conflict(
        `编制事项"${adj.docNumber}"尚未批准(当前:${adjustmentStatusLabels[adj.status as AdjustmentStatus]}),不能执行`,
      );
    }
    if (adj.effectiveOn > ctx.today) {
      throw validationFailed(`编制事项"${adj.docNumber}"的生效日期 ${adj.effectiveOn} 尚未到来,不能执行`);
    }
    const items = await adjustmentItems(tx, ctx.regionCode, id);
    const ledger = await loadLedger(tx, ctx.regionCode);
    const me = { id, docNumber: adj.docNumber, effectiveOn: adj.effectiveOn, isBaseline: adj.isBaseline, items };
    // fold order: effective date, then apply order; this one goes last among its date
    const ordered = [
      ...ledger.filter((a) => a.effectiveOn <= adj.effectiveOn),
      me,
      ...ledger.filter((a) => a.effectiveOn > adj.effectiveOn),
    ];
    let after: RegistryState;
    let effects: LedgerEffect[];
    try {
      const upTo = foldLedger(ordered.slice(0, ordered.indexOf(me)));
      const r = foldAdjustment(upTo, me);
      effects = r.effects;
      after = foldLedger(ordered);
    } catch (e) {
      if (e instanceof LedgerError) throw invariantViolated(e.message, { itemIndex: e.itemIndex });
      throw e;
    }
    const before = await readRegistry(tx, ctx.regionCode);
    const moved = await carryOutEffects(tx, ctx.regionCode, id, effects);
    const changes = await writeRegistryDiff(tx, ctx.regionCode, before, after);
    const seq = await nextAppliedSeq(tx, ctx.regionCode);
    const ok = await updateAdjustmentStatus(tx, ctx.regionCode, id, adj.version, {
      status: 'applied',
      appliedSeq: seq,
      applied: true,
    });
    if (!ok) throw conflict(`编制事项"${adj.docNumber}"已被他人修改,请刷新后重试`);
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      at: auditedAt(ctx),
      action: 'adjustment.apply',
      entity: 'adjustment',
      entityId: id,
      before: { status: adj.status },
      after: { status: 'applied', docNumber: adj.docNumber, changes, ...moved },
    });
    return { adjustment: (await findAdjustment(tx, ctx.regionCode, id))!, changes, ...moved };
  };
  return opts.tx ? run(opts.tx) : inTransaction(ctx.pool, run);
}

async function carryOutEffects(tx: Tx, regionCode: string, adjustmentId: string, effects: LedgerEffect[]) {
  let peopleMoved = 0;
  let dutiesMoved = 0;
  let dutiesWritten = 0;
  for (const e of effects) {
    if (e.type === 'require_empty') {
      const n = await countOpenAssignments(tx, regionCode, e.institutionId);
      if (n > 0)
        throw invariantViolated(
          `机构"${e.name}"仍有${n}名在编人员，撤销前须先调出、通过合并转入其他机构，或写明人员转入的机构`,
        );
    } else if (e.type === 'require_within_quota') {
      const n = await countOpenAssignments(tx, regionCode, e.institutionId, e.category);
      if (n > e.approved) {
        throw invariantViolated(
          `"${e.name}"${quotaCategoryLabels[e.category]}实有${n}人,收回或归还后只剩${e.approved}名编制:只能收回空编`,
        );
      }
    } else if (e.type === 'move_people') {
      const { moved, missing } = await movePeople(tx, regionCode, { ...e, adjustmentId });
      if (missing.length) {
        throw invariantViolated(`${missing.length}名拟调动人员已不在原单位（已调出或出编），请核对调动人员后重新办理`);
      }
      peopleMoved += moved;
    } else if (e.type === 'add_duties') {
      dutiesWritten += await insertSandingDuties(tx, regionCode, e.institutionId, e.duties);
    } else if (e.type === 'revise_duty') {
      if (!(await reviseSandingDuty(tx, regionCode, e))) throw invariantViolated(`三定职责(编号${e.dutyId})不存在`);
      dutiesWritten++;
    } else {
      dutiesMoved += await moveDuties(tx, regionCode, e);
    }
  }
  return { peopleMoved, dutiesMoved, dutiesWritten };
}

/** Folds the ledger from scratch and rewrites the materialized tables; reports whether anything differed. */
export async function rebuildRegistry(ctx: CommandContext) {
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const ledger = await loadLedger(tx, ctx.regionCode);
    let folded: RegistryState;
    try {
      folded = foldLedger(ledger);
    } catch (e) {
      if (e instanceof LedgerError) throw invariantViolated(e.message);
      throw e;
    }
    const current = await readRegistry(tx, ctx.regionCode);
    const identical = registryFingerprint(current) === registryFingerprint(folded);
    const changes = identical ? 0 : await writeRegistryDiff(tx, ctx.regionCode, current, folded);
    if (changes) {
      await appendAudit(tx, ctx.regionCode, {
        actor: ctx.actor,
        action: 'registry.rebuild',
        entity: 'registry',
        after: { changes },
      });
    }
    // the roster is the fold of its own ledger (movements), rebuilt in the same transaction
    const roster = await rebuildRosterIn(tx, ctx);
    return { adjustments: ledger.length, identical, changes, roster };
  });
}

/** The registry as it stood on `asOf` (inclusive): the fold of the applied adjustments effective by then. */
export async function registryAsOf(
  ctx: Pick<CommandContext, 'pool' | 'regionCode'>,
  asOf?: string,
): Promise<RegistryState> {
  if (!asOf) return readRegistry(ctx.pool, ctx.regionCode);
  return foldLedger(await loadLedger(ctx.pool, ctx.regionCode), asOf);
}

export interface RegistryDiff {
  created: string[];
  abolished: string[];
  changed: string[];
  quotas: { institution: string; category: string; before: number; after: number }[];
  posts: { institution: string; level: string; postClass: string; before: number; after: number }[];
}

export function registryDiff(before: RegistryState, after: RegistryState): RegistryDiff {
  const name = (id: string) => after.institutions.get(id)?.name ?? before.institutions.get(id)?.name ?? id;
  const diff: RegistryDiff = { created: [], abolished: [], changed: [], quotas: [], posts: [] };
  for (const inst of after.institutions.values()) {
    const b = before.institutions.get(inst.id);
    if (!b) diff.created.push(inst.name);
    else if (b.status === 'active' && inst.status === 'abolished') diff.abolished.push(inst.name);
    else if (JSON.stringify(b) !== JSON.stringify(inst)) diff.changed.push(inst.name);
  }
  const rows = (s: RegistryState) => registryRows(s);
  const bq = new Map(rows(before).quotas.map((q) => [`${q.institutionId}|${q.category}`, q.approved]));
  const aq = new Map(rows(after).quotas.map((q) => [`${q.institutionId}|${q.category}`, q.approved]));
  for (const k of new Set([...bq.keys(), ...aq.keys()])) {
    const [id, category] = k.split('|') as [string, string];
    if (bq.get(k) !== aq.get(k))
      diff.quotas.push({ institution: name(id), category, before: bq.get(k) ?? 0, after: aq.get(k) ?? 0 });
  }
  const bp = new Map(rows(before).posts.map((p) => [`${p.institutionId}|${p.level}|${p.postClass}`, p.approved]));
  const ap = new Map(rows(after).posts.map((p) => [`${p.institutionId}|${p.level}|${p.postClass}`, p.approved]));
  for (const k of new Set([...bp.keys(), ...ap.keys()])) {
    const [id, level, postClass] = k.split('|') as [string, string, string];
    if (bp.get(k) !== ap.get(k))
      diff.posts.push({ institution: name(id), level, postClass, before: bp.get(k) ?? 0, after: ap.get(k) ?? 0 });
  }
  return diff;
}

/** Rewrites a draft; only drafts can change, and only from the version the editor read. */
export async function updateAdjustmentDraft(ctx: CommandContext, id: string, input: AdjustmentDraft, version: number) {
  requirePermission(ctx, 'draftAdjustments');
  const draft = adjustmentDraftSchema.parse(input);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const adj = await findAdjustment(tx, ctx.regionCode, id);
    if (!adj) throw notFound(`编制事项 ${id} `);
    ensureAuthor(ctx, adj);
    await ensureItemsInReach(ctx, draft.items, await readRegistry(tx, ctx.regionCode));
    if (adj.status !== 'draft') {
      throw conflict(
        `编制事项"${adj.docNumber}"当前状态为"${adjustmentStatusLabels[adj.status as AdjustmentStatus]}",只有草稿可以修改`,
      );
    }
    if (!(await updateDraftRow(tx, ctx.regionCode, id, version, draft, draft.items))) {
      throw staleVersion(`编制事项"${adj.docNumber}"`);
    }
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      at: auditedAt(ctx),
      action: 'adjustment.update',
      entity: 'adjustment',
      entityId: id,
      before: { docNumber: adj.docNumber, title: adj.title, effectiveOn: adj.effectiveOn, version: adj.version },
      after: { ...draft, items: draft.items.length },
    });
    return (await findAdjustment(tx, ctx.regionCode, id))!;
  });
}

/** A quota's version tag: it changes whenever the approved number does (the registry keeps no per-row version). */
export const quotaTag = (institutionId: string, category: string, approved: number) =>
  createHash('sha256').update(`${institutionId}|${category}|${approved}`).digest('base64url').slice(0, 22);

export const quotaDecisionSchema = z.object({
  approved: quotaNumberSchema,
  docNumber: z.string().trim().min(1, '文号不能为空').max(100),
  title: z.string().trim().min(1).max(200).optional(),
  effectiveOn: calendarDateSchema('生效日期').optional(),
  /** 必要性和依据 (申请事项评估), as a drafted 编制事项 records it: a raise decided without one is a finding. */
  evaluation: adjustmentDraftSchema.shape.evaluation,
});

/**
 * Records a quota number the 编委 has decided: one set_quota adjustment, created approved and applied in the same
 * transaction, but only if the quota is still what the editor saw (`expectedTag`) — a stale edit is refused, never
 * lost.
 */
export async function recordQuotaDecision(
  ctx: CommandContext,
  target: { institutionId: string; category: QuotaCategory; expectedTag: string },
  input: z.input<typeof quotaDecisionSchema>,
) {
  requirePermission(ctx, 'recordQuotaDecisions');
  // the decision is its own permission: the adjustment it makes is drafted and applied on its behalf
  const onBehalf: CommandContext = { ...ctx, access: undefined };
  const d = quotaDecisionSchema.parse(input);
  // a stale edit is refused without queueing for the district's write lock; the check under the lock decides
  const seen = await currentQuota(ctx.pool, ctx.regionCode, target.institutionId, target.category);
  if (seen && quotaTag(target.institutionId, target.category, seen.approved) !== target.expectedTag) {
    throw staleVersion(`"${seen.name}"的${quotaCategoryLabels[target.category]}`);
  }
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const registry = await readRegistry(tx, ctx.regionCode);
    const inst = registry.institutions.get(target.institutionId);
    if (!inst || inst.status !== 'active') throw notFound(`机构 ${target.institutionId} `);
    const current = registry.quotas.get(quotaKey(target.institutionId, target.category)) ?? 0;
    if (quotaTag(target.institutionId, target.category, current) !== target.expectedTag) {
      throw staleVersion(`"${inst.name}"的${quotaCategoryLabels[target.category]}`);
    }
    const adj = await createAdjustment(
      onBehalf,
      {
        docNumber: d.docNumber,
        title: d.title ?? `核定${inst.name}${quotaCategoryLabels[target.category]}为${d.approved}名`,
        effectiveOn: d.effectiveOn ?? ctx.today,
        evaluation: d.evaluation,
        items: [
          { op: 'set_quota', institutionId: target.institutionId, category: target.category, approved: d.approved },
        ],
      },
      { tx },
    );
    const applied = await applyAdjustment(onBehalf, adj.id, { tx, allowUnapproved: true });
    return {
      adjustment: applied.adjustment,
      before: current,
      approved: d.approved,
      tag: quotaTag(target.institutionId, target.category, d.approved),
    };
  });
}

export const limitsDecisionSchema = z.object({
  /** 上级核定文号: the higher level's document that sets the limits. */
  approvalDocNumber: z.string().trim().min(1, '上级核定文号不能为空').max(100),
  docNumber: z.string().trim().min(1).max(100).optional(),
  effectiveOn: calendarDateSchema('生效日期').optional(),
  partyGovInstitutionCap: z.number().int().min(0).max(100_000).nullish(),
  quotaTotals: z.partialRecord(quotaCategorySchema, quotaNumberSchema.nullable()).optional(),
  noIncrease: z.array(quotaCategorySchema).optional(),
});

/**
 * Records limits set from above (机构限额, 编制总额, 只减不增): one set_limits adjustment, created and applied in one
 * transaction, since the decision was taken by the higher level. Limits change in no other way.
 */
export async function recordLimits(
  ctx: CommandContext,
  input: z.input<typeof limitsDecisionSchema>,
  opts: { tx?: Tx } = {},
): Promise<{ adjustment: AdjustmentRow; limits: LedgerLimits }> {
  requirePermission(ctx, 'recordQuotaDecisions');
  const onBehalf: CommandContext = { ...ctx, access: undefined };
  const d = limitsDecisionSchema.parse(input);
  const run = async (tx: Tx) => {
    const adj = await createAdjustment(
      onBehalf,
      {
        docNumber: d.docNumber ?? d.approvalDocNumber,
        title: '上级核定机构限额和编制总额',
        effectiveOn: d.effectiveOn ?? ctx.today,
        items: [
          {
            op: 'set_limits',
            approvalDocNumber: d.approvalDocNumber,
            partyGovInstitutionCap: d.partyGovInstitutionCap,
            quotaTotals: d.quotaTotals,
            noIncrease: d.noIncrease,
          },
        ],
      },
      { tx },
    );
    const applied = await applyAdjustment(onBehalf, adj.id, { tx, allowUnapproved: true });
    return { adjustment: applied.adjustment, limits: (await readRegistry(tx, ctx.regionCode)).limits };
  };
  return opts.tx ? run(opts.tx) : inTransaction(ctx.pool, run);
}

export type { AdjustmentRow } from '../store/registry.repository.js';
