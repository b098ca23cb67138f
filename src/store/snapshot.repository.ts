/** Reads one district on one date for the analysis layer (people holding a post on that date, duties, indicators). */
import type pg from 'pg';
import type { DutyFact, IndicatorFact, PersonFact, WorkloadFact } from '../domain/facts.js';

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
