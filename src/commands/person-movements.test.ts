import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, databaseFingerprint } from '../../test/context.js';
import { idNo, seedStaffingDistrict } from '../../test/staffing.js';
import { connect } from '../store/database.js';
import { rebuildRegistry } from './adjustments.js';
import type { CommandContext } from './context.js';
import { recordPersonMovement, registerPerson, type PersonMovementInput } from './person-movements.js';
import { loadExceptionEntries } from '../store/snapshot.repository.js';
import {
  approveStaffingRequest,
  draftStaffingRequest,
  staffingOverview,
  submitStaffingRequest,
  withdrawStaffingRequest,
} from './staffing.js';

const { ctx, database } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
let 赵六: string;
let 钱七: string;
beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
  const r = await ctx.pool.query<{ id: string; name: string }>(
    `INSERT INTO persons (region_code, id, id_number, name, birth_date) VALUES
       ($1, gen_random_uuid(), $2, '赵六', '1995-03-04'), ($1, gen_random_uuid(), $3, '钱七', '1996-05-06') RETURNING id, name`,
    [ctx.regionCode, idNo('19950304', '011'), idNo('19960506', '012')],
  );
  赵六 = r.rows.find((x) => x.name === '赵六')!.id;
  钱七 = r.rows.find((x) => x.name === '钱七')!.id;
});

const approver: () => CommandContext = () => ({ ...ctx, actor: 'boss' });
async function approval(institution: string, category: 'admin' | 'public_service', c = ctx) {
  const d = await draftStaffingRequest(c, {
    institutionId: ids.institutions[institution]!,
    category,
    count: 1,
    channel: 'open_recruitment',
    reason: '补充',
  });
  await submitStaffingRequest(c, d.id);
  return approveStaffingRequest({ ...approver(), today: c.today }, d.id);
}
const record = (input: PersonMovementInput, c = ctx) => recordPersonMovement(c, input);
/** A refusal: the Chinese message, and not one row written. */
async function refused(p: () => Promise<unknown>, message: string | RegExp) {
  const before = await databaseFingerprint(ctx.pool);
  await expect(p()).rejects.toThrow(message);
  expect(await databaseFingerprint(ctx.pool)).toBe(before);
}
const enter = (personId: string, institution: string, extra: Partial<PersonMovementInput> = {}) =>
  ({
    type: 'enter',
    personId,
    on: '2026-11-27',
    institutionId: ids.institutions[institution]!,
    category: 'admin',
    ...extra,
  }) as PersonMovementInput;

describe('入编 / 调动 / 任免 / 出编', () => {
  it('Given no approval When 赵六 enters Then refused; quoting an open approval Then he enters and the approval is used', async () => {
    await refused(() => record(enter(赵六, '区财政局')), /入编须依据"区财政局"行政编制的有效用编核准/);
    const a = await approval('区财政局', 'admin');
    const m = await record(enter(赵六, '区财政局', { approvalId: a.id, docNumber: '示人社〔2026〕8号' }));
    expect(m.place).toMatchObject({ institutionId: ids.institutions['区财政局'], category: 'admin' });
    const row = (await staffingOverview(ctx)).find((r) => r.institutionName === '区财政局')!;
    expect(row).toMatchObject({ approved: 3, actual: 3, reserved: 0, available: 0 });
    await refused(() => record(enter(钱七, '区财政局', { approvalId: a.id })), /核准的1名已全部使用/);
  });

  it('Given withdrawn, expired or mismatched approvals When quoted Then each is refused', async () => {
    const withdrawn = await approval('区会计服务中心', 'public_service');
    await withdrawStaffingRequest(ctx, withdrawn.id, '计划取消');
    await refused(
      () => record(enter(钱七, '区会计服务中心', { category: 'public_service', approvalId: withdrawn.id })),
      /已撤回/,
    );
    const old = await approval('区会计服务中心', 'public_service', { ...ctx, today: '2025-01-10' });
    await refused(
      () => record(enter(钱七, '区会计服务中心', { category: 'public_service', approvalId: old.id })),
      /已于 2025-07-10 过期/,
    );
    const open = await approval('区会计服务中心', 'public_service');
    await refused(() => record(enter(钱七, '区审计局', { approvalId: open.id })), /与入编的"区审计局"行政编制不符/);
  });

  it('Given an entry without approval as an exception When its reason is written Then it is recorded, noted and audited', async () => {
    const m = await record(enter(钱七, '区审计局', { exceptionReason: '军转干部安置,待补办核准' }));
    expect(m.note).toBe('例外入编(无用编核准):军转干部安置,待补办核准');
    const audit = await ctx.pool.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [钱七]);
    expect(audit.rows.map((r) => r.action)).toEqual(['person.enter']);
    // the snapshot carries it for EXCEPTION_ENTRY: the reason, who recorded it and when
    const [fact] = await loadExceptionEntries(ctx.pool, ctx.regionCode);
    expect(fact).toMatchObject({
      movementId: m.id,
      personName: '钱七',
      institutionId: ids.institutions['区审计局'],
      category: 'admin',
      on: '2026-11-27',
      reason: '军转干部安置,待补办核准',
      recordedBy: ctx.actor,
    });
    expect(fact!.recordedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('Given a recruit not yet in the roster When registered Then the person exists without a place, audited; the same ID number again is refused', async () => {
    const idNumber = idNo('19980708', '021');
    const { id } = await registerPerson(ctx, { idNumber, name: '孙八', education: '研究生' });
    const row = await ctx.pool.query(
      `SELECT name, gender, birth_date::text AS birth, education FROM persons WHERE region_code = $1 AND id = $2`,
      [ctx.regionCode, id],
    );
    expect(row.rows[0]).toEqual({ name: '孙八', gender: '男', birth: '1998-07-08', education: '研究生' });
    expect(await ctx.pool.query(`SELECT 1 FROM assignments WHERE person_id = $1`, [id])).toMatchObject({ rowCount: 0 });
    const audit = await ctx.pool.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['person.register']);
    await refused(() => registerPerson(ctx, { idNumber, name: '孙八' }), '该身份证号码已在实名库中');
    await refused(
      () => registerPerson(ctx, { idNumber: `${idNumber.slice(0, 17)}0`, name: '孙八' }),
      /身份证号码校验不通过/,
    );
  });

  it('Given 区财政局 at full quota When 王五 is transferred there Then refused; to 区审计局 itself it is a change within the unit', async () => {
    await refused(
      () =>
        record({
          type: 'transfer',
          personId: ids.persons['王五']!,
          on: '2026-11-27',
          institutionId: ids.institutions['区财政局']!,
          category: 'admin',
        }),
      /调入"区财政局"行政编制没有可用空编/,
    );
  });

  it('Given leadership posts When appointments exceed them or the 规格 Then refused; a vacant 副科 is filled and 免职 frees it', async () => {
    const 李四 = ids.persons['李四']!;
    const appoint = (level: '正处' | '正科' | '副科') =>
      record({ type: 'appoint', personId: 李四, on: '2026-11-27', post: '副局长', level, postClass: 'admin' });
    await refused(() => appoint('正科'), /正科领导职数核定1名,已配1名,没有空缺职数/);
    await refused(() => appoint('正处'), '规格为正科,不能任命正处职务(超规格)');
    await appoint('副科');
    // the one 副科 post is held now: nobody else may take it
    await refused(
      () =>
        record({
          type: 'appoint',
          personId: 赵六,
          on: '2026-11-27',
          post: '副局长',
          level: '副科',
          postClass: 'admin',
        }),
      /副科领导职数核定1名,已配1名/,
    );
    await refused(
      () => record({ type: 'dismiss', personId: ids.persons['王五']!, on: '2026-11-27' }),
      /当前未担任领导职务/,
    );
    await record({ type: 'dismiss', personId: 李四, on: '2026-11-27' });
    await appoint('副科');
  });

  it('Given bad dates When recorded Then an exit before the entry, a date before birth and one far in the future are refused', async () => {
    await refused(
      () => record({ type: 'exit', personId: 赵六, on: '2020-01-01', exitType: 'resign' }),
      /早于该人员最近一次变动/,
    );
    await refused(
      () => record(enter(钱七, '区审计局', { on: '1990-01-01', exceptionReason: 'x' })),
      /不晚于其出生日期/,
    );
    await refused(
      () => record({ type: 'exit', personId: 赵六, on: '2027-06-01', exitType: 'retire' }),
      /晚于今天 31 天以上/,
    );
  });

  it('Given two exits of one person racing from two connections Then exactly one is recorded', async () => {
    const other = connect(database.url, 2);
    try {
      const results = await Promise.allSettled([
        record({ type: 'exit', personId: 赵六, on: '2026-11-27', exitType: 'resign' }),
        record({ type: 'exit', personId: 赵六, on: '2026-11-27', exitType: 'death' }, { ...ctx, pool: other.pool }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
      expect(String(lost.reason)).toMatch(/当前不在编,不能出编/);
    } finally {
      await other.close();
    }
  });

  it('Given all these movements When rebuilt Then the roster is exactly the fold of the movements', async () => {
    expect((await rebuildRegistry(ctx)).roster).toMatchObject({ identical: true, changes: 0 });
  });
});
