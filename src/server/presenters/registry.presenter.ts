/** API shapes of the registry, roster, duties, adjustments, users, imports and audit: codes with their labels. */
import type { InstitutionNode } from '../../commands/institutions.js';
import type { ImportResult } from '../../commands/import-types.js';
import { formatProblem } from '../../commands/import-types.js';
import type { InstitutionState } from '../../domain/ledger.js';
import { adjustmentOpLabels, type AdjustmentItem } from '../../domain/ledger.js';
import {
  actorLabel,
  adjustmentStatusLabels,
  auditActionLabel,
  auditEntityLabel,
  dutyRoleLabels,
  dutySourceLabels,
  institutionKindLabels,
  postClassLabels,
  quotaCategoryLabels,
  roleLabels,
  type AdjustmentStatus,
  type DutySource,
  type PostClass,
  type QuotaCategory,
  type Role,
} from '../../domain/vocabulary.js';
import type { DutyListRow } from '../../commands/duties.js';
import type { PersonListRow, PersonRecord } from '../../commands/people.js';
import type { AdjustmentRow } from '../../commands/adjustments.js';
import type { AuditLogEntry } from '../../commands/audit-log.js';

const label = <K extends string>(labels: Record<K, string>, k: string | null | undefined) =>
  k ? (labels[k as K] ?? k) : null;

export const presentInstitution = (i: InstitutionState) => ({
  id: i.id,
  name: i.name,
  kind: i.kind,
  kindLabel: institutionKindLabels[i.kind],
  rank: i.rank,
  parentId: i.parentId,
  hostedById: i.hostedById,
  code: i.code,
  alsoNamed: i.alsoNamed,
  piClass: i.piClass,
  funding: i.funding,
  civilServiceManaged: i.civilServiceManaged,
  establishedOn: i.establishedOn,
  abolishedOn: i.abolishedOn,
  status: i.status,
});

export const presentInstitutionNode = (n: InstitutionNode) => ({
  ...presentInstitution(n),
  approved: n.approved,
  actual: n.actual,
});

export const presentQuota = (q: {
  category: string;
  approved: number;
  actual: number;
  vacant: number;
  over: number;
}) => ({
  ...q,
  categoryLabel: label(quotaCategoryLabels, q.category),
});

export const presentPost = (p: { level: string; postClass: string; approved: number; filled: number }) => ({
  ...p,
  postClassLabel: label(postClassLabels as Record<PostClass, string>, p.postClass),
});

export const presentAdjustment = (a: AdjustmentRow) => ({
  id: a.id,
  docNumber: a.docNumber,
  title: a.title,
  effectiveOn: a.effectiveOn,
  status: a.status,
  statusLabel: label(adjustmentStatusLabels as Record<AdjustmentStatus, string>, a.status),
  isBaseline: a.isBaseline,
  createdBy: a.createdBy,
  createdByLabel: actorLabel(a.createdBy),
  createdAt: new Date(a.createdAt).toISOString(),
  decidedBy: a.decidedBy,
  decidedByLabel: a.decidedBy ? actorLabel(a.decidedBy) : null,
  appliedAt: a.appliedAt ? new Date(a.appliedAt).toISOString() : null,
  note: a.note,
  version: a.version,
});

export const presentItems = (items: AdjustmentItem[]) =>
  items.map((item) => ({ ...item, opLabel: adjustmentOpLabels[item.op] }));

export const adjustmentEtag = (a: Pick<AdjustmentRow, 'id' | 'version'>) => `"${a.id}.${a.version}"`;

type Protected = { idNumberMasked: boolean; age: number | null };

/** A roster row as the command protected it (commands/people.ts: masked number, age, no birth date unless unmasked). */
export function presentPersonRow(p: PersonListRow & Protected) {
  return {
    id: p.personId,
    idNumber: p.idNumber,
    idNumberMasked: p.idNumberMasked,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    age: p.age,
    education: p.education,
    titleLevel: p.titleLevel,
    politicalStatus: p.politicalStatus,
    institutionId: p.institutionId,
    unitId: p.unitId,
    category: p.category,
    categoryLabel: label(quotaCategoryLabels as Record<QuotaCategory, string>, p.category),
    post: p.post,
    leadershipLevel: p.leadershipLevel,
    startOn: p.startOn,
  };
}

export function presentPerson(p: PersonRecord & Protected) {
  return {
    ...p,
    assignments: p.assignments.map((a) => ({
      ...a,
      categoryLabel: label(quotaCategoryLabels as Record<QuotaCategory, string>, a.category),
    })),
  };
}

export const presentDuty = (d: DutyListRow) => ({
  ...d,
  sourceLabel: label(dutySourceLabels as Record<DutySource, string>, d.source),
  roleLabel: label(dutyRoleLabels, d.role),
});

/** A user as the API shows it: named fields only, so that a password hash or lock counter never leaves the server. */
export const presentUser = (u: {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  version?: number;
  locked?: boolean;
  lastLoginAt?: string | null;
}) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  roleLabel: roleLabels[u.role],
  institutionId: u.institutionId,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  version: u.version,
  locked: u.locked,
  lastLoginAt: u.lastLoginAt,
});

export const presentImportResult = (r: ImportResult) => ({
  ok: r.ok,
  dryRun: r.dryRun,
  rows: r.rows,
  problemCount: r.problemCount,
  problems: r.problems.map((p) => ({ ...p, message: formatProblem(p) })),
  warnings: r.warnings.map((p) => ({ ...p, message: formatProblem(p) })),
  importId: r.importId ?? null,
  adjustmentId: r.adjustmentId ?? null,
  summary: r.summary,
});

export const presentAudit = (e: AuditLogEntry) => ({
  seq: Number(e.seq),
  at: new Date(e.at).toISOString(),
  actor: e.actor,
  actorLabel: actorLabel(e.actor, e.actorName),
  action: e.action,
  actionLabel: auditActionLabel(e.action),
  entity: e.entity,
  entityLabel: auditEntityLabel(e.entity),
  entityId: e.entityId,
  entityName: e.entityName,
  before: e.before,
  after: e.after,
  hash: e.hash,
});
