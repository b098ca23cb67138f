import type { Tx } from './transaction.js';

export async function upsertWorkload(
  tx: Tx,
  regionCode: string,
  rows: { institutionId: string; year: number; indicator: string; value: number; unit: string | null }[],
): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.query(
    `INSERT INTO workload_indicators (region_code, institution_id, year, indicator, value, unit)
     SELECT $1, x.institution_id, x.year, x.indicator, x.value, x.unit
       FROM jsonb_to_recordset($2::jsonb) AS x(institution_id uuid, year smallint, indicator text, value float8, unit text)
     ON CONFLICT (region_code, institution_id, year, indicator) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit`,
    [
      regionCode,
      JSON.stringify(
        rows.map((x) => ({
          institution_id: x.institutionId,
          year: x.year,
          indicator: x.indicator,
          value: x.value,
          unit: x.unit,
        })),
      ),
    ],
  );
  return r.rowCount ?? 0;
}

/** Replaces indicators with the same (scope, year, indicator). */
export async function upsertRegionIndicators(
  tx: Tx,
  regionCode: string,
  rows: {
    scopeInstitutionId: string | null;
    year: number;
    indicator: string;
    value: number | null;
    textValue: string | null;
  }[],
): Promise<number> {
  if (!rows.length) return 0;
  const json = JSON.stringify(
    rows.map((x) => ({
      scope: x.scopeInstitutionId,
      year: x.year,
      indicator: x.indicator,
      value: x.value,
      text_value: x.textValue,
    })),
  );
  const cols = `x(scope uuid, year smallint, indicator text, value float8, text_value text)`;
  await tx.query(
    `DELETE FROM region_indicators t USING jsonb_to_recordset($2::jsonb) AS ${cols}
      WHERE t.region_code = $1 AND t.scope_institution_id IS NOT DISTINCT FROM x.scope AND t.year = x.year AND t.indicator = x.indicator`,
    [regionCode, json],
  );
  const r = await tx.query(
    `INSERT INTO region_indicators (region_code, scope_institution_id, year, indicator, value, text_value)
     SELECT $1, x.scope, x.year, x.indicator, x.value, x.text_value FROM jsonb_to_recordset($2::jsonb) AS ${cols}`,
    [regionCode, json],
  );
  return r.rowCount ?? 0;
}
