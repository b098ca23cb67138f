/** Roster reads for browsing: people holding a post on a date, one person's record, paginated and filtered. */
import type pg from 'pg';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

/** One post a person holds (or held): the columns of `assignments` a read returns. */
interface AssignmentFields {
  institutionId: string;
  unitId: string | null;
  category: string;
  post: string | null;
  leadershipLevel: string | null;
  postClass: string | null;
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

export interface PeopleFilter {
  asOf: string;
  /** undefined = every institution */
  institutionIds?: string[];
  /** name fragment, or the start of an ID number when `matchIdNumber` */
  q?: string;
  /** whether `q` may match the start of an ID number (only for those who may see whole numbers) */
  matchIdNumber?: boolean;
  category?: string;
  offset: number;
  limit: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listPeople(
  q: Queryable,
  regionCode: string,
  f: PeopleFilter,
): Promise<{ total: number; rows: PersonListRow[] }> {
  const params: unknown[] = [regionCode, f.asOf];
  const where = ['a.region_code = $1', 'a.start_on <= $2', '(a.end_on IS NULL OR a.end_on > $2)'];
  if (f.institutionIds) {
    params.push(f.institutionIds);
    where.push(`(a.institution_id = ANY($${params.length}::uuid[]) OR a.unit_id = ANY($${params.length}::uuid[]))`);
  }
  if (f.category) {
    params.push(f.category);
    where.push(`a.category = $${params.length}`);
  }
  if (f.q && f.matchIdNumber) {
    params.push(`%${escapeLike(f.q)}%`, `${escapeLike(f.q.toUpperCase())}%`);
    where.push(`(p.name LIKE $${params.length - 1} OR p.id_number LIKE $${params.length})`);
  } else if (f.q) {
    params.push(`%${escapeLike(f.q)}%`);
    where.push(`p.name LIKE $${params.length}`);
  }
  const from = `FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
               WHERE ${where.join(' AND ')}`;
  const total = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params);
  const rows = await q.query<PersonListRow>(
    `SELECT p.id AS "personId", p.id_number AS "idNumber", p.name, p.gender, p.birth_date AS "birthDate",
            p.education, p.title_level AS "titleLevel", p.political_status AS "politicalStatus",
            a.institution_id AS "institutionId", a.unit_id AS "unitId", a.category, a.post,
            a.leadership_level AS "leadershipLevel", a.post_class AS "postClass", a.start_on AS "startOn"
       ${from}
      ORDER BY a.institution_id, a.leadership_level NULLS LAST, p.name, p.id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { total: total.rows[0]!.n, rows: rows.rows };
}

export interface PersonRecord {
  id: string;
  idNumber: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  degree: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
  joinedWorkOn: string | null;
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
