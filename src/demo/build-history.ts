/**
 * Three years of staffing history for the demo district (issue 16 item 8), told as the steps the 编办 took: 用编申请
 * approved (most used, some left to expire, one withdrawn), 入编 quoting them, one 例外入编 (planted), 调动, 任职 and
 * 免职, and 退休 on each retiree's statutory date (2025 rules). Pure and seeded like the rest of the generator.
 *
 * The history ends in the district the generator already drew (`roster`, as of asOf): the roster imported first is
 * that district as it stood before the history — without the people who enter through it, with the transferred and the
 * appointed still in their former places, with the retirees — so every figure and planted problem on asOf is the same
 * whether the demo is read from its records or rebuilt through the commands. Units where a problem is planted take no
 * part. Every step is checked here against the rules the commands apply (vacancy, posts), so the commands accept them.
 */
import { addMonths } from '../domain/dates.js';
import type { PostRecord, QuotaRecord, RosterRecord } from '../domain/records.js';
import { personRetirement } from '../domain/retirement.js';
import { checkVacancy, type recruitmentChannels } from '../domain/staffing.js';
import type { LeadershipLevel, PostClass, QuotaCategory } from '../domain/vocabulary.js';
import type { UnitModel } from './build-institutions.js';
import { makePerson } from './people.js';
import { plan } from './plan.js';
import type { Rng } from './random.js';
import { fromDays, maxDate, minDate, streamFor, toDays } from './spec.js';

type Channel = (typeof recruitmentChannels)[number];
type Place = Pick<RosterRecord, 'institution' | 'unit' | 'category' | 'post'>;

/** One thing the 编办 did, on its date; `ref` ties a 入编 or a withdrawal to its 用编申请. */
export type DemoStep =
  | {
      do: 'approve';
      on: string;
      ref: number;
      institution: string;
      category: QuotaCategory;
      count: number;
      channel: Channel;
      reason: string;
    }
  | { do: 'withdraw'; on: string; ref: number; reason: string }
  | {
      do: 'enter';
      on: string;
      person: RosterRecord;
      approvalRef: number | null;
      exceptionReason: string | null;
      docNumber: string;
    }
  | { do: 'transfer'; on: string; idNumber: string; to: Place; docNumber: string }
  | {
      do: 'appoint';
      on: string;
      idNumber: string;
      post: string;
      level: LeadershipLevel;
      postClass: PostClass;
      docNumber: string;
    }
  | { do: 'dismiss'; on: string; idNumber: string; post: string; docNumber: string }
  | { do: 'retire'; on: string; idNumber: string; docNumber: string };

export interface DemoHistory {
  /** The first day of the history; the imported roster is the district the day before. */
  from: string;
  /** Who drafted the requests and recorded the movements, and who approved. */
  operator: string;
  approver: string;
  initialRoster: RosterRecord[];
  /** In the order they are carried out (date, then the order written). */
  steps: DemoStep[];
}

export const demoHistoryActors = { operator: '区委编办业务科', approver: '区编委审批人' };

const exceptionReason = '经区委常委会研究同意引进的急需紧缺专业人才,用编核准手续后补';

/** Every unit the plan names: no history there, so the planted figures stay exactly as drawn. */
function plannedUnits(): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') names.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(plan);
  return names;
}

const day = (d: string, n: number) => fromDays(toDays(d) + n);

/** Places held per institution and category over time: +1/−1 on dates (an end date is exclusive, as in the store). */
class Ledger {
  private changes = new Map<string, { on: string; delta: number }[]>();
  add(key: string, on: string, delta: number) {
    const list = this.changes.get(key) ?? [];
    list.push({ on, delta });
    this.changes.set(key, list);
  }
  on(key: string, date: string) {
    let n = 0;
    for (const c of this.changes.get(key) ?? []) if (c.on <= date) n += c.delta;
    return n;
  }
  /** The most held on any day of [from, to]. */
  max(key: string, from: string, to: string) {
    const days = [from, ...(this.changes.get(key) ?? []).map((c) => c.on).filter((d) => d > from && d <= to)];
    return Math.max(...days.map((d) => this.on(key, d)));
  }
}

interface Approval {
  ref: number;
  on: string;
  institution: string;
  category: QuotaCategory;
  count: number;
  /** dates of the entries that use it */
  uses: string[];
  withdrawnOn?: string;
}

export function buildHistory(opts: {
  seed: number;
  planted: boolean;
  models: UnitModel[];
  quotas: QuotaRecord[];
  posts: PostRecord[];
  roster: RosterRecord[];
  asOf: string;
}): DemoHistory {
  const { models, roster, asOf } = opts;
  const rng = streamFor(opts.seed, 'history');
  const from = day(addMonths(asOf, -36), 1);
  const excluded = plannedUnits();
  const modelOf = new Map(models.map((m) => [m.name, m]));
  const usable = (name: string) => !excluded.has(name) && modelOf.has(name);
  const key = (inst: string, cat: string) => `${inst}|${cat}`;
  const approvedOf = new Map(opts.quotas.map((q) => [key(q.institution, q.category), q.approved]));
  const postsOf = new Map(opts.posts.map((p) => [`${p.institution}|${p.level}|${p.postClass}`, p.approved]));
  const taken = new Set(roster.map((r) => r.idNumber));

  const places = new Ledger();
  const leaders = new Ledger();
  const leaderKey = (r: Pick<RosterRecord, 'institution' | 'leadershipLevel' | 'postClass'>) =>
    `${r.institution}|${r.leadershipLevel}|${r.postClass ?? 'admin'}`;
  // what the import holds for a final-roster person (replaced below for the ones the history moves)
  const initial = new Map<string, RosterRecord>(roster.map((r) => [r.idNumber, r]));
  const extra: RosterRecord[] = [];
  const steps: DemoStep[] = [];
  const docSeq = new Map<string, number>();
  const doc = (prefix: string, on: string) => {
    const k = `${prefix}${on.slice(0, 4)}`;
    const n = (docSeq.get(k) ?? 0) + 1;
    docSeq.set(k, n);
    return `${prefix}〔${on.slice(0, 4)}〕${n}号`;
  };

  const inWindow = (r: RosterRecord, margin: number) =>
    r.startOn > day(from, margin) && r.startOn <= asOf && usable(r.institution);
  const candidates = rng.shuffle(roster.filter((r) => inWindow(r, 75)));
  const plainEntrants = candidates.filter((r) => !r.leadershipLevel);
  const used = new Set<string>();

  // 任职: a leader appointed in the window was an ordinary member of the unit before; some had a predecessor who was
  // 免职 first and retired on the statutory date
  const appointees = candidates.filter((r) => r.leadershipLevel && r.startOn > day(from, 200)).slice(0, 5);
  for (const [i, r] of appointees.entries()) {
    const m = modelOf.get(r.institution)!;
    const before = maxDate(r.joinedWorkOn ?? r.startOn, day(r.startOn, -rng.int(900, 3000)));
    if (before >= r.startOn) continue;
    used.add(r.idNumber);
    initial.set(r.idNumber, {
      ...r,
      leadershipLevel: undefined,
      postClass: undefined,
      post: m.kind === 'public_institution' ? '专业技术人员' : '一级主任科员',
      startOn: before,
    });
    steps.push({
      do: 'appoint',
      on: r.startOn,
      idNumber: r.idNumber,
      post: r.post!,
      level: r.leadershipLevel!,
      postClass: r.postClass ?? 'admin',
      docNumber: doc('示组干', r.startOn),
    });
    if (i < 3) {
      // the predecessor: 免职 some weeks before, 退休 at the statutory date a few months later
      const dismissOn = day(r.startOn, -rng.int(20, 60));
      const retiree = retireeAround(rng, m, r.category, day(dismissOn, rng.int(30, 150)), taken, from, {
        level: r.leadershipLevel as '正科' | '副科',
        post: r.post!,
        postClass: r.postClass ?? 'admin',
      });
      if (!retiree || retiree.retireOn < dismissOn || retiree.retireOn > asOf || dismissOn <= from) continue;
      extra.push(retiree.person);
      steps.push(
        {
          do: 'dismiss',
          on: dismissOn,
          idNumber: retiree.person.idNumber,
          post: '四级调研员',
          docNumber: doc('示组干', dismissOn),
        },
        {
          do: 'retire',
          on: retiree.retireOn,
          idNumber: retiree.person.idNumber,
          docNumber: doc('示人社退', retiree.retireOn),
        },
      );
    }
  }

  // 调动: people who came from another unit of the district in the window, on the same category
  const transferees = plainEntrants
    .filter((r) => r.joinedWorkOn && r.joinedWorkOn < day(r.startOn, -700) && !used.has(r.idNumber))
    .slice(0, 8);
  for (const r of transferees) {
    const origins = models.filter(
      (m) =>
        m.name !== r.institution &&
        usable(m.name) &&
        (m.quota[r.category] ?? 0) >= 8 &&
        m.kind === modelOf.get(r.institution)!.kind,
    );
    if (!origins.length) continue;
    const origin = rng.pick(origins);
    used.add(r.idNumber);
    initial.set(r.idNumber, {
      ...r,
      institution: origin.name,
      unit: undefined,
      post: r.post,
      startOn: maxDate(r.joinedWorkOn!, day(r.startOn, -rng.int(700, 2500))),
    });
    steps.push({
      do: 'transfer',
      on: r.startOn,
      idNumber: r.idNumber,
      to: { institution: r.institution, unit: r.unit, category: r.category, post: r.post },
      docNumber: doc('示人社调', r.startOn),
    });
  }

  // 退休: members who reached the statutory age in the window, in units that then recruited
  const groups = new Map<string, RosterRecord[]>();
  for (const r of plainEntrants) {
    if (used.has(r.idNumber)) continue;
    const k = key(r.institution, r.category);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const approvals: Approval[] = [];
  const entries: { person: RosterRecord; ref: number | null; exception: boolean }[] = [];
  let ref = 0;
  let entrants = 0;
  for (const [k, people] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (entrants >= 24) break;
    const [institution, category] = k.split('|') as [string, QuotaCategory];
    const m = modelOf.get(institution)!;
    const sorted = [...people].sort((a, b) => (a.startOn < b.startOn ? -1 : 1));
    // batches that one approval covers: entries within five months of the first
    const batches: RosterRecord[][] = [];
    for (const r of sorted) {
      const last = batches.at(-1);
      if (last && r.startOn <= day(last[0]!.startOn, 150)) last.push(r);
      else batches.push([r]);
    }
    for (const batch of batches.slice(0, 2)) {
      const first = batch[0]!.startOn;
      const approvedOn = day(first, -rng.int(20, 70));
      if (approvedOn <= from) continue;
      ref++;
      // a few approvals carry a place that is never used and expires
      const spare = rng.chance(0.2) ? 1 : 0;
      approvals.push({ ref, on: approvedOn, institution, category, count: batch.length + spare, uses: [] });
      for (const r of batch) entries.push({ person: r, ref, exception: false });
      entrants += batch.length;
      // the leaver each batch replaces: a member of the unit who retired before the request
      if (rng.chance(0.6)) {
        const retiree = retireeAround(rng, m, category, day(approvedOn, -rng.int(20, 120)), taken, from);
        if (retiree && retiree.retireOn > from && retiree.retireOn < day(approvedOn, -5)) {
          extra.push(retiree.person);
          steps.push({
            do: 'retire',
            on: retiree.retireOn,
            idNumber: retiree.person.idNumber,
            docNumber: doc('示人社退', retiree.retireOn),
          });
        }
      }
    }
  }

  // planted: one 入编 recorded without an approval, as an exception with its reason
  if (opts.planted) {
    const r = plainEntrants.find(
      (x) => !used.has(x.idNumber) && !entries.some((e) => e.person === x) && x.startOn > day(from, 400),
    );
    if (r) entries.push({ person: r, ref: null, exception: true });
  }
  for (const e of entries) used.add(e.person.idNumber);

  // approvals that hold places with nobody entering: one withdrawn, one left to expire, one still open on asOf
  const slack = models
    .filter((m) => usable(m.name))
    .flatMap((m) => (Object.keys(m.quota) as QuotaCategory[]).map((c) => ({ institution: m.name, category: c })))
    .filter((x) => !approvals.some((a) => a.institution === x.institution && a.category === x.category));
  const unused: [string, number, string?][] = [
    [day(asOf, -rng.int(700, 800)), rng.int(40, 90), '招聘计划调整,本年度暂不补充'],
    [day(asOf, -rng.int(400, 500)), 0],
    [day(asOf, -rng.int(20, 45)), 0],
  ];

  // the places held over time: the import (each final-roster person in the place held before the history moved
  // them; an entrant from the day of entry) and the retirees, then the steps
  const everyone = [...roster.map((r) => initial.get(r.idNumber)!), ...extra];
  const byId = new Map(everyone.map((r) => [r.idNumber, r]));
  for (const r of everyone) {
    places.add(key(r.institution, r.category), r.startOn, 1);
    if (r.leadershipLevel) leaders.add(leaderKey(r), r.startOn, 1);
  }
  for (const s of steps) {
    const r = 'idNumber' in s ? byId.get(s.idNumber)! : undefined;
    if (s.do === 'retire') places.add(key(r!.institution, r!.category), s.on, -1);
    else if (s.do === 'dismiss') leaders.add(leaderKey(r!), s.on, -1);
    else if (s.do === 'transfer') {
      places.add(key(r!.institution, r!.category), s.on, -1);
      places.add(key(s.to.institution, s.to.category), s.on, 1);
    } else if (s.do === 'appoint') leaders.add(`${r!.institution}|${s.level}|${s.postClass}`, s.on, 1);
  }

  for (const [on, withdrawAfter, why] of unused) {
    const pick = rng
      .shuffle(slack)
      .find(
        (x) =>
          (approvedOf.get(key(x.institution, x.category)) ?? 0) -
            places.max(key(x.institution, x.category), on, asOf) >=
          2,
      );
    if (!pick) continue;
    slack.splice(slack.indexOf(pick), 1);
    ref++;
    approvals.push({
      ref,
      on,
      ...pick,
      count: 1,
      uses: [],
      ...(why ? { withdrawnOn: day(on, withdrawAfter) } : {}),
    });
    if (why) steps.push({ do: 'withdraw', on: day(on, withdrawAfter), ref, reason: why });
  }

  // every approval must pass the vacancy rule on its day, against the places held and the other approvals' holds
  // (占编: approved, not withdrawn, not expired, less the entries recorded before that day)
  const kept: Approval[] = [];
  const reservedOn = (k: string, on: string) =>
    kept
      .filter((b) => key(b.institution, b.category) === k && b.on <= on && addMonths(b.on, 6) >= on)
      .filter((b) => !b.withdrawnOn || b.withdrawnOn > on)
      .reduce((n, b) => n + b.count - b.uses.filter((u) => u < on).length, 0);
  for (const a of [...approvals].sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : x.ref - y.ref))) {
    const k = key(a.institution, a.category);
    a.uses = entries.filter((e) => e.ref === a.ref).map((e) => e.person.startOn);
    const verdict = checkVacancy(
      {
        approved: approvedOf.get(k) ?? 0,
        actual: places.on(k, a.on),
        reserved: reservedOn(k, a.on),
        unreplacedLeavers: 0,
      },
      a.count,
      12,
    );
    const late = a.uses.some((u) => u > addMonths(a.on, 6));
    if (verdict.ok && !late) kept.push(a);
    else for (const e of entries) if (e.ref === a.ref) e.ref = -1; // imported as drawn instead
  }
  for (const a of kept) {
    const m = modelOf.get(a.institution)!;
    const channel: Channel =
      a.category === 'public_service' || a.category === 'worker'
        ? 'open_recruitment'
        : m.kind === 'street' || m.kind === 'township'
          ? 'selection'
          : 'exam';
    steps.push({
      do: 'approve',
      on: a.on,
      ref: a.ref,
      institution: a.institution,
      category: a.category,
      count: a.count,
      channel,
      reason: a.withdrawnOn
        ? `${a.institution}拟补充工作人员${a.count}名`
        : a.uses.length
          ? `${a.institution}因人员退休、调出出现空编,申请补充工作人员${a.count}名`
          : `${a.institution}业务量增加,申请使用空编${a.count}名`,
    });
  }
  for (const e of entries) {
    if (e.ref === -1) continue;
    steps.push({
      do: 'enter',
      on: e.person.startOn,
      person: e.person,
      approvalRef: e.exception ? null : e.ref,
      exceptionReason: e.exception ? exceptionReason : null,
      docNumber: doc('示人社', e.person.startOn),
    });
  }
  // transfers and appointments must find the vacancy and the post on their day too
  const keptSteps = steps.filter((s) => {
    if (s.do === 'withdraw') return kept.some((a) => a.ref === s.ref);
    if (s.do === 'transfer') {
      const k = key(s.to.institution, s.to.category);
      return (approvedOf.get(k) ?? 0) - (places.on(k, s.on) - 1) - reservedOn(k, s.on) >= 1;
    }
    if (s.do === 'appoint') {
      const k = `${byId.get(s.idNumber)!.institution}|${s.level}|${s.postClass}`;
      return leaders.on(k, s.on) <= (postsOf.get(k) ?? 0);
    }
    return true;
  });
  const dropped = new Set(steps.filter((s) => !keptSteps.includes(s)).map((s) => ('idNumber' in s ? s.idNumber : '')));
  const entered = new Set(keptSteps.flatMap((s) => (s.do === 'enter' ? [s.person.idNumber] : [])));
  const initialRoster = [
    ...roster.flatMap((r) => {
      if (entered.has(r.idNumber)) return [];
      if (dropped.has(r.idNumber)) return [r];
      return [initial.get(r.idNumber)!];
    }),
    ...extra,
  ];
  const order: DemoStep['do'][] = ['approve', 'withdraw', 'dismiss', 'retire', 'transfer', 'appoint', 'enter'];
  keptSteps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : order.indexOf(a.do) - order.indexOf(b.do)));
  return { from, ...demoHistoryActors, initialRoster, steps: keptSteps };
}

/**
 * A member of the unit whose statutory retirement (2025 rules, from birth date and gender) falls near `around`;
 * undefined when no draw lands within three months of it.
 */
function retireeAround(
  rng: Rng,
  m: UnitModel,
  category: QuotaCategory,
  around: string,
  taken: Set<string>,
  from: string,
  leader?: { level: '正科' | '副科'; post: string; postClass: 'admin' | 'public_service' },
): { person: RosterRecord; retireOn: string } | undefined {
  for (let attempt = 0; attempt < 6; attempt++) {
    const gender = rng.chance(0.6) ? '男' : '女';
    const age = gender === '男' ? 60 : category === 'worker' ? 50 : 55;
    const person = makePerson(
      rng,
      { institution: m.name, category, profile: m.profile, age, gender, leader },
      day(around, rng.int(-90, 30)),
      taken,
    );
    const due = personRetirement({ birthDate: person.birthDate!, gender, category });
    if (!due || Math.abs(toDays(due.date) - toDays(around)) > 90) {
      taken.delete(person.idNumber);
      continue;
    }
    // a member since before the history
    person.startOn = maxDate(
      person.joinedWorkOn ?? person.startOn,
      minDate(person.startOn, day(from, -rng.int(100, 3000))),
    );
    return { person, retireOn: due.date };
  }
  return undefined;
}
