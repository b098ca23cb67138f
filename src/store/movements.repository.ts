/** The roster's ledger (movements) and its materialized fold (assignments): reads, the rebuild diff, appends. */
import type pg from 'pg';
import {
  assignmentLine,
  lineSeparator,
  type AssignmentRow,
  type ExitType,
  type HeldPlace,
  type MovementType,
  type RosterMovement,
} from '../domain/movements.js';
import type { Tx } from './transaction.js';

type Queryable = pg.Pool | Tx;

const movementSelect = `SELECT id::float8 AS id, person_id AS "personId", type, "on"::text AS "on",
        assignment_id AS "assignmentId", to_institution_id AS "institutionId", unit_id AS "unitId", category, post,
        leadership_level AS "leadershipLevel", post_class AS "postClass", exit_type AS "exitType",
        import_id::float8 AS "importId"
   FROM movements`;

type MovementRow = HeldPlace & {
  id: number;
  personId: string;
  type: MovementType;
  on: string;
  assignmentId: string | null;
  exitType: ExitType | null;
  importId: number | null;
};

const toMovement = (r: MovementRow): RosterMovement => ({
  id: r.id,
  personId: r.personId,
  type: r.type,
  on: r.on,
  assignmentId: r.assignmentId,
  place:
    r.type === 'exit'
      ? null
      : {
          institutionId: r.institutionId,
          unitId: r.unitId,
          category: r.category,
          post: r.post,
          leadershipLevel: r.leadershipLevel,
          postClass: r.postClass,
        },
  exitType: r.exitType,
  importId: r.importId,
});

/** Every movement of the region (or of one person), in fold order. */
export async function loadMovements(q: Queryable, regionCode: string, personId?: string): Promise<RosterMovement[]> {
  const r = await q.query<MovementRow>(
    `${movementSelect} WHERE region_code = $1 AND ($2::uuid IS NULL OR person_id = $2) ORDER BY "on", id`,
    [regionCode, personId ?? null],
  );
  return r.rows.map(toMovement);
}

const assignmentSelect = `SELECT id, person_id AS "personId", institution_id AS "institutionId", unit_id AS "unitId",
        category, post, leadership_level AS "leadershipLevel", post_class AS "postClass", start_on::text AS "startOn",
        end_on::text AS "endOn", import_id::float8 AS "importId"
   FROM assignments`;

/** The materialized assignments (all of them, ended ones included), in id order. */
export async function readAssignments(q: Queryable, regionCode: string): Promise<AssignmentRow[]> {
  const r = await q.query<AssignmentRow>(`${assignmentSelect} WHERE region_code = $1 ORDER BY id`, [regionCode]);
  return r.rows;
}

/** Who held which place on `on` (start inclusive, end exclusive), in institution and person order. */
export async function assignmentsHeldOn(q: Queryable, regionCode: string, on: string): Promise<AssignmentRow[]> {
  const r = await q.query<AssignmentRow>(
    `${assignmentSelect} WHERE region_code = $1 AND start_on <= $2::date AND (end_on IS NULL OR end_on > $2::date)
      ORDER BY institution_id, person_id`,
    [regionCode, on],
  );
  return r.rows;
}

/** The SQL that writes an assignment as domain/movements.ts assignmentLine does. */
const assignmentLineSql = `concat_ws(E'\\x1f', id, person_id, institution_id, coalesce(unit_id::text, '\\N'), category,
    coalesce(post, '\\N'), coalesce(leadership_level, '\\N'), coalesce(post_class, '\\N'), start_on::text,
    coalesce(end_on::text, '\\N'), coalesce(import_id::text, '\\N'))`;

const lastUuid = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * The roster's ledger and its fold a range of persons at a time (about `persons` per batch, in id order): the
 * movements of those persons and their materialized assignments as lines (assignmentLine), so a rebuild of millions
 * of movements holds one batch in memory and parses no current row. Movements are read as arrays (no key objects).
 */
export async function* rosterLedgerBatches(
  tx: Tx,
  regionCode: string,
  persons = 20_000,
): AsyncGenerator<{ movements: RosterMovement[]; assignmentLines: string[] }> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // the batch ends at the id `persons` further on, or at the end of the uuid range for the last one; ordered by the
    // uuid column itself (an alias `id` of id::text would order by text and sort every person for every batch)
    const bound = await tx.query<{ bound: string }>(
      `SELECT p.id::text AS bound FROM persons p WHERE p.region_code = $1 AND p.id > $2 ORDER BY p.id OFFSET $3 LIMIT 1`,
      [regionCode, after, persons - 1],
    );
    const upTo = bound.rows[0]?.bound ?? lastUuid;
    const m = await tx.query<unknown[]>({
      text: `SELECT id::float8, person_id, type, "on"::text, assignment_id, to_institution_id, unit_id, category, post,
                    leadership_level, post_class, exit_type, import_id::float8
               FROM movements WHERE region_code = $1 AND person_id > $2 AND person_id <= $3`,
      values: [regionCode, after, upTo],
      rowMode: 'array',
    });
    const a = await tx.query<unknown[]>({
      text: `SELECT ${assignmentLineSql} FROM assignments WHERE region_code = $1 AND person_id > $2 AND person_id <= $3`,
      values: [regionCode, after, upTo],
      rowMode: 'array',
    });
    yield {
      movements: m.rows.map((r) =>
        toMovement({
          id: r[0] as number,
          personId: r[1] as string,
          type: r[2] as MovementType,
          on: r[3] as string,
          assignmentId: r[4] as string | null,
          institutionId: r[5] as string,
          unitId: r[6] as string | null,
          category: r[7] as string,
          post: r[8] as string | null,
          leadershipLevel: r[9] as string | null,
          postClass: r[10] as string | null,
          exitType: r[11] as ExitType | null,
          importId: r[12] as number | null,
        }),
      ),
      assignmentLines: a.rows.map((r) => r[0] as string),
    };
    if (upTo === lastUuid) return;
    after = upTo;
  }
}

const assignmentColumns = `id uuid, "personId" uuid, "institutionId" uuid, "unitId" uuid, category text, post text,
  "leadershipLevel" text, "postClass" text, "startOn" date, "endOn" date, "importId" bigint`;

/**
 * Rewrites the assignments that differ from the fold: deletes the extra ones, upserts the missing or changed. The
 * current rows come as lines (assignmentLine); a row whose line is the folded row's line is left alone.
 */
export async function writeAssignmentsDiff(
  tx: Tx,
  regionCode: string,
  currentLines: string[],
  folded: AssignmentRow[],
): Promise<number> {
  const now = new Map(currentLines.map((line) => [line.slice(0, line.indexOf(lineSeparator)), line]));
  const wanted = new Set(folded.map((a) => a.id));
  const removed = [...now.keys()].filter((id) => !wanted.has(id));
  const changed = folded.filter((a) => now.get(a.id) !== assignmentLine(a));
  if (removed.length) {
    await tx.query(`DELETE FROM assignments WHERE region_code = $1 AND id = ANY($2::uuid[])`, [regionCode, removed]);
  }
  if (changed.length) {
    await tx.query(
      `INSERT INTO assignments (region_code, id, person_id, institution_id, unit_id, category, post, leadership_level,
                                post_class, start_on, end_on, import_id)
       SELECT $1, x.id, x."personId", x."institutionId", x."unitId", x.category, x.post, x."leadershipLevel",
              x."postClass", x."startOn", x."endOn", x."importId"
         FROM jsonb_to_recordset($2::jsonb) AS x(${assignmentColumns})
       ON CONFLICT (region_code, id) DO UPDATE SET
         person_id = EXCLUDED.person_id, institution_id = EXCLUDED.institution_id, unit_id = EXCLUDED.unit_id,
         category = EXCLUDED.category, post = EXCLUDED.post, leadership_level = EXCLUDED.leadership_level,
         post_class = EXCLUDED.post_class, start_on = EXCLUDED.start_on, end_on = EXCLUDED.end_on,
         import_id = EXCLUDED.import_id`,
      [regionCode, JSON.stringify(changed)],
    );
  }
  return removed.length + changed.length;
}

/** What a recorded movement says besides its fold fields. */
export interface MovementRecord {
  movement: Omit<RosterMovement, 'id'>;
  fromInstitutionId: string | null;
  docNumber: string | null;
  reason: string | null;
  note?: string | null;
  recordedBy: string;
  approvalId?: string | null;
  /** 例外入编: the written reason of an 入编 without a 用编核准 */
  exceptionReason?: string | null;
}

/**
 * Appends one movement and carries it into the materialized roster (closes the open assignment, opens the new one).
 * The caller has checked it against the fold (domain applyMovement) inside the same transaction.
 */
export async function appendMovement(tx: Tx, regionCode: string, r: MovementRecord): Promise<number> {
  const m = r.movement;
  const p = m.place;
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO movements (region_code, person_id, type, "on", from_institution_id, to_institution_id, unit_id,
                            category, post, leadership_level, post_class, assignment_id, exit_type, doc_number, reason,
                            note, recorded_by, approval_id, exception_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
    [
      regionCode,
      m.personId,
      m.type,
      m.on,
      r.fromInstitutionId,
      p?.institutionId ?? null,
      p?.unitId ?? null,
      p?.category ?? null,
      p?.post ?? null,
      p?.leadershipLevel ?? null,
      p?.postClass ?? null,
      m.assignmentId,
      m.exitType,
      r.docNumber,
      r.reason,
      r.note ?? null,
      r.recordedBy,
      r.approvalId ?? null,
      r.exceptionReason ?? null,
    ],
  );
  if (m.type !== 'enter') {
    await tx.query(`UPDATE assignments SET end_on = $3 WHERE region_code = $1 AND person_id = $2 AND end_on IS NULL`, [
      regionCode,
      m.personId,
      m.on,
    ]);
  }
  if (p && m.assignmentId) {
    await tx.query(
      `INSERT INTO assignments (region_code, id, person_id, institution_id, unit_id, category, post, leadership_level,
                                post_class, start_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        regionCode,
        m.assignmentId,
        m.personId,
        p.institutionId,
        p.unitId,
        p.category,
        p.post,
        p.leadershipLevel,
        p.postClass,
        m.on,
      ],
    );
  }
  return Number(inserted.rows[0]!.id);
}

/** A movement written in bulk (a roster sync): what appendMovement takes, one per person. */
export interface BulkMovement {
  movement: Omit<RosterMovement, 'id'>;
  fromInstitutionId: string | null;
  note: string | null;
}

/**
 * Appends many movements of distinct persons at once and carries them into the materialized roster: the open
 * assignment of each person a movement other than 入编 concerns ends on its date, each movement that opens an
 * assignment starts it. The caller has checked every one against the persons' history in the same transaction.
 */
export async function appendMovements(
  tx: Tx,
  regionCode: string,
  rows: BulkMovement[],
  meta: { recordedBy: string; importId: number | null; docNumber: string | null },
): Promise<number> {
  if (!rows.length) return 0;
  const json = JSON.stringify(
    rows.map(({ movement: m, fromInstitutionId, note }) => ({
      personId: m.personId,
      type: m.type,
      on: m.on,
      fromId: fromInstitutionId,
      toId: m.place?.institutionId ?? null,
      unitId: m.place?.unitId ?? null,
      category: m.place?.category ?? null,
      post: m.place?.post ?? null,
      leadershipLevel: m.place?.leadershipLevel ?? null,
      postClass: m.place?.postClass ?? null,
      assignmentId: m.assignmentId,
      exitType: m.exitType,
      note,
    })),
  );
  const columns = `"personId" uuid, type text, "on" date, "fromId" uuid, "toId" uuid, "unitId" uuid, category text,
    post text, "leadershipLevel" text, "postClass" text, "assignmentId" uuid, "exitType" text, note text`;
  // The open assignments end, one statement per date with `= ANY` of the persons' ids: no join on the JSON rows,
  // which right after a bulk load (no statistics) was planned as a nested loop rescanning them per assignment
  // (3,000 movements: 9 s).
  const closing = new Map<string, string[]>();
  for (const { movement: m } of rows) {
    if (m.type === 'enter') continue;
    const ids = closing.get(m.on);
    if (ids) ids.push(m.personId);
    else closing.set(m.on, [m.personId]);
  }
  for (const [on, personIds] of closing) {
    await tx.query(
      `UPDATE assignments SET end_on = $3
        WHERE region_code = $1 AND person_id = ANY($2::uuid[]) AND end_on IS NULL`,
      [regionCode, personIds, on],
    );
  }
  await tx.query(
    `INSERT INTO assignments (region_code, id, person_id, institution_id, unit_id, category, post, leadership_level,
                              post_class, start_on, import_id)
     SELECT $1, x."assignmentId", x."personId", x."toId", x."unitId", x.category, x.post, x."leadershipLevel",
            x."postClass", x."on", $3
       FROM jsonb_to_recordset($2::jsonb) AS x(${columns})
      WHERE x."assignmentId" IS NOT NULL`,
    [regionCode, json, meta.importId],
  );
  const inserted = await tx.query(
    `INSERT INTO movements (region_code, person_id, type, "on", from_institution_id, to_institution_id, unit_id,
                            category, post, leadership_level, post_class, assignment_id, exit_type, doc_number,
                            note, recorded_by, import_id)
     SELECT $1, x."personId", x.type, x."on", x."fromId", x."toId", x."unitId", x.category, x.post,
            x."leadershipLevel", x."postClass", x."assignmentId", x."exitType", $3, x.note, $4, $5
       FROM jsonb_to_recordset($2::jsonb) AS x(${columns})
      ORDER BY x."on"`,
    [regionCode, json, meta.docNumber, meta.recordedBy, meta.importId],
  );
  return inserted.rowCount ?? 0;
}
