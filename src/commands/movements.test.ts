import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { seedStaffingDistrict } from '../../test/staffing.js';
import { applyMovement, foldMovements, rosterFingerprint, rosterRows, type MovementType } from '../domain/movements.js';
import { migrationsFolder } from '../store/database.js';
import { appendMovement, loadMovements, readAssignments } from '../store/movements.repository.js';
import { inTransaction, type Tx } from '../store/transaction.js';
import { rebuildRegistry } from './adjustments.js';
import type { CommandContext } from './context.js';
import { rebuildRosterIn, rosterHeldOn } from './movements.js';

const { ctx } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
});

/** Runs `fn` in a transaction that is always rolled back: each property run starts from the seeded district. */
async function rolledBack(fn: (tx: Tx) => Promise<void>) {
  const rollback = new Error('rollback');
  await inTransaction(ctx.pool, async (tx) => {
    await fn(tx);
    throw rollback;
  }).catch((e) => {
    if (e !== rollback) throw e;
  });
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the roster as the fold of its movements', () => {
  it('Given an imported roster When rebuilt Then every imported assignment has its 入编 and nothing changes', async () => {
    const movements = await loadMovements(ctx.pool, ctx.regionCode);
    expect(movements.map((m) => m.type)).toEqual(['enter', 'enter', 'enter']);
    const r = await rebuildRegistry(ctx);
    expect(r.roster).toEqual({ movements: 3, identical: true, changes: 0 });
  });

  it('Given random movement sequences recorded one by one When the roster is rebuilt Then the fold equals the materialized roster, and a damaged roster is repaired to it', async () => {
    const people = Object.values(ids.persons);
    const places = [ids.institutions['区财政局']!, ids.institutions['区审计局']!];
    const step = fc.record({
      person: fc.integer({ min: 0, max: people.length - 1 }),
      kind: fc.integer({ min: 0, max: 3 }),
      gap: fc.integer({ min: 0, max: 200 }),
      place: fc.integer({ min: 0, max: places.length - 1 }),
      damage: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        await rolledBack(async (tx) => {
          let on = '2016-01-01';
          for (const s of steps) {
            on = addDays(on, s.gap);
            const personId = people[s.person]!;
            // the person's own history decides what may happen next, as the commands will check it
            const state = foldMovements(await loadMovements(tx, ctx.regionCode, personId));
            const inPost = state.open.has(personId);
            const type: MovementType = !inPost
              ? 'enter'
              : (['transfer', 'appoint', 'dismiss', 'exit'] as const)[s.kind]!;
            const current = inPost ? state.assignments.get(state.open.get(personId)!)! : undefined;
            const institutionId = type === 'enter' || type === 'transfer' ? places[s.place]! : current!.institutionId;
            const leader = type === 'appoint';
            const movement = {
              personId,
              type,
              on,
              assignmentId: type === 'exit' ? null : randomUUID(),
              place:
                type === 'exit'
                  ? null
                  : {
                      institutionId,
                      unitId: null,
                      category: 'admin',
                      post: leader ? '副局长' : null,
                      leadershipLevel: leader ? '副科' : null,
                      postClass: leader ? 'admin' : null,
                    },
              exitType: type === 'exit' ? ('retire' as const) : null,
              importId: null,
            };
            applyMovement(state, { ...movement, id: Number.MAX_SAFE_INTEGER });
            await appendMovement(tx, ctx.regionCode, {
              movement,
              fromInstitutionId: current?.institutionId ?? null,
              docNumber: null,
              reason: null,
              recordedBy: 'test',
            });
          }
          const folded = rosterRows(foldMovements(await loadMovements(tx, ctx.regionCode)));
          expect(rosterFingerprint(await readAssignments(tx, ctx.regionCode))).toBe(rosterFingerprint(folded));
          expect(await rebuildRosterIn(tx, ctx)).toMatchObject({ identical: true, changes: 0 });

          // damage the materialized roster: an end date lost, a row deleted, a row invented
          const damage = steps[0]!.damage;
          if (damage === 0)
            await tx.query(`UPDATE assignments SET end_on = NULL WHERE region_code = $1`, [ctx.regionCode]);
          if (damage === 1) await tx.query(`DELETE FROM assignments WHERE region_code = $1`, [ctx.regionCode]);
          if (damage === 2) {
            await tx.query(
              `INSERT INTO assignments (region_code, person_id, institution_id, category, start_on)
               VALUES ($1, $2, $3, 'admin', '2019-01-01')`,
              [ctx.regionCode, people[0], places[0]],
            );
          }
          const repaired = await rebuildRosterIn(tx, ctx);
          expect(repaired.changes).toBeGreaterThan(0);
          expect(rosterFingerprint(await readAssignments(tx, ctx.regionCode))).toBe(rosterFingerprint(folded));
        });
      }),
      { numRuns: 12 },
    );
  });

  it('Given a roster written before movements existed When the migration’s baseline runs Then every assignment is opened by a movement, ended ones closed, and the fold reproduces it exactly', async () => {
    const statements = readFileSync(join(migrationsFolder, '0004_staffing_movements.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => /^(-- .*\n)*(UPDATE|INSERT)/.test(s));
    expect(statements).toHaveLength(3);
    await rolledBack(async (tx) => {
      const 李四 = ids.persons['李四']!;
      // the state of an old database: 李四 moved to 区审计局 by an adjustment (a bare 调动), 王五 left, no 入编 recorded
      await tx.query(`UPDATE assignments SET end_on = '2020-06-01' WHERE region_code = $1 AND person_id IN ($2, $3)`, [
        ctx.regionCode,
        李四,
        ids.persons['王五'],
      ]);
      await tx.query(
        `INSERT INTO assignments (region_code, person_id, institution_id, category, start_on) VALUES ($1, $2, $3, 'admin', '2020-06-01')`,
        [ctx.regionCode, 李四, ids.institutions['区审计局']],
      );
      await tx.query(`DELETE FROM movements WHERE region_code = $1`, [ctx.regionCode]);
      // constraints the migration adds after the baseline: off for the old rows and while it runs
      await tx.query(`ALTER TABLE movements DROP CONSTRAINT movements_opens_check`);
      await tx.query(
        `INSERT INTO movements (region_code, person_id, type, "on", from_institution_id, to_institution_id, category)
         VALUES ($1, $2, 'transfer', '2020-06-01', $3, $4, 'admin')`,
        [ctx.regionCode, 李四, ids.institutions['区财政局'], ids.institutions['区审计局']],
      );
      const before = await readAssignments(tx, ctx.regionCode);
      for (const sql of statements) await tx.query(sql);
      const movements = await loadMovements(tx, ctx.regionCode);
      expect(movements.map((m) => `${m.on} ${m.type}${m.exitType ? `:${m.exitType}` : ''}`)).toEqual([
        '2015-01-01 enter',
        '2015-01-01 enter',
        '2015-01-01 enter',
        '2020-06-01 transfer',
        '2020-06-01 exit:unrecorded',
      ]);
      expect(rosterFingerprint(rosterRows(foldMovements(movements)))).toBe(rosterFingerprint(before));
    });
  });

  it('Given a history When read as of past dates Then each date shows who held which quota and post then', async () => {
    await rolledBack(async (tx) => {
      const 张三 = ids.persons['张三']!;
      const state = foldMovements(await loadMovements(tx, ctx.regionCode, 张三));
      const open = state.assignments.get(state.open.get(张三)!)!;
      await appendMovement(tx, ctx.regionCode, {
        movement: {
          personId: 张三,
          type: 'dismiss',
          on: '2022-03-01',
          assignmentId: randomUUID(),
          place: { ...open, post: null, leadershipLevel: null, postClass: null },
          exitType: null,
          importId: null,
        },
        fromInstitutionId: open.institutionId,
        docNumber: '示组干〔2022〕3号',
        reason: '到龄免职',
        recordedBy: 'test',
      });
      const txCtx = { ...ctx, pool: tx as unknown as CommandContext['pool'] };
      const then = await rosterHeldOn(txCtx, '2022-02-28');
      const now = await rosterHeldOn(txCtx, '2022-03-01');
      const leaderOf = (rows: typeof then) => rows.find((a) => a.personId === 张三)?.leadershipLevel;
      expect(leaderOf(then)).toBe('正科');
      expect(leaderOf(now)).toBeNull();
      expect(then).toHaveLength(3);
      expect(await rosterHeldOn(txCtx, '2014-12-31')).toHaveLength(0);
    });
  });
});
