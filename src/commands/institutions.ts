/** Reading the registry for people: the institution tree, one institution with its numbers, and its 沿革. */
import { quotaKey, type InstitutionState } from '../domain/ledger.js';
import { forbidden, notFound } from '../store/errors.js';
import { adjustmentsNaming } from '../store/registry.repository.js';
import { loadStaffCounts } from '../store/roster.repository.js';
import { loadWorkload } from '../store/snapshot.repository.js';
import { listDuties } from '../store/duties.repository.js';
import { quotaTag, registryAsOf } from './adjustments.js';
import type { CommandContext } from './context.js';

type ReadContext = Pick<CommandContext, 'pool' | 'regionCode'>;
/** The institutions a user may see; undefined = all (see permissions.scopeOf). */
export type Scope = Set<string> | undefined;

export function ensureInScope(scope: Scope, institutionId: string) {
  if (scope && !scope.has(institutionId)) throw forbidden('无权查看或办理其他单位的信息');
}

export interface InstitutionNode extends InstitutionState {
  approved: number;
  actual: number;
}

/** Every institution (active and abolished) with its quota and head count on a date, parents before children. */
export async function institutionTree(ctx: ReadContext, opts: { asOf?: string; scope?: Scope } = {}) {
  const [registry, staff] = await Promise.all([
    registryAsOf(ctx, opts.asOf),
    loadStaffCounts(ctx.pool, ctx.regionCode, opts.asOf),
  ]);
  const approved = new Map<string, number>();
  for (const [k, n] of registry.quotas) approved.set(k.split('|')[0]!, (approved.get(k.split('|')[0]!) ?? 0) + n);
  const actual = new Map<string, number>();
  for (const [k, n] of staff.actual) actual.set(k.split('|')[0]!, (actual.get(k.split('|')[0]!) ?? 0) + n);
  const nodes: InstitutionNode[] = [];
  for (const i of registry.institutions.values()) {
    if (opts.scope && !opts.scope.has(i.id)) continue;
    nodes.push({ ...i, approved: approved.get(i.id) ?? 0, actual: actual.get(i.id) ?? 0 });
  }
  return nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
}

/** One institution: its facts, quota by category (approved/actual with version tags), posts, units and workload. */
export async function institutionDetail(ctx: ReadContext, id: string, opts: { asOf?: string; scope?: Scope } = {}) {
  ensureInScope(opts.scope, id);
  const [registry, staff, workload, duties] = await Promise.all([
    registryAsOf(ctx, opts.asOf),
    loadStaffCounts(ctx.pool, ctx.regionCode, opts.asOf),
    loadWorkload(ctx.pool, ctx.regionCode),
    listDuties(ctx.pool, ctx.regionCode, { institutionIds: [id], offset: 0, limit: 0 }),
  ]);
  const inst = registry.institutions.get(id);
  if (!inst) throw notFound(`机构 ${id} `);
  const categories = new Set<string>();
  for (const k of [...registry.quotas.keys(), ...staff.actual.keys()]) {
    if (k.startsWith(`${id}|`)) categories.add(k.split('|')[1]!);
  }
  const quotas = [...categories].sort().map((category) => {
    const approved = registry.quotas.get(quotaKey(id, category)) ?? 0;
    const actual = staff.actual.get(quotaKey(id, category)) ?? 0;
    return {
      category,
      approved,
      actual,
      vacant: Math.max(0, approved - actual),
      over: Math.max(0, actual - approved),
      tag: quotaTag(id, category, approved),
    };
  });
  const postKeys = new Set([...registry.posts.keys(), ...staff.leaders.keys()].filter((k) => k.startsWith(`${id}|`)));
  const posts = [...postKeys].sort().map((k) => {
    const [, level, postClass] = k.split('|') as [string, string, string];
    return { level, postClass, approved: registry.posts.get(k) ?? 0, filled: staff.leaders.get(k) ?? 0 };
  });
  const nameOf = (x: string | null) => (x ? (registry.institutions.get(x)?.name ?? null) : null);
  const units = [...registry.institutions.values()]
    .filter((u) => u.parentId === id)
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind, status: u.status }));
  const hosted = [...registry.institutions.values()]
    .filter((u) => u.hostedById === id && u.status === 'active')
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
  return {
    institution: inst,
    parentName: nameOf(inst.parentId),
    hostName: nameOf(inst.hostedById),
    quotas,
    posts,
    units,
    hosted,
    workload: workload.filter((w) => w.institutionId === id),
    dutyCount: duties.total,
  };
}

/** 沿革: every adjustment that names the institution, in the order the ledger folds them. */
export async function institutionHistory(ctx: ReadContext, id: string, opts: { scope?: Scope } = {}) {
  ensureInScope(opts.scope, id);
  const registry = await registryAsOf(ctx);
  if (!registry.institutions.has(id)) throw notFound(`机构 ${id} `);
  return adjustmentsNaming(ctx.pool, ctx.regionCode, [id]);
}
