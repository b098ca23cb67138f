/**
 * API shapes of the registry, roster, duties, adjustments, users, imports and audit: codes with their labels. The zod
 * schemas are the contract (OpenAPI, the web client's types); each presenter's return type is inferred from its schema
 * and it names its fields one by one, so that nothing the store holds beyond them (a password hash) leaves the server.
 */
import { z } from 'zod';
import type { InstitutionNode } from '../../commands/institutions.js';
import type { ImportResult } from '../../commands/import-types.js';
import { formatProblem } from '../../commands/import-types.js';
import type { InstitutionState } from '../../domain/ledger.js';
import { adjustmentItemSchema, adjustmentOpLabels, type AdjustmentItem } from '../../domain/ledger.js';
import {
  actorLabel,
  adjustmentStatusLabels,
  adjustmentStatusSchema,
  auditActionLabel,
  auditEntityLabel,
  dutyRoleLabels,
  dutySourceLabels,
  institutionKindLabels,
  institutionKindSchema,
  postClassLabels,
  quotaCategoryLabels,
  roleLabels,
  roleSchema,
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
import { quotaNumbersSchema, regionLimitsAnswerSchema } from './analysis.presenter.js';

const label = <K extends string>(labels: Record<K, string>, k: string | null | undefined) =>
  k ? (labels[k as K] ?? k) : null;

const count = z.number().int();
const date = z.string().describe('YYYY-MM-DD');
const instant = z.string().describe('ISO 8601 时刻');

export const institutionSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: institutionKindSchema,
  kindLabel: z.string(),
  rank: z.string().nullable(),
  parentId: z.string().nullable(),
  hostedById: z.string().nullable(),
  code: z.string().nullable(),
  alsoNamed: z.array(z.string()),
  piClass: z.string().nullable(),
  funding: z.string().nullable(),
  civilServiceManaged: z.boolean(),
  establishedOn: date.nullable(),
  /** The current 三定 规定: 文号 and 印发日期, when recorded. */
  sandingDocNumber: z.string().nullable(),
  sandingOn: date.nullable(),
  abolishedOn: date.nullable(),
  status: z.enum(['active', 'abolished']),
});

export const presentInstitution = (i: InstitutionState): z.infer<typeof institutionSchema> => ({
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
  sandingDocNumber: i.sandingDocNumber,
  sandingOn: i.sandingOn,
  abolishedOn: i.abolishedOn,
  status: i.status,
});

export const institutionNodeSchema = institutionSchema.extend({ approved: count, actual: count });

export const presentInstitutionNode = (n: InstitutionNode): z.infer<typeof institutionNodeSchema> => ({
  ...presentInstitution(n),
  approved: n.approved,
  actual: n.actual,
});

export const quotaSchema = quotaNumbersSchema.extend({ category: z.string(), categoryLabel: z.string().nullable() });

export const presentQuota = (
  q: z.infer<typeof quotaNumbersSchema> & { category: string },
): z.infer<typeof quotaSchema> => ({
  category: q.category,
  approved: q.approved,
  actual: q.actual,
  vacant: q.vacant,
  over: q.over,
  categoryLabel: label(quotaCategoryLabels, q.category),
});

export const postSchema = z.object({
  level: z.string(),
  postClass: z.string(),
  postClassLabel: z.string().nullable(),
  approved: count,
  filled: count,
});

export const presentPost = (p: Omit<z.infer<typeof postSchema>, 'postClassLabel'>): z.infer<typeof postSchema> => ({
  level: p.level,
  postClass: p.postClass,
  approved: p.approved,
  filled: p.filled,
  postClassLabel: label(postClassLabels as Record<PostClass, string>, p.postClass),
});

const workloadRowSchema = z.object({
  institutionId: z.string(),
  year: count,
  indicator: z.string(),
  value: z.number(),
});

export const institutionDetailSchema = z.object({
  institution: institutionSchema,
  parentName: z.string().nullable(),
  hostName: z.string().nullable(),
  quotas: z.array(quotaSchema.extend({ tag: z.string() })),
  posts: z.array(postSchema),
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: institutionKindSchema, status: z.string() })),
  hosted: z.array(z.object({ id: z.string(), name: z.string(), kind: institutionKindSchema })),
  workload: z.array(workloadRowSchema),
  dutyCount: count,
});

export const adjustmentSchema = z.object({
  id: z.string(),
  docNumber: z.string(),
  title: z.string(),
  effectiveOn: date,
  status: adjustmentStatusSchema,
  statusLabel: z.string(),
  isBaseline: z.boolean(),
  createdBy: z.string(),
  createdByLabel: z.string(),
  createdAt: instant,
  decidedBy: z.string().nullable(),
  decidedByLabel: z.string().nullable(),
  appliedAt: instant.nullable(),
  note: z.string().nullable(),
  /** 必要性和依据 recorded with the draft; null when none. */
  evaluation: z.string().nullable(),
  version: count,
});
export type AdjustmentAnswer = z.infer<typeof adjustmentSchema>;

export const presentAdjustment = (a: AdjustmentRow): AdjustmentAnswer => ({
  id: a.id,
  docNumber: a.docNumber,
  title: a.title,
  effectiveOn: a.effectiveOn,
  status: a.status as AdjustmentStatus,
  statusLabel: label(adjustmentStatusLabels as Record<AdjustmentStatus, string>, a.status) ?? a.status,
  isBaseline: a.isBaseline,
  createdBy: a.createdBy,
  createdByLabel: actorLabel(a.createdBy),
  createdAt: new Date(a.createdAt).toISOString(),
  decidedBy: a.decidedBy,
  decidedByLabel: a.decidedBy ? actorLabel(a.decidedBy) : null,
  appliedAt: a.appliedAt ? new Date(a.appliedAt).toISOString() : null,
  note: a.note,
  evaluation: a.evaluation,
  version: a.version,
});

export const presentedItemSchema = z.intersection(adjustmentItemSchema, z.object({ opLabel: z.string() }));

export const presentItems = (items: AdjustmentItem[]): z.infer<typeof presentedItemSchema>[] =>
  items.map((item) => ({ ...item, opLabel: adjustmentOpLabels[item.op] }));

export const adjustmentEtag = (a: Pick<AdjustmentRow, 'id' | 'version'>) => `"${a.id}.${a.version}"`;

/** What executing an adjustment would change (commands/adjustments.registryDiff), in names. */
export const registryDiffSchema = z.object({
  created: z.array(z.string()),
  abolished: z.array(z.string()),
  changed: z.array(z.string()),
  quotas: z.array(z.object({ institution: z.string(), category: z.string(), before: count, after: count })),
  posts: z.array(
    z.object({ institution: z.string(), level: z.string(), postClass: z.string(), before: count, after: count }),
  ),
});

type Protected = { idNumberMasked: boolean; age: number | null };

/** Who a person is, as every person answer shows it (masked number and age as the command protected them). */
const personFieldsSchema = z.object({
  id: z.string(),
  idNumber: z.string().describe('身份证号(无权查看完整号码时脱敏)'),
  idNumberMasked: z.boolean(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: date.nullable(),
  age: count.nullable(),
  education: z.string().nullable(),
  titleLevel: z.string().nullable(),
  politicalStatus: z.string().nullable(),
});

type PersonFields = Pick<
  PersonRecord,
  'idNumber' | 'name' | 'gender' | 'birthDate' | 'education' | 'titleLevel' | 'politicalStatus'
> &
  Protected;

const presentPersonFields = (id: string, p: PersonFields): z.infer<typeof personFieldsSchema> => ({
  id,
  idNumber: p.idNumber,
  idNumberMasked: p.idNumberMasked,
  name: p.name,
  gender: p.gender,
  birthDate: p.birthDate,
  age: p.age,
  education: p.education,
  titleLevel: p.titleLevel,
  politicalStatus: p.politicalStatus,
});

/** A place held (编制 and post) from a date. */
const placeSchema = z.object({
  institutionId: z.string(),
  unitId: z.string().nullable(),
  category: z.string(),
  categoryLabel: z.string().nullable(),
  post: z.string().nullable(),
  leadershipLevel: z.string().nullable(),
  startOn: date,
});

type Place = Omit<z.infer<typeof placeSchema>, 'categoryLabel'>;

const presentPlace = (a: Place): z.infer<typeof placeSchema> => ({
  institutionId: a.institutionId,
  unitId: a.unitId,
  category: a.category,
  categoryLabel: label(quotaCategoryLabels as Record<QuotaCategory, string>, a.category),
  post: a.post,
  leadershipLevel: a.leadershipLevel,
  startOn: a.startOn,
});

export const personRowSchema = personFieldsSchema.extend(placeSchema.shape);

/** A roster row as the command protected it (commands/people.ts: masked number, age, no birth date unless unmasked). */
export function presentPersonRow(p: PersonListRow & Protected): z.infer<typeof personRowSchema> {
  return { ...presentPersonFields(p.personId, p), ...presentPlace(p) };
}

export const personRecordSchema = personFieldsSchema.extend({
  degree: z.string().nullable(),
  joinedWorkOn: date.nullable(),
  assignments: z.array(placeSchema.extend({ postClass: z.string().nullable(), endOn: date.nullable() })),
  movements: z.array(
    z.object({
      type: z.string(),
      on: date,
      fromInstitutionId: z.string().nullable(),
      toInstitutionId: z.string().nullable(),
      category: z.string().nullable(),
    }),
  ),
});

export function presentPerson(p: PersonRecord & Protected): z.infer<typeof personRecordSchema> {
  return {
    ...presentPersonFields(p.id, p),
    degree: p.degree,
    joinedWorkOn: p.joinedWorkOn,
    assignments: p.assignments.map((a) => ({ ...presentPlace(a), postClass: a.postClass, endOn: a.endOn })),
    movements: p.movements.map((m) => ({
      type: m.type,
      on: m.on,
      fromInstitutionId: m.fromInstitutionId,
      toInstitutionId: m.toInstitutionId,
      category: m.category,
    })),
  };
}

export const dutySchema = z.object({
  id: count,
  institutionId: z.string(),
  source: z.string(),
  sourceLabel: z.string().nullable(),
  category: z.string().nullable(),
  title: z.string(),
  text: z.string().nullable(),
  legalBasis: z.string().nullable(),
  domains: z.array(z.string()),
  role: z.string(),
  roleLabel: z.string().nullable(),
  itemCode: z.string().nullable(),
});

export const presentDuty = (d: DutyListRow): z.infer<typeof dutySchema> => ({
  id: d.id,
  institutionId: d.institutionId,
  source: d.source,
  sourceLabel: label(dutySourceLabels as Record<DutySource, string>, d.source),
  category: d.category,
  title: d.title,
  text: d.text,
  legalBasis: d.legalBasis,
  domains: d.domains,
  role: d.role,
  roleLabel: label(dutyRoleLabels, d.role),
  itemCode: d.itemCode,
});

export const userStatuses = ['active', 'locked', 'must_change_password', 'disabled'] as const;
export const userStatusLabels: Record<(typeof userStatuses)[number], string> = {
  active: '正常',
  locked: '已锁定',
  must_change_password: '待改初始密码',
  disabled: '已停用',
};

export const userSchema = z.object({
  id: z.string().optional(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  institutionId: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean().describe('密码错误次数过多而暂时锁定'),
  status: z.enum(userStatuses).describe('停用 > 锁定(密码错误次数过多)> 待修改密码 > 正常'),
  statusLabel: z.string(),
  lastLoginAt: instant.nullable().describe('最近一次登录(审计日志 session.login),从未登录为 null'),
  version: count.optional(),
});
export type UserAnswer = z.infer<typeof userSchema>;

/** A user as the API shows it: named fields only, so that a password hash or lock counter never leaves the server. */
export const presentUser = (u: {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  locked?: boolean;
  lastLoginAt?: string | Date | null;
  version?: number;
}): UserAnswer => {
  const status = u.disabled
    ? 'disabled'
    : u.locked
      ? 'locked'
      : u.mustChangePassword
        ? 'must_change_password'
        : 'active';
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleLabel: roleLabels[u.role],
    institutionId: u.institutionId,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    locked: !!u.locked,
    status,
    statusLabel: userStatusLabels[status],
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    version: u.version,
  };
};

export const importProblemSchema = z.object({
  file: z.string(),
  sheet: z.string(),
  row: count.optional(),
  column: z.string().optional(),
  reason: z.string(),
  message: z.string(),
});

export const importResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: count,
  problemCount: count,
  problems: z.array(importProblemSchema),
  warnings: z.array(importProblemSchema),
  importId: count.nullable(),
  adjustmentId: z.string().nullable(),
  summary: z.record(z.string(), count),
});

const presentProblem = (p: ImportResult['problems'][number]): z.infer<typeof importProblemSchema> => ({
  file: p.file,
  sheet: p.sheet,
  row: p.row,
  column: p.column,
  reason: p.reason,
  message: formatProblem(p),
});

export const presentImportResult = (r: ImportResult): z.infer<typeof importResultSchema> => ({
  ok: r.ok,
  dryRun: r.dryRun,
  rows: r.rows,
  problemCount: r.problemCount,
  problems: r.problems.map(presentProblem),
  warnings: r.warnings.map(presentProblem),
  importId: r.importId ?? null,
  adjustmentId: r.adjustmentId ?? null,
  summary: r.summary,
});

export const auditEntrySchema = z.object({
  seq: count,
  at: instant,
  actor: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.string().nullable(),
  entityName: z.string().nullable(),
  before: z.unknown().describe('变更前(JSON)'),
  after: z.unknown().describe('变更后(JSON)'),
  hash: z.string(),
});

export const presentAudit = (e: AuditLogEntry): z.infer<typeof auditEntrySchema> => ({
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

export const regionSchema = z.object({
  regionCode: z.string(),
  name: z.string(),
  limits: regionLimitsAnswerSchema,
  version: z.number().describe('数据版本'),
});

/** One quota of one institution, with its version tag (what If-Match names when it is changed). */
export const quotaAnswerSchema = quotaSchema.extend({ institutionId: z.string(), tag: z.string() });

export const quotaDecisionAnswerSchema = z.object({
  institutionId: z.string(),
  category: z.string(),
  before: count,
  approved: count,
  tag: z.string(),
  adjustment: adjustmentSchema,
});

export const adjustmentWithItemsSchema = adjustmentSchema.extend({ items: z.array(presentedItemSchema) });

export const adjustmentPreviewSchema = z.object({
  adjustment: adjustmentSchema,
  items: z.array(presentedItemSchema),
  diff: registryDiffSchema,
});

export const appliedAdjustmentSchema = adjustmentSchema.extend({
  changes: count.describe('改变的编制台账行数'),
  peopleMoved: count,
  dutiesMoved: count,
});

export const workloadSchema = z.object({
  items: z.array(workloadRowSchema),
});

export const importAnswerSchema = importResultSchema.extend({ kind: z.string(), kindLabel: z.string() });

export const createdUserSchema = z.object({
  username: z.string(),
  role: roleSchema,
  oneTimePassword: z.string().describe('一次性密码,只显示这一次'),
});

export const passwordResetSchema = z.object({ username: z.string(), oneTimePassword: z.string() });

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: count,
  brokenAt: z.object({ seq: count, reason: z.string() }).optional(),
  anchoredHead: z.object({ seq: count, hash: z.string() }).optional(),
  restores: z.array(z.object({ at: z.string(), replacedSeq: count })),
});
