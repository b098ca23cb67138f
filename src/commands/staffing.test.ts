import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, databaseFingerprint } from '../../test/context.js';
import { seedStaffingDistrict } from '../../test/staffing.js';
import { verifyAuditChain } from '../store/audit.repository.js';
import { connect, type Database } from '../store/database.js';
import type { CommandContext } from './context.js';
import {
  approveStaffingRequest,
  draftStaffingRequest,
  listStaffingRequests,
  staffingOverview,
  submitStaffingRequest,
  withdrawStaffingRequest,
} from './staffing.js';

const { ctx, database } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
});

const as = (actor: string, role: 'operator' | 'approver' | 'reporter', scope?: string[]): CommandContext => ({
  ...ctx,
  actor,
  access: { role, scope: async () => (scope ? new Set(scope) : undefined) },
});
const operator = () => as('op', 'operator');
const approver = () => as('boss', 'approver');

const request = (institution: string, count: number, c = operator()) =>
  draftStaffingRequest(c, {
    institutionId: ids.institutions[institution]!,
    category: 'admin',
    count,
    channel: 'exam',
    reason: '补充业务骨干',
  });
const figuresOf = async (institution: string) =>
  (await staffingOverview(ctx)).find((r) => r.institutionName === institution && r.category === 'admin')!;

describe('用编申请 → 核准', () => {
  it('Given 区财政局 with one vacant place When two are asked Then the submit is refused in Chinese with the figures and nothing is written', async () => {
    const draft = await request('区财政局', 2);
    const before = await databaseFingerprint(ctx.pool);
    await expect(submitStaffingRequest(operator(), draft.id)).rejects.toThrow(
      '"区财政局"行政编制不能核准2名:可用空编只有1名(核定3名,实有2名,已核准待入编0名),不足申请的2名',
    );
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
    await withdrawStaffingRequest(operator(), draft.id, '申请数有误');
  });

  it('Given a submitted request When its drafter or a reporter approves Then it is refused; another approver approves with a number, an expiry and a reservation', async () => {
    const draft = await request('区财政局', 1);
    await submitStaffingRequest(operator(), draft.id);
    await expect(approveStaffingRequest(as('op', 'approver'), draft.id)).rejects.toThrow(/须由起草人以外的审批人核准/);
    await expect(approveStaffingRequest(as('unit', 'reporter'), draft.id)).rejects.toThrow(
      '只有审批人可以核准用编申请',
    );
    const approved = await approveStaffingRequest(approver(), draft.id);
    expect(approved).toMatchObject({
      state: 'approved',
      stateLabel: '已核准',
      docNumber: '示编用〔2026〕1号',
      approvedOn: '2026-11-27',
      expiresOn: '2027-05-27',
      holds: 1,
    });
    expect(await figuresOf('区财政局')).toMatchObject({ approved: 3, actual: 2, reserved: 1, available: 0 });
    // a further request finds no vacancy: the approval holds the last place
    const next = await request('区财政局', 1);
    await expect(submitStaffingRequest(operator(), next.id)).rejects.toThrow(/已满编/);
    // withdrawn, the approval frees its place
    await withdrawStaffingRequest(operator(), draft.id, '单位取消招录计划');
    expect(await figuresOf('区财政局')).toMatchObject({ reserved: 0, available: 1 });
    expect(await figuresOf('区财政局')).toMatchObject({ reserved: 0 });
  });

  it('Given a reporter of 区审计局 When it drafts for its own unit, or for another Then only its own is allowed and it lists only its own', async () => {
    const reporter = as('audit-reporter', 'reporter', [ids.institutions['区审计局']!]);
    await expect(request('区财政局', 1, reporter)).rejects.toThrow('无权查看或办理其他单位的信息');
    const own = await request('区审计局', 1, reporter);
    expect(own.draftedBy).toBe('audit-reporter');
    const listed = await listStaffingRequests(reporter);
    expect(new Set(listed.map((r) => r.institutionName))).toEqual(new Set(['区审计局']));
    await withdrawStaffingRequest(reporter, own.id, '重复申请');
  });

  it('Given a request with bad input When drafted Then a Chinese validation error and nothing written', async () => {
    const before = await databaseFingerprint(ctx.pool);
    await expect(
      draftStaffingRequest(operator(), {
        institutionId: ids.institutions['区会计服务中心']!,
        category: 'admin',
        count: 1,
        channel: 'exam',
        reason: '补充',
      }),
    ).rejects.toThrow('"区会计服务中心"不能使用行政编制(编制不得混用)');
    await expect(
      draftStaffingRequest(operator(), {
        institutionId: ids.institutions['区审计局']!,
        category: 'admin',
        count: 0,
        channel: 'exam',
        reason: ' ',
      }),
    ).rejects.toThrow(/申请数至少为1/);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given two submitted requests for the last vacant place When two connections approve them at once Then exactly one wins', async () => {
    const a = await request('区审计局', 1);
    const b = await request('区审计局', 1);
    await submitStaffingRequest(operator(), a.id);
    await submitStaffingRequest(operator(), b.id);
    // a second pool stands for a second server process on the same PostgreSQL
    const other: Database = connect(database.url, 2);
    try {
      const results = await Promise.allSettled([
        approveStaffingRequest(approver(), a.id),
        approveStaffingRequest({ ...approver(), pool: other.pool }, b.id),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(String(lost[0]!.reason)).toMatch(/"区审计局"行政编制不能核准1名:已满编/);
      expect(await figuresOf('区审计局')).toMatchObject({ approved: 2, actual: 1, reserved: 1, available: 0 });
    } finally {
      await other.close();
    }
  });

  it('Given two requests for the last vacant place of 区财政局 When approved at once in one process, with a repeated click and a request its drafter approves Then exactly one place is given, each other call is refused on its own and the audit chain holds', async () => {
    const a = await request('区财政局', 1);
    const b = await request('区财政局', 1);
    const c = await draftStaffingRequest(operator(), {
      institutionId: ids.institutions['区会计服务中心']!,
      category: 'public_service',
      count: 1,
      channel: 'exam',
      reason: '补充会计',
    });
    for (const r of [a, b, c]) await submitStaffingRequest(operator(), r.id);
    // the first call is decided alone, the three after it wait and share the next transaction
    const [own, first, second, again] = await Promise.allSettled([
      approveStaffingRequest(as('op', 'approver'), c.id),
      approveStaffingRequest(approver(), a.id),
      approveStaffingRequest(approver(), b.id),
      approveStaffingRequest(approver(), a.id),
    ]);
    const reason = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? String(r.reason) : 'approved');
    expect([first, second].filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect([reason(first), reason(second)].filter((m) => /"区财政局"行政编制不能核准1名:已满编/.test(m))).toHaveLength(
      1,
    );
    expect(reason(again)).toMatch(/只有已提交的申请可以核准|已满编/);
    expect(reason(own)).toMatch(/须由起草人以外的审批人核准/);
    expect(await figuresOf('区财政局')).toMatchObject({ approved: 3, actual: 2, reserved: 1, available: 0 });
    // the refused one was not undone by the others: another approver approves it with the next number
    const later = await approveStaffingRequest(approver(), c.id);
    const numbers = (await listStaffingRequests(ctx)).flatMap((r) => (r.docNumber ? [r.docNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(later.docNumber).toMatch(/^示编用〔2026〕\d+号$/);
    expect(await verifyAuditChain(ctx.pool, ctx.regionCode)).toMatchObject({ ok: true });
  });
});
