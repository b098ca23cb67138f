/**
 * Part 一 of the report as numbers: the overview (机构/编制/职数) plus the structure of the people (age, education,
 * professional titles, gender) for the district and per institution. One function for CLI, API and report.
 */
import { educationLevels, quotaCategories, titleLevels } from '../domain/vocabulary.js';
import { computeOverview, type Overview, type StaffCounts } from './overview.js';
import type { PeopleGroup } from '../domain/facts.js';
import { ageOn, type PersonFact, type Snapshot } from './snapshot.js';

export const ageBands = ['35岁以下', '36-45岁', '46-54岁', '55岁以上'] as const;
export type AgeBand = (typeof ageBands)[number];

export interface PeopleStructure {
  total: number;
  meanAge: number | null;
  ageBands: Record<AgeBand, number>;
  /** Age pyramid: by 5-year band and gender. */
  pyramid: { band: string; 男: number; 女: number }[];
  education: Record<string, number>;
  titles: Record<string, number>;
  /** People holding 正高/副高/中级/初级. */
  titled: number;
  gender: { 男: number; 女: number; 未知: number };
}

export interface InstitutionStatistics {
  id: string;
  name: string;
  kind: string;
  quota: { category: string; approved: number; actual: number; vacant: number; over: number }[];
  posts: { level: string; postClass: string; approved: number; filled: number }[];
  people: PeopleStructure;
}

/** 编制周转池 of one category: what the district holds back, what it has lent, and how much of that is overdue. */
export interface PoolStatistics {
  category: string;
  balance: number;
  lent: number;
  loans: number;
  overdue: number;
}

export interface Statistics {
  asOf: string;
  overview: Overview;
  pool: PoolStatistics[];
  people: PeopleStructure;
  institutions: InstitutionStatistics[];
}

type HeldCount = Pick<PeopleGroup, 'institutionId' | 'category' | 'leadershipLevel' | 'postClass'> & {
  count?: number;
};

/** Places held per institution and category, and leaders per post: people one by one or counted in groups. */
export function staffCountsOf(people: HeldCount[]): StaffCounts {
  const actual = new Map<string, number>();
  const leaders = new Map<string, number>();
  for (const p of people) {
    const n = p.count ?? 1;
    const k = `${p.institutionId}|${p.category}`;
    actual.set(k, (actual.get(k) ?? 0) + n);
    if (p.leadershipLevel && p.postClass) {
      const lk = `${p.institutionId}|${p.leadershipLevel}|${p.postClass}`;
      leaders.set(lk, (leaders.get(lk) ?? 0) + n);
    }
  }
  return { actual, leaders };
}

/** Each person as a group of one, aged on `asOf`: the snapshot's people read like the store's groups. */
export function peopleGroupsOf(people: PersonFact[], asOf: string): PeopleGroup[] {
  return people.map((p) => ({
    institutionId: p.institutionId,
    category: p.category,
    leadershipLevel: p.leadershipLevel,
    postClass: p.postClass,
    gender: p.gender,
    age: p.birthDate ? ageOn(p.birthDate, asOf) : null,
    education: p.education,
    titleLevel: p.titleLevel,
    count: 1,
  }));
}

/** 35岁以下 includes 35 (以下 in Chinese statistics counts the bound): the one definition the report, the statistics
 * and the AGEING diagnostic share. */
export const youngMaxAge = 35;
export const isYoung = (age: number) => age <= youngMaxAge;

/** A share as the report writes it, one decimal: 922 of 3963 → "23.3%". The one formatting of every percentage. */
export function percent(n: number, of: number): string {
  return of ? `${((100 * n) / of).toFixed(1)}%` : '0%';
}

/** The same share as a number of percent, one decimal (23.3): for evidence and tables. */
export function sharePct(n: number, of: number): number {
  return of ? Number(((100 * n) / of).toFixed(1)) : 0;
}

export function ageBandOf(age: number): AgeBand {
  if (isYoung(age)) return '35岁以下';
  if (age <= 45) return '36-45岁';
  if (age <= 54) return '46-54岁';
  return '55岁以上';
}

export function peopleStructure(people: PersonFact[], asOf: string): PeopleStructure {
  return structureOf(peopleGroupsOf(people, asOf));
}

/** The structure of the people counted in `groups` (age on the statistics date, education, titles, gender). */
export function structureOf(groups: PeopleGroup[]): PeopleStructure {
  const bands = Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<AgeBand, number>;
  const education: Record<string, number> = Object.fromEntries(educationLevels.map((e) => [e, 0]));
  const titles: Record<string, number> = Object.fromEntries(titleLevels.map((t) => [t, 0]));
  const gender = { 男: 0, 女: 0, 未知: 0 };
  const pyramid = new Map<number, { 男: number; 女: number }>();
  let total = 0;
  let ageSum = 0;
  let aged = 0;
  let titled = 0;
  for (const g of groups) {
    const n = g.count;
    total += n;
    if (g.age !== null) {
      ageSum += g.age * n;
      aged += n;
      bands[ageBandOf(g.age)] += n;
      const five = Math.min(Math.max(Math.floor(g.age / 5) * 5, 20), 60);
      const row = pyramid.get(five) ?? { 男: 0, 女: 0 };
      if (g.gender === '男' || g.gender === '女') row[g.gender] += n;
      pyramid.set(five, row);
    }
    const e = g.education ?? '未填';
    education[e] = (education[e] ?? 0) + n;
    const t = g.titleLevel ?? '无';
    titles[t] = (titles[t] ?? 0) + n;
    if (t !== '无') titled += n;
    if (g.gender === '男' || g.gender === '女') gender[g.gender] += n;
    else gender.未知 += n;
  }
  return {
    total,
    meanAge: aged ? Math.round((ageSum / aged) * 10) / 10 : null,
    ageBands: bands,
    pyramid: [...pyramid]
      .sort(([a], [b]) => a - b)
      .map(([b, v]) => ({ band: b === 20 ? '24岁以下' : b === 60 ? '60岁以上' : `${b}-${b + 4}岁`, ...v })),
    education,
    titles,
    titled,
    gender,
  };
}

export function poolStatistics(s: Pick<Snapshot, 'registry' | 'asOf'>): PoolStatistics[] {
  const { balance, loans } = s.registry.pool;
  return quotaCategories
    .map((category) => {
      const of = loans.filter((l) => l.category === category);
      return {
        category,
        balance: balance[category] ?? 0,
        lent: of.reduce((n, l) => n + l.amount, 0),
        loans: of.length,
        overdue: of.filter((l) => l.returnBy < s.asOf).reduce((n, l) => n + l.amount, 0),
      };
    })
    .filter((p) => p.balance || p.lent);
}

export function computeStatistics(s: Snapshot): Statistics {
  return statisticsOf(s, peopleGroupsOf(s.people, s.asOf));
}

/** The statistics of the registry on `s.asOf` with the people who held a place that day, counted in groups. */
export function statisticsOf(s: Pick<Snapshot, 'registry' | 'asOf'>, groups: PeopleGroup[]): Statistics {
  const staff = staffCountsOf(groups);
  const byInstitution = new Map<string, PeopleGroup[]>();
  // pushed, not copied: a copy per person is quadratic (a million people took minutes)
  for (const g of groups) {
    const list = byInstitution.get(g.institutionId);
    if (list) list.push(g);
    else byInstitution.set(g.institutionId, [g]);
  }
  const institutions: InstitutionStatistics[] = [];
  for (const inst of s.registry.institutions.values()) {
    if (inst.status !== 'active' || inst.kind === 'internal_unit') continue;
    const quotaKeys = new Set(
      [...s.registry.quotas.keys(), ...staff.actual.keys()].filter((k) => k.startsWith(`${inst.id}|`)),
    );
    const quota = [...quotaKeys].sort().map((k) => {
      const approved = s.registry.quotas.get(k) ?? 0;
      const actual = staff.actual.get(k) ?? 0;
      return {
        category: k.split('|')[1]!,
        approved,
        actual,
        vacant: Math.max(0, approved - actual),
        over: Math.max(0, actual - approved),
      };
    });
    const postKeys = new Set(
      [...s.registry.posts.keys(), ...staff.leaders.keys()].filter((k) => k.startsWith(`${inst.id}|`)),
    );
    const posts = [...postKeys].sort().map((k) => {
      const [, level, postClass] = k.split('|') as [string, string, string];
      return { level, postClass, approved: s.registry.posts.get(k) ?? 0, filled: staff.leaders.get(k) ?? 0 };
    });
    institutions.push({
      id: inst.id,
      name: inst.name,
      kind: inst.kind,
      quota,
      posts,
      people: structureOf(byInstitution.get(inst.id) ?? []),
    });
  }
  institutions.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    asOf: s.asOf,
    overview: computeOverview(s.registry, staff),
    pool: poolStatistics(s),
    people: structureOf(groups),
    institutions,
  };
}
