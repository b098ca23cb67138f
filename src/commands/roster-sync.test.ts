import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { databaseFingerprint, useTestContext } from '../../test/context.js';
import { idNo, rosterRow as row, seedStaffingDistrict } from '../../test/staffing.js';
import { maskIdNumber } from '../domain/codes.js';
import { foldMovements, rosterFingerprint, rosterRows } from '../domain/movements.js';
import { recordColumns, type RosterRecord } from '../domain/records.js';
import { loadMovements, readAssignments } from '../store/movements.repository.js';
import { rosterHeldOn } from './movements.js';
import { syncRoster, syncRosterFile, type RosterSyncOptions } from './roster-sync.js';

const { ctx } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
});

const 张三 = idNo('19800101', '001');
const 李四 = idNo('19900215', '002');
const 王五 = idNo('19750710', '003');
const 赵六 = idNo('19950304', '011');

const located = (rows: RosterRecord[]) =>
  rows.map((record, i) => ({ record, file: '名册.xlsx', sheet: '人员', row: i + 2 }));
const sync = (rows: RosterRecord[], opts: Partial<RosterSyncOptions> = {}) =>
  syncRoster(ctx, located(rows), { fileName: '名册.xlsx', fileSha256: 'x', ...opts });

/** The district's file after a half year: 张三 renamed, 李四 moved to 审计, 王五 gone, 赵六 new. */
const halfYear = () => [
  row('张叁', 张三, '区财政局', { leadershipLevel: '正科', post: '局长', education: '研究生' }),
  row('李四', 李四, '区审计局'),
  row('赵六', 赵六, '区财政局', { startOn: '2026-03-01' }),
];

const openPlace = async (idNumber: string) =>
  (
    await ctx.pool.query(
      `SELECT p.name, p.education, i.name AS institution, a.category, a.post, a.leadership_level, a.start_on::text
         FROM persons p JOIN assignments a ON a.person_id = p.id AND a.end_on IS NULL
         JOIN institutions i ON i.id = a.institution_id WHERE p.id_number = $1`,
      [idNumber],
    )
  ).rows[0];

describe('roster sync (实名制同步/对账)', () => {
  it('Given the roster When a dry run reconciles a file Then it lists new, left, transferred and changed people and writes nothing', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const r = await sync(halfYear(), { dryRun: true, asOf: '2026-06-30' });
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ added: 1, left: 1, transferred: 1, fieldsChanged: 1, unchanged: 0 });
    const byName = Object.fromEntries(r.changes.map((c) => [c.name, c]));
    expect(byName['赵六']).toMatchObject({ kinds: ['added'], movement: '入编', after: { institution: '区财政局' } });
    expect(byName['王五']).toMatchObject({ kinds: ['left'], movement: '出编', before: { institution: '区审计局' } });
    expect(byName['李四']).toMatchObject({
      kinds: ['transferred'],
      movement: '调动',
      before: { institution: '区财政局' },
      after: { institution: '区审计局' },
    });
    expect(byName['张叁']!.movement).toBeNull();
    expect(byName['张叁']!.fields).toEqual([
      { field: '姓名', before: '张三', after: '张叁' },
      { field: '学历', before: null, after: '研究生' },
    ]);
    expect(byName['张叁']!.idNumber).toBe(maskIdNumber(张三));
    expect(JSON.stringify(r.changes)).not.toContain(张三);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given a file with a duplicate ID number and an unknown institution When synced Then each problem is located and nothing is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bianzhi-sync-'));
    const file = join(dir, '名册.csv');
    const headers = recordColumns.roster.map((c) => c.header);
    const line = (r: Record<string, string>) => recordColumns.roster.map((c) => r[c.key] ?? '').join(',');
    await writeFile(
      file,
      [
        headers.join(','),
        line({ name: '张三', idNumber: 张三, institution: '区财政局', category: '行政编制', startOn: '2015-01-01' }),
        line({ name: '李四', idNumber: 李四, institution: '区统计局', category: '行政编制', startOn: '2015-01-01' }),
        line({ name: '张三', idNumber: 张三, institution: '区财政局', category: '行政编制', startOn: '2015-01-01' }),
      ].join('\n'),
    );
    const before = await databaseFingerprint(ctx.pool);
    const r = await syncRosterFile(ctx, file, { asOf: '2026-06-30' });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: '名册.csv',
          row: 3,
          column: '所在机构',
          reason: '机构"区统计局"不存在或已撤销',
        }),
        expect.objectContaining({ file: '名册.csv', row: 4, column: '公民身份号码', reason: '身份证号码与第2行重复' }),
      ]),
    );
    expect(r.changes).toEqual([]);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given the dry run When applied with --as-of Then the movements are dated by it, the fold equals the roster, and the sync is audited', async () => {
    const r = await sync(halfYear(), { asOf: '2026-06-30', docNumber: '省实名制2026-06' });
    expect(r.ok).toBe(true);
    expect(r.summary).toMatchObject({ movements: 3, personsAdded: 1, personsUpdated: 1 });
    const m = await ctx.pool.query(
      `SELECT p.name, m.type, m."on"::text AS on, m.exit_type, m.doc_number, m.import_id::int AS import_id
         FROM movements m JOIN persons p ON p.id = m.person_id WHERE m.import_id = $1 ORDER BY p.name`,
      [r.importId],
    );
    expect(m.rows).toEqual([
      {
        name: '李四',
        type: 'transfer',
        on: '2026-06-30',
        exit_type: null,
        doc_number: '省实名制2026-06',
        import_id: r.importId,
      },
      {
        name: '王五',
        type: 'exit',
        on: '2026-06-30',
        exit_type: 'unlisted',
        doc_number: '省实名制2026-06',
        import_id: r.importId,
      },
      {
        name: '赵六',
        type: 'enter',
        on: '2026-06-30',
        exit_type: null,
        doc_number: '省实名制2026-06',
        import_id: r.importId,
      },
    ]);
    expect(await openPlace(张三)).toMatchObject({ name: '张叁', education: '研究生', institution: '区财政局' });
    expect(await openPlace(李四)).toMatchObject({ institution: '区审计局', start_on: '2026-06-30' });
    expect(await openPlace(王五)).toBeUndefined();
    // as-of reads: the day before the cut-off the old roster, on it the new one
    const held = async (on: string) =>
      Object.fromEntries((await rosterHeldOn(ctx, on)).map((a) => [a.personId, a.institutionId]));
    const on29 = await held('2026-06-29');
    const on30 = await held('2026-06-30');
    expect(on29[ids.persons['李四']!]).toBe(ids.institutions['区财政局']);
    expect(on30[ids.persons['李四']!]).toBe(ids.institutions['区审计局']);
    expect(on29[ids.persons['王五']!]).toBe(ids.institutions['区审计局']);
    expect(on30[ids.persons['王五']!]).toBeUndefined();
    expect(Object.keys(on29)).toHaveLength(3);
    expect(Object.keys(on30)).toHaveLength(3);
    // the materialized roster is the fold of the ledger
    expect(rosterFingerprint(await readAssignments(ctx.pool, ctx.regionCode))).toBe(
      rosterFingerprint(rosterRows(foldMovements(await loadMovements(ctx.pool, ctx.regionCode)))),
    );
    const audit = await ctx.pool.query(
      `SELECT actor, entity, entity_id, after FROM audit_events WHERE action = 'roster.sync' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      actor: 'test',
      entity: 'import',
      entity_id: String(r.importId),
      after: {
        asOf: '2026-06-30',
        added: 1,
        left: 1,
        transferred: 1,
        fieldsChanged: 1,
        movements: 3,
        fieldChanges: [
          {
            personId: ids.persons['张三'],
            fields: [
              { field: 'name', before: '张三', after: '张叁' },
              { field: 'education', before: null, after: '研究生' },
            ],
          },
        ],
      },
    });
  });

  it('Given an applied sync When the same file is synced again Then nothing changes', async () => {
    const before = await ctx.pool.query(`SELECT count(*)::int AS n FROM movements`);
    const r = await sync(halfYear(), { asOf: '2026-06-30' });
    expect(r.ok).toBe(true);
    expect(r.changeCount).toBe(0);
    expect(r.counts).toMatchObject({ added: 0, left: 0, transferred: 0, fieldsChanged: 0, unchanged: 3 });
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM movements`)).rows[0].n).toBe(before.rows[0].n);
  });

  it('Given leadership, post and category changes When synced Then 免职, 任职 and 调动 record them', async () => {
    const r = await sync(
      [
        row('张叁', 张三, '区财政局', { post: '四级调研员' }), // leadership gone
        row('李四', 李四, '区审计局', { post: '副局长', leadershipLevel: '副科' }), // appointed
        row('赵六', 赵六, '区财政局', { category: 'worker' }), // another category
      ],
      { asOf: '2026-09-30' },
    );
    expect(r.ok).toBe(true);
    const byName = Object.fromEntries(r.changes.map((c) => [c.name, c]));
    expect(byName['张叁']).toMatchObject({ kinds: ['postChanged'], movement: '免职' });
    expect(byName['李四']).toMatchObject({ kinds: ['postChanged'], movement: '任职' });
    expect(byName['赵六']).toMatchObject({ kinds: ['categoryChanged'], movement: '调动' });
    expect(await openPlace(张三)).toMatchObject({ post: '四级调研员', leadership_level: null });
    expect(await openPlace(李四)).toMatchObject({ post: '副局长', leadership_level: '副科', start_on: '2026-09-30' });
    expect(await openPlace(赵六)).toMatchObject({ category: 'worker' });
  });

  it('Given a file of one unit When synced Then only that unit changes; people of other units are untouched', async () => {
    const before = await ctx.pool.query(
      `SELECT person_id, institution_id, start_on::text FROM assignments
        WHERE end_on IS NULL AND institution_id = $1 ORDER BY person_id`,
      [ids.institutions['区财政局']],
    );
    const r = await sync([row('孙八', idNo('19880808', '021'), '区审计局')], { asOf: '2026-10-31' });
    expect(r.ok).toBe(true);
    expect(r.scope).toEqual(['区审计局']);
    // 李四 (审计局) is not in the file: he left; 张叁 and 赵六 of 财政局 are outside the file's units
    expect(r.counts).toMatchObject({ added: 1, left: 1 });
    expect(r.changes.find((c) => c.kinds.includes('left'))!.name).toBe('李四');
    const after = await ctx.pool.query(
      `SELECT person_id, institution_id, start_on::text FROM assignments
        WHERE end_on IS NULL AND institution_id = $1 ORDER BY person_id`,
      [ids.institutions['区财政局']],
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('Given --institution When the file names another unit Then the row is refused; an empty unit scope lists everyone as left', async () => {
    const outside = await sync([row('孙八', idNo('19880808', '021'), '区财政局')], {
      asOf: '2026-10-31',
      institutions: ['区审计局'],
      dryRun: true,
    });
    expect(outside.ok).toBe(false);
    expect(outside.problems[0]).toMatchObject({ row: 2, column: '所在机构' });
    expect(outside.problems[0]!.reason).toMatch(/不在本次同步的机构范围内/);
    const unknown = await sync([row('孙八', idNo('19880808', '021'), '区审计局')], {
      institutions: ['区统计局'],
      dryRun: true,
    });
    expect(unknown.problems[0]!.reason).toBe('同步范围中的机构"区统计局"不存在或已撤销');
  });

  it('Given a cut-off date before a person’s latest movement When synced Then refused in Chinese and nothing written', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const r = await sync([row('孙八', idNo('19880808', '021'), '区审计局', { post: '科员' })], { asOf: '2026-07-31' });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.reason).toMatch(/同步截止日期 2026-07-31 早于该人员最近一次变动\(2026-10-31\)/);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
    await expect(sync([], { asOf: '2027-06-30' })).rejects.toThrow(/晚于今天 31 天以上/);
  });
});
