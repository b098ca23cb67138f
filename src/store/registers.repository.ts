/** The registers' reads (增减花名册, 编制使用台账): a period's movements with the persons and places they concern. */
import type pg from 'pg';
import type { RegisterMovement } from '../domain/registers.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

/** A movement of the period that adds or removes a person from an institution's roll, with the person. */
export interface RegisterMovementRow extends RegisterMovement {
  id: number;
  name: string;
  gender: string | null;
  idNumber: string;
  birthDate: string | null;
}

/** 入编, 调动 and 出编 dated within [from, to], in date order, each with the assignment it ended. */
export async function registerMovements(
  q: Queryable,
  regionCode: string,
  from: string,
  to: string,
): Promise<RegisterMovementRow[]> {
  const r = await q.query<RegisterMovementRow>(
    `SELECT m.id::float8 AS id, m.type, m."on"::text AS "on", m.exit_type AS "exitType", m.doc_number AS "docNumber",
            m.reason, m.note, p.name, p.gender, p.id_number AS "idNumber", p.birth_date::text AS "birthDate",
            m.to_institution_id AS "toInstitutionId", m.unit_id AS "unitId", m.category, m.post,
            prev.institution_id AS "fromInstitutionId", prev.unit_id AS "fromUnitId", prev.category AS "fromCategory",
            prev.post AS "fromPost"
       FROM movements m
       JOIN persons p ON p.region_code = m.region_code AND p.id = m.person_id
       LEFT JOIN LATERAL (
         SELECT a.institution_id, a.unit_id, a.category, a.post FROM assignments a
          WHERE m.type <> 'enter' AND a.region_code = m.region_code AND a.person_id = m.person_id
            AND a.end_on = m."on" AND a.id IS DISTINCT FROM m.assignment_id
          ORDER BY a.start_on DESC LIMIT 1
       ) prev ON true
      WHERE m.region_code = $1 AND m."on" BETWEEN $2::date AND $3::date AND m.type IN ('enter', 'transfer', 'exit')
      ORDER BY m."on", m.id`,
    [regionCode, from, to],
  );
  return r.rows;
}
