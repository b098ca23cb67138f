/**
 * The adjustment ledger (编制事项) and its fold. Institutions, quotas and leadership posts change only through the line
 * items below; the registry on a date is the fold of the applied adjustments up to that date. Pure: the store
 * persists the result and carries out the side effects (people and duties that follow a merge, split or move).
 */
import { z } from 'zod';
import { int4Schema, postNumberSchema, quotaNumberSchema } from './bounds.js';
import { calendarDateSchema } from './dates.js';
import {
  adjustmentOpLabels,
  allowedQuotaCategories,
  fundingFormSchema,
  institutionKindLabels,
  institutionKindSchema,
  leadershipLevelSchema,
  postClassSchema,
  publicInstitutionClassSchema,
  quotaCategoryLabels,
  quotaCategorySchema,
  rankSchema,
  type InstitutionKind,
  type LeadershipLevel,
  type PostClass,
  type QuotaCategory,
} from './vocabulary.js';

const uuid = z.string().uuid('机构标识应为 UUID');
const dutyTitleSchema = z.string().trim().min(1, '职责名称不能为空').max(500);
const dutyTextSchema = z.string().trim().max(5000);
const docNumberSchema = (what: string) => z.string().trim().min(1, `${what}不能为空`).max(100);

/** The fields of an institution as written, without defaults: a change names only what it changes. */
const institutionFields = {
  name: z.string().trim().min(1, '机构名称不能为空').max(100),
  kind: institutionKindSchema,
  rank: rankSchema.nullish(),
  parentId: uuid.nullish(),
  hostedById: uuid.nullish(),
  code: z.string().nullish(),
  alsoNamed: z.array(z.string().trim().min(1)),
  piClass: publicInstitutionClassSchema.nullish(),
  funding: fundingFormSchema.nullish(),
  civilServiceManaged: z.boolean(),
  sortOrder: int4Schema,
  /** The real founding date when older than the ledger (a baseline records units founded long before it). */
  establishedOn: calendarDateSchema('成立日期').nullish(),
  /** 文号 of the unit's current 三定 规定 (职能配置、内设机构和人员编制规定). */
  sandingDocNumber: z.string().trim().min(1).max(100).nullish(),
  /** When the current 三定 规定 was issued (印发日期). */
  sandingOn: calendarDateSchema('三定印发日期').nullish(),
};

/** A new institution: what is not said takes its default. */
export const institutionFieldsSchema = z.object({
  ...institutionFields,
  alsoNamed: institutionFields.alsoNamed.default([]),
  civilServiceManaged: institutionFields.civilServiceManaged.default(false),
  sortOrder: institutionFields.sortOrder.default(0),
});

/**
 * A change: only the fields given. Built from the fields without defaults, since zod fills a default in even under
 * `.partial()`, and a change of 挂靠 would then also have cleared 参公 and the 加挂牌子.
 */
const changeFieldsSchema = z.object(institutionFields).omit({ name: true }).partial();

export const adjustmentItemSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create_institution'), id: uuid, ...institutionFieldsSchema.shape }),
  z.object({
    op: z.literal('abolish_institution'),
    institutionId: uuid,
    /**
     * Where its people go (调动 on the effective date). Without it the abolition is refused while anyone holds a post
     * there. Its quota is disposed of by its own items (划转 or 核减) either way.
     */
    peopleTo: uuid.optional(),
  }),
  z.object({
    op: z.literal('merge_institutions'),
    sourceIds: z.array(uuid).min(1, '至少合并一个机构'),
    targetId: uuid,
  }),
  z.object({
    /** Named people of a unit that is kept move to another (综合执法: the enforcement staff go with their duties). */
    op: z.literal('move_people'),
    fromId: uuid,
    toId: uuid,
    personIds: z.array(z.uuid('人员标识应为 UUID')).min(1, '至少选择一名人员').max(10_000),
    /** How they were chosen, shown beside them for the user to confirm. */
    reason: z.string().trim().max(200).optional(),
  }),
  z.object({
    op: z.literal('split_institution'),
    sourceId: uuid,
    /** New institutions carved out; each takes the quota and posts listed with it from the source. */
    parts: z
      .array(
        z.object({
          id: uuid,
          ...institutionFieldsSchema.shape,
          quotas: z.array(z.object({ category: quotaCategorySchema, amount: quotaNumberSchema })).default([]),
          posts: z
            .array(z.object({ level: leadershipLevelSchema, postClass: postClassSchema, amount: postNumberSchema }))
            .default([]),
        }),
      )
      .min(1, '拆分至少产生一个新机构'),
    /** When the source is abolished, whatever it still holds goes to parts[successor]. */
    abolishSource: z.boolean().default(false),
    successor: z.number().int().min(0).max(1000).default(0),
  }),
  z.object({
    op: z.literal('rename_institution'),
    institutionId: uuid,
    name: z.string().trim().min(1).max(100),
    alsoNamed: z.array(z.string().trim().min(1)).optional(),
  }),
  z.object({ op: z.literal('change_institution'), institutionId: uuid, changes: changeFieldsSchema }),
  z.object({
    op: z.literal('set_quota'),
    institutionId: uuid,
    category: quotaCategorySchema,
    approved: quotaNumberSchema,
  }),
  z.object({
    op: z.literal('move_quota'),
    fromId: uuid,
    toId: uuid,
    category: quotaCategorySchema,
    /** Said only to be refused when it differs: categories are never converted (条例第十五条). */
    toCategory: quotaCategorySchema.optional(),
    amount: quotaNumberSchema.min(1, '划转数量至少为1'),
  }),
  z.object({
    op: z.literal('set_posts'),
    institutionId: uuid,
    level: leadershipLevelSchema,
    postClass: postClassSchema,
    approved: postNumberSchema,
  }),
  z.object({
    op: z.literal('set_limits'),
    /** 上级核定: the higher level's document that sets these limits. */
    approvalDocNumber: docNumberSchema('上级核定文号'),
    /** 党政机构限额; null lifts it. */
    partyGovInstitutionCap: z.number().int().min(0).max(100_000).nullish(),
    /** 编制总额 by category; null lifts a category's total. */
    quotaTotals: z.partialRecord(quotaCategorySchema, quotaNumberSchema.nullable()).optional(),
    /** Categories whose district total may only fall (只减不增), replacing the list. */
    noIncrease: z.array(quotaCategorySchema).optional(),
  }),
  z.object({
    op: z.literal('higher_approval'),
    /** The higher level's approval of going above a limit (e.g. 市编办〔2025〕8号). */
    docNumber: docNumberSchema('上级批准文号'),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({
    /** 收回空编入池: vacant quota of a category goes from a unit to the district's 编制周转池. */
    op: z.literal('reclaim_to_pool'),
    institutionId: uuid,
    category: quotaCategorySchema,
    amount: quotaNumberSchema.min(1, '收回数量至少为1'),
  }),
  z.object({
    /** 周转使用: pool quota lent to a unit until a return date (义务教育、医疗 peaks). */
    op: z.literal('lend_from_pool'),
    loanId: uuid,
    institutionId: uuid,
    category: quotaCategorySchema,
    amount: quotaNumberSchema.min(1, '周转数量至少为1'),
    returnBy: calendarDateSchema('归还日期'),
  }),
  z.object({
    /**
     * 周转池核拨: pool quota given to a unit for good (not a loan: no return date). The district total is unchanged,
     * so the 编制总额 holds; the category is the pool's and the unit's alike (categories are never mixed).
     */
    op: z.literal('allocate_from_pool'),
    institutionId: uuid,
    category: quotaCategorySchema,
    amount: quotaNumberSchema.min(1, '核拨数量至少为1'),
  }),
  z.object({
    /** 归还: a loan's quota goes back into the pool. */
    op: z.literal('return_to_pool'),
    loanId: uuid,
  }),
  z.object({
    /** 三定 duties a reform gives an institution (its new or revised 三定), checked for overlap before submission. */
    op: z.literal('add_duties'),
    institutionId: uuid,
    duties: z
      .array(z.object({ title: dutyTitleSchema, text: dutyTextSchema.nullish() }))
      .min(1, '至少写明一项职责')
      .max(200),
  }),
  z.object({
    /** A 三定 duty reworded (its holder unchanged). */
    op: z.literal('revise_duty'),
    dutyId: z.number().int().min(1, '职责编号应为正整数'),
    title: dutyTitleSchema,
    text: dutyTextSchema.nullish(),
  }),
  z.object({
    op: z.literal('move_duties'),
    fromId: uuid,
    toId: uuid,
    /** Duty ids to move; all of the source's duties when omitted. */
    dutyIds: z.array(z.number().int()).optional(),
  }),
]);
export type AdjustmentItem = z.infer<typeof adjustmentItemSchema>;

/** A 编制事项 as drafted: the server's check and the web form's (one rule, one message). */
export const adjustmentDraftSchema = z.object({
  docNumber: z.string().trim().min(1, '文号不能为空').max(100),
  title: z.string().trim().min(1, '标题不能为空').max(200),
  effectiveOn: calendarDateSchema('生效日期'),
  items: z.array(adjustmentItemSchema).min(1, '编制事项至少包含一项调整'),
  note: z.string().max(2000).optional(),
  /** 必要性和依据 (申请事项评估, 机构编制管理评估办法(试行) 2021); optional, empty means none recorded. */
  evaluation: z.string().trim().max(4000).optional(),
});
export type AdjustmentDraft = z.infer<typeof adjustmentDraftSchema>;
export type AdjustmentOp = AdjustmentItem['op'];

// The labels live with the other vocabulary (the web app reads them there); this fails to compile unless they name
// exactly the ops of the schema above.
export { adjustmentOpLabels };
type LabelledOp = keyof typeof adjustmentOpLabels;
const opsAndLabelsAgree: [AdjustmentOp] extends [LabelledOp]
  ? [LabelledOp] extends [AdjustmentOp]
    ? true
    : false
  : false = true;
void opsAndLabelsAgree;

export interface InstitutionState {
  id: string;
  name: string;
  kind: InstitutionKind;
  rank: string | null;
  parentId: string | null;
  hostedById: string | null;
  code: string | null;
  alsoNamed: string[];
  piClass: string | null;
  funding: string | null;
  civilServiceManaged: boolean;
  establishedOn: string | null;
  /** The current 三定 规定: its 文号 and issue date, when recorded. */
  sandingDocNumber: string | null;
  sandingOn: string | null;
  abolishedOn: string | null;
  status: 'active' | 'abolished';
  sortOrder: number;
}

/** Hard limits set from above (上级核定), folded like everything else: only a set_limits item changes them. */
export interface LedgerLimits {
  /** 党政机构限额 (party_dept + gov_dept). */
  partyGovInstitutionCap?: number;
  /** 编制总额 by category. */
  quotaTotals?: Partial<Record<QuotaCategory, number>>;
  /** Categories whose district total may only fall (只减不增). */
  noIncrease?: QuotaCategory[];
}

/** Quota lent from the pool: held by the unit (counted in its approved quota) until it is returned. */
export interface QuotaLoan {
  id: string;
  institutionId: string;
  category: QuotaCategory;
  amount: number;
  lentOn: string;
  returnBy: string;
}

/** 编制周转池: quota the district holds back per category, and what it has lent. */
export interface QuotaPool {
  balance: Partial<Record<QuotaCategory, number>>;
  loans: QuotaLoan[];
}

export interface RegistryState {
  limits: LedgerLimits;
  pool: QuotaPool;
  institutions: Map<string, InstitutionState>;
  /** key `${institutionId}|${category}` → approved */
  quotas: Map<string, number>;
  /** key `${institutionId}|${level}|${postClass}` → approved */
  posts: Map<string, number>;
}

/** What the store must do besides writing the registry: move people and duties that follow institutions. */
export type LedgerEffect =
  /** Everyone of `fromId`, or only `personIds` (and refused at apply when one of them is no longer there). */
  | { type: 'move_people'; fromId: string; toId: string; on: string; personIds?: string[]; reason?: string }
  | { type: 'move_duties'; fromId: string; toId: string; dutyIds?: number[] }
  /** 三定 duties written for an institution, and a 三定 duty reworded (the store checks that it exists). */
  | { type: 'add_duties'; institutionId: string; duties: { title: string; text: string | null }[] }
  | { type: 'revise_duty'; dutyId: number; title: string; text: string | null }
  | { type: 'require_empty'; institutionId: string; name: string }
  /** Quota taken back (into the pool) must have been vacant: the unit's people of the category fit what is left. */
  | { type: 'require_within_quota'; institutionId: string; name: string; category: QuotaCategory; approved: number };

export interface LedgerAdjustment {
  id: string;
  docNumber: string;
  effectiveOn: string;
  items: AdjustmentItem[];
  /** A baseline states what exists (初始导入): the limits do not refuse it, the diagnostics report it. */
  isBaseline?: boolean;
}

export class LedgerError extends Error {
  constructor(
    message: string,
    readonly itemIndex?: number,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export const quotaKey = (institutionId: string, category: string) => `${institutionId}|${category}`;
export const postKey = (institutionId: string, level: string, postClass: string) =>
  `${institutionId}|${level}|${postClass}`;

export function emptyRegistry(): RegistryState {
  return { limits: {}, pool: { balance: {}, loans: [] }, institutions: new Map(), quotas: new Map(), posts: new Map() };
}

function cloneRegistry(s: RegistryState): RegistryState {
  return {
    limits: s.limits,
    pool: { balance: { ...s.pool.balance }, loans: [...s.pool.loans] },
    institutions: new Map([...s.institutions].map(([k, v]) => [k, { ...v, alsoNamed: [...v.alsoNamed] }])),
    quotas: new Map(s.quotas),
    posts: new Map(s.posts),
  };
}

/** Folds one adjustment over a registry (copy on write) and checks the invariants; throws LedgerError in Chinese. */
export function applyAdjustment(
  state: RegistryState,
  adj: LedgerAdjustment,
): { state: RegistryState; effects: LedgerEffect[] } {
  const next = cloneRegistry(state);
  const effects: LedgerEffect[] = [];
  const touched = new Set<string>();
  adj.items.forEach((item, index) => {
    try {
      applyItem(next, item, adj.effectiveOn, effects, touched);
    } catch (e) {
      if (e instanceof LedgerError)
        throw new LedgerError(`第${index + 1}项(${adjustmentOpLabels[item.op]}):${e.message}`, index);
      throw e;
    }
  });
  checkInvariants(next, touched);
  if (!adj.isBaseline) checkLimits(state, next, adj.items);
  return { state: next, effects };
}

/** The registry on `asOf` (inclusive), or after everything when omitted. Adjustments must be in fold order. */
export function foldLedger(adjustments: LedgerAdjustment[], asOf?: string): RegistryState {
  let state = emptyRegistry();
  for (const adj of adjustments) {
    if (asOf && adj.effectiveOn > asOf) continue;
    try {
      state = applyAdjustment(state, adj).state;
    } catch (e) {
      if (e instanceof LedgerError) throw new LedgerError(`编制事项 ${adj.docNumber}:${e.message}`, e.itemIndex);
      throw e;
    }
  }
  return state;
}

function active(s: RegistryState, id: string, what = '机构'): InstitutionState {
  const inst = s.institutions.get(id);
  if (!inst) throw new LedgerError(`${what}(${id})不存在`);
  if (inst.status !== 'active') throw new LedgerError(`${what}"${inst.name}"已撤销`);
  return inst;
}

function add(map: Map<string, number>, key: string, delta: number) {
  const v = (map.get(key) ?? 0) + delta;
  if (v === 0) map.delete(key);
  else map.set(key, v);
}

/** Quota and posts of `fromId` all go to `toId`. */
function transferHoldings(s: RegistryState, fromId: string, toId: string) {
  for (const [key, v] of [...s.quotas]) {
    const [id, category] = key.split('|') as [string, string];
    if (id !== fromId) continue;
    s.quotas.delete(key);
    add(s.quotas, quotaKey(toId, category), v);
  }
  for (const [key, v] of [...s.posts]) {
    const [id, level, cls] = key.split('|') as [string, string, string];
    if (id !== fromId) continue;
    s.posts.delete(key);
    add(s.posts, postKey(toId, level, cls), v);
  }
}

/**
 * `src` is folded into `toId` (a merge, or a split's successor): its quota and posts, internal units, hosted units,
 * people and duties all go there, and it is abolished. Nothing is dropped.
 */
function absorb(s: RegistryState, src: InstitutionState, toId: string, on: string, effects: LedgerEffect[]) {
  transferHoldings(s, src.id, toId);
  for (const child of s.institutions.values()) {
    if (child.status !== 'active') continue;
    if (child.parentId === src.id) child.parentId = toId;
    if (child.hostedById === src.id) child.hostedById = toId;
  }
  // loans follow the quota they are part of
  s.pool.loans = s.pool.loans.map((l) => (l.institutionId === src.id ? { ...l, institutionId: toId } : l));
  src.status = 'abolished';
  src.abolishedOn = on;
  effects.push({ type: 'move_people', fromId: src.id, toId, on });
  effects.push({ type: 'move_duties', fromId: src.id, toId });
}

function abolish(s: RegistryState, inst: InstitutionState, on: string) {
  inst.status = 'abolished';
  inst.abolishedOn = on;
  // internal units go with their institution
  for (const child of s.institutions.values()) {
    if (child.parentId === inst.id && child.kind === 'internal_unit' && child.status === 'active') {
      child.status = 'abolished';
      child.abolishedOn = on;
    }
  }
}

/** Where people of `from` may go: an institution in force, not itself, that holds quota (not a 内设机构). */
function peopleDestination(s: RegistryState, id: string, from: InstitutionState): InstitutionState {
  const to = active(s, id, '人员转入机构');
  if (to.id === from.id) throw new LedgerError(`"${from.name}"的人员不能转入其自身`);
  if (to.kind === 'internal_unit' || to.kind === 'coordination') {
    throw new LedgerError(`"${to.name}"是${institutionKindLabels[to.kind]}，不单独核定编制，人员应转入其所属机构`);
  }
  return to;
}

function createFrom(
  s: RegistryState,
  id: string,
  fields: z.infer<typeof institutionFieldsSchema>,
  on: string,
  touched: Set<string>,
) {
  if (s.institutions.has(id)) throw new LedgerError(`机构标识 ${id} 已被使用`);
  s.institutions.set(id, {
    id,
    name: fields.name,
    kind: fields.kind,
    rank: fields.rank ?? null,
    parentId: fields.parentId ?? null,
    hostedById: fields.hostedById ?? null,
    code: fields.code ?? null,
    alsoNamed: fields.alsoNamed ?? [],
    piClass: fields.piClass ?? null,
    funding: fields.funding ?? null,
    civilServiceManaged: fields.civilServiceManaged ?? false,
    establishedOn: fields.establishedOn && fields.establishedOn < on ? fields.establishedOn : on,
    sandingDocNumber: fields.sandingDocNumber ?? null,
    sandingOn: fields.sandingOn ?? null,
    abolishedOn: null,
    status: 'active',
    sortOrder: fields.sortOrder ?? 0,
  });
  touched.add(id);
}

function applyItem(s: RegistryState, item: AdjustmentItem, on: string, effects: LedgerEffect[], touched: Set<string>) {
  switch (item.op) {
    case 'set_limits': {
      s.limits = withLimits(s.limits, item);
      return;
    }
    case 'higher_approval':
      return; // read by checkLimits
    case 'reclaim_to_pool': {
      const inst = active(s, item.institutionId);
      intoPool(s, inst, item.category, item.amount, '收回', effects, touched);
      return;
    }
    case 'lend_from_pool': {
      const inst = active(s, item.institutionId);
      if (item.returnBy <= on) throw new LedgerError(`归还日期 ${item.returnBy} 须晚于生效日期 ${on}`);
      if (s.pool.loans.some((l) => l.id === item.loanId)) throw new LedgerError(`周转标识 ${item.loanId} 已被使用`);
      outOfPool(s, inst, item.category, item.amount, '周转使用', touched);
      s.pool.loans.push({
        id: item.loanId,
        institutionId: inst.id,
        category: item.category,
        amount: item.amount,
        lentOn: on,
        returnBy: item.returnBy,
      });
      return;
    }
    case 'allocate_from_pool': {
      outOfPool(s, active(s, item.institutionId), item.category, item.amount, '核拨', touched);
      return;
    }
    case 'return_to_pool': {
      const loan = s.pool.loans.find((l) => l.id === item.loanId);
      if (!loan) throw new LedgerError(`周转编制(${item.loanId})不存在或已归还`);
      intoPool(s, active(s, loan.institutionId), loan.category, loan.amount, '归还周转使用的', effects, touched);
      s.pool.loans = s.pool.loans.filter((l) => l.id !== loan.id);
      return;
    }
    case 'create_institution': {
      const { op: _op, id, ...fields } = item;
      createFrom(s, id, fields, on, touched);
      return;
    }
    case 'abolish_institution': {
      const inst = active(s, item.institutionId);
      const holds = [...s.quotas.keys()].some((k) => k.startsWith(`${inst.id}|`));
      if (holds) throw new LedgerError(`机构"${inst.name}"仍有核定编制,撤销前须先划转或核减`);
      for (const k of [...s.posts.keys()]) if (k.startsWith(`${inst.id}|`)) s.posts.delete(k);
      abolish(s, inst, on);
      if (item.peopleTo) {
        // checked after the abolition: its own internal units go with it and cannot take its people
        const to = peopleDestination(s, item.peopleTo, inst);
        effects.push({ type: 'move_people', fromId: inst.id, toId: to.id, on });
        touched.add(to.id);
      } else {
        effects.push({ type: 'require_empty', institutionId: inst.id, name: inst.name });
      }
      touched.add(inst.id);
      return;
    }
    case 'move_people': {
      const from = active(s, item.fromId, '调出机构');
      const to = peopleDestination(s, item.toId, from);
      effects.push({
        type: 'move_people',
        fromId: from.id,
        toId: to.id,
        on,
        personIds: [...new Set(item.personIds)],
        ...(item.reason ? { reason: item.reason } : {}),
      });
      return;
    }
    case 'merge_institutions': {
      const target = active(s, item.targetId, '合并后的机构');
      for (const sourceId of item.sourceIds) {
        if (sourceId === target.id) throw new LedgerError(`机构"${target.name}"不能与自身合并`);
        const src = active(s, sourceId, '被合并机构');
        absorb(s, src, target.id, on, effects);
        touched.add(src.id);
      }
      touched.add(target.id);
      return;
    }
    case 'split_institution': {
      const src = active(s, item.sourceId, '被拆分机构');
      for (const part of item.parts) {
        const { id, quotas, posts, ...fields } = part;
        createFrom(s, id, fields, on, touched);
        for (const q of quotas) {
          if (q.amount === 0) continue;
          const have = s.quotas.get(quotaKey(src.id, q.category)) ?? 0;
          if (have < q.amount) {
            throw new LedgerError(
              `"${src.name}"的${quotaCategoryLabels[q.category]}只有${have}名,不足以划出${q.amount}名`,
            );
          }
          add(s.quotas, quotaKey(src.id, q.category), -q.amount);
          add(s.quotas, quotaKey(id, q.category), q.amount);
        }
        for (const p of posts) {
          if (p.amount === 0) continue;
          const have = s.posts.get(postKey(src.id, p.level, p.postClass)) ?? 0;
          if (have < p.amount)
            throw new LedgerError(`"${src.name}"的${p.level}职数只有${have}名,不足以划出${p.amount}名`);
          add(s.posts, postKey(src.id, p.level, p.postClass), -p.amount);
          add(s.posts, postKey(id, p.level, p.postClass), p.amount);
        }
      }
      if (item.abolishSource) {
        const successor = item.parts[item.successor];
        if (!successor) throw new LedgerError(`承接机构序号 ${item.successor} 超出拆分结果`);
        absorb(s, src, successor.id, on, effects);
      }
      touched.add(src.id);
      return;
    }
    case 'rename_institution': {
      const inst = active(s, item.institutionId);
      inst.name = item.name;
      if (item.alsoNamed) inst.alsoNamed = item.alsoNamed;
      touched.add(inst.id);
      return;
    }
    case 'change_institution': {
      const inst = active(s, item.institutionId);
      const c = item.changes;
      if (c.kind !== undefined) inst.kind = c.kind;
      if (c.rank !== undefined) inst.rank = c.rank ?? null;
      if (c.parentId !== undefined) inst.parentId = c.parentId ?? null;
      if (c.hostedById !== undefined) inst.hostedById = c.hostedById ?? null;
      if (c.code !== undefined) inst.code = c.code ?? null;
      if (c.alsoNamed !== undefined) inst.alsoNamed = c.alsoNamed;
      if (c.piClass !== undefined) inst.piClass = c.piClass ?? null;
      if (c.funding !== undefined) inst.funding = c.funding ?? null;
      if (c.civilServiceManaged !== undefined) inst.civilServiceManaged = c.civilServiceManaged;
      if (c.sortOrder !== undefined) inst.sortOrder = c.sortOrder;
      if (c.establishedOn !== undefined) inst.establishedOn = c.establishedOn ?? null;
      if (c.sandingDocNumber !== undefined) inst.sandingDocNumber = c.sandingDocNumber ?? null;
      if (c.sandingOn !== undefined) inst.sandingOn = c.sandingOn ?? null;
      touched.add(inst.id);
      return;
    }
    case 'set_quota': {
      const inst = active(s, item.institutionId);
      s.quotas.delete(quotaKey(inst.id, item.category));
      if (item.approved > 0) s.quotas.set(quotaKey(inst.id, item.category), item.approved);
      touched.add(inst.id);
      return;
    }
    case 'move_quota': {
      if (item.toCategory && item.toCategory !== item.category) {
        throw new LedgerError(
          `不能将${quotaCategoryLabels[item.category]}划转为${quotaCategoryLabels[item.toCategory]}:编制按类别管理,不得混用、挤占、挪用(地方各级人民政府机构设置和编制管理条例第十五条)`,
        );
      }
      const from = active(s, item.fromId, '划出机构');
      const to = active(s, item.toId, '划入机构');
      const have = s.quotas.get(quotaKey(from.id, item.category)) ?? 0;
      if (have < item.amount) {
        throw new LedgerError(
          `"${from.name}"的${quotaCategoryLabels[item.category]}只有${have}名,不足以划出${item.amount}名(编制不能为负)`,
        );
      }
      add(s.quotas, quotaKey(from.id, item.category), -item.amount);
      add(s.quotas, quotaKey(to.id, item.category), item.amount);
      touched.add(from.id);
      touched.add(to.id);
      return;
    }
    case 'set_posts': {
      const inst = active(s, item.institutionId);
      s.posts.delete(postKey(inst.id, item.level, item.postClass));
      if (item.approved > 0) s.posts.set(postKey(inst.id, item.level, item.postClass), item.approved);
      touched.add(inst.id);
      return;
    }
    case 'move_duties': {
      active(s, item.fromId, '划出机构');
      active(s, item.toId, '划入机构');
      effects.push({ type: 'move_duties', fromId: item.fromId, toId: item.toId, dutyIds: item.dutyIds });
      return;
    }
    case 'add_duties': {
      active(s, item.institutionId, '承担职责的机构');
      effects.push({
        type: 'add_duties',
        institutionId: item.institutionId,
        duties: item.duties.map((d) => ({ title: d.title, text: d.text ?? null })),
      });
      return;
    }
    case 'revise_duty':
      effects.push({ type: 'revise_duty', dutyId: item.dutyId, title: item.title, text: item.text ?? null });
      return;
  }
}

/** Invariants over the institutions an adjustment touched (and what refers to them). */
function checkInvariants(s: RegistryState, touched: Set<string>) {
  const names = new Map<string, string>();
  for (const inst of s.institutions.values()) {
    if (inst.status !== 'active') continue;
    // names are unique among active institutions; internal units only within their parent
    const key = inst.kind === 'internal_unit' ? `${inst.parentId}/${inst.name}` : inst.name;
    const other = names.get(key);
    if (other && (touched.has(inst.id) || touched.has(other))) {
      throw new LedgerError(`机构名称"${inst.name}"与现有机构重复`);
    }
    names.set(key, inst.id);
    if (!touched.has(inst.id)) continue;
    if (inst.parentId) {
      const parent = s.institutions.get(inst.parentId);
      if (!parent || parent.status !== 'active') throw new LedgerError(`"${inst.name}"的上级机构不存在或已撤销`);
      let cur: InstitutionState | undefined = parent;
      for (let depth = 0; cur; depth++) {
        if (cur.id === inst.id || depth > 50) throw new LedgerError(`"${inst.name}"的隶属关系形成循环`);
        cur = cur.parentId ? s.institutions.get(cur.parentId) : undefined;
      }
    } else if (inst.kind === 'internal_unit') {
      throw new LedgerError(`内设机构"${inst.name}"必须有所属机构`);
    }
    if (inst.hostedById) {
      const host = s.institutions.get(inst.hostedById);
      if (!host || host.status !== 'active') throw new LedgerError(`"${inst.name}"的挂靠单位不存在或已撤销`);
      if (host.id === inst.id) throw new LedgerError(`"${inst.name}"不能挂靠在自身`);
    }
  }
  for (const [key, v] of s.quotas) {
    const [id, category] = key.split('|') as [string, QuotaCategory];
    if (v < 0) throw new LedgerError(`编制数不能为负`);
    const inst = s.institutions.get(id);
    if (!inst || !touched.has(id)) continue;
    if (inst.status !== 'active') throw new LedgerError(`已撤销的机构"${inst.name}"仍有编制`);
    if (!allowedQuotaCategories[inst.kind].includes(category)) {
      const why =
        inst.kind === 'coordination'
          ? '议事协调机构不单独核定编制(条例第19条)'
          : inst.kind === 'internal_unit'
            ? '内设机构不单独核定编制,编制核定在所属机构'
            : `${institutionKindLabels[inst.kind]}不能使用${quotaCategoryLabels[category]}(条例第15条:编制不得混用)`;
      throw new LedgerError(`"${inst.name}":${why}`);
    }
  }
  for (const key of s.posts.keys()) {
    const [id] = key.split('|') as [string];
    const inst = s.institutions.get(id);
    if (inst && touched.has(id) && (inst.kind === 'coordination' || inst.kind === 'internal_unit')) {
      throw new LedgerError(`"${inst.name}":${institutionKindLabels[inst.kind]}不单独核定领导职数`);
    }
  }
}

/** Quota of a unit goes into the pool (收回 or 归还); the store checks that the places taken were vacant. */
function intoPool(
  s: RegistryState,
  inst: InstitutionState,
  category: QuotaCategory,
  amount: number,
  verb: string,
  effects: LedgerEffect[],
  touched: Set<string>,
) {
  const have = s.quotas.get(quotaKey(inst.id, category)) ?? 0;
  if (have < amount) {
    throw new LedgerError(`"${inst.name}"的${quotaCategoryLabels[category]}只有${have}名,不足以${verb}${amount}名`);
  }
  add(s.quotas, quotaKey(inst.id, category), -amount);
  addToPool(s, category, amount);
  effects.push({
    type: 'require_within_quota',
    institutionId: inst.id,
    name: inst.name,
    category,
    approved: have - amount,
  });
  touched.add(inst.id);
}

/** Pool quota of a category goes to a unit (周转使用 or 核拨), never more than the pool holds of that category. */
function outOfPool(
  s: RegistryState,
  inst: InstitutionState,
  category: QuotaCategory,
  amount: number,
  verb: string,
  touched: Set<string>,
) {
  const inPool = s.pool.balance[category] ?? 0;
  if (inPool < amount) {
    throw new LedgerError(`编制周转池中${quotaCategoryLabels[category]}只有${inPool}名,不足以${verb}${amount}名`);
  }
  addToPool(s, category, -amount);
  add(s.quotas, quotaKey(inst.id, category), amount);
  touched.add(inst.id);
}

function addToPool(s: RegistryState, category: QuotaCategory, delta: number) {
  const v = (s.pool.balance[category] ?? 0) + delta;
  if (v === 0) delete s.pool.balance[category];
  else s.pool.balance[category] = v;
}

/** One spelling of a pool (the materialized copy compares as JSON): categories in vocabulary order, loans by id. */
export function normalizePool(p: QuotaPool): QuotaPool {
  const balance = Object.fromEntries(
    quotaCategorySchema.options.filter((c) => p.balance[c]).map((c) => [c, p.balance[c]]),
  ) as QuotaPool['balance'];
  const loans = [...p.loans]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((l) => ({
      id: l.id,
      institutionId: l.institutionId,
      category: l.category,
      amount: l.amount,
      lentOn: l.lentOn,
      returnBy: l.returnBy,
    }));
  return { balance, loans };
}

/** The limits after a set_limits item: what it names replaces, null lifts, the rest stays. Keys in a stable order. */
function withLimits(before: LedgerLimits, item: Extract<AdjustmentItem, { op: 'set_limits' }>): LedgerLimits {
  const cap = item.partyGovInstitutionCap === undefined ? before.partyGovInstitutionCap : item.partyGovInstitutionCap;
  const totals: Partial<Record<QuotaCategory, number>> = { ...before.quotaTotals };
  for (const [c, v] of Object.entries(item.quotaTotals ?? {}) as [QuotaCategory, number | null][]) {
    if (v === null) delete totals[c];
    else totals[c] = v;
  }
  return normalizeLimits({
    partyGovInstitutionCap: cap ?? undefined,
    quotaTotals: totals,
    noIncrease: item.noIncrease ?? before.noIncrease,
  });
}

/** One spelling of a set of limits (the materialized copy compares as JSON). */
export function normalizeLimits(l: LedgerLimits): LedgerLimits {
  const out: LedgerLimits = {};
  if (l.partyGovInstitutionCap !== undefined && l.partyGovInstitutionCap !== null)
    out.partyGovInstitutionCap = l.partyGovInstitutionCap;
  const totals = quotaCategorySchema.options.filter((c) => l.quotaTotals?.[c] !== undefined);
  if (totals.length) out.quotaTotals = Object.fromEntries(totals.map((c) => [c, l.quotaTotals![c]]));
  const frozen = quotaCategorySchema.options.filter((c) => l.noIncrease?.includes(c));
  if (frozen.length) out.noIncrease = frozen;
  return out;
}

export const partyGovKinds: readonly InstitutionKind[] = ['party_dept', 'gov_dept'];

/** 党政机构 in force: the institutions the 机构限额 counts. */
export function partyGovCount(s: RegistryState): number {
  let n = 0;
  for (const inst of s.institutions.values()) if (inst.status === 'active' && partyGovKinds.includes(inst.kind)) n++;
  return n;
}

/** The district's approved total of each category: the units' quota and what the pool holds. */
export function quotaTotalsOf(s: RegistryState): Map<QuotaCategory, number> {
  const totals = new Map<QuotaCategory, number>();
  for (const [category, v] of Object.entries(s.pool.balance) as [QuotaCategory, number][]) totals.set(category, v);
  for (const [key, v] of s.quotas) {
    const category = key.slice(key.indexOf('|') + 1) as QuotaCategory;
    totals.set(category, (totals.get(category) ?? 0) + v);
  }
  return totals;
}

/** What an adjustment would break among the hard limits, in Chinese; empty when it breaks none. */
export function limitViolations(before: RegistryState, after: RegistryState, items: AdjustmentItem[]): string[] {
  const problems: string[] = [];
  const approval = items.find((i) => i.op === 'higher_approval');
  const limits = after.limits;
  const cap = limits.partyGovInstitutionCap;
  if (cap !== undefined) {
    const was = partyGovCount(before);
    const will = partyGovCount(after);
    // a district already above its cap may shrink towards it, never grow further
    if (will > cap && will > was && !approval) {
      problems.push(`党政机构将由${was}个增至${will}个,超过机构限额${cap}个`);
    }
  }
  const wasTotals = quotaTotalsOf(before);
  const willTotals = quotaTotalsOf(after);
  for (const category of quotaCategorySchema.options) {
    const was = wasTotals.get(category) ?? 0;
    const will = willTotals.get(category) ?? 0;
    if (will <= was || approval) continue;
    const label = quotaCategoryLabels[category];
    const total = limits.quotaTotals?.[category];
    if (total !== undefined && will > total) {
      problems.push(`${label}总数将由${was}名增至${will}名,超过编制总额${total}名`);
    } else if (limits.noIncrease?.includes(category)) {
      problems.push(`${label}只减不增,总数不能由${was}名增至${will}名`);
    }
  }
  return problems;
}

function checkLimits(before: RegistryState, after: RegistryState, items: AdjustmentItem[]) {
  const problems = limitViolations(before, after, items);
  if (problems.length) {
    throw new LedgerError(
      `${problems.join(';')}。超出上级核定的限额须经上级机构编制部门批准,并在编制事项中记录批准文号(上级批准超限)`,
    );
  }
}

/** Flat rows of a registry, in a stable order (what the materialized tables hold). */
export function registryRows(s: RegistryState) {
  const institutions = [...s.institutions.values()].sort((a, b) => a.id.localeCompare(b.id));
  const quotas = [...s.quotas]
    .map(([k, approved]) => {
      const [institutionId, category] = k.split('|') as [string, QuotaCategory];
      return { institutionId, category, approved };
    })
    .sort((a, b) => quotaKey(a.institutionId, a.category).localeCompare(quotaKey(b.institutionId, b.category)));
  const posts = [...s.posts]
    .map(([k, approved]) => {
      const [institutionId, level, postClass] = k.split('|') as [string, LeadershipLevel, PostClass];
      return { institutionId, level, postClass, approved };
    })
    .sort((a, b) =>
      postKey(a.institutionId, a.level, a.postClass).localeCompare(postKey(b.institutionId, b.level, b.postClass)),
    );
  return { institutions, quotas, posts };
}

/**
 * How files name institutions: active units by their unique name, internal units by `${parentId}/${name}` (their
 * names repeat across institutions: 办公室, 综合科…).
 */
export function institutionNameIndex(s: RegistryState) {
  const byName = new Map<string, InstitutionState>();
  const internalByKey = new Map<string, InstitutionState>();
  for (const inst of s.institutions.values()) {
    if (inst.status !== 'active') continue;
    if (inst.kind === 'internal_unit') internalByKey.set(`${inst.parentId}/${inst.name}`, inst);
    else byName.set(inst.name, inst);
  }
  return { byName, internalByKey };
}
