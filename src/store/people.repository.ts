/** Roster reads for browsing: people holding a post on a date, one person's record, paginated and filtered. */
import type pg from 'pg';
import type { PersonDetails } from '../domain/facts.js';
import type { HeldPlace } from '../domain/movements.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

/** One post a person holds (or held): the columns of `assignments` a read returns. */
interface AssignmentFields extends HeldPlace {
  startOn: string;
}

export interface PersonListRow extends AssignmentFields {
  personId: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
}

/** Everyone holding a post on `asOf`, one row per post, in the roster's order (institution, leaders first, name). */
export async function rosterOn(q: Queryable, regionCode: string, asOf: string): Promise<PersonListRow[]> {
  const r = await q.query<PersonListRow>(
    `SELECT p.id AS "personId", p.id_number AS "idNumber", p.name, p.gender, p.birth_date AS "birthDate",
            p.education, p.title_level AS "titleLevel", p.political_status AS "politicalStatus",
            a.institution_id AS "institutionId", a.unit_id AS "unitId", a.category, a.post,
            a.leadership_level AS "leadershipLevel", a.post_class AS "postClass", a.start_on AS "startOn"
       FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
      WHERE a.region_code = $1 AND a.start_on <= $2 AND (a.end_on IS NULL OR a.end_on > $2)
      ORDER BY a.institution_id, a.leadership_level NULLS LAST, p.name, p.id`,
    [regionCode, asOf],
  );
  return r.rows;
}

/** A person's own facts, before any assignment (a recruit about to enter). */
export interface NewPerson extends PersonDetails {
  idNumber: string;
  name: string;
  joinedWorkOn: string | null;
}

export interface PersonRecord extends NewPerson {
  id: string;
  assignments: (AssignmentFields & { endOn: string | null })[];
  movements: {
    type: string;
    on: string;
    fromInstitutionId: string | null;
    toInstitutionId: string | null;
    category: string | null;
  }[];
}

export async function findPerson(q: Queryable, regionCode: string, id: string): Promise<PersonRecord | undefined> {
  const p = await q.query<Omit<PersonRecord, 'assignments' | 'movements'>>(
    `SELECT id, id_number AS "idNumber", name, gender, birth_date AS "birthDate", education, degree,
            title_level AS "titleLevel", political_status AS "politicalStatus", joined_work_on AS "joinedWorkOn"
       FROM persons WHERE region_code = $1 AND id = $2`,
    [regionCode, id],
  );
  if (!p.rows[0]) return undefined;
  const [a, m] = await Promise.all([
    q.query<PersonRecord['assignments'][number]>(
      `SELECT institution_id AS "institutionId", unit_id AS "unitId", category, post,
              leadership_level AS "leadershipLevel", post_class AS "postClass", start_on AS "startOn", end_on AS "endOn"
         FROM assignments WHERE region_code = $1 AND person_id = $2 ORDER BY start_on, id`,
      [regionCode, id],
    ),
    q.query<PersonRecord['movements'][number]>(
      `SELECT type, "on", from_institution_id AS "fromInstitutionId", to_institution_id AS "toInstitutionId", category
         FROM movements WHERE region_code = $1 AND person_id = $2 ORDER BY "on", id`,
      [regionCode, id],
    ),
  ]);
  return { ...p.rows[0], assignments: a.rows, movements: m.rows };
}

/**
 * The person of an 入编 by ID number: the one already in the 实名库 (someone who left and comes back), or a new row.
 */
export async function admitPerson(
  q: Queryable,
  regionCode: string,
  p: { idNumber: string; name: string; gender: string; birthDate: string },
): Promise<{ id: string; created: boolean }> {
  const found = await q.query<{ id: string }>(`SELECT id FROM persons WHERE region_code = $1 AND id_number = $2`, [
    regionCode,
    p.idNumber,
  ]);
  if (found.rows[0]) return { id: found.rows[0].id, created: false };
  const r = await q.query<{ id: string }>(
    `INSERT INTO persons (region_code, id_number, name, gender, birth_date) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [regionCode, p.idNumber, p.name, p.gender, p.birthDate],
  );
  return { id: r.rows[0]!.id, created: true };
}

/** Inserts a person; undefined when the ID number is already in the region's roster (nothing written). */
export async function insertPerson(tx: Tx, regionCode: string, id: string, p: NewPerson): Promise<string | undefined> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO persons (region_code, id, id_number, name, gender, birth_date, education, degree, title_level,
                          political_status, joined_work_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      regionCode,
      id,
      p.idNumber,
      p.name,
      p.gender,
      p.birthDate,
      p.education,
      p.degree,
      p.titleLevel,
      p.politicalStatus,
      p.joinedWorkOn,
    ],
  );
  return r.rows[0]?.id;
}

/** Ids of the persons with these ID numbers. */
export async function personIdsByNumber(q: Queryable, regionCode: string, idNumbers: string[]) {
  const r = await q.query<{ id: string; id_number: string }>(
    `SELECT id, id_number FROM persons WHERE region_code = $1 AND id_number = ANY($2::text[])`,
    [regionCode, idNumbers],
  );
  return new Map(r.rows.map((row) => [row.id_number, row.id]));
}
