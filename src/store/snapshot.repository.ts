/** Reads one district on one date for the analysis layer (people holding a post on that date, duties, indicators). */
import type pg from 'pg';
import { dutyImportJoin, dutyListedOnSql } from './duties.repository.js';
import { inTransaction } from './transaction.js';
import type {
  DutyFact,
  ExceptionEntryFact,
  IndicatorFact,
  PeopleGroup,
  PersonFact,
  WorkloadFact,
} from '../domain/facts.js';

/** Who held a place on `asOf`, with the person's facts. Read as arrays: a million rows without a key object each. */
export async function loadPeopleOn(pool: pg.Pool, regionCode: string, asOf: string): Promise<PersonFact[]> {
  const r = await pool.query<unknown[]>({
    text: `SELECT p.id, a.institution_id, a.unit_id, a.category, a.post, a.leadership_level, a.post_class, p.gender,
                  p.birth_date::text, p.education, p.degree, p.title_level, p.political_status, a.start_on::text
             FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
            WHERE a.region_code = $1 AND a.start_on <= $2 AND (a.end_on IS NULL OR a.end_on > $2)`,
    values: [regionCode, asOf],
    rowMode: 'array',
  });
  return r.rows.map((x) => ({
    personId: x[0] as string,
    institutionId: x[1] as string,
    unitId: x[2] as string | null,
    category: x[3] as string,
    post: x[4] as string | null,
    leadershipLevel: x[5] as string | null,
    postClass: x[6] as string | null,
    gender: x[7] as string | null,
    birthDate: x[8] as string | null,
    education: x[9] as string | null,
    degree: x[10] as string | null,
    titleLevel: x[11] as string | null,
    politicalStatus: x[12] as string | null,
    startOn: x[13] as string,
  }));
}

/**
 * Who held a place on `asOf`, counted by place and by the facts the statistics read (PeopleGroup). The age is whole
 * years on `asOf` as analysis/snapshot.ts ageOn computes it: the difference of the dates written as yyyymmdd numbers,
 * in ten-thousands rounded down (one year less until the birthday's month and day). A million people make one hash
 * join and a few thousand groups. The planner guesses as many groups as rows and would sort the million joined rows
 * by eight keys (a second more): it is told to hash them (enable_sort off, memory for the hash) and not to compile
 * the query (JIT costs a fifth of a second here).
 */
export async function loadPeopleGroupsOn(pool: pg.Pool, regionCode: string, asOf: string): Promise<PeopleGroup[]> {
  return inTransaction(pool, async (tx) => {
    await tx.query(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL enable_sort = off`);
    const r = await tx.query<unknown[]>({
      text: `SELECT a.institution_id, a.category, a.leadership_level, a.post_class, p.gender,
                    floor((to_char($2::date, 'YYYYMMDD')::int - (date_part('year', p.birth_date) * 10000
                      + date_part('month', p.birth_date) * 100 + date_part('day', p.birth_date))) / 10000)::int AS age,
                    p.education, p.title_level, count(*)::int
               FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
              WHERE a.region_code = $1 AND a.start_on <= $2 AND (a.end_on IS NULL OR a.end_on > $2)
              GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      values: [regionCode, asOf],
      rowMode: 'array',
    });
    return r.rows.map((x) => ({
      institutionId: x[0] as string,
      category: x[1] as string,
      leadershipLevel: x[2] as string | null,
      postClass: x[3] as string | null,
      gender: x[4] as string | null,
      age: x[5] as number | null,
      education: x[6] as string | null,
      titleLevel: x[7] as string | null,
      count: x[8] as number,
    }));
  });
}

export async function loadDuties(pool: pg.Pool, regionCode: string): Promise<DutyFact[]> {
  const r = await pool.query<DutyFact>(
    `SELECT d.id, d.institution_id AS "institutionId", d.source, d.category, d.title, d.text,
            d.legal_basis AS "legalBasis", d.domains, d.role,
            ${dutyListedOnSql} AS "listedOn"
       FROM duties d ${dutyImportJoin}
      WHERE d.region_code = $1 ORDER BY d.id`,
    [regionCode],
  );
  return r.rows;
}

export async function loadWorkload(pool: pg.Pool, regionCode: string): Promise<WorkloadFact[]> {
  const r = await pool.query<WorkloadFact>(
    `SELECT institution_id AS "institutionId", year, indicator, value FROM workload_indicators WHERE region_code = $1`,
    [regionCode],
  );
  return r.rows;
}

export async function loadIndicators(pool: pg.Pool, regionCode: string): Promise<IndicatorFact[]> {
  const r = await pool.query<IndicatorFact>(
    `SELECT scope_institution_id AS "scopeInstitutionId", year, indicator, value, text_value AS "textValue"
       FROM region_indicators WHERE region_code = $1`,
    [regionCode],
  );
  return r.rows;
}

/** Every 入编 recorded without a 用编核准 (例外入编), in date order. */
export async function loadExceptionEntries(pool: pg.Pool, regionCode: string): Promise<ExceptionEntryFact[]> {
  const r = await pool.query<ExceptionEntryFact>(
    `SELECT m.id::float8 AS "movementId", m.person_id AS "personId", p.name AS "personName",
            m.to_institution_id AS "institutionId", m.category, m."on"::text AS "on", m.exception_reason AS reason,
            COALESCE(m.recorded_by, '') AS "recordedBy", (m.recorded_at AT TIME ZONE 'UTC')::date::text AS "recordedOn"
       FROM movements m JOIN persons p ON p.region_code = m.region_code AND p.id = m.person_id
      WHERE m.region_code = $1 AND m.exception_reason IS NOT NULL
      ORDER BY m."on", m.id`,
    [regionCode],
  );
  return r.rows;
}
