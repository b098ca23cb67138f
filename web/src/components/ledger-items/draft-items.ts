/**
 * The line items of a 编制事项 draft as the form holds them: a fresh item per kind of change the ledger knows
 * (src/domain/ledger.ts), the body the API takes for it, the form's state from the API's item, and what is wrong with a
 * draft in the form's words.
 */
import { adjustmentOpLabels } from '../../../../src/domain/vocabulary.js';
import { adjustmentDraftSchema } from '../../../../src/domain/ledger.js';
import type { AdjustmentItem } from '../../types';

/** Label of each kind of line item (any op string the API might send: the server may know more than this build). */
export const opLabels: Record<string, string> = adjustmentOpLabels;

export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type DraftItem = Record<string, unknown> & { key: string; op: string };
export type QuotaLine = { category?: string; amount?: number };
/** A new institution of a split; fields the form does not show (posts…) are kept as they came. */
export type Part = { id: string; name?: string; kind?: string; rank?: string; quotas: QuotaLine[] } & Record<
  string,
  unknown
>;

/** A fresh item of a kind, with the defaults its form starts from. */
export function newItem(op: string): DraftItem {
  const key = uuid();
  if (op === 'create_institution') return { key, op, kind: 'internal_unit' };
  if (op === 'split_institution') return { key, op, parts: [newPart()], abolishSource: false, successor: 0 };
  if (op === 'change_institution') return { key, op, changes: {} };
  if (op === 'merge_institutions') return { key, op, sourceIds: [] };
  return { key, op };
}
export const newPart = (): Part => ({ id: uuid(), quotas: [{}] });

/** The API body of an item: ids for new institutions, only the quota lines filled in, nothing of the form's own. */
export function toItem(d: DraftItem): Record<string, unknown> {
  const { key: _key, ...rest } = d;
  switch (d.op) {
    case 'create_institution':
      return { ...rest, id: d.id ?? uuid() };
    case 'split_institution':
      return {
        ...rest,
        parts: (d.parts as Part[]).map((p) => ({
          ...p,
          name: p.name ?? '',
          quotas: p.quotas.filter((q) => q.category && q.amount),
        })),
      };
    default:
      return rest;
  }
}

/** Names of the fields an item's form asks for, for "请填写…" when one is left empty. */
const fieldLabels: Record<string, string> = {
  institutionId: '机构',
  fromId: '划出机构',
  toId: '划入机构',
  sourceId: '被拆分的机构',
  sourceIds: '并入的机构',
  targetId: '保留的机构',
  peopleTo: '人员转入机构',
  category: '编制类别',
  approved: '核定数',
  amount: '数量',
  level: '层级',
  postClass: '职数类别',
  name: '名称',
  kind: '机构类别',
  docNumber: '文号',
  title: '标题',
  effectiveOn: '生效日期',
};

const valueAt = (root: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    root,
  );

/**
 * What is wrong with a draft, checked by the server's own schema (src/domain/ledger.ts: one rule, one message), in
 * the form's words: the item's number and kind before the rule's message; "请填写…" for a field never filled in. Two rules
 * are the form's own: an internal unit needs its parent, and a change must change something.
 */
export function draftProblem(
  draft: { items: Record<string, unknown>[] } & Record<string, unknown>,
): string | undefined {
  const r = adjustmentDraftSchema.safeParse(draft);
  const issue = r.error?.issues[0];
  if (issue) {
    const [top, index, ...rest] = issue.path;
    const field = String([...issue.path].reverse().find((k) => typeof k === 'string') ?? '');
    // a field never filled in has no rule of its own to quote: say which one; otherwise the rule's own message
    const text =
      valueAt(draft, issue.path) === undefined && fieldLabels[field] ? `请填写${fieldLabels[field]}` : issue.message;
    const part = rest[0] === 'parts' && typeof rest[1] === 'number' ? `新机构${rest[1] + 1}:` : '';
    const item = top === 'items' && typeof index === 'number' ? draft.items[index] : undefined;
    return item ? `第${(index as number) + 1}项(${opLabels[String(item.op)]}):${part}${text}` : text;
  }
  const i = draft.items.findIndex(
    (item) =>
      (item.op === 'create_institution' && item.kind === 'internal_unit' && !item.parentId) ||
      (item.op === 'change_institution' && !Object.keys(item.changes as object).length),
  );
  const item = draft.items[i];
  if (!item) return undefined;
  const text = item.op === 'create_institution' ? '内设机构须选择所属机构' : '请至少选择一项要调整的属性';
  return `第${i + 1}项(${opLabels[String(item.op)]}):${text}`;
}

/** An item as the API gives it (with its label) → the form's state. */
export function fromItem(item: AdjustmentItem): DraftItem {
  const { opLabel: _label, ...rest } = item;
  if (item.op === 'split_institution') {
    const parts = (item.parts as Part[]).map((p) => ({ ...p, quotas: p.quotas.length ? p.quotas : [{}] }));
    return { ...rest, key: uuid(), parts };
  }
  if (item.op === 'change_institution') return { ...rest, key: uuid(), changes: item.changes ?? {} };
  return { ...rest, key: uuid() };
}
