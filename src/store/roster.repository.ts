/** Roster (实名制) SQL: persons, assignments, movements. */
import type pg from 'pg';
import type { HeldPlace } from '../domain/movements.js';
import type { CurrentPerson, PersonFieldValues } from '../domain/roster-diff.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

export async function countOpenAssignments(
  q: Queryable,
  regionCode: string,
  institutionId: string,
  category?: string,
): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignments
      WHERE region_code = $1 AND institution_id = $2 AND end_on IS NULL AND ($3::text IS NULL OR category = $3)`,
    [regionCode, institutionId, category ?? null],
  );
  return r.rows[0]!.n;
}

/**
 * Everyone holding a post in `fromId` (or only `personIds` among them) moves to `toId` on `on`: the old assignment
 * ends, a new one starts with the same category and post, and a 调动 movement records it with the adjustment that
 * caused it. Returns how many moved, and which of `personIds` held no post there (none moved for them).
 */
export async function movePeople(
  tx: Tx,
  regionCode: string,
  m: { fromId: string; toId: string; on: string; adjustmentId: string; actor?: string; personIds?: string[] },
): Promise<{ moved: number; missing: string[] }> {
  // the 调动 movement carries the assignment it opened, so the roster stays the fold of the movements
  const moved = await tx.query<{ person_id: string }>(
    `WITH ended AS (
       UPDATE assignments SET end_on = $4
        WHERE region_code = $1 AND institution_id = $2 AND end_on IS NULL
          AND ($7::uuid[] IS NULL OR person_id = ANY($7::uuid[]))
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
    [regionCode, m.fromId, m.toId, m.on, m.adjustmentId, m.actor ?? null, m.personIds ?? null],
  );
  const found = new Set(moved.rows.map((r) => r.person_id));
  return { moved: moved.rows.length, missing: (m.personIds ?? []).filter((id) => !found.has(id)) };
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

/**
 * Every person of the region as a roster sync compares them (by ID number): fields, open assignment, latest movement
 * date. Three plain scans joined here: a join in SQL right after a bulk load (no statistics yet) was planned as a
 * nested loop that took minutes for 100,000 persons.
 */
export async function rosterPersonsForSync(q: Queryable, regionCode: string): Promise<Map<string, CurrentPerson>> {
  const persons = await q.query<PersonFieldValues & { personId: string; idNumber: string }>(
    `SELECT id AS "personId", id_number AS "idNumber", name, gender, birth_date::text AS "birthDate", education,
            degree, title_level AS "titleLevel", political_status AS "politicalStatus",
            joined_work_on::text AS "joinedWorkOn"
       FROM persons WHERE region_code = $1`,
    [regionCode],
  );
  const open = await q.query<HeldPlace & { personId: string }>(
    `SELECT person_id AS "personId", institution_id AS "institutionId", unit_id AS "unitId", category, post,
            leadership_level AS "leadershipLevel", post_class AS "postClass"
       FROM assignments WHERE region_code = $1 AND end_on IS NULL`,
    [regionCode],
  );
  const last = await q.query<{ personId: string; lastOn: string }>(
    `SELECT person_id AS "personId", max("on")::text AS "lastOn" FROM movements WHERE region_code = $1
      GROUP BY person_id`,
    [regionCode],
  );
  const placeOf = new Map(open.rows.map(({ personId, ...place }) => [personId, place]));
  const lastOf = new Map(last.rows.map((m) => [m.personId, m.lastOn]));
  const current = new Map<string, CurrentPerson>();
  for (const { personId, idNumber, ...fields } of persons.rows) {
    current.set(idNumber, {
      personId,
      idNumber,
      fields,
      place: placeOf.get(personId) ?? null,
      lastOn: lastOf.get(personId) ?? null,
    });
  }
  return current;
}

/** A person's fields as a sync writes them (new persons, or the fields a file changed: absent = unchanged). */
export interface PersonFieldsRow {
  id: string;
  idNumber?: string;
  name?: string;
  gender?: string | null;
  birthDate?: string | null;
  education?: string | null;
  degree?: string | null;
  titleLevel?: string | null;
  politicalStatus?: string | null;
  joinedWorkOn?: string | null;
}

const personFieldColumns = `id uuid, "idNumber" text, name text, gender text, "birthDate" date, education text,
  degree text, "titleLevel" text, "politicalStatus" text, "joinedWorkOn" date`;

export async function insertPersons(
  tx: Tx,
  regionCode: string,
  rows: PersonFieldsRow[],
  importId: number | null,
): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.query(
    `INSERT INTO persons (region_code, id, id_number, name, gender, birth_date, education, degree, title_level,
                          political_status, joined_work_on, import_id)
     SELECT $1, x.id, x."idNumber", x.name, x.gender, x."birthDate", x.education, x.degree, x."titleLevel",
            x."politicalStatus", x."joinedWorkOn", $3
       FROM jsonb_to_recordset($2::jsonb) AS x(${personFieldColumns})`,
    [regionCode, JSON.stringify(rows), importId],
  );
  return r.rowCount ?? 0;
}

/**
 * Sets the given fields of existing persons (a field left out of a row keeps its value). `= ANY` of the ids keeps
 * the plan an index scan without statistics (see appendMovements).
 */
export async function updatePersonFields(tx: Tx, regionCode: string, rows: PersonFieldsRow[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await tx.query(
    `UPDATE persons p SET name = COALESCE(x.name, p.name), gender = COALESCE(x.gender, p.gender),
            birth_date = COALESCE(x."birthDate", p.birth_date), education = COALESCE(x.education, p.education),
            degree = COALESCE(x.degree, p.degree), title_level = COALESCE(x."titleLevel", p.title_level),
            political_status = COALESCE(x."politicalStatus", p.political_status),
            joined_work_on = COALESCE(x."joinedWorkOn", p.joined_work_on)
       FROM jsonb_to_recordset($2::jsonb) AS x(${personFieldColumns})
      WHERE p.region_code = $1 AND p.id = ANY($3::uuid[]) AND p.id = x.id`,
    [regionCode, JSON.stringify(rows), rows.map((r) => r.id)],
  );
  return r.rowCount ?? 0;
}
