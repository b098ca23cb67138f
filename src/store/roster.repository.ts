/** Roster (实名制) SQL: persons, assignments, movements. */
import type pg from 'pg';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

export async function countOpenAssignments(q: Queryable, regionCode: string, institutionId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignments WHERE region_code = $1 AND institution_id = $2 AND end_on IS NULL`,
    [regionCode, institutionId],
  );
  return r.rows[0]!.n;
}

/**
 * Everyone holding a post in `fromId` moves to `toId` on `on`: the old assignment ends, a new one starts with the same
 * category and post, and a 调动 movement records it with the adjustment that caused it. Returns how many moved.
 */
export async function movePeople(
  tx: Tx,
  regionCode: string,
  m: { fromId: string; toId: string; on: string; adjustmentId: string; actor?: string },
): Promise<number> {
  // the 调动 movement carries the assignment it opened, so the roster stays the fold of the movements
  const moved = await tx.query(
    `WITH ended AS (
       UPDATE assignments SET end_on = $4
        WHERE region_code = $1 AND institution_id = $2 AND end_on IS NULL
        RETURNING person_id, category, post, leadership_level, post_class
     ), started AS (
       INSERT INTO assignments (region_code, person_id, institution_id, category, post, leadership_level, post_class, start_on)
       SELECT $1, person_id, $3, category, post, leadership_level, post_class, $4 FROM ended
       RETURNING id, person_id, category, post, leadership_level, post_class
     )
     INSERT INTO movements (region_code, person_id, type, "on", from_institution_id, to_institution_id, category,
                            post, leadership_level, post_class, assignment_id, adjustment_id, note, recorded_by)
     SELECT $1, person_id, 'transfer', $4, $2, $3, category, post, leadership_level, post_class, id, $5,
            '机构调整随迁', $6
       FROM started
     RETURNING person_id`,
    [regionCode, m.fromId, m.toId, m.on, m.adjustmentId, m.actor ?? null],
  );
  return moved.rowCount ?? 0;
}

export async function existingIdNumbers(q: Queryable, regionCode: string): Promise<Set<string>> {
  const r = await q.query<{ id_number: string }>('SELECT id_number FROM persons WHERE region_code = $1', [regionCode]);
  return new Set(r.rows.map((x) => x.id_number));
}

/** Actual staff per institution and category, and leaders per level and class, on `asOf` (today when omitted). */
export async function loadStaffCounts(q: Queryable, regionCode: string, asOf?: string) {
  const r = await q.query<{
    institution_id: string;
    category: string;
    leadership_level: string | null;
    post_class: string | null;
    n: number;
  }>(
    `SELECT institution_id, category, leadership_level, post_class, count(*)::int AS n
       FROM assignments
      WHERE region_code = $1 AND start_on <= COALESCE($2::date, current_date)
        AND (end_on IS NULL OR end_on > COALESCE($2::date, current_date))
      GROUP BY 1, 2, 3, 4`,
    [regionCode, asOf ?? null],
  );
  const actual = new Map<string, number>();
  const leaders = new Map<string, number>();
  for (const row of r.rows) {
    const k = `${row.institution_id}|${row.category}`;
    actual.set(k, (actual.get(k) ?? 0) + row.n);
    if (row.leadership_level && row.post_class) {
      const lk = `${row.institution_id}|${row.leadership_level}|${row.post_class}`;
      leaders.set(lk, (leaders.get(lk) ?? 0) + row.n);
    }
  }
  return { actual, leaders };
}
