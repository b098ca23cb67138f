/** Ledger and materialized registry tables (institutions, quotas, leadership_posts). */
import type pg from 'pg';
import {
  adjustmentItemSchema,
  emptyRegistry,
  normalizeLimits,
  normalizePool,
  postKey,
  quotaKey,
  registryRows,
  type AdjustmentItem,
  type InstitutionState,
  type LedgerAdjustment,
  type LedgerLimits,
  type QuotaPool,
  type RegistryState,
} from '../domain/ledger.js';
import type { InstitutionKind } from '../domain/vocabulary.js';
import type { Tx } from './transaction.js';
import type { DecidedAdjustment } from '../domain/adjustment-substance.js';

type Queryable = pg.Pool | Tx;

export interface AdjustmentRow {
  id: string;
  docNumber: string;
  title: string;
  effectiveOn: string;
  status: string;
  isBaseline: boolean;
  appliedSeq: number | null;
  createdBy: string;
  createdAt: string;
  decidedBy: string | null;
  appliedAt: string | null;
  note: string | null;
  evaluation: string | null;
  version: number;
}

const adjustmentColumns = `id, doc_number AS "docNumber", title, effective_on AS "effectiveOn", status,
  is_baseline AS "isBaseline", applied_seq AS "appliedSeq", created_by AS "createdBy", created_at AS "createdAt",
  decided_by AS "decidedBy", applied_at AS "appliedAt", note, evaluation, version`;

export async function insertAdjustment(
  tx: Tx,
  regionCode: string,
  a: Pick<AdjustmentRow, 'id' | 'docNumber' | 'title' | 'effectiveOn' | 'status' | 'isBaseline' | 'createdBy'> & {
    note?: string;
    evaluation?: string;
  },
  items: AdjustmentItem[],
): Promise<AdjustmentRow> {
  // one round trip for the row and its items: drafts are written while other drafts wait (see inSharedCommit)
  const r = await tx.query<AdjustmentRow>(
    `WITH added AS (
       INSERT INTO adjustments (region_code, id, doc_number, title, effective_on, status, is_baseline, created_by, note, evaluation)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$11) RETURNING ${adjustmentColumns}),
     items AS (
       INSERT INTO adjustment_items (region_code, adjustment_id, seq, op, payload)
       SELECT $1, $2, t.ord::int, t.payload->>'op', t.payload FROM jsonb_array_elements($10::jsonb) WITH ORDINALITY AS t(payload, ord))
     SELECT * FROM added`,
    [
      regionCode,
      a.id,
      a.docNumber,
      a.title,
      a.effectiveOn,
      a.status,
      a.isBaseline,
      a.createdBy,
      a.note ?? null,
      JSON.stringify(items),
      a.evaluation || null,
    ],
  );
  return r.rows[0]!;
}

async function insertItems(tx: Tx, regionCode: string, id: string, items: AdjustmentItem[]) {
  if (!items.length) return;
  await tx.query(
    `INSERT INTO adjustment_items (region_code, adjustment_id, seq, op, payload)
     SELECT $1, $2, t.ord::int, t.payload->>'op', t.payload FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(payload, ord)`,
    [regionCode, id, JSON.stringify(items)],
  );
}

export async function findAdjustment(q: Queryable, regionCode: string, id: string): Promise<AdjustmentRow | undefined> {
  const r = await q.query<AdjustmentRow>(
    `SELECT ${adjustmentColumns} FROM adjustments WHERE region_code = $1 AND id = $2`,
    [regionCode, id],
  );
  return r.rows[0];
}

export async function listAdjustments(q: Queryable, regionCode: string): Promise<AdjustmentRow[]> {
  const r = await q.query<AdjustmentRow>(
    `SELECT ${adjustmentColumns} FROM adjustments WHERE region_code = $1 ORDER BY created_at DESC, doc_number`,
    [regionCode],
  );
  return r.rows;
}

export async function adjustmentItems(q: Queryable, regionCode: string, id: string): Promise<AdjustmentItem[]> {
  const r = await q.query<{ payload: unknown }>(
    'SELECT payload FROM adjustment_items WHERE region_code = $1 AND adjustment_id = $2 ORDER BY seq',
    [regionCode, id],
  );
  return r.rows.map((x) => adjustmentItemSchema.parse(x.payload));
}

/** Rewrites a draft (fields and items) if its version is still `expectedVersion`; returns false if stale. */
export async function updateAdjustmentDraft(
  tx: Tx,
  regionCode: string,
  id: string,
  expectedVersion: number,
  a: { docNumber: string; title: string; effectiveOn: string; note?: string; evaluation?: string },
  items: AdjustmentItem[],
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE adjustments SET doc_number = $4, title = $5, effective_on = $6, note = $7, evaluation = $8,
       version = version + 1
      WHERE region_code = $1 AND id = $2 AND version = $3 AND status = 'draft'`,
    [regionCode, id, expectedVersion, a.docNumber, a.title, a.effectiveOn, a.note ?? null, a.evaluation || null],
  );
  if (r.rowCount !== 1) return false;
  await tx.query('DELETE FROM adjustment_items WHERE region_code = $1 AND adjustment_id = $2', [regionCode, id]);
  await insertItems(tx, regionCode, id, items);
  return true;
}

/** Adjustments that name any of the institutions in an item (their 沿革), or were drafted by `createdBy`; oldest first. */
export async function adjustmentsNaming(
  q: Queryable,
  regionCode: string,
  institutionIds: string[],
  createdBy?: string,
): Promise<AdjustmentRow[]> {
  const r = await q.query<AdjustmentRow>(
    `SELECT ${adjustmentColumns} FROM adjustments a
      WHERE region_code = $1 AND (created_by = $3 OR EXISTS (
        SELECT 1 FROM adjustment_items i, unnest($2::text[]) AS x(id)
         WHERE i.region_code = a.region_code AND i.adjustment_id = a.id AND strpos(i.payload::text, x.id) > 0))
      ORDER BY effective_on, applied_seq NULLS LAST, created_at`,
    [regionCode, institutionIds, createdBy ?? null],
  );
  return r.rows;
}

/** Changes status only if the version is still `expectedVersion` (optimistic concurrency); returns false if stale. */
export async function updateAdjustmentStatus(
  tx: Tx,
  regionCode: string,
  id: string,
  expectedVersion: number,
  changes: { status: string; decidedBy?: string; appliedSeq?: number; applied?: boolean },
): Promise<boolean> {
  const r = await tx.query(
    `UPDATE adjustments SET status = $4, decided_by = COALESCE($5, decided_by), applied_seq = COALESCE($6, applied_seq),
            applied_at = CASE WHEN $7 THEN now() ELSE applied_at END, version = version + 1
      WHERE region_code = $1 AND id = $2 AND version = $3`,
    [
      regionCode,
      id,
      expectedVersion,
      changes.status,
      changes.decidedBy ?? null,
      changes.appliedSeq ?? null,
      changes.applied ?? false,
    ],
  );
  return r.rowCount === 1;
}

export async function nextAppliedSeq(tx: Tx, regionCode: string): Promise<number> {
  const r = await tx.query<{ n: number }>(
    `SELECT COALESCE(MAX(applied_seq), 0) + 1 AS n FROM adjustments WHERE region_code = $1`,
    [regionCode],
  );
  return Number(r.rows[0]!.n);
}

/** Applied adjustments with their items, in fold order (effective date, then the order they were applied). */
/** The effective date of the district's baseline (its first applied 初始导入), if any. */
export async function baselineEffectiveOn(q: Queryable, regionCode: string): Promise<string | undefined> {
  const r = await q.query<{ on: string | null }>(
    `SELECT to_char(min(effective_on), 'YYYY-MM-DD') AS on FROM adjustments
      WHERE region_code = $1 AND is_baseline AND status = 'applied'`,
    [regionCode],
  );
  return r.rows[0]?.on ?? undefined;
}

export async function loadLedger(q: Queryable, regionCode: string): Promise<LedgerAdjustment[]> {
  const r = await q.query<{
    id: string;
    doc_number: string;
    effective_on: string;
    is_baseline: boolean;
    items: unknown[] | null;
  }>(
    `SELECT a.id, a.doc_number, a.effective_on, a.is_baseline,
            (SELECT jsonb_agg(i.payload ORDER BY i.seq) FROM adjustment_items i
              WHERE i.region_code = a.region_code AND i.adjustment_id = a.id) AS items
       FROM adjustments a WHERE a.region_code = $1 AND a.status = 'applied'
      ORDER BY a.effective_on, a.applied_seq`,
    [regionCode],
  );
  return r.rows.map((row) => ({
    id: row.id,
    docNumber: row.doc_number,
    effectiveOn: row.effective_on,
    isBaseline: row.is_baseline,
    // items were validated when written; parse keeps defaults stable across versions
    items: (row.items ?? []).map((p) => adjustmentItemSchema.parse(p)),
  }));
}

/** The approved and applied 编制事项 other than baselines, with their items and 必要性和依据 (APPROVAL_WITHOUT_EVALUATION). */
export async function loadDecidedAdjustments(q: Queryable, regionCode: string): Promise<DecidedAdjustment[]> {
  const r = await q.query<Omit<DecidedAdjustment, 'items'> & { items: unknown[] | null }>(
    `SELECT a.id, a.doc_number AS "docNumber", a.title, a.effective_on AS "effectiveOn", a.status, a.evaluation,
            (SELECT jsonb_agg(i.payload ORDER BY i.seq) FROM adjustment_items i
              WHERE i.region_code = a.region_code AND i.adjustment_id = a.id) AS items
       FROM adjustments a
      WHERE a.region_code = $1 AND a.status IN ('approved', 'applied') AND NOT a.is_baseline
      ORDER BY a.effective_on, a.applied_seq NULLS LAST, a.id`,
    [regionCode],
  );
  return r.rows.map((row) => ({ ...row, items: (row.items ?? []).map((p) => adjustmentItemSchema.parse(p)) }));
}

export async function readRegistry(q: Queryable, regionCode: string): Promise<RegistryState> {
  const s = emptyRegistry();
  const region = await q.query<{ limits: LedgerLimits; pool: QuotaPool }>(
    'SELECT limits, pool FROM regions WHERE region_code = $1',
    [regionCode],
  );
  s.limits = normalizeLimits(region.rows[0]?.limits ?? {});
  s.pool = normalizePool(region.rows[0]?.pool ?? { balance: {}, loans: [] });
  const inst = await q.query(
    `SELECT id, name, kind, rank, parent_id, hosted_by_id, code, also_named, pi_class, funding, civil_service_managed,
            established_on, sanding_doc_number, sanding_on, abolished_on, status, sort_order FROM institutions WHERE region_code = $1`,
    [regionCode],
  );
  for (const r of inst.rows) {
    s.institutions.set(r.id, {
      id: r.id,
      name: r.name,
      kind: r.kind as InstitutionKind,
      rank: r.rank,
      parentId: r.parent_id,
      hostedById: r.hosted_by_id,
      code: r.code,
      alsoNamed: r.also_named,
      piClass: r.pi_class,
      funding: r.funding,
      civilServiceManaged: r.civil_service_managed,
      establishedOn: r.established_on,
      sandingDocNumber: r.sanding_doc_number,
      sandingOn: r.sanding_on,
      abolishedOn: r.abolished_on,
      status: r.status,
      sortOrder: r.sort_order,
    });
  }
  const q1 = await q.query('SELECT institution_id, category, approved FROM quotas WHERE region_code = $1', [
    regionCode,
  ]);
  for (const r of q1.rows) s.quotas.set(quotaKey(r.institution_id, r.category), r.approved);
  const p1 = await q.query(
    'SELECT institution_id, level, post_class, approved FROM leadership_posts WHERE region_code = $1',
    [regionCode],
  );
  for (const r of p1.rows) s.posts.set(postKey(r.institution_id, r.level, r.post_class), r.approved);
  return s;
}

const institutionValues = (i: InstitutionState) => [
  i.id,
  i.name,
  i.kind,
  i.rank,
  i.parentId,
  i.hostedById,
  i.code,
  i.alsoNamed,
  i.piClass,
  i.funding,
  i.civilServiceManaged,
  i.establishedOn,
  i.sandingDocNumber,
  i.sandingOn,
  i.abolishedOn,
  i.status,
  i.sortOrder,
];

const sameInstitution = (a: InstitutionState, b: InstitutionState) =>
  JSON.stringify(institutionValues(a)) === JSON.stringify(institutionValues(b));

/** Writes only what differs between two registries (the materialized tables follow the fold). */
export async function writeRegistryDiff(
  tx: Tx,
  regionCode: string,
  before: RegistryState,
  after: RegistryState,
): Promise<number> {
  let changes = 0;
  if (JSON.stringify(normalizeLimits(before.limits)) !== JSON.stringify(normalizeLimits(after.limits))) {
    // regions.limits is the materialized copy of the folded limits (上级核定)
    await tx.query('UPDATE regions SET limits = $2 WHERE region_code = $1', [
      regionCode,
      JSON.stringify(normalizeLimits(after.limits)),
    ]);
    changes++;
  }
  if (JSON.stringify(normalizePool(before.pool)) !== JSON.stringify(normalizePool(after.pool))) {
    // regions.pool: the materialized 编制周转池 (balance per category and open loans)
    await tx.query('UPDATE regions SET pool = $2 WHERE region_code = $1', [
      regionCode,
      JSON.stringify(normalizePool(after.pool)),
    ]);
    changes++;
  }
  const upserts = [...after.institutions.values()].filter((i) => {
    const b = before.institutions.get(i.id);
    return !b || !sameInstitution(b, i);
  });
  const deletes = [...before.institutions.keys()].filter((id) => !after.institutions.has(id));
  if (deletes.length) {
    await tx.query('DELETE FROM institutions WHERE region_code = $1 AND id = ANY($2::uuid[])', [regionCode, deletes]);
  }
  if (upserts.length) {
    await tx.query(
      `INSERT INTO institutions (region_code, id, name, kind, rank, parent_id, hosted_by_id, code, also_named, pi_class, funding,
                                 civil_service_managed, established_on, sanding_doc_number, sanding_on, abolished_on, status, sort_order)
       SELECT $1, x.id, x.name, x.kind, x.rank, x.parent_id, x.hosted_by_id, x.code,
              ARRAY(SELECT jsonb_array_elements_text(x.also_named)), x.pi_class, x.funding, x.civil_service_managed,
              x.established_on, x.sanding_doc_number, x.sanding_on, x.abolished_on, x.status, x.sort_order
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, name text, kind text, rank text, parent_id uuid, hosted_by_id uuid,
              code text, also_named jsonb, pi_class text, funding text, civil_service_managed boolean, established_on date,
              sanding_doc_number text, sanding_on date, abolished_on date, status text, sort_order int)
       ON CONFLICT (region_code, id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, rank = EXCLUDED.rank,
              parent_id = EXCLUDED.parent_id, hosted_by_id = EXCLUDED.hosted_by_id, code = EXCLUDED.code,
              also_named = EXCLUDED.also_named, pi_class = EXCLUDED.pi_class, funding = EXCLUDED.funding,
              civil_service_managed = EXCLUDED.civil_service_managed, established_on = EXCLUDED.established_on,
              sanding_doc_number = EXCLUDED.sanding_doc_number, sanding_on = EXCLUDED.sanding_on,
              abolished_on = EXCLUDED.abolished_on, status = EXCLUDED.status, sort_order = EXCLUDED.sort_order`,
      [
        regionCode,
        JSON.stringify(
          upserts.map((i) => ({
            id: i.id,
            name: i.name,
            kind: i.kind,
            rank: i.rank,
            parent_id: i.parentId,
            hosted_by_id: i.hostedById,
            code: i.code,
            also_named: i.alsoNamed,
            pi_class: i.piClass,
            funding: i.funding,
            civil_service_managed: i.civilServiceManaged,
            established_on: i.establishedOn,
            sanding_doc_number: i.sandingDocNumber,
            sanding_on: i.sandingOn,
            abolished_on: i.abolishedOn,
            status: i.status,
            sort_order: i.sortOrder,
          })),
        ),
      ],
    );
  }
  changes += upserts.length + deletes.length;
  changes += await writeMapDiff(tx, regionCode, 'quotas', ['institution_id', 'category'], before.quotas, after.quotas);
  changes += await writeMapDiff(
    tx,
    regionCode,
    'leadership_posts',
    ['institution_id', 'level', 'post_class'],
    before.posts,
    after.posts,
  );
  return changes;
}

async function writeMapDiff(
  tx: Tx,
  regionCode: string,
  table: 'quotas' | 'leadership_posts',
  keyColumns: string[],
  before: Map<string, number>,
  after: Map<string, number>,
): Promise<number> {
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after].filter(([k, v]) => before.get(k) !== v);
  const cols = keyColumns.join(', ');
  const typed = keyColumns.map((c, i) => `${c} ${i === 0 ? 'uuid' : 'text'}`).join(', ');
  const asRows = (keys: string[], values?: number[]) =>
    JSON.stringify(
      keys.map((k, n) => {
        const parts = k.split('|');
        const row: Record<string, unknown> = {};
        keyColumns.forEach((c, i) => (row[c] = parts[i]));
        if (values) row.approved = values[n];
        return row;
      }),
    );
  if (removed.length) {
    await tx.query(
      `DELETE FROM ${table} t USING jsonb_to_recordset($2::jsonb) AS x(${typed})
        WHERE t.region_code = $1 AND ${keyColumns.map((c) => `t.${c} = x.${c}`).join(' AND ')}`,
      [regionCode, asRows(removed)],
    );
  }
  if (changed.length) {
    await tx.query(
      `INSERT INTO ${table} (region_code, ${cols}, approved)
       SELECT $1, ${keyColumns.map((c) => `x.${c}`).join(', ')}, x.approved FROM jsonb_to_recordset($2::jsonb) AS x(${typed}, approved int)
       ON CONFLICT (region_code, ${cols}) DO UPDATE SET approved = EXCLUDED.approved`,
      [
        regionCode,
        asRows(
          changed.map(([k]) => k),
          changed.map(([, v]) => v),
        ),
      ],
    );
  }
  return removed.length + changed.length;
}

/** A content fingerprint of the materialized registry (ids included): rebuild must not change it. */
export function registryFingerprint(s: RegistryState): string {
  return JSON.stringify({ limits: normalizeLimits(s.limits), pool: normalizePool(s.pool), ...registryRows(s) });
}

/** One quota as the registry tables hold it now (0 when none is set), with its institution's name. */
export async function currentQuota(q: Queryable, regionCode: string, institutionId: string, category: string) {
  const r = await q.query<{ name: string; approved: number | null }>(
    `SELECT i.name, qt.approved FROM institutions i
       LEFT JOIN quotas qt ON qt.region_code = i.region_code AND qt.institution_id = i.id AND qt.category = $3
      WHERE i.region_code = $1 AND i.id = $2`,
    [regionCode, institutionId, category],
  );
  return r.rows[0] && { name: r.rows[0].name, approved: r.rows[0].approved ?? 0 };
}
