/** The append-only audit chain: hash = sha256(prevHash + canonical JSON of the event). */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AdjustmentWaitFact } from '../domain/facts.js';
import { auditHeadWritten, noteAuditHead, type Tx } from './transaction.js';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** ISO time it happened, for a past carried out again (CommandContext.replayDay); absent = now. */
  at?: string;
}

export interface AuditRow extends Required<Omit<AuditInput, 'at'>> {
  regionCode: string;
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

const genesis = '0'.repeat(64);

/** Stable JSON: keys sorted, so the hash does not depend on jsonb's key order. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function auditHash(prevHash: string, e: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  const body = canonical({
    regionCode: e.regionCode,
    seq: e.seq,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    at: e.at,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Appends one event; the caller holds the region lock (lockRegion) inside its transaction. */
export async function appendAudit(tx: Tx, regionCode: string, input: AuditInput): Promise<void> {
  await appendAudits(tx, regionCode, [input]);
}

/** Appends events in order, chained one to the next, in one round trip; the caller holds the region lock. */
export async function appendAudits(tx: Tx, regionCode: string, inputs: AuditInput[]): Promise<void> {
  if (!inputs.length) return;
  let last =
    auditHeadWritten(tx, regionCode) ??
    (
      await tx.query<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_events WHERE region_code = $1 ORDER BY seq DESC LIMIT 1',
        [regionCode],
      )
    ).rows[0];
  const rows = inputs.map((input) => {
    const prevHash = last?.hash ?? genesis;
    const seq = Number(last?.seq ?? 0) + 1;
    // JSON round trip so that what is hashed is exactly what jsonb gives back
    const before = input.before === undefined ? null : JSON.parse(JSON.stringify(input.before));
    const after = input.after === undefined ? null : JSON.parse(JSON.stringify(input.after));
    const row = {
      regionCode,
      seq,
      actor: input.actor,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      before,
      after,
      at: input.at ?? new Date().toISOString(),
    };
    const hash = auditHash(prevHash, row);
    last = { seq, hash };
    return { ...row, prevHash, hash };
  });
  // one round trip for the rows and their announcements (delivered on commit only): the caller holds the district's
  // write lock until then, so every round trip here is time other writers wait
  await tx.query(
    `WITH added AS (
       INSERT INTO audit_events (region_code, seq, actor, action, entity, entity_id, before, after, at, prev_hash, hash)
       SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                                $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[])
       RETURNING seq)
     SELECT pg_notify($12, n.notice)
       FROM unnest($2::bigint[], $13::text[]) AS n(seq, notice) JOIN added USING (seq)
      ORDER BY n.seq`,
    [
      regionCode,
      rows.map((r) => r.seq),
      rows.map((r) => r.actor),
      rows.map((r) => r.action),
      rows.map((r) => r.entity),
      rows.map((r) => r.entityId),
      rows.map((r) => JSON.stringify(r.before)),
      rows.map((r) => JSON.stringify(r.after)),
      rows.map((r) => r.at),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
      changeChannel,
      rows.map((r) => JSON.stringify({ regionCode, seq: r.seq, entity: r.entity, action: r.action })),
    ],
  );
  noteAuditHead(tx, regionCode, last!);
}

/** The NOTIFY channel on which every committed audit event (= every mutation) is announced. */
export const changeChannel = 'bianzhi_changes';

export interface ChangeNotice {
  regionCode: string;
  seq: number;
  entity: string;
  action: string;
}

/** Mutations that leave the registry, roster, duties and indicators as they were (what analysis caches may keep). */
const nonDataActions =
  /^(session\.|user\.|person\.unmask$|district\.export$|adjustment\.(create|update|submit|approve|reject)$)/;
export const changesData = (action: string) => !nonDataActions.test(action);

/** What happened after `afterSeq`: the last sequence number, and whether those events changed the data or the users. */
export async function changesSince(q: pg.Pool | Tx, regionCode: string, afterSeq: number) {
  const r = await q.query<{ seq: string | null; data: boolean | null; users: boolean | null }>(
    `SELECT max(seq) AS seq, bool_or(action !~ $3) AS data, bool_or(entity IN ('user', 'session')) AS users
       FROM audit_events WHERE region_code = $1 AND seq > $2`,
    [regionCode, afterSeq, nonDataActions.source],
  );
  const row = r.rows[0]!;
  return { seq: Number(row.seq ?? afterSeq), dataChanged: !!row.data, usersChanged: !!row.users };
}

export async function listAudit(
  q: pg.Pool,
  regionCode: string,
  opts: { beforeSeq?: number; limit: number },
): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>(
    `SELECT region_code AS "regionCode", seq::int AS seq, actor, action, entity, entity_id AS "entityId", before, after,
            at, prev_hash AS "prevHash", hash
       FROM audit_events WHERE region_code = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
    [regionCode, opts.beforeSeq ?? null, opts.limit],
  );
  return r.rows;
}

export interface AuditHead {
  regionCode: string;
  seq: number;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first broken link: a changed row (hash mismatch), a gap (a deleted row) or a row the anchor disagrees with. */
  brokenAt?: { seq: number; reason: string };
  /** The head as the anchor (audit_heads) recorded it, when it has one. */
  anchoredHead?: { seq: number; hash: string };
  /** Restores that replaced the chain, with the anchored head each replaced: the one sanctioned rewrite. */
  restores: { at: string; replacedSeq: number }[];
}

/** The newest event of every district (or of one): what a backup prints and a checkpoint records. */
export async function auditHeads(q: pg.Pool | Tx, regionCode?: string): Promise<AuditHead[]> {
  const r = await q.query<AuditHead>(
    `SELECT DISTINCT ON (region_code) region_code AS "regionCode", seq::int AS seq, hash FROM audit_events
      WHERE $1::text IS NULL OR region_code = $1 ORDER BY region_code, seq DESC`,
    [regionCode ?? null],
  );
  return r.rows;
}

/** The sanctioned path by which a restore empties audit_events (migration 0003); the anchor keeps a mark of it. */
export async function clearAuditForRestore(tx: Tx): Promise<void> {
  await tx.query('SELECT bianzhi_audit_restore_begin()');
}

const missing = (from: number, to: number) =>
  from === to ? `第${from}条审计记录缺失(已被删除)` : `第${from}至${to}条审计记录缺失(已被删除)`;

/**
 * Checks the chain link by link, then against its anchor: every event anchored since the last restore must be in the
 * chain with the same hash (so deleting the newest rows, or rewriting rows and their hashes, is found), and every
 * event of the chain must be anchored. `checkpoints` (heads recorded outside the database) must be in the chain too.
 */
export async function verifyAuditChain(
  pool: pg.Pool,
  regionCode: string,
  checkpoints: (AuditHead & { at: string })[] = [],
): Promise<AuditVerification> {
  const res = await pool.query(
    `SELECT region_code, seq, actor, action, entity, entity_id, before, after,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, prev_hash, hash
       FROM audit_events WHERE region_code = $1 ORDER BY seq`,
    [regionCode],
  );
  const marks = await pool.query<{ id: number; seq: number; hash: string; kind: string; at: Date }>(
    `SELECT id, seq, hash, kind, at FROM audit_heads WHERE region_code = $1 ORDER BY id`,
    [regionCode],
  );
  const restoreMarks = marks.rows.filter((m) => m.kind === 'restore');
  const restores = restoreMarks.map((m) => ({ at: m.at.toISOString(), replacedSeq: Number(m.seq) }));
  const lastRestoreId = restoreMarks.at(-1)?.id ?? 0;
  const anchors = new Map<number, string>();
  for (const m of marks.rows) if (m.kind === 'append' && m.id > lastRestoreId) anchors.set(Number(m.seq), m.hash);
  const anchoredSeq = Math.max(0, ...anchors.keys());
  const anchoredHead = anchoredSeq ? { seq: anchoredSeq, hash: anchors.get(anchoredSeq)! } : undefined;
  const lastRestoreAt = restoreMarks.at(-1)?.at.getTime() ?? 0;
  const checks = checkpoints.filter((c) => c.regionCode === regionCode && Date.parse(c.at) > lastRestoreAt);
  const broken = (seq: number, reason: string): AuditVerification => ({
    ok: false,
    checked: seq - 1,
    brokenAt: { seq, reason },
    anchoredHead,
    restores,
  });

  let prevHash = genesis;
  let expectedSeq = 1;
  for (const r of res.rows) {
    if (Number(r.seq) !== expectedSeq) return broken(expectedSeq, missing(expectedSeq, Number(r.seq) - 1));
    if (r.prev_hash !== prevHash) {
      return broken(expectedSeq, `第${expectedSeq}条审计记录的前序哈希不符(链被改动)`);
    }
    const hash = auditHash(prevHash, {
      regionCode: r.region_code,
      seq: Number(r.seq),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      at: r.at,
    });
    if (hash !== r.hash) return broken(expectedSeq, `第${expectedSeq}条审计记录内容被篡改(哈希不符)`);
    const anchored = anchors.get(expectedSeq);
    if (anchored === undefined && anchors.size) {
      return broken(expectedSeq, `第${expectedSeq}条审计记录没有锚点(绕过了只追加的写入路径)`);
    }
    if (anchored !== undefined && anchored !== r.hash) {
      return broken(expectedSeq, `第${expectedSeq}条审计记录与锚点记录的哈希不符(记录被改写)`);
    }
    prevHash = r.hash;
    expectedSeq++;
  }
  const last = expectedSeq - 1;
  if (anchoredSeq > last) {
    return broken(last + 1, `${missing(last + 1, anchoredSeq)}:锚点记录链头为第${anchoredSeq}条,现存链只到第${last}条`);
  }
  const hashes = new Map(res.rows.map((r) => [Number(r.seq), r.hash as string]));
  for (const c of checks) {
    if (hashes.get(c.seq) !== c.hash) {
      const reason =
        c.seq > last
          ? `${missing(last + 1, c.seq)}:${c.at} 的检查点记录链头为第${c.seq}条,现存链只到第${last}条`
          : `第${c.seq}条审计记录与 ${c.at} 的检查点哈希不符(记录被改写)`;
      return broken(Math.min(c.seq, last + 1), reason);
    }
  }
  return { ok: true, checked: last, anchoredHead, restores };
}

/**
 * Readable names for the audit log: the entities' names (编制事项 文号 and title, a user's name, a person's name, an
 * import's file, the district) and the actors' display names, for the given events.
 */
export async function auditNames(
  q: pg.Pool,
  regionCode: string,
  events: Pick<AuditRow, 'actor' | 'entity' | 'entityId'>[],
): Promise<{ entities: Map<string, string>; actors: Map<string, string> }> {
  const ids = (entity: string) => [
    ...new Set(events.filter((e) => e.entity === entity && e.entityId).map((e) => e.entityId!)),
  ];
  const r = await q.query<{ entity: string; id: string; name: string }>(
    `SELECT 'adjustment' AS entity, id::text AS id, doc_number || ' ' || title AS name
       FROM adjustments WHERE region_code = $1 AND id::text = ANY($2::text[])
     UNION ALL
     SELECT 'user', id::text,
            CASE WHEN display_name = username THEN username ELSE display_name || '(' || username || ')' END
       FROM users WHERE region_code = $1 AND id::text = ANY($3::text[])
     UNION ALL
     SELECT 'person', id::text, name FROM persons WHERE region_code = $1 AND id::text = ANY($4::text[])
     UNION ALL
     SELECT 'import', id::text, file_name FROM imports WHERE region_code = $1 AND id::text = ANY($5::text[])
     UNION ALL
     SELECT 'region', region_code::text, name FROM regions WHERE region_code::text = ANY($6::text[])`,
    [regionCode, ids('adjustment'), ids('user'), ids('person'), ids('import'), ids('region')],
  );
  const actors = await q.query<{ username: string; display_name: string }>(
    'SELECT username, display_name FROM users WHERE region_code = $1 AND username = ANY($2::text[])',
    [regionCode, [...new Set(events.map((e) => e.actor))]],
  );
  return {
    entities: new Map(r.rows.map((row) => [`${row.entity}:${row.id}`, row.name])),
    actors: new Map(actors.rows.map((row) => [row.username, row.display_name])),
  };
}

/** How long one 编制事项 waited: from its (last) submission to its approval, read from the audit trail. */
export interface ApprovalWait {
  adjustmentId: string;
  submittedAt: string;
  approvedAt: string;
  days: number;
}

/** Every approved 编制事项 of a district with the time between its submission and the approval. */
export async function approvalWaits(q: pg.Pool | Tx, regionCode: string): Promise<ApprovalWait[]> {
  return (await adjustmentDecisions(q, regionCode))
    .filter((d) => d.decision === 'approved')
    .map((d) => ({
      adjustmentId: d.adjustmentId,
      submittedAt: d.submittedAt,
      approvedAt: d.decidedAt!,
      days: (Date.parse(d.decidedAt!) - Date.parse(d.submittedAt)) / 86_400_000,
    }));
}

/** Every submitted 编制事项 with its dates as the analysis reads them (UTC days, as `today` is written). */
export async function loadAdjustmentWaits(q: pg.Pool | Tx, regionCode: string): Promise<AdjustmentWaitFact[]> {
  return (await adjustmentDecisions(q, regionCode)).map(({ submittedAt, decidedAt, ...d }) => ({
    ...d,
    submittedOn: submittedAt.slice(0, 10),
    decidedOn: decidedAt?.slice(0, 10) ?? null,
  }));
}

/**
 * The one read of the audit log's adjustment.submit / approve / reject events: each submitted 编制事项 (a 编制事项 is
 * submitted once: only a draft can be), its first decision, and the units its items concern.
 */
async function adjustmentDecisions(q: pg.Pool | Tx, regionCode: string) {
  const r = await q.query<
    Omit<AdjustmentWaitFact, 'submittedOn' | 'decidedOn'> & { submittedAt: Date; decidedAt: Date | null }
  >(
    `WITH ev AS (
       SELECT entity_id,
              min(at) FILTER (WHERE action = 'adjustment.submit') AS submitted,
              (array_agg(at ORDER BY seq) FILTER (WHERE action <> 'adjustment.submit'))[1] AS decided,
              (array_agg(action ORDER BY seq) FILTER (WHERE action <> 'adjustment.submit'))[1] AS decision
         FROM audit_events
        WHERE region_code = $1 AND entity = 'adjustment'
          AND action IN ('adjustment.submit', 'adjustment.approve', 'adjustment.reject')
        GROUP BY entity_id)
     SELECT a.id AS "adjustmentId", a.doc_number AS "docNumber", a.title,
            ev.submitted AS "submittedAt", ev.decided AS "decidedAt",
            CASE ev.decision WHEN 'adjustment.approve' THEN 'approved' WHEN 'adjustment.reject' THEN 'rejected' END
              AS decision,
            COALESCE((
              SELECT array_agg(DISTINCT COALESCE(i.name, it.payload->>'name'))
                FROM adjustment_items it
                LEFT JOIN institutions i ON i.region_code = it.region_code AND i.id::text = COALESCE(
                  it.payload->>'institutionId', it.payload->>'targetId', it.payload->>'sourceId',
                  it.payload->>'fromId', it.payload->>'id')
               WHERE it.region_code = a.region_code AND it.adjustment_id = a.id
                 AND COALESCE(i.name, it.payload->>'name') IS NOT NULL), '{}') AS institutions
       FROM ev JOIN adjustments a ON a.region_code = $1 AND a.id::text = ev.entity_id
      WHERE ev.submitted IS NOT NULL
      ORDER BY ev.submitted, a.id`,
    [regionCode],
  );
  return r.rows.map(({ submittedAt, decidedAt, ...d }) => ({
    ...d,
    submittedAt: new Date(submittedAt).toISOString(),
    decidedAt: decidedAt ? new Date(decidedAt).toISOString() : null,
  }));
}
