-- Limits (机构限额, 编制总额) are folded from the ledger from now on: regions.limits is their materialized copy. Limits
-- written into regions.limits before become one applied 上级核定 adjustment at the end of the district's ledger, so that
-- a rebuild keeps them.
WITH legacy AS (
  SELECT r.region_code, r.limits, gen_random_uuid() AS id,
         COALESCE((SELECT max(a.effective_on) FROM adjustments a WHERE a.region_code = r.region_code AND a.status = 'applied'), current_date) AS effective_on,
         COALESCE((SELECT max(a.applied_seq) FROM adjustments a WHERE a.region_code = r.region_code), 0) + 1 AS applied_seq
    FROM regions r
   WHERE r.limits <> '{}'::jsonb
), adjustment AS (
  INSERT INTO adjustments (region_code, id, doc_number, title, effective_on, status, is_baseline, applied_seq, created_by,
                           decided_by, applied_at, note)
  SELECT region_code, id, '上级核定(升级前登记)', '机构限额和编制总额(升级前登记的限额)', effective_on, 'applied', false,
         applied_seq, 'system', 'system', now(), '数据库升级时由区划登记的限额转为上级核定编制事项'
    FROM legacy
  RETURNING region_code, id
)
INSERT INTO adjustment_items (region_code, adjustment_id, seq, op, payload)
SELECT l.region_code, l.id, 1, 'set_limits',
       jsonb_build_object('op', 'set_limits', 'approvalDocNumber', '升级前登记')
         || jsonb_strip_nulls(jsonb_build_object('partyGovInstitutionCap', l.limits -> 'partyGovInstitutionCap',
                                                 'quotaTotals', l.limits -> 'quotaTotals'))
  FROM legacy l JOIN adjustment a ON a.region_code = l.region_code AND a.id = l.id;
--> statement-breakpoint
-- The 编制周转池, materialized from the ledger like the limits.
ALTER TABLE "regions" ADD COLUMN "pool" jsonb DEFAULT '{"balance":{},"loans":[]}'::jsonb NOT NULL;
