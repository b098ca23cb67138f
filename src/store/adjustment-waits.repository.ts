/** When each 编制事项 was submitted and decided, read from the audit log (the 管理体制 diagnostics' facts). */
import type pg from 'pg';
import type { AdjustmentWaitFact } from '../analysis/snapshot.js';

export async function loadAdjustmentWaits(pool: pg.Pool, regionCode: string): Promise<AdjustmentWaitFact[]> {
  const r = await pool.query<AdjustmentWaitFact>(
    `WITH ev AS (
       SELECT entity_id,
              min(at) FILTER (WHERE action = 'adjustment.submit') AS submitted,
              min(at) FILTER (WHERE action <> 'adjustment.submit') AS decided,
              (array_agg(action ORDER BY seq) FILTER (WHERE action <> 'adjustment.submit'))[1] AS decision
         FROM audit_events
        WHERE region_code = $1 AND entity = 'adjustment'
          AND action IN ('adjustment.submit', 'adjustment.approve', 'adjustment.reject')
        GROUP BY entity_id)
     SELECT a.id AS "adjustmentId", a.doc_number AS "docNumber", a.title,
            to_char(ev.submitted AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "submittedOn",
            to_char(ev.decided AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "decidedOn",
            CASE ev.decision WHEN 'adjustment.approve' THEN 'approved' WHEN 'adjustment.reject' THEN 'rejected' END
              AS decision,
            COALESCE((
              SELECT array_agg(DISTINCT COALESCE(i.name, it.payload->>'name'))
                FROM adjustment_items it
                LEFT JOIN institutions i ON i.region_code = it.region_code AND i.id::text = COALESCE(
                  it.payload->>'institutionId', it.payload->>'targetId', it.payload->>'sourceId',
                  it.payload->>'fromId', it.payload->>'id')
               WHERE it.region_code = a.region_code AND it.adjustment_id = a.id
                 AND COALESCE(i.name, it.payload->>'name') IS NOT NULL), '{}') AS institutions
       FROM ev JOIN adjustments a ON a.region_code = $1 AND a.id::text = ev.entity_id
      WHERE ev.submitted IS NOT NULL
      ORDER BY ev.submitted, a.id`,
    [regionCode],
  );
  return r.rows;
}
