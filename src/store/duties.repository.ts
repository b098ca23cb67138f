/** Duties (三定 and 权责清单) SQL. */
import type { Tx } from './transaction.js';

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

/** Duties for browsing, filtered and paginated; `institutionIds` undefined = all. */
export async function listDuties(
  q: Pick<Tx, 'query'>,
  regionCode: string,
  f: {
    institutionIds?: string[];
    source?: string;
    category?: string;
    domain?: string;
    q?: string;
    offset: number;
    limit: number;
  },
): Promise<{ total: number; rows: DutyListRow[] }> {
  const params: unknown[] = [regionCode];
  const where = ['region_code = $1'];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    where.push(sql(params.length));
  };
  if (f.institutionIds) add((n) => `institution_id = ANY($${n}::uuid[])`, f.institutionIds);
  if (f.source) add((n) => `source = $${n}`, f.source);
  if (f.category) add((n) => `category = $${n}`, f.category);
  if (f.domain) add((n) => `$${n} = ANY(domains)`, f.domain);
  if (f.q) add((n) => `(title LIKE $${n} OR text LIKE $${n})`, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const cond = where.join(' AND ');
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM duties WHERE ${cond}`, params);
  const rows = await q.query<DutyListRow>(
    `SELECT id::int AS id, institution_id AS "institutionId", source, category, title, text, legal_basis AS "legalBasis",
            domains, role, item_code AS "itemCode"
       FROM duties WHERE ${cond} ORDER BY institution_id, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total: total.rows[0]!.n, rows: rows.rows };
}
