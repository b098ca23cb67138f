/** 用编申请 → 核准 SQL: requests, the figures of the vacancy rule, the approval numbers. */
import type pg from 'pg';
import type { StaffingRequestInput, VacancyFigures } from '../domain/staffing.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

export interface StaffingRequestRow extends StaffingRequestInput {
  id: string;
  institutionName: string;
  status: string;
  replacement: boolean;
  draftedBy: string;
  approvedBy: string | null;
  approvedOn: string | null;
  expiresOn: string | null;
  docNumber: string | null;
  used: number;
  withdrawnReason: string | null;
  createdAt: string;
}

const select = `SELECT r.id, r.institution_id AS "institutionId", i.name AS "institutionName", r.category, r.count,
        r.channel, r.reason, r.status, r.replacement, r.drafted_by AS "draftedBy", r.approved_by AS "approvedBy",
        r.approved_on::text AS "approvedOn", r.expires_on::text AS "expiresOn", r.doc_number AS "docNumber", r.used,
        r.withdrawn_reason AS "withdrawnReason", r.created_at AS "createdAt"
   FROM staffing_requests r
   JOIN institutions i ON i.region_code = r.region_code AND i.id = r.institution_id`;

export async function insertStaffingRequest(
  tx: Tx,
  regionCode: string,
  input: StaffingRequestInput,
  draftedBy: string,
) {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO staffing_requests (region_code, institution_id, category, count, channel, reason, drafted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [regionCode, input.institutionId, input.category, input.count, input.channel, input.reason, draftedBy],
  );
  return r.rows[0]!.id;
}

/** One request; `forUpdate` locks its row for the rest of the transaction. */
export async function findStaffingRequest(q: Queryable, regionCode: string, id: string, forUpdate = false) {
  const r = await q.query<StaffingRequestRow>(
    `${select} WHERE r.region_code = $1 AND r.id = $2${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [regionCode, id],
  );
  return r.rows[0];
}

/** Several requests by id (in no particular order); `forUpdate` locks their rows, in id order. */
export async function findStaffingRequests(q: Queryable, regionCode: string, ids: string[], forUpdate = false) {
  const r = await q.query<StaffingRequestRow>(
    `${select} WHERE r.region_code = $1 AND r.id = ANY($2::uuid[])${forUpdate ? ' ORDER BY r.id FOR UPDATE OF r' : ''}`,
    [regionCode, ids],
  );
  return r.rows;
}

export async function listStaffingRequests(q: Queryable, regionCode: string, institutionIds?: string[]) {
  const r = await q.query<StaffingRequestRow>(
    `${select} WHERE r.region_code = $1 AND ($2::uuid[] IS NULL OR r.institution_id = ANY($2::uuid[]))
      ORDER BY r.created_at DESC, r.id`,
    [regionCode, institutionIds ?? null],
  );
  return r.rows;
}

export async function setStaffingRequestStatus(
  tx: Tx,
  regionCode: string,
  id: string,
  change: {
    status: string;
    replacement?: boolean;
    approvedBy?: string;
    approvedOn?: string;
    expiresOn?: string;
    doc?: { year: number; seq: number; number: string };
    withdrawnReason?: string;
    submitted?: boolean;
  },
) {
  await tx.query(
    `UPDATE staffing_requests SET status = $3, replacement = COALESCE($4, replacement),
            approved_by = COALESCE($5, approved_by), approved_on = COALESCE($6::date, approved_on),
            expires_on = COALESCE($7::date, expires_on), doc_year = COALESCE($8, doc_year),
            doc_seq = COALESCE($9, doc_seq), doc_number = COALESCE($10, doc_number),
            withdrawn_reason = COALESCE($11, withdrawn_reason),
            submitted_at = CASE WHEN $12 THEN now() ELSE submitted_at END
      WHERE region_code = $1 AND id = $2`,
    [
      regionCode,
      id,
      change.status,
      change.replacement ?? null,
      change.approvedBy ?? null,
      change.approvedOn ?? null,
      change.expiresOn ?? null,
      change.doc?.year ?? null,
      change.doc?.seq ?? null,
      change.doc?.number ?? null,
      change.withdrawnReason ?? null,
      change.submitted ?? false,
    ],
  );
}

/** Approvals decided together: each request's number, expiry and approver, in one statement. */
export async function approveStaffingRequests(
  tx: Tx,
  regionCode: string,
  approvals: {
    id: string;
    replacement: boolean;
    approvedBy: string;
    approvedOn: string;
    expiresOn: string;
    doc: { year: number; seq: number; number: string };
  }[],
) {
  await tx.query(
    `UPDATE staffing_requests r SET status = 'approved', replacement = a.replacement, approved_by = a.approved_by,
            approved_on = a.approved_on, expires_on = a.expires_on, doc_year = a.doc_year, doc_seq = a.doc_seq,
            doc_number = a.doc_number
       FROM unnest($2::uuid[], $3::boolean[], $4::text[], $5::date[], $6::date[], $7::int[], $8::int[], $9::text[])
            AS a(id, replacement, approved_by, approved_on, expires_on, doc_year, doc_seq, doc_number)
      WHERE r.region_code = $1 AND r.id = a.id`,
    [
      regionCode,
      approvals.map((a) => a.id),
      approvals.map((a) => a.replacement),
      approvals.map((a) => a.approvedBy),
      approvals.map((a) => a.approvedOn),
      approvals.map((a) => a.expiresOn),
      approvals.map((a) => a.doc.year),
      approvals.map((a) => a.doc.seq),
      approvals.map((a) => a.doc.number),
    ],
  );
}

export async function nextStaffingDocSeq(tx: Tx, regionCode: string, year: number) {
  const r = await tx.query<{ n: number }>(
    `SELECT COALESCE(max(doc_seq), 0)::int + 1 AS n FROM staffing_requests WHERE region_code = $1 AND doc_year = $2`,
    [regionCode, year],
  );
  return r.rows[0]!.n;
}

export interface VacancyKey {
  institutionId: string;
  category: string;
}

/**
 * 核定, 实有, 已核准待入编 and unreplaced leavers per institution and category on `today` (only the institutions
 * and categories given, when given). Leavers: 出编 and 调动 away within the window since `windowStart`; replaced: places approved
 * as 出一进一 in the same window.
 */
export async function vacancyFigures(
  q: Queryable,
  regionCode: string,
  today: string,
  windowStart: string,
  only?: VacancyKey | VacancyKey[],
): Promise<Map<string, VacancyFigures>> {
  const keys = only === undefined ? undefined : Array.isArray(only) ? only : [only];
  const r = await q.query<{ institution_id: string; category: string } & Record<keyof VacancyFigures, number>>(
    // given institutions and categories: the keys are those (read through the indexes, not the whole roster)
    `WITH keys AS (
       SELECT * FROM unnest($4::uuid[], $5::text[]) AS given(institution_id, category) WHERE $4::uuid[] IS NOT NULL
       UNION ALL (
         SELECT institution_id, category FROM quotas WHERE region_code = $1 AND $4::uuid[] IS NULL
         UNION SELECT institution_id, category FROM assignments
                WHERE region_code = $1 AND end_on IS NULL AND $4::uuid[] IS NULL
         UNION SELECT institution_id, category FROM staffing_requests
                WHERE region_code = $1 AND status = 'approved' AND $4::uuid[] IS NULL)
     )
     SELECT k.institution_id, k.category,
       COALESCE((SELECT approved FROM quotas q WHERE q.region_code = $1 AND q.institution_id = k.institution_id
                  AND q.category = k.category), 0)::int AS approved,
       (SELECT count(*) FROM assignments a WHERE a.region_code = $1 AND a.institution_id = k.institution_id
          AND a.category = k.category AND a.start_on <= $2::date AND (a.end_on IS NULL OR a.end_on > $2::date))::int AS actual,
       (SELECT COALESCE(sum(count - used), 0) FROM staffing_requests s WHERE s.region_code = $1
          AND s.institution_id = k.institution_id AND s.category = k.category AND s.status = 'approved'
          AND s.used < s.count AND s.expires_on >= $2::date)::int AS reserved,
       GREATEST(0,
         (SELECT count(*) FROM movements m WHERE m.region_code = $1 AND m.from_institution_id = k.institution_id
             AND m.category = k.category AND m."on" > $3::date AND m."on" <= $2::date
             AND (m.type = 'exit' OR (m.type = 'transfer' AND m.to_institution_id <> k.institution_id)))
         - (SELECT COALESCE(sum(count), 0) FROM staffing_requests s WHERE s.region_code = $1
             AND s.institution_id = k.institution_id AND s.category = k.category AND s.status = 'approved'
             AND s.replacement AND s.approved_on > $3::date))::int AS "unreplacedLeavers"
       FROM keys k`,
    [regionCode, today, windowStart, keys?.map((k) => k.institutionId) ?? null, keys?.map((k) => k.category) ?? null],
  );
  const figures = new Map<string, VacancyFigures>();
  for (const row of r.rows) {
    figures.set(`${row.institution_id}|${row.category}`, {
      approved: row.approved,
      actual: row.actual,
      reserved: row.reserved,
      unreplacedLeavers: row.unreplacedLeavers,
    });
  }
  for (const k of keys ?? []) {
    if (!figures.has(`${k.institutionId}|${k.category}`)) {
      figures.set(`${k.institutionId}|${k.category}`, { approved: 0, actual: 0, reserved: 0, unreplacedLeavers: 0 });
    }
  }
  return figures;
}

/** One place of an approval taken by an 入编 that quotes it. */
export async function useApprovalPlace(tx: Tx, regionCode: string, id: string): Promise<void> {
  await tx.query('UPDATE staffing_requests SET used = used + 1 WHERE region_code = $1 AND id = $2', [regionCode, id]);
}

/** The figures an approval was checked against, as its audit event recorded them (before it took its places). */
export async function approvalFigures(q: Queryable, regionCode: string, id: string) {
  const r = await q.query<{ figures: VacancyFigures | null }>(
    `SELECT after -> 'figures' AS figures FROM audit_events
      WHERE region_code = $1 AND entity = 'staffing_request' AND entity_id = $2 AND action = 'staffing.approve'
      ORDER BY seq DESC LIMIT 1`,
    [regionCode, id],
  );
  return r.rows[0]?.figures ?? undefined;
}
