/** Reads for export, streamed in keyset pages so a million-person roster never sits in memory. */
import type pg from 'pg';
import { dutyImportJoin, dutyListedOnSql } from './duties.repository.js';

const page = 5000;

export interface RosterExportRow {
  name: string;
  id_number: string;
  gender: string | null;
  birth_date: string | null;
  education: string | null;
  degree: string | null;
  title_level: string | null;
  political_status: string | null;
  joined_work_on: string | null;
  institution_id: string;
  unit_id: string | null;
  category: string;
  post: string | null;
  leadership_level: string | null;
  post_class: string | null;
  start_on: string;
}

/** People holding a post now (open assignments), in assignment id order. */
/** The open assignments (today's roster) or, given `asOf`, those held that day (start inclusive, end exclusive). */
export async function* rosterForExport(
  pool: pg.Pool,
  regionCode: string,
  asOf?: string,
): AsyncGenerator<RosterExportRow> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const r = await pool.query<RosterExportRow & { aid: string }>(
      `SELECT a.id AS aid, p.name, p.id_number, p.gender, p.birth_date, p.education, p.degree, p.title_level, p.political_status,
              p.joined_work_on, a.institution_id, a.unit_id, a.category, a.post, a.leadership_level, a.post_class, a.start_on
         FROM assignments a JOIN persons p ON p.region_code = a.region_code AND p.id = a.person_id
        WHERE a.region_code = $1 AND a.id > $2
          AND CASE WHEN $3::date IS NULL THEN a.end_on IS NULL
                   ELSE a.start_on <= $3::date AND (a.end_on IS NULL OR a.end_on > $3::date) END
        ORDER BY a.id LIMIT ${page}`,
      [regionCode, after, asOf ?? null],
    );
    yield* r.rows;
    if (r.rows.length < page) return;
    after = r.rows[r.rows.length - 1]!.aid;
  }
}

export interface DutyExportRow {
  id: number;
  institution_id: string;
  source: string;
  category: string | null;
  title: string;
  text: string | null;
  legal_basis: string | null;
  domains: string[];
  role: string;
  item_code: string | null;
  /** The list's 公布日期 (see dutyListedOnSql). */
  listed_on: string | null;
}

export async function* dutiesForExport(pool: pg.Pool, regionCode: string): AsyncGenerator<DutyExportRow> {
  let after = 0;
  for (;;) {
    const r = await pool.query<DutyExportRow>(
      `SELECT d.id, d.institution_id, d.source, d.category, d.title, d.text, d.legal_basis, d.domains, d.role,
              d.item_code, ${dutyListedOnSql} AS listed_on
         FROM duties d ${dutyImportJoin}
        WHERE d.region_code = $1 AND d.id > $2 ORDER BY d.id LIMIT ${page}`,
      [regionCode, after],
    );
    yield* r.rows;
    if (r.rows.length < page) return;
    after = r.rows[r.rows.length - 1]!.id;
  }
}

export async function workloadForExport(pool: pg.Pool, regionCode: string) {
  const r = await pool.query<{
    institution_id: string;
    year: number;
    indicator: string;
    value: number;
    unit: string | null;
  }>(
    `SELECT institution_id, year, indicator, value, unit FROM workload_indicators WHERE region_code = $1 ORDER BY institution_id, year, indicator`,
    [regionCode],
  );
  return r.rows;
}

export async function regionIndicatorsForExport(pool: pg.Pool, regionCode: string) {
  const r = await pool.query<{
    scope_institution_id: string | null;
    year: number;
    indicator: string;
    value: number | null;
    text_value: string | null;
  }>(
    `SELECT scope_institution_id, year, indicator, value, text_value FROM region_indicators WHERE region_code = $1 ORDER BY id`,
    [regionCode],
  );
  return r.rows;
}
