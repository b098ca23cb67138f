/** Duties (三定 and 权责清单) SQL. */
import type { Tx } from './transaction.js';

/**
 * A duty's list date (DutyFact.listedOn, the 公布日期 an export writes): its import's 公布日期, else the day of that
 * import; null for a duty an adjustment wrote. Reads duties as `d` with `dutyImportJoin`.
 */
export const dutyListedOnSql = `COALESCE(i.published_on, (i.at AT TIME ZONE 'UTC')::date)::text`;
export const dutyImportJoin = `LEFT JOIN imports i ON i.region_code = d.region_code AND i.id = d.import_id`;

export async function moveDuties(
  tx: Tx,
  regionCode: string,
  m: { fromId: string; toId: string; dutyIds?: number[] },
): Promise<number> {
  const r = m.dutyIds
    ? await tx.query(
        `UPDATE duties SET institution_id = $3 WHERE region_code = $1 AND institution_id = $2 AND id = ANY($4::bigint[])`,
        [regionCode, m.fromId, m.toId, m.dutyIds],
      )
    : await tx.query(`UPDATE duties SET institution_id = $3 WHERE region_code = $1 AND institution_id = $2`, [
        regionCode,
        m.fromId,
        m.toId,
      ]);
  return r.rowCount ?? 0;
}

/** 三定 duties written by an adjustment (a reform's new 三定): lead duties, tagged from the dictionary when read. */
export async function insertSandingDuties(
  tx: Tx,
  regionCode: string,
  institutionId: string,
  duties: { title: string; text: string | null }[],
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO duties (region_code, institution_id, source, title, text)
     SELECT $1, $2, 'sanding', t.title, t.text FROM unnest($3::text[], $4::text[]) AS t(title, text)`,
    [regionCode, institutionId, duties.map((d) => d.title), duties.map((d) => d.text)],
  );
  return r.rowCount ?? 0;
}

/** A 三定 duty reworded; 0 when no such 三定 duty exists in the district. */
export async function reviseSandingDuty(
  tx: Tx,
  regionCode: string,
  d: { dutyId: number; title: string; text: string | null },
): Promise<number> {
  const r = await tx.query(
    `UPDATE duties SET title = $3, text = $4 WHERE region_code = $1 AND id = $2 AND source = 'sanding'`,
    [regionCode, d.dutyId, d.title, d.text],
  );
  return r.rowCount ?? 0;
}

/** Removes the duties of the given (institution, source) pairs; returns how many went. */
export async function deleteDutiesOf(
  tx: Tx,
  regionCode: string,
  scopes: { institutionId: string; source: string }[],
): Promise<number> {
  if (!scopes.length) return 0;
  const r = await tx.query(
    `DELETE FROM duties d USING jsonb_to_recordset($2::jsonb) AS x(institution_id uuid, source text)
      WHERE d.region_code = $1 AND d.institution_id = x.institution_id AND d.source = x.source`,
    [regionCode, JSON.stringify(scopes.map((s) => ({ institution_id: s.institutionId, source: s.source })))],
  );
  return r.rowCount ?? 0;
}

export interface DutyListRow {
  id: number;
  institutionId: string;
  source: string;
  category: string | null;
  title: string;
  text: string | null;
  legalBasis: string | null;
  domains: string[];
  role: string;
  itemCode: string | null;
}

/** Every duty of the district for browsing, in its order (institution, then as imported). */
export async function dutyCatalog(q: Pick<Tx, 'query'>, regionCode: string): Promise<DutyListRow[]> {
  const r = await q.query<DutyListRow>(
    `SELECT id::int AS id, institution_id AS "institutionId", source, category, title, text, legal_basis AS "legalBasis",
            domains, role, item_code AS "itemCode"
       FROM duties WHERE region_code = $1 ORDER BY institution_id, id`,
    [regionCode],
  );
  return r.rows;
}
