import { appendFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { bypassingTriggers, useTestContext } from '../../test/context.js';
import { appendAudit, auditHash } from '../store/audit.repository.js';
import { connect, migrateDatabase, withDatabaseName } from '../store/database.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import { auditCheckpointFile, readAuditCheckpoints, recordAuditCheckpoint, verifyAudit } from './audit.js';

const { ctx } = useTestContext();

/** Each test writes its own district's chain of `n` events, so that breaking one leaves the others whole. */
async function chainOf(regionCode: string, n: number) {
  for (let i = 1; i <= n; i++) {
    await inTransaction(ctx.pool, async (tx) => {
      await lockRegion(tx, regionCode);
      await appendAudit(tx, regionCode, { actor: 'alice', action: 'test.event', entity: 'test', after: { i } });
    });
  }
  return { ...ctx, regionCode };
}

/** SQL run as the application's role (bianzhi_app, created by migration 0003), not as the superuser of the tests. */
async function asAppRole(pool: pg.Pool, sql: string, params: unknown[] = []) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL ROLE bianzhi_app');
    const r = await c.query(sql, params);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

describe('the audit chain anchored outside the application’s reach', () => {
  it('Given a chain When the newest rows are deleted past the triggers Then verify fails naming the gap', async () => {
    // Given
    const d = await chainOf('990001', 8);
    expect(await verifyAudit(d)).toMatchObject({ ok: true, checked: 8, anchoredHead: { seq: 8 } });

    // When
    await bypassingTriggers(ctx.pool, `DELETE FROM audit_events WHERE region_code = $1 AND seq > 5`, [d.regionCode]);

    // Then
    const v = await verifyAudit(d);
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toEqual({ seq: 6, reason: expect.stringContaining('第6至8条审计记录缺失') });
    expect(v.brokenAt!.reason).toMatch(/锚点记录链头为第8条,现存链只到第5条/);
  });

  it('Given a chain When DELETE, UPDATE or TRUNCATE is tried on it (even as a superuser) Then the trigger refuses', async () => {
    // Given
    const d = await chainOf('990002', 3);

    // When / Then
    for (const sql of [
      `DELETE FROM audit_events WHERE region_code = $1 AND seq > 1`,
      `UPDATE audit_events SET actor = 'mallory' WHERE region_code = $1`,
      `DELETE FROM audit_heads WHERE region_code = $1`,
      `UPDATE audit_heads SET hash = 'x' WHERE region_code = $1`,
    ]) {
      await expect(ctx.pool.query(sql, [d.regionCode])).rejects.toThrow(/审计记录只能追加,不能修改或删除/);
    }
    await expect(ctx.pool.query(`TRUNCATE audit_events`)).rejects.toThrow(/只能追加/);
    await expect(ctx.pool.query(`TRUNCATE audit_heads`)).rejects.toThrow(/只能追加/);
    expect(await verifyAudit(d)).toMatchObject({ ok: true, checked: 3 });
  });

  it('Given the application role When it deletes, updates or writes the anchor directly Then the database refuses; appending works', async () => {
    // Given
    const d = await chainOf('990003', 2);

    // When / Then: no right to rewrite either table, nor to write the anchor itself
    for (const sql of [
      `DELETE FROM audit_events WHERE region_code = $1 AND seq > 1`,
      `UPDATE audit_events SET actor = 'mallory' WHERE region_code = $1`,
      `INSERT INTO audit_heads (region_code, seq, hash) VALUES ($1, 99, 'forged')`,
      `DELETE FROM audit_heads WHERE region_code = $1`,
    ]) {
      await expect(asAppRole(ctx.pool, sql, [d.regionCode])).rejects.toThrow(/permission denied/);
    }
    await expect(asAppRole(ctx.pool, `TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
    // appending as the application role still anchors the event (through the SECURITY DEFINER trigger function)
    const prev = (
      await ctx.pool.query(`SELECT hash FROM audit_events WHERE region_code = $1 AND seq = 2`, [d.regionCode])
    ).rows[0].hash as string;
    const at = new Date().toISOString();
    const row = {
      regionCode: d.regionCode,
      seq: 3,
      actor: 'app',
      action: 'test.event',
      entity: 'test',
      entityId: null,
      before: null,
      after: null,
      at,
    };
    await asAppRole(
      ctx.pool,
      `INSERT INTO audit_events (region_code, seq, actor, action, entity, at, prev_hash, hash) VALUES ($1, 3, 'app', 'test.event', 'test', $2, $3, $4)`,
      [d.regionCode, at, prev, auditHash(prev, row)],
    );
    expect(await verifyAudit(d)).toMatchObject({ ok: true, checked: 3, anchoredHead: { seq: 3 } });
  });

  it('Given a login of the application role When it opens the migrated database Then it works but cannot delete audit rows', async () => {
    // Given: a pool whose every connection acts as bianzhi_app (what a deployment's login user would be)
    const url = new URL(
      withDatabaseName(inject('adminUrl'), (await ctx.pool.query('SELECT current_database() AS d')).rows[0].d),
    );
    url.searchParams.set('options', '-c role=bianzhi_app');
    const app = connect(url.toString(), 1);
    try {
      // When: opened as bianzhi opens a database (migrations are already applied: nothing to create)
      await migrateDatabase(app);
      expect((await app.pool.query('SELECT current_user AS u')).rows[0].u).toBe('bianzhi_app');
      const d = await chainOf('990007', 1);
      await inTransaction(app.pool, async (tx) => {
        await lockRegion(tx, d.regionCode);
        await appendAudit(tx, d.regionCode, { actor: 'app', action: 'test.event', entity: 'test' });
      });

      // Then
      await expect(app.pool.query(`DELETE FROM audit_events WHERE region_code = $1`, [d.regionCode])).rejects.toThrow(
        /permission denied/,
      );
      expect(await verifyAudit(d)).toMatchObject({ ok: true, checked: 2, anchoredHead: { seq: 2 } });
    } finally {
      await app.close();
    }
  });

  it('Given a chain When a row is edited past the triggers Then verify fails at that row', async () => {
    const d = await chainOf('990004', 4);
    await bypassingTriggers(ctx.pool, `UPDATE audit_events SET actor = 'mallory' WHERE region_code = $1 AND seq = 2`, [
      d.regionCode,
    ]);
    expect((await verifyAudit(d)).brokenAt).toEqual({ seq: 2, reason: expect.stringMatching(/内容被篡改/) });
  });

  it('Given a chain When a row is rewritten and every hash after it recomputed Then the anchor disagrees', async () => {
    // Given
    const d = await chainOf('990005', 4);

    // When: a consistent forged chain from seq 3 on
    const rows = (
      await ctx.pool.query(
        `SELECT seq::int AS seq, actor, action, entity, entity_id AS "entityId", before, after,
                to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, hash
           FROM audit_events WHERE region_code = $1 ORDER BY seq`,
        [d.regionCode],
      )
    ).rows;
    let prev = rows[1].hash as string;
    for (const r of rows.slice(2)) {
      const forged = { ...r, regionCode: d.regionCode, actor: 'mallory' };
      const hash = auditHash(prev, forged);
      await bypassingTriggers(
        ctx.pool,
        `UPDATE audit_events SET actor = 'mallory', prev_hash = $3, hash = $4 WHERE region_code = $1 AND seq = $2`,
        [d.regionCode, r.seq, prev, hash],
      );
      prev = hash;
    }

    // Then
    expect((await verifyAudit(d)).brokenAt).toEqual({ seq: 3, reason: expect.stringMatching(/与锚点记录的哈希不符/) });
  });

  it('Given a daily checkpoint When the newest rows and their anchors are both deleted Then the checkpoint finds it', async () => {
    // Given
    const d = await chainOf('990006', 5);
    const file = auditCheckpointFile(mkdtempSync(join(tmpdir(), 'bianzhi-audit-')));
    const added = await recordAuditCheckpoint(ctx, file, new Date('2026-11-27T08:00:00Z'));
    expect(added).toContainEqual(expect.objectContaining({ regionCode: d.regionCode, seq: 5 }));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await recordAuditCheckpoint(ctx, file, new Date('2026-11-27T09:00:00Z'))).toEqual([]); // once a day
    expect((await readAuditCheckpoints(file)).filter((c) => c.regionCode === d.regionCode)).toHaveLength(1);
    // another database's checkpoints in the same file are not this one's
    appendFileSync(
      file,
      `${JSON.stringify({ ...added[0], regionCode: d.regionCode, seq: 99, database: 'elsewhere' })}\n`,
    );
    expect((await verifyAudit(d, file)).ok).toBe(true);

    // When
    await bypassingTriggers(ctx.pool, `DELETE FROM audit_events WHERE region_code = $1 AND seq > 3`, [d.regionCode]);
    await bypassingTriggers(ctx.pool, `DELETE FROM audit_heads WHERE region_code = $1 AND seq > 3`, [d.regionCode]);

    // Then
    expect((await verifyAudit(d)).ok).toBe(true); // the database alone no longer knows
    expect((await verifyAudit(d, file)).brokenAt).toEqual({
      seq: 4,
      reason: expect.stringMatching(/第4至5条审计记录缺失.*检查点记录链头为第5条,现存链只到第3条/),
    });
  });
});
