/**
 * What a 编制事项 changes of substance — the changes the 申请事项评估 of 机构编制管理评估办法(试行) (2021) asks a
 * necessity and basis (必要性和依据) for: an institution set up, merged, split or abolished, quota or leadership posts
 * raised. Renames, changes of attributes, corrections of duties, quota moved within the total or lent from the pool
 * and the higher level's limits are not counted. Pure: read off the items and the registry before them.
 */
import {
  applyAdjustment,
  emptyRegistry,
  postKey,
  quotaKey,
  type AdjustmentItem,
  type LedgerAdjustment,
  type RegistryState,
} from './ledger.js';
import type { AdjustmentWaitFact, ApprovalFact, SubstantiveChange } from './facts.js';

export const substantiveChangeLabels: Record<SubstantiveChange, string> = {
  create: '设立机构',
  merge: '合并机构',
  split: '拆分机构',
  abolish: '撤销机构',
  quota_increase: '增加编制',
  posts_increase: '增加领导职数',
};

/** The kinds of substantive change the items make to `before`, in the labels' order, and the units they concern. */
export function substantiveChanges(
  before: RegistryState,
  items: AdjustmentItem[],
): { changes: SubstantiveChange[]; institutions: string[] } {
  const created = new Map<string, string>();
  for (const item of items) {
    if (item.op === 'create_institution') created.set(item.id, item.name);
    if (item.op === 'split_institution') for (const p of item.parts) created.set(p.id, p.name);
  }
  const nameOf = (id: string) => created.get(id) ?? before.institutions.get(id)?.name ?? null;
  const changes = new Set<SubstantiveChange>();
  const units = new Set<string>();
  const mark = (change: SubstantiveChange, ids: string[]) => {
    changes.add(change);
    for (const id of ids) {
      const name = nameOf(id);
      if (name) units.add(name);
    }
  };
  for (const item of items) {
    switch (item.op) {
      case 'create_institution':
        mark('create', [item.id]);
        break;
      case 'merge_institutions':
        mark('merge', [item.targetId, ...item.sourceIds]);
        break;
      case 'split_institution':
        mark('split', [item.sourceId, ...item.parts.map((p) => p.id)]);
        break;
      case 'abolish_institution':
        mark('abolish', [item.institutionId]);
        break;
      case 'set_quota':
        if (item.approved > (before.quotas.get(quotaKey(item.institutionId, item.category)) ?? 0))
          mark('quota_increase', [item.institutionId]);
        break;
      case 'set_posts':
        if (item.approved > (before.posts.get(postKey(item.institutionId, item.level, item.postClass)) ?? 0))
          mark('posts_increase', [item.institutionId]);
        break;
      default:
        break;
    }
  }
  const order = Object.keys(substantiveChangeLabels) as SubstantiveChange[];
  return { changes: order.filter((c) => changes.has(c)), institutions: [...units] };
}

/** An approved or applied (non-baseline) 编制事项 as the store holds it. */
export interface DecidedAdjustment {
  id: string;
  docNumber: string;
  title: string;
  effectiveOn: string;
  status: 'approved' | 'applied';
  evaluation: string | null;
  items: AdjustmentItem[];
}

/**
 * The approval facts of the decided 编制事项: each applied one measured against the registry just before it in the
 * ledger (`ledger` in fold order), each approved one not yet carried out against the registry after the whole
 * ledger. The day of approval comes from the audit log (`waits`); one applied without a recorded approval (a 方案
 * carried out, a file import) counts from its effective date.
 */
export function approvalFacts(
  decided: DecidedAdjustment[],
  ledger: LedgerAdjustment[],
  waits: AdjustmentWaitFact[],
): ApprovalFact[] {
  if (!decided.length) return [];
  const wanted = new Map(decided.map((d) => [d.id, d]));
  const measured = new Map<string, ReturnType<typeof substantiveChanges>>();
  const pending = decided.filter((d) => d.status === 'approved');
  const lastApplied = ledger.reduce((last, a, i) => (wanted.has(a.id) ? i : last), -1);
  // fold only as far as needed: to the last decided one, or through the ledger when an approved one waits
  const upTo = pending.length ? ledger.length : lastApplied + 1;
  let state = emptyRegistry();
  for (const adj of ledger.slice(0, upTo)) {
    if (wanted.has(adj.id)) measured.set(adj.id, substantiveChanges(state, adj.items));
    state = applyAdjustment(state, adj).state;
  }
  for (const d of pending) measured.set(d.id, substantiveChanges(state, d.items));
  const approvedOn = new Map(
    waits.filter((w) => w.decision === 'approved' && w.decidedOn).map((w) => [w.adjustmentId, w.decidedOn!]),
  );
  return decided.map((d) => {
    const m = measured.get(d.id) ?? { changes: [], institutions: [] };
    return {
      adjustmentId: d.id,
      docNumber: d.docNumber,
      title: d.title,
      status: d.status,
      approvedOn: approvedOn.get(d.id) ?? d.effectiveOn,
      changes: m.changes,
      institutions: m.institutions,
      evaluated: !!d.evaluation?.trim(),
    };
  });
}
