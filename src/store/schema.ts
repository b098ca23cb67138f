/**
 * The one pg-core schema. Every table carries region_code (the distribution key on Citus); primary keys start with it.
 * institutions / quotas / leadership_posts are materialized from the applied adjustments (the ledger) and must equal a
 * rebuild from it.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

import type { LedgerLimits, QuotaPool } from '../domain/ledger.js';

const regionCode = () => char('region_code', { length: 6 }).notNull();

export const regions = pgTable('regions', {
  regionCode: char('region_code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  /** Caps set from above: institution cap per kind group, quota totals per category. */
  limits: jsonb('limits').$type<RegionLimits>().notNull().default({}),
  /** The materialized 编制周转池: balance per category and open loans (folded from the ledger). */
  pool: jsonb('pool').$type<QuotaPool>().notNull().default({ balance: {}, loans: [] }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
/** The materialized copy of the folded limits (src/domain/ledger.ts, set only by 上级核定 adjustments). */
export type RegionLimits = LedgerLimits;

export const adjustments = pgTable(
  'adjustments',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull(),
    docNumber: text('doc_number').notNull(),
    title: text('title').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    isBaseline: boolean('is_baseline').notNull().default(false),
    /** Order in which applied adjustments fold (after effective_on). */
    appliedSeq: integer('applied_seq'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    note: text('note'),
    /** 必要性和依据: the 申请事项评估 recorded with the draft (机构编制管理评估办法(试行), 2021); null when none. */
    evaluation: text('evaluation'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('adjustments_status_idx').on(t.regionCode, t.status, t.effectiveOn),
  ],
);

export const adjustmentItems = pgTable(
  'adjustment_items',
  {
    regionCode: regionCode(),
    adjustmentId: uuid('adjustment_id').notNull(),
    seq: integer('seq').notNull(),
    op: text('op').notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.adjustmentId, t.seq] })],
);

export const institutions = pgTable(
  'institutions',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    rank: text('rank'),
    parentId: uuid('parent_id'),
    hostedById: uuid('hosted_by_id'),
    code: text('code'),
    alsoNamed: text('also_named')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    piClass: text('pi_class'),
    funding: text('funding'),
    civilServiceManaged: boolean('civil_service_managed').notNull().default(false),
    establishedOn: date('established_on', { mode: 'string' }),
    sandingDocNumber: text('sanding_doc_number'),
    sandingOn: date('sanding_on', { mode: 'string' }),
    abolishedOn: date('abolished_on', { mode: 'string' }),
    status: text('status').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('institutions_parent_idx').on(t.regionCode, t.parentId),
    index('institutions_name_idx').on(t.regionCode, t.name),
  ],
);

export const quotas = pgTable(
  'quotas',
  {
    regionCode: regionCode(),
    institutionId: uuid('institution_id').notNull(),
    category: text('category').notNull(),
    approved: integer('approved').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.institutionId, t.category] })],
);

export const leadershipPosts = pgTable(
  'leadership_posts',
  {
    regionCode: regionCode(),
    institutionId: uuid('institution_id').notNull(),
    level: text('level').notNull(),
    postClass: text('post_class').notNull(),
    approved: integer('approved').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.institutionId, t.level, t.postClass] })],
);

export const persons = pgTable(
  'persons',
  {
    regionCode: regionCode(),
    /** UUID v7 (time-ordered), made by the writer: bulk COPY needs no sequence round trips. */
    id: uuid('id').notNull().defaultRandom(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }),
    education: text('education'),
    degree: text('degree'),
    titleLevel: text('title_level'),
    politicalStatus: text('political_status'),
    joinedWorkOn: date('joined_work_on', { mode: 'string' }),
    importId: bigint('import_id', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('persons_id_number_idx').on(t.regionCode, t.idNumber),
  ],
);

export const assignments = pgTable(
  'assignments',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull().defaultRandom(),
    personId: uuid('person_id').notNull(),
    institutionId: uuid('institution_id').notNull(),
    unitId: uuid('unit_id'),
    category: text('category').notNull(),
    post: text('post'),
    leadershipLevel: text('leadership_level'),
    postClass: text('post_class'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    importId: bigint('import_id', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    // with category and start: the places held on a date are counted from the index alone (migration 0009)
    index('assignments_institution_idx').on(t.regionCode, t.institutionId, t.category, t.startOn),
    index('assignments_person_idx').on(t.regionCode, t.personId),
  ],
);

/**
 * 入编/调动/任职/免职/出编: the roster's ledger (src/domain/movements.ts). `assignments` is their fold; a movement
 * other than 出编 carries the whole assignment it opens.
 */
export const movements = pgTable(
  'movements',
  {
    regionCode: regionCode(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    personId: uuid('person_id').notNull(),
    type: text('type').notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    fromInstitutionId: uuid('from_institution_id'),
    toInstitutionId: uuid('to_institution_id'),
    category: text('category'),
    adjustmentId: uuid('adjustment_id'),
    note: text('note'),
    assignmentId: uuid('assignment_id'),
    unitId: uuid('unit_id'),
    post: text('post'),
    leadershipLevel: text('leadership_level'),
    postClass: text('post_class'),
    exitType: text('exit_type'),
    docNumber: text('doc_number'),
    reason: text('reason'),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    importId: bigint('import_id', { mode: 'number' }),
    approvalId: uuid('approval_id'),
    /** 例外入编: an 入编 recorded without a 用编核准, with its written reason (EXCEPTION_ENTRY). */
    exceptionReason: text('exception_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('movements_person_idx').on(t.regionCode, t.personId),
    index('movements_on_idx').on(t.regionCode, t.on),
    index('movements_from_idx').on(t.regionCode, t.fromInstitutionId, t.on),
    uniqueIndex('movements_assignment_idx').on(t.regionCode, t.assignmentId),
    check('movements_type_check', sql`"type" IN ('enter', 'transfer', 'appoint', 'dismiss', 'exit')`),
    // an exit names how the person left and opens no assignment; every other movement opens one
    check('movements_exit_type_check', sql`("type" = 'exit') = ("exit_type" IS NOT NULL)`),
    check('movements_opens_check', sql`("type" = 'exit') = ("assignment_id" IS NULL)`),
  ],
);

/** 用编申请 → 核准 (src/commands/staffing.ts): an approved request holds its places until used, expired or withdrawn. */
export const staffingRequests = pgTable(
  'staffing_requests',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull().defaultRandom(),
    institutionId: uuid('institution_id').notNull(),
    category: text('category').notNull(),
    count: integer('count').notNull(),
    channel: text('channel').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('draft'),
    replacement: boolean('replacement').notNull().default(false),
    draftedBy: text('drafted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    approvedOn: date('approved_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    docYear: integer('doc_year'),
    docSeq: integer('doc_seq'),
    docNumber: text('doc_number'),
    used: integer('used').notNull().default(0),
    withdrawnReason: text('withdrawn_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('staffing_requests_institution_idx').on(t.regionCode, t.institutionId, t.category),
    uniqueIndex('staffing_requests_doc_idx').on(t.regionCode, t.docYear, t.docSeq),
    check('staffing_requests_count_check', sql`"count" BETWEEN 1 AND 10000`),
    check('staffing_requests_used_check', sql`"used" BETWEEN 0 AND "count"`),
    check('staffing_requests_status_check', sql`"status" IN ('draft', 'submitted', 'approved', 'withdrawn')`),
  ],
);

export const duties = pgTable(
  'duties',
  {
    regionCode: regionCode(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    institutionId: uuid('institution_id').notNull(),
    source: text('source').notNull(),
    category: text('category'),
    title: text('title').notNull(),
    text: text('text'),
    legalBasis: text('legal_basis'),
    domains: text('domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    role: text('role').notNull().default('lead'),
    itemCode: text('item_code'),
    importId: bigint('import_id', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('duties_institution_idx').on(t.regionCode, t.institutionId),
  ],
);

export const workloadIndicators = pgTable(
  'workload_indicators',
  {
    regionCode: regionCode(),
    institutionId: uuid('institution_id').notNull(),
    year: smallint('year').notNull(),
    indicator: text('indicator').notNull(),
    value: doublePrecision('value').notNull(),
    unit: text('unit'),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.institutionId, t.year, t.indicator] })],
);

/** Region indicators; scope_institution_id names a street/township, null = the whole district. */
export const regionIndicators = pgTable(
  'region_indicators',
  {
    regionCode: regionCode(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    scopeInstitutionId: uuid('scope_institution_id'),
    year: smallint('year').notNull(),
    indicator: text('indicator').notNull(),
    value: doublePrecision('value'),
    textValue: text('text_value'),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    index('region_indicators_key_idx').on(t.regionCode, t.scopeInstitutionId, t.year, t.indicator),
  ],
);

export const imports = pgTable(
  'imports',
  {
    regionCode: regionCode(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    actor: text('actor').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    adjustmentId: uuid('adjustment_id'),
    /** The date the imported list was published (a 权责清单's 公布日期), when the file is older than its import. */
    publishedOn: date('published_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] })],
);

/** Append-only, hash-chained per region: hash = sha256(prev_hash || canonical event). */
export const auditEvents = pgTable(
  'audit_events',
  {
    regionCode: regionCode(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.seq] })],
);

/**
 * The audit chain's anchor: one row per appended event (seq, hash), written only by a trigger on audit_events through
 * a SECURITY DEFINER function, append-only (migration 0003). A `restore` row marks where a restore replaced the chain.
 */
export const auditHeads = pgTable(
  'audit_heads',
  {
    regionCode: regionCode(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    kind: text('kind').notNull().default('append'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index('audit_heads_seq_idx').on(t.regionCode, t.seq)],
);

/** Users of one district. Reporters (填报员) are bound to their institution. Passwords: argon2id hashes only. */
export const users = pgTable(
  'users',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    institutionId: uuid('institution_id'),
    passwordHash: text('password_hash').notNull(),
    /** Set for a one-time password (init, reset): it must be changed at first login. */
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.id] }),
    uniqueIndex('users_username_idx').on(t.regionCode, t.username),
  ],
);

/** Sessions live in the database so that several server processes share them; the token itself is never stored. */
export const sessions = pgTable(
  'sessions',
  {
    regionCode: regionCode(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.tokenHash] }), index('sessions_user_idx').on(t.regionCode, t.userId)],
);

/** 方案: a named draft set of ledger items on a base date, private to its author until shared (DESIGN §4). */
export const scenarios = pgTable(
  'scenarios',
  {
    regionCode: regionCode(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    baseDate: date('base_date', { mode: 'string' }).notNull(),
    /** The ledger's last applied_seq when the scenario was based: what was applied later may conflict. */
    baseSeq: integer('base_seq').notNull(),
    status: text('status').notNull(),
    shared: boolean('shared').notNull().default(false),
    necessity: text('necessity'),
    basis: text('basis'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: text('submitted_by'),
    decidedBy: text('decided_by'),
    docNumber: text('doc_number'),
    effectiveOn: date('effective_on', { mode: 'string' }),
    adjustmentId: uuid('adjustment_id'),
    reviewOn: date('review_on', { mode: 'string' }),
    /** At apply: the institutions it concerns and the findings it was meant to resolve (执行情况评估 checks them). */
    targets: jsonb('targets'),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    reviewedBy: text('reviewed_by'),
    /** The 执行情况评估: each target finding, gone or still there. */
    review: jsonb('review'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.id] }), index('scenarios_author_idx').on(t.regionCode, t.createdBy)],
);

export const scenarioItems = pgTable(
  'scenario_items',
  {
    regionCode: regionCode(),
    scenarioId: uuid('scenario_id').notNull(),
    seq: integer('seq').notNull(),
    op: text('op').notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.scenarioId, t.seq] })],
);
