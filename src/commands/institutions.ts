/** Reading the registry for people: the institution tree, one institution with its numbers, and its 沿革. */
import { staffCountsOf } from '../analysis/statistics.js';
import { quotaKey, type InstitutionState } from '../domain/ledger.js';
import { forbidden, notFound } from '../domain/errors.js';
import { adjustmentsNaming } from '../store/registry.repository.js';
import { quotaTag, registryAsOf } from './adjustments.js';
import type { CommandContext } from './context.js';
import { loadSnapshot } from './snapshot.js';
import { reachOf } from './access.js';
import { loadWorkload } from '../store/snapshot.repository.js';

type ReadContext = Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots' | 'access'>;
/** The institutions a user may see; undefined = all (see permissions.scopeOf). */
export type Scope = Set<string> | undefined;

export function ensureInScope(scope: Scope, institutionId: string) {
  if (scope && !scope.has(institutionId)) throw forbidden('无权查看或办理其他单位的信息');
}

export interface InstitutionNode extends InstitutionState {
  approved: number;
  actual: number;
}

const byInstitution = (m: Map<string, number>) => {
  const out = new Map<string, number>();
  for (const [k, n] of m) {
    const id = k.slice(0, k.indexOf('|'));
    out.set(id, (out.get(id) ?? 0) + n);
  }
  return out;
};

/** Every institution (active and abolished) with its quota and head count on a date, in the registry's order. */
export async function institutionTree(ctx: ReadContext, opts: { asOf?: string; scope?: Scope } = {}) {
  const scope = opts.scope ?? (await reachOf(ctx));
  const s = await loadSnapshot(ctx, opts.asOf);
  const approved = byInstitution(s.registry.quotas);
  const actual = byInstitution(staffCountsOf(s.people).actual);
  const nodes: InstitutionNode[] = [];
  for (const i of s.registry.institutions.values()) {
    if (scope && !scope.has(i.id)) continue;
    nodes.push({ ...i, approved: approved.get(i.id) ?? 0, actual: actual.get(i.id) ?? 0 });
  }
  return nodes.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'));
}

/** One institution: its facts, quota by category (approved/actual with version tags), posts, units and workload. */
export async function institutionDetail(ctx: ReadContext, id: string, opts: { asOf?: string; scope?: Scope } = {}) {
  ensureInScope(opts.scope ?? (await reachOf(ctx)), id);
  const s = await loadSnapshot(ctx, opts.asOf);
  const { registry } = s;
  const staff = staffCountsOf(s.people.filter((p) => p.institutionId === id));
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
  const all = [...registry.institutions.values()];
  return {
    institution: inst,
    parentName: nameOf(inst.parentId),
    hostName: nameOf(inst.hostedById),
    quotas,
    posts,
    units: all
      .filter((u) => u.parentId === id)
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind, status: u.status })),
    hosted: all
      .filter((u) => u.hostedById === id && u.status === 'active')
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind })),
    workload: s.workload.filter((w) => w.institutionId === id),
    dutyCount: s.duties.filter((d) => d.institutionId === id).length,
  };
}

/** 沿革: every adjustment that names the institution, in the order the ledger folds them. */
export async function institutionHistory(ctx: ReadContext, id: string, opts: { scope?: Scope } = {}) {
  ensureInScope(opts.scope ?? (await reachOf(ctx)), id);
  const registry = await registryAsOf(ctx);
  if (!registry.institutions.has(id)) throw notFound(`机构 ${id} `);
  return adjustmentsNaming(ctx.pool, ctx.regionCode, [id]);
}

/** 工作量 indicators within the actor's reach (of one institution when asked). */
export async function browseWorkload(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'access'>,
  opts: { institutionId?: string } = {},
) {
  const scope = await reachOf(ctx);
  const { institutionId } = opts;
  if (institutionId) ensureInScope(scope, institutionId);
  return (await loadWorkload(ctx.pool, ctx.regionCode)).filter(
    (w) => (!institutionId || w.institutionId === institutionId) && (!scope || scope.has(w.institutionId)),
  );
}
