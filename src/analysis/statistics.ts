/**
 * Part 一 of the report as numbers: the overview (机构/编制/职数) plus the structure of the people (age, education,
 * professional titles, gender) for the district and per institution. One function for CLI, API and report.
 */
import { educationLevels, quotaCategories, titleLevels } from '../domain/vocabulary.js';
import { computeOverview, type Overview, type StaffCounts } from './overview.js';
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

export function staffCountsOf(people: PersonFact[]): StaffCounts {
  const actual = new Map<string, number>();
  const leaders = new Map<string, number>();
  for (const p of people) {
    const k = `${p.institutionId}|${p.category}`;
    actual.set(k, (actual.get(k) ?? 0) + 1);
    if (p.leadershipLevel && p.postClass) {
      const lk = `${p.institutionId}|${p.leadershipLevel}|${p.postClass}`;
      leaders.set(lk, (leaders.get(lk) ?? 0) + 1);
    }
  }
  return { actual, leaders };
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
  const bands = Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<AgeBand, number>;
  const education: Record<string, number> = Object.fromEntries(educationLevels.map((e) => [e, 0]));
  const titles: Record<string, number> = Object.fromEntries(titleLevels.map((t) => [t, 0]));
  const gender = { 男: 0, 女: 0, 未知: 0 };
  const pyramid = new Map<number, { 男: number; 女: number }>();
  let ageSum = 0;
  let aged = 0;
  let titled = 0;
  for (const p of people) {
    if (p.birthDate) {
      const age = ageOn(p.birthDate, asOf);
      ageSum += age;
      aged++;
      bands[ageBandOf(age)]++;
      const five = Math.min(Math.max(Math.floor(age / 5) * 5, 20), 60);
      const row = pyramid.get(five) ?? { 男: 0, 女: 0 };
      if (p.gender === '男' || p.gender === '女') row[p.gender]++;
      pyramid.set(five, row);
    }
    const e = p.education ?? '未填';
    education[e] = (education[e] ?? 0) + 1;
    const t = p.titleLevel ?? '无';
    titles[t] = (titles[t] ?? 0) + 1;
    if (t !== '无') titled++;
    if (p.gender === '男' || p.gender === '女') gender[p.gender]++;
    else gender.未知++;
  }
  return {
    total: people.length,
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
  const staff = staffCountsOf(s.people);
  const byInstitution = new Map<string, PersonFact[]>();
  // pushed, not copied: a copy per person is quadratic (a million people took minutes)
  for (const p of s.people) {
    const list = byInstitution.get(p.institutionId);
    if (list) list.push(p);
    else byInstitution.set(p.institutionId, [p]);
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
      people: peopleStructure(byInstitution.get(inst.id) ?? [], s.asOf),
    });
  }
  institutions.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    asOf: s.asOf,
    overview: computeOverview(s.registry, staff),
    pool: poolStatistics(s),
    people: peopleStructure(s.people, s.asOf),
    institutions,
  };
}
