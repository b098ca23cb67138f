/** 方案 (scenarios) and their ledger items. */
import type pg from 'pg';
import type { ScenarioReviewFact } from '../domain/facts.js';
import { adjustmentItemSchema, type AdjustmentItem } from '../domain/ledger.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

export interface ScenarioRow {
  id: string;
  name: string;
  baseDate: string;
  baseSeq: number;
  status: string;
  shared: boolean;
  necessity: string | null;
  basis: string | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  decidedBy: string | null;
  docNumber: string | null;
  effectiveOn: string | null;
  adjustmentId: string | null;
  reviewOn: string | null;
  reviewedOn: string | null;
  reviewedBy: string | null;
  /** The 执行情况评估 as recorded (see commands/scenarios.ts reviewScenario). */
  review: unknown;
  version: number;
}

const columns = `id, name, base_date AS "baseDate", base_seq AS "baseSeq", status, shared, necessity, basis,
  created_by AS "createdBy", created_at AS "createdAt", submitted_by AS "submittedBy", decided_by AS "decidedBy",
  doc_number AS "docNumber", effective_on AS "effectiveOn", adjustment_id AS "adjustmentId", review_on AS "reviewOn",
  reviewed_on AS "reviewedOn", reviewed_by AS "reviewedBy", review, version`;

export async function insertScenario(
  tx: Tx,
  regionCode: string,
  s: Pick<ScenarioRow, 'id' | 'name' | 'baseDate' | 'baseSeq' | 'necessity' | 'basis' | 'createdBy'>,
) {
  await tx.query(
    `INSERT INTO scenarios (region_code, id, name, base_date, base_seq, status, necessity, basis, created_by)
     VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8)`,
    [regionCode, s.id, s.name, s.baseDate, s.baseSeq, s.necessity, s.basis, s.createdBy],
  );
}

export async function findScenario(q: Queryable, regionCode: string, id: string): Promise<ScenarioRow | undefined> {
  const r = await q.query<ScenarioRow>(`SELECT ${columns} FROM scenarios WHERE region_code = $1 AND id = $2`, [
    regionCode,
    id,
  ]);
  return r.rows[0];
}

/** The scenarios a user sees: its own, and the shared ones (all of them when `everyone`). */
export async function listScenarios(q: Queryable, regionCode: string, viewer: string, everyone: boolean) {
  const r = await q.query<ScenarioRow>(
    `SELECT ${columns} FROM scenarios WHERE region_code = $1 AND ($3 OR created_by = $2 OR shared)
      ORDER BY created_at DESC, id`,
    [regionCode, viewer, everyone],
  );
  return r.rows;
}

export async function scenarioItems(q: Queryable, regionCode: string, id: string): Promise<AdjustmentItem[]> {
  const r = await q.query<{ payload: unknown }>(
    'SELECT payload FROM scenario_items WHERE region_code = $1 AND scenario_id = $2 ORDER BY seq',
    [regionCode, id],
  );
  return r.rows.map((row) => adjustmentItemSchema.parse(row.payload));
}

export async function appendScenarioItems(tx: Tx, regionCode: string, id: string, items: AdjustmentItem[]) {
  await tx.query(
    `INSERT INTO scenario_items (region_code, scenario_id, seq, op, payload)
     SELECT $1, $2, COALESCE((SELECT max(seq) FROM scenario_items WHERE region_code = $1 AND scenario_id = $2), 0) + t.ord::int,
            t.payload->>'op', t.payload
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(payload, ord)`,
    [regionCode, id, JSON.stringify(items)],
  );
}

export async function removeScenarioItem(tx: Tx, regionCode: string, id: string, index: number) {
  await tx.query(
    `DELETE FROM scenario_items WHERE region_code = $1 AND scenario_id = $2
        AND seq = (SELECT seq FROM scenario_items WHERE region_code = $1 AND scenario_id = $2 ORDER BY seq OFFSET $3 LIMIT 1)`,
    [regionCode, id, index],
  );
}

/** Moves a scenario on (status and the fields that go with it) only from the version read; false when stale. */
export async function updateScenario(
  tx: Tx,
  regionCode: string,
  id: string,
  version: number,
  set: Partial<
    Pick<
      ScenarioRow,
      | 'status'
      | 'shared'
      | 'submittedBy'
      | 'decidedBy'
      | 'docNumber'
      | 'effectiveOn'
      | 'adjustmentId'
      | 'reviewOn'
      | 'reviewedOn'
      | 'reviewedBy'
    > & { targets: unknown; review: unknown }
  >,
): Promise<boolean> {
  const names: Record<string, string> = {
    status: 'status',
    shared: 'shared',
    submittedBy: 'submitted_by',
    decidedBy: 'decided_by',
    docNumber: 'doc_number',
    effectiveOn: 'effective_on',
    adjustmentId: 'adjustment_id',
    reviewOn: 'review_on',
    reviewedOn: 'reviewed_on',
    reviewedBy: 'reviewed_by',
    targets: 'targets',
    review: 'review',
  };
  const json = new Set(['targets', 'review']);
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  const assignments = entries.map(([k], i) => `${names[k]} = $${i + 4}`);
  const r = await tx.query(
    `UPDATE scenarios SET ${[...assignments, 'version = version + 1'].join(', ')}
      WHERE region_code = $1 AND id = $2 AND version = $3`,
    [regionCode, id, version, ...entries.map(([k, v]) => (json.has(k) ? JSON.stringify(v) : v))],
  );
  return r.rowCount === 1;
}

/** The ledger's last apply (0 when empty): a scenario's base. */
export async function lastAppliedSeq(q: Queryable, regionCode: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT COALESCE(max(applied_seq), 0)::int AS n FROM adjustments WHERE region_code = $1 AND status = 'applied'`,
    [regionCode],
  );
  return r.rows[0]!.n;
}

/** Adjustments applied after a base, with their items: what a scenario may conflict with. */
export async function appliedSince(q: Queryable, regionCode: string, seq: number) {
  const r = await q.query<{ docNumber: string; items: unknown[] }>(
    `SELECT a.doc_number AS "docNumber",
            COALESCE((SELECT jsonb_agg(i.payload ORDER BY i.seq) FROM adjustment_items i
                       WHERE i.region_code = a.region_code AND i.adjustment_id = a.id), '[]'::jsonb) AS items
       FROM adjustments a WHERE a.region_code = $1 AND a.status = 'applied' AND a.applied_seq > $2
      ORDER BY a.applied_seq`,
    [regionCode, seq],
  );
  return r.rows;
}

/** What an applied scenario was meant to resolve, recorded at apply. */
export interface ScenarioTargets {
  institutions: string[];
  findings: { key: string; code: string; codeLabel: string; title: string; severity: string }[];
}

/** Applied scenarios with their 执行情况评估 dates and the targets recorded at apply. */
export async function appliedScenarios(q: Queryable, regionCode: string) {
  const r = await q.query<ScenarioRow & { targets: ScenarioTargets | null }>(
    `SELECT ${columns}, targets FROM scenarios WHERE region_code = $1 AND status = 'applied' AND review_on IS NOT NULL
      ORDER BY review_on, id`,
    [regionCode],
  );
  return r.rows;
}

/** The facts the SCENARIO_REVIEW_OVERDUE diagnostic reads. */
export async function scenarioReviewFacts(q: Queryable, regionCode: string): Promise<ScenarioReviewFact[]> {
  return (await appliedScenarios(q, regionCode)).map((s) => ({
    scenarioId: s.id,
    name: s.name,
    docNumber: s.docNumber ?? '',
    effectiveOn: s.effectiveOn!,
    reviewOn: s.reviewOn!,
    reviewedOn: s.reviewedOn,
    institutions: s.targets?.institutions ?? [],
  }));
}
