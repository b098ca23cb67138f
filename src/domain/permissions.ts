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

/**
 * Whether a reporter may draft these items: every institution they name must be in its scope, and what they create
 * must be internal units under it. Returns the first problem in Chinese, or undefined.
 */
export function itemsOutsideScope(items: AdjustmentItem[], scope: Set<string> | undefined): string | undefined {
  if (!scope) return undefined;
  const created = new Set<string>();
  for (const item of items) {
    if (item.op === 'create_institution') {
      if (item.kind !== 'internal_unit' || !item.parentId || !scope.has(item.parentId)) {
        return '单位填报员只能在本单位下设立内设机构';
      }
      created.add(item.id);
    }
    if (item.op === 'split_institution') for (const p of item.parts) created.add(p.id);
  }
  for (const item of items) {
    for (const id of JSON.stringify(item).match(uuidPattern) ?? []) {
      if (!created.has(id) && !scope.has(id)) return '编制事项涉及本单位以外的机构,单位填报员无权办理';
    }
  }
  return undefined;
}
