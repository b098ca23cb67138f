/** Reads one district on one date for the analysis layer (people holding a post on that date, duties, indicators). */
import type pg from 'pg';
import type { DutyFact, ExceptionEntryFact, IndicatorFact, PersonFact, WorkloadFact } from '../domain/facts.js';

export async function loadPeopleOn(pool: pg.Pool, regionCode: string, asOf: string): Promise<PersonFact[]> {
  const r = await pool.query<PersonFact>(
    `SELECT p.id AS "personId", a.institution_id AS "institutionId", a.unit_id AS "unitId", a.category, a.post,
            a.leadership_level AS "leadershipLevel", a.post_class AS "postClass", p.gender, p.birth_date AS "birthDate",
            p.education, p.degree, p.title_level AS "titleLevel", p.political_status AS "politicalStatus", a.start_on AS "startOn"
       FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
      WHERE a.region_code = $1 AND a.start_on <= $2 AND (a.end_on IS NULL OR a.end_on > $2)`,
    [regionCode, asOf],
  );
  return r.rows;
}

export async function loadDuties(pool: pg.Pool, regionCode: string): Promise<DutyFact[]> {
  const r = await pool.query<DutyFact>(
    `SELECT id, institution_id AS "institutionId", source, category, title, text, legal_basis AS "legalBasis", domains, role
       FROM duties WHERE region_code = $1 ORDER BY id`,
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
