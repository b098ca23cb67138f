/**
 * The figures of the report's part 一 (机构设置 / 人员编制 / 领导职数), pure over a snapshot. CLI, API and report all
 * call this one function, so they can never disagree.
 */
import type { RegistryState } from '../domain/ledger.js';
import {
  institutionKinds,
  leadershipLevels,
  postClasses,
  quotaCategories,
  type InstitutionKind,
  type LeadershipLevel,
  type PostClass,
  type QuotaCategory,
} from '../domain/vocabulary.js';

export interface StaffCounts {
  /** open assignments per `${institutionId}|${category}` */
  actual: Map<string, number>;
  /** leaders in post per `${institutionId}|${level}|${postClass}` */
  leaders: Map<string, number>;
}

export interface Overview {
  institutions: {
    total: number;
    byKind: Record<InstitutionKind, number>;
    partyGov: number;
    hosted: number;
    internalUnits: number;
  };
  quota: Record<QuotaCategory, { approved: number; actual: number; vacant: number; over: number }> & {
    total: { approved: number; actual: number; vacant: number; over: number };
  };
  posts: Record<LeadershipLevel, Record<PostClass | 'total', { approved: number; filled: number }>>;
}

const zeroQuota = () => ({ approved: 0, actual: 0, vacant: 0, over: 0 });

export function computeOverview(registry: RegistryState, staff: StaffCounts): Overview {
  const active = [...registry.institutions.values()].filter((i) => i.status === 'active');
  const byKind = Object.fromEntries(institutionKinds.map((k) => [k, 0])) as Record<InstitutionKind, number>;
  for (const i of active) byKind[i.kind]++;
  const internalUnits = byKind.internal_unit;
  const activeIds = new Set(active.map((i) => i.id));

  const quota = Object.fromEntries(quotaCategories.map((c) => [c, zeroQuota()])) as Overview['quota'];
  quota.total = zeroQuota();
  // vacant/over are per institution and category: one unit's surplus does not hide another's shortfall
  const keys = new Set([...registry.quotas.keys(), ...staff.actual.keys()]);
  for (const key of keys) {
    const [id, category] = key.split('|') as [string, QuotaCategory];
    if (!activeIds.has(id) || !quota[category]) continue;
    const approved = registry.quotas.get(key) ?? 0;
    const actual = staff.actual.get(key) ?? 0;
    for (const t of [quota[category], quota.total]) {
      t.approved += approved;
      t.actual += actual;
      t.vacant += Math.max(0, approved - actual);
      t.over += Math.max(0, actual - approved);
    }
  }

  const posts = Object.fromEntries(
    leadershipLevels.map((l) => [
      l,
      Object.fromEntries([...postClasses, 'total'].map((c) => [c, { approved: 0, filled: 0 }])),
    ]),
  ) as Overview['posts'];
  for (const [key, approved] of registry.posts) {
    const [id, level, cls] = key.split('|') as [string, LeadershipLevel, PostClass];
    if (!activeIds.has(id) || !posts[level]) continue;
    posts[level][cls].approved += approved;
    posts[level].total.approved += approved;
  }
  for (const [key, filled] of staff.leaders) {
    const [id, level, cls] = key.split('|') as [string, LeadershipLevel, PostClass];
    if (!activeIds.has(id) || !posts[level]?.[cls]) continue;
    posts[level][cls].filled += filled;
    posts[level].total.filled += filled;
  }

  return {
    institutions: {
      total: active.length - internalUnits,
      byKind,
      partyGov: byKind.party_dept + byKind.gov_dept,
      hosted: active.filter((i) => i.hostedById).length,
      internalUnits,
    },
    quota,
    posts,
  };
}
