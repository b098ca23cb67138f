/**
 * Who may do what (DESIGN §2 roles). One table, read by the server's guard and by the web app's navigation, so that a
 * menu never offers what the API would refuse. A reporter's reads and drafts are further limited to its own
 * institution and that institution's internal units (see `scopeOf`).
 */
import type { AdjustmentItem, InstitutionState } from './ledger.js';
import type { Role } from './vocabulary.js';

export const permissions = {
  /** District-wide reads: statistics, diagnostics, report, every institution, person and duty. */
  readDistrict: ['admin', 'operator', 'approver', 'leader'],
  /** Reads limited to the reporter's own institution and its internal units. */
  readOwnUnit: ['admin', 'operator', 'approver', 'leader', 'reporter'],
  /** Whole ID numbers (身份证号) instead of masked ones; every such read is audited. */
  unmaskIdNumbers: ['admin', 'operator'],
  /** Draft, edit and submit adjustments (a reporter only for its own unit). */
  draftAdjustments: ['admin', 'operator', 'reporter'],
  /** 编委: approve or reject submitted adjustments. */
  decideAdjustments: ['admin', 'approver'],
  /** Carry out an approved adjustment on the registry. */
  applyAdjustments: ['admin', 'operator'],
  /** Record a quota decision the 编委 has already taken (one set_quota adjustment, applied at once). */
  recordQuotaDecisions: ['admin', 'approver'],
  /** Validate and commit imports; download templates. */
  importData: ['admin', 'operator'],
  /** Export the district's workbooks. */
  exportData: ['admin', 'operator', 'approver', 'leader'],
  manageUsers: ['admin'],
  readAudit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export const can = (role: Role, p: Permission): boolean => (permissions[p] as readonly Role[]).includes(role);

/**
 * The institutions a user may see: undefined = all of them; for a reporter, its institution and every internal unit
 * below it (internal units nest).
 */
export function scopeOf(
  user: { role: Role; institutionId: string | null },
  institutions: Iterable<InstitutionState>,
): Set<string> | undefined {
  if (user.role !== 'reporter') return undefined;
  const scope = new Set<string>();
  if (!user.institutionId) return scope;
  scope.add(user.institutionId);
  const children = new Map<string, string[]>();
  for (const i of institutions) {
    if (i.kind === 'internal_unit' && i.parentId) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id]);
  }
  const stack = [user.institutionId];
  while (stack.length) {
    for (const c of children.get(stack.pop()!) ?? []) {
      if (!scope.has(c)) {
        scope.add(c);
        stack.push(c);
      }
    }
  }
  return scope;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether every institution the items name is in the scope: what a reporter may see of another's draft. */
export function itemsNameOnlyScope(items: AdjustmentItem[], scope: Set<string> | undefined): boolean {
  if (!scope) return true;
  return items.every((item) => (JSON.stringify(item).match(uuidPattern) ?? []).every((id) => scope.has(id)));
}

const outsideUnit = '编制事项涉及本单位以外的机构,单位填报员无权办理';
const structureOutsideReach =
  '单位填报员只能调整本单位的内设机构;本单位及其他机构的设立、撤销、更名、合并、拆分和属性调整由编办办理';

/**
 * Whether a reporter may draft these items, op by op. Its reach (`scope`) is its institution and the internal units
 * below it. It may: set or move quota and posts and move duties among them; create, abolish, rename, merge, split
 * and change internal units below its institution, where whatever it creates (a new unit, a split's part, a change
 * of kind or parent) stays an internal unit below its reach. Its institution itself is changed only by the 编办.
 * Returns the first problem in Chinese, or undefined. `institutions` is the registry the items apply to.
 */
export function itemsOutsideScope(
  items: AdjustmentItem[],
  scope: Set<string> | undefined,
  institutions: ReadonlyMap<string, InstitutionState>,
): string | undefined {
  if (!scope) return undefined;
  // internal units within reach: those of the registry, then those these items create
  const units = new Set([...scope].filter((id) => institutions.get(id)?.kind === 'internal_unit'));
  const inReach = (id: string | null | undefined) => !!id && (scope.has(id) || units.has(id));
  const newUnit = (p: { kind: string; parentId?: string | null }) => p.kind === 'internal_unit' && inReach(p.parentId);
  const problemOf = (item: AdjustmentItem): string | undefined => {
    switch (item.op) {
      case 'create_institution':
        if (!newUnit(item)) return '单位填报员只能在本单位下设立内设机构';
        units.add(item.id);
        return undefined;
      case 'split_institution':
        if (!units.has(item.sourceId)) return structureOutsideReach;
        if (!item.parts.every(newUnit)) return '单位填报员拆分内设机构,拆分结果只能是本单位的内设机构';
        for (const p of item.parts) units.add(p.id);
        return undefined;
      case 'merge_institutions':
        return [...item.sourceIds, item.targetId].every((id) => units.has(id)) ? undefined : structureOutsideReach;
      case 'abolish_institution':
      case 'rename_institution':
        return units.has(item.institutionId) ? undefined : structureOutsideReach;
      case 'change_institution': {
        const c = item.changes;
        if (!units.has(item.institutionId)) return structureOutsideReach;
        if (c.kind !== undefined && c.kind !== 'internal_unit') return '单位填报员不能把内设机构改为其他类型的机构';
        if (c.parentId !== undefined && !inReach(c.parentId)) return '单位填报员不能把内设机构移出本单位';
        return undefined;
      }
      case 'set_quota':
      case 'set_posts':
        return inReach(item.institutionId) ? undefined : outsideUnit;
      case 'move_quota':
      case 'move_duties':
        return inReach(item.fromId) && inReach(item.toId) ? undefined : outsideUnit;
      case 'add_duties':
        return inReach(item.institutionId) ? undefined : outsideUnit;
      case 'revise_duty':
        return '三定职责的修改由编办办理,单位填报员不能修改';
      case 'move_people':
        return '编制事项中的人员调动由编办办理，单位填报员不能调动人员';
      case 'set_limits':
      case 'higher_approval':
        return '机构限额和编制总额由上级核定,单位填报员不能调整';
      case 'reclaim_to_pool':
      case 'lend_from_pool':
      case 'allocate_from_pool':
      case 'return_to_pool':
        return '编制周转池由编办管理,单位填报员不能收回、周转、核拨或归还编制';
    }
  };
  for (const item of items) {
    const problem = problemOf(item);
    if (problem) return problem;
  }
  // and nothing else named (a host, a parent) may lie outside the reach
  for (const item of items) {
    for (const id of JSON.stringify(item).match(uuidPattern) ?? []) if (!inReach(id)) return outsideUnit;
  }
  return undefined;
}
