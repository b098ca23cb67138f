/**
 * The demo's 编制事项 and 方案 after the baseline, each saying what it changes: the year's items the 编委 handled (one
 * planted still waiting, APPROVAL_DELAY), earlier approvals (two planted of substance without a 必要性和依据,
 * APPROVAL_WITHOUT_EVALUATION, beside a move within the total and one before the three-year window that must not
 * count) and applied 方案 with their 执行情况评估 (one planted overdue, SCENARIO_REVIEW_OVERDUE).
 *
 * The generated quotas and posts are the district on asOf, after all of them: the baseline holds the figures before
 * (`baselineFigures`), so the database demo, carrying them out on their days, ends in the same district. Each raise
 * goes to a unit with room for it on every day of the history (vacant quota or posts, less the places its 用编申请
 * reserve), so no unit stands above its quota or posts before the raise. Pure, like the rest of the generator.
 */
import type { AdjustmentWaitFact, ApprovalFact, ScenarioReviewFact } from '../analysis/snapshot.js';
import type { InstitutionRecord, PostRecord, QuotaRecord, RosterRecord } from '../domain/records.js';
import type { LeadershipLevel, PostClass, QuotaCategory } from '../domain/vocabulary.js';
import type { DemoHistory } from './build-history.js';

type QuotaRaise = { op: 'raise_quota'; institution: string; category: QuotaCategory; amount: number };

/** What a demo 编制事项 or 方案 changes, by institution name. */
export type DemoChange =
  | QuotaRaise
  | { op: 'raise_posts'; institution: string; level: LeadershipLevel; postClass: PostClass; amount: number }
  /** Quota moved between two units within the total: no change of substance. */
  | { op: 'move_quota'; from: string; to: string; category: QuotaCategory; amount: number };

/** A 编制事项 drafted and submitted on `submittedOn`; approved and carried out on `decidedOn` (null: still waiting). */
export interface DemoAdjustment {
  docNumber: string;
  title: string;
  submittedOn: string;
  decidedOn: string | null;
  /** 必要性和依据 as recorded; null when none was (申请事项评估 not carried out). */
  evaluation: string | null;
  change: DemoChange;
}

/** A 方案 drafted, approved and applied on `effectiveOn`, its 执行情况评估 due on `reviewOn`, carried out on `reviewedOn`. */
export interface DemoScenario {
  name: string;
  docNumber: string;
  effectiveOn: string;
  reviewOn: string;
  reviewedOn: string | null;
  necessity: string;
  basis: string;
  change: DemoChange;
}

export interface DemoAdjustmentsInput {
  asOf: string;
  planted: boolean;
  institutions: InstitutionRecord[];
  quotas: QuotaRecord[];
  posts: PostRecord[];
  roster: RosterRecord[];
  history: DemoHistory;
}

/** The date `offset` days after `asOf` (before it when negative). */
export const daysAfter = (asOf: string, offset: number) =>
  new Date(Date.parse(`${asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const quotaRoomKey = (institution: string, category: string) => `${institution}|${category}`;
const postRoomKey = (institution: string, level: string, postClass: string) => `${institution}|${level}|${postClass}`;

/**
 * Room each unit has on every day of the history: approved less the most held (before or after it) and less every
 * place its 用编申请 reserve — quota by category, posts by level and class.
 */
function roomOf(d: DemoAdjustmentsInput) {
  const count = (rows: RosterRecord[], key: (r: RosterRecord) => string | null) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const k = key(r);
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const held = (key: (r: RosterRecord) => string | null) => {
    const [before, after] = [count(d.history.initialRoster, key), count(d.roster, key)];
    return (k: string) => Math.max(before.get(k) ?? 0, after.get(k) ?? 0);
  };
  const reserved = new Map<string, number>();
  for (const s of d.history.steps)
    if (s.do === 'approve') {
      const k = quotaRoomKey(s.institution, s.category);
      reserved.set(k, (reserved.get(k) ?? 0) + s.count);
    }
  const quotaHeld = held((r) => quotaRoomKey(r.institution, r.category));
  const postsHeld = held((r) =>
    r.leadershipLevel ? postRoomKey(r.institution, r.leadershipLevel, r.postClass ?? 'admin') : null,
  );
  const quota = new Map(
    d.quotas.map((q) => {
      const k = quotaRoomKey(q.institution, q.category);
      return [k, q.approved - quotaHeld(k) - (reserved.get(k) ?? 0)];
    }),
  );
  const posts = new Map(
    d.posts.map((p) => {
      const k = postRoomKey(p.institution, p.level, p.postClass);
      return [k, p.approved - postsHeld(k)];
    }),
  );
  return { quota, posts };
}

export function buildAdjustments(d: DemoAdjustmentsInput): {
  adjustments: DemoAdjustment[];
  scenarios: DemoScenario[];
} {
  const day = (offset: number) => daysAfter(d.asOf, offset);
  const year = (offset: number) => day(offset).slice(0, 4);
  const depts = d.institutions.filter((i) => i.kind === 'gov_dept').map((i) => i.name);
  const room = roomOf(d);
  // each change its own unit: the first bureau with room enough, in the list's order (or the one named, when it has)
  const used = new Set<string>([depts[3]!, depts[5]!]);
  const raiseQuota = (amount: number, prefer?: string): QuotaRaise => {
    const fits = (q: QuotaRecord) =>
      // the baseline keeps at least one place of the category (a unit is not given a category by a raise)
      q.approved > amount && (room.quota.get(quotaRoomKey(q.institution, q.category)) ?? 0) >= amount;
    const q =
      d.quotas.find((x) => x.institution === prefer && fits(x)) ??
      d.quotas.find((x) => depts.includes(x.institution) && !used.has(x.institution) && fits(x));
    if (!q) throw new Error(`演示数据:没有可增加${amount}名编制的政府部门`);
    const k = quotaRoomKey(q.institution, q.category);
    used.add(q.institution);
    room.quota.set(k, room.quota.get(k)! - amount);
    return { op: 'raise_quota', institution: q.institution, category: q.category, amount };
  };
  // leadership posts where a bureau has one vacant; more quota where none has
  const raisePosts = (): DemoChange => {
    const p = d.posts.find(
      (x) =>
        depts.includes(x.institution) &&
        !used.has(x.institution) &&
        (room.posts.get(postRoomKey(x.institution, x.level, x.postClass)) ?? 0) >= 1,
    );
    if (!p) return raiseQuota(1);
    const k = postRoomKey(p.institution, p.level, p.postClass);
    used.add(p.institution);
    room.posts.set(k, room.posts.get(k)! - 1);
    return { op: 'raise_posts', institution: p.institution, level: p.level, postClass: p.postClass, amount: 1 };
  };
  const request = (
    docNumber: string,
    change: DemoChange,
    submitted: number,
    decided: number | null,
    evaluated: boolean,
  ): DemoAdjustment => {
    const unit = change.op === 'move_quota' ? change.from : change.institution;
    return {
      docNumber,
      title: `关于调整${unit}机构编制事项的请示`,
      submittedOn: day(submitted),
      decidedOn: decided === null ? null : day(decided),
      evaluation: evaluated
        ? `必要性:${unit}承担的职责任务增加,现有编制难以满足履职需要。依据:区委编委会议纪要及上级有关机构编制政策规定。`
        : null,
      change,
    };
  };
  // the year's items, decided within two to three weeks, each with its 必要性和依据
  const adjustments = [
    request(`示编〔${year(-146)}〕3号`, raiseQuota(2), -160, -146, true),
    request(`示编〔${year(-101)}〕5号`, raisePosts(), -120, -101, true),
    request(`示编〔${year(-43)}〕8号`, raiseQuota(1), -60, -43, true),
  ];
  if (d.planted) {
    // a move within the total: the unit it goes to needs room as for a raise, the one it leaves holds one more before
    const moveTo = raiseQuota(1);
    const others = d.quotas.filter(
      (q) => q.category === moveTo.category && depts.includes(q.institution) && q.institution !== moveTo.institution,
    );
    const moveFrom = others.find((q) => !used.has(q.institution)) ?? others[0]!;
    used.add(moveFrom.institution);
    // waiting: never carried out, so it needs no room
    const pendingUnit =
      d.quotas.find((q) => q.institution === depts[3]) ?? d.quotas.find((q) => depts.includes(q.institution))!;
    const pending: QuotaRaise = {
      op: 'raise_quota',
      institution: pendingUnit.institution,
      category: pendingUnit.category,
      amount: 1,
    };
    adjustments.push(
      // submitted 50 days before asOf and still undecided
      request(`示编〔${year(-50)}〕11号`, pending, -50, null, false),
      // of substance, without a 必要性和依据
      request(`示编〔${year(-400)}〕7号`, raiseQuota(2), -414, -400, false),
      request(`示编〔${year(-200)}〕15号`, raisePosts(), -212, -200, false),
      // passed over: a move within the total, and a raise approved before the three-year window
      request(
        `示编〔${year(-300)}〕12号`,
        { op: 'move_quota', from: moveFrom.institution, to: moveTo.institution, category: moveTo.category, amount: 1 },
        -315,
        -300,
        false,
      ),
      request(`示编〔${year(-3 * 365 - 40)}〕6号`, raiseQuota(1), -3 * 365 - 52, -3 * 365 - 40, false),
    );
  }
  const scenario = (
    name: string,
    docNumber: string,
    change: DemoChange,
    effective: number,
    review: number,
    reviewed: number | null,
  ): DemoScenario => ({
    name,
    docNumber,
    effectiveOn: day(effective),
    reviewOn: day(review),
    reviewedOn: reviewed === null ? null : day(reviewed),
    necessity: '优化职责配置,充实一线执法和服务力量。',
    basis: '区委机构编制委员会会议决定。',
    change,
  });
  const reviewed = raiseQuota(1);
  const scenarios = [
    scenario(`${reviewed.institution}内设机构优化方案`, `示编〔${year(-700)}〕6号`, reviewed, -700, -335, -320),
  ];
  // applied the year before, its review fell due 75 days before asOf and has not been carried out
  if (d.planted) {
    const raise = raiseQuota(2, depts[5]);
    scenarios.push(scenario(`${raise.institution}职能调整方案`, `示编〔${year(-440)}〕4号`, raise, -440, -75, null));
  }
  return { adjustments, scenarios };
}

const substance = (c: DemoChange): Pick<ApprovalFact, 'changes' | 'institutions'> =>
  c.op === 'raise_quota'
    ? { changes: ['quota_increase'], institutions: [c.institution] }
    : c.op === 'raise_posts'
      ? { changes: ['posts_increase'], institutions: [c.institution] }
      : { changes: [], institutions: [] };

/** The units a change's items name, as the audit log's waits list them (a move: the unit it comes from). */
const named = (c: DemoChange) => [c.op === 'move_quota' ? c.from : c.institution];

/** The 编制事项 submitted, and when they were decided, as the audit log tells them. */
export function adjustmentWaitsOf(adjustments: DemoAdjustment[]): Omit<AdjustmentWaitFact, 'adjustmentId'>[] {
  return adjustments.map((a) => ({
    docNumber: a.docNumber,
    title: a.title,
    institutions: named(a.change),
    submittedOn: a.submittedOn,
    decidedOn: a.decidedOn,
    decision: a.decidedOn ? ('approved' as const) : null,
  }));
}

/** The approved 编制事项 (carried out the day they were approved) and the 方案 applied, with what they change. */
export function approvalsOf(
  adjustments: DemoAdjustment[],
  scenarios: DemoScenario[],
): Omit<ApprovalFact, 'adjustmentId'>[] {
  return [
    ...adjustments.flatMap((a) =>
      a.decidedOn
        ? [
            {
              docNumber: a.docNumber,
              title: a.title,
              status: 'applied' as const,
              approvedOn: a.decidedOn,
              ...substance(a.change),
              evaluated: a.evaluation !== null,
            },
          ]
        : [],
    ),
    // a 方案 carries its 必要性和依据 into the 编制事项 it becomes, approved as of its effective date
    ...scenarios.map((s) => ({
      docNumber: s.docNumber,
      title: s.name,
      status: 'applied' as const,
      approvedOn: s.effectiveOn,
      ...substance(s.change),
      evaluated: true,
    })),
  ];
}

export function scenarioReviewsOf(scenarios: DemoScenario[]): Omit<ScenarioReviewFact, 'scenarioId'>[] {
  return scenarios.map((s) => ({
    name: s.name,
    docNumber: s.docNumber,
    effectiveOn: s.effectiveOn,
    reviewOn: s.reviewOn,
    reviewedOn: s.reviewedOn,
    institutions: named(s.change),
  }));
}

/** The quotas and posts before every change carried out (the baseline's), from those after them all. */
export function baselineFigures(
  d: { quotas: QuotaRecord[]; posts: PostRecord[] },
  changes: DemoChange[],
): { quotas: QuotaRecord[]; posts: PostRecord[] } {
  const quotas = d.quotas.map((q) => ({ ...q }));
  const posts = d.posts.map((p) => ({ ...p }));
  const quota = (institution: string, category: QuotaCategory) =>
    quotas.find((q) => q.institution === institution && q.category === category)!;
  for (const c of changes) {
    if (c.op === 'raise_quota') quota(c.institution, c.category).approved -= c.amount;
    else if (c.op === 'move_quota') {
      quota(c.from, c.category).approved += c.amount;
      quota(c.to, c.category).approved -= c.amount;
    } else
      posts.find(
        (p) => p.institution === c.institution && p.level === c.level && p.postClass === c.postClass,
      )!.approved -= c.amount;
  }
  return { quotas, posts };
}
