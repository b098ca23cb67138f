import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { idNo, seedStaffingDistrict } from '../../test/staffing.js';
import { maskIdNumber } from '../domain/codes.js';
import type { RosterRecord } from '../domain/records.js';
import { writeChangeRegister, writeRegisters, writeStaffingLedger } from './registers.js';
import { syncRoster } from './roster-sync.js';
import { approveStaffingRequest, draftStaffingRequest, submitStaffingRequest } from './staffing.js';

const { ctx } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
let docNumber: string;
let dir: string;
const 李四 = idNo('19900215', '002');
const 王五 = idNo('19750710', '003');
const 赵六 = idNo('19950304', '011');

beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
  // June 2026: 区审计局 gets one place approved; the roster sync of 30 June moves 李四 to 审计, 王五 leaves, 赵六 enters
  const june = { ...ctx, today: '2026-06-10' };
  const d = await draftStaffingRequest(june, {
    institutionId: ids.institutions['区审计局']!,
    category: 'admin',
    count: 1,
    channel: 'open_recruitment',
    reason: '补充审计力量',
  });
  await submitStaffingRequest(june, d.id);
  docNumber = (await approveStaffingRequest({ ...june, actor: 'boss' }, d.id)).docNumber!;
  const row = (name: string, idNumber: string, institution: string): RosterRecord => ({
    name,
    idNumber,
    institution,
    category: 'admin',
    startOn: '2015-01-01',
  });
  const rows = [
    row('张三', idNo('19800101', '001'), '区财政局'),
    row('李四', 李四, '区审计局'),
    row('赵六', 赵六, '区财政局'),
  ].map((record, i) => ({ record, file: 'f.xlsx', sheet: '人员', row: i + 2 }));
  rows[0]!.record = { ...rows[0]!.record, leadershipLevel: '正科', post: '局长' };
  const s = await syncRoster(ctx, rows, {
    fileName: 'f.xlsx',
    fileSha256: 'x',
    asOf: '2026-06-30',
    docNumber: '省实名制2026-06',
  });
  if (!s.ok) throw new Error(JSON.stringify(s.problems));
  dir = await mkdtemp(join(tmpdir(), 'bianzhi-registers-'));
});

/** A sheet read back: its title (row 1), header (row 2) and rows as arrays of text. */
async function sheet(path: string, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name)!;
  const rows: string[][] = [];
  ws.eachRow((r) =>
    rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return { title: rows[0]![0], header: rows[1]!, rows: rows.slice(2) };
}
const col = (s: Awaited<ReturnType<typeof sheet>>, header: string) => s.header.indexOf(header);

describe('registers (增减花名册, 编制使用台账)', () => {
  it('Given a month of movements When the CLI command writes the registers Then the 增减花名册 lists who came and went, with type, date and 文号', async () => {
    const r = await writeRegisters(ctx, dir, { month: '2026-06' });
    expect(r.files).toEqual(['增减花名册-2026-06.xlsx', '编制使用台账-2026-06.xlsx']);
    expect(r.changes).toEqual({ added: 2, removed: 2 });
    const added = await sheet(join(dir, '增减花名册-2026-06.xlsx'), '增加人员');
    expect(added.title).toContain('2026年6月人员增加花名册');
    expect(added.header).toEqual([
      '序号',
      '姓名',
      '性别',
      '身份证号',
      '单位',
      '内设机构',
      '编制类型',
      '职务',
      '变动类型',
      '变动日期',
      '文号',
      '备注',
    ]);
    const pick = (s: typeof added, ...headers: string[]) =>
      s.rows.map((row) => headers.map((h) => row[col(s, h)])).sort((a, b) => a.join().localeCompare(b.join()));
    expect(pick(added, '姓名', '身份证号', '单位', '编制类型', '变动类型', '变动日期', '文号')).toEqual(
      [
        ['李四', 李四, '区审计局', '行政编制', '调入', '2026-06-30', '省实名制2026-06'],
        ['赵六', 赵六, '区财政局', '行政编制', '入编', '2026-06-30', '省实名制2026-06'],
      ].sort((a, b) => a.join().localeCompare(b.join())),
    );
    const removed = await sheet(join(dir, '增减花名册-2026-06.xlsx'), '减少人员');
    expect(pick(removed, '姓名', '单位', '变动类型', '性别')).toEqual([
      ['李四', '区财政局', '调出', '女'],
      ['王五', '区审计局', '出编(同步时不在册(原因待补))', '男'],
    ]);
  });

  it('Given the month When the 编制使用台账 is read back Then each institution shows 核定, 实有, 占编, 可用空编 and the month’s flows', async () => {
    const summary = await sheet(join(dir, '编制使用台账-2026-06.xlsx'), '汇总');
    const line = (inst: string) => {
      const row = summary.rows.find(
        (x) => x[col(summary, '单位')] === inst && x[col(summary, '编制类型')] === '行政编制',
      )!;
      return Object.fromEntries(summary.header.slice(3).map((h, i) => [h, Number(row[i + 3])]));
    };
    expect(line('区审计局')).toEqual({
      核定编制: 2,
      实有人数: 1,
      '已核准待入编(占编)': 1,
      可用空编: 0,
      本月核准用编: 1,
      本月入编: 0,
      本月调入: 1,
      本月调出: 0,
      本月出编: 1,
    });
    expect(line('区财政局')).toMatchObject({ 核定编制: 3, 实有人数: 2, 本月入编: 1, 本月调出: 1, 可用空编: 1 });
    const approvals = await sheet(join(dir, '编制使用台账-2026-06.xlsx'), '用编核准');
    expect(approvals.rows).toHaveLength(1);
    expect(approvals.rows[0]![col(approvals, '核准文号')]).toBe(docNumber);
    expect(approvals.rows[0]![col(approvals, '尚占编')]).toBe('1');
    const details = await sheet(join(dir, '编制使用台账-2026-06.xlsx'), '明细');
    expect(details.rows.map((x) => x[col(details, '事项')]).sort()).toEqual(
      ['用编核准', '入编', '调入', '调出', '出编(同步时不在册(原因待补))'].sort(),
    );
  });

  it('Given one institution When its ledger is written per institution Then it holds only that institution', async () => {
    const r = await writeRegisters(ctx, dir, { month: '2026-06', perInstitution: true });
    const per = await readdir(join(dir, '编制使用台账-2026-06'));
    expect(per.sort()).toEqual(
      [
        '编制使用台账-区会计服务中心-2026-06.xlsx',
        '编制使用台账-区审计局-2026-06.xlsx',
        '编制使用台账-区财政局-2026-06.xlsx',
      ].sort(),
    );
    expect(r.files).toHaveLength(5);
    const s = await sheet(join(dir, '编制使用台账-2026-06', '编制使用台账-区审计局-2026-06.xlsx'), '汇总');
    expect(new Set(s.rows.map((x) => x[1]))).toEqual(new Set(['区审计局']));
    expect(s.title).toContain('区审计局编制使用台账');
  });

  it('Given roles When they download Then approver gets masked ID numbers, a reporter only its own ledger, and each file is audited', async () => {
    const approver = { ...ctx, actor: 'boss', access: { role: 'approver' as const, scope: async () => undefined } };
    const path = join(dir, 'approver.xlsx');
    await writeChangeRegister(approver, path, '2026-06');
    const added = await sheet(path, '增加人员');
    expect(added.rows.map((x) => x[3]).sort()).toEqual([maskIdNumber(李四), maskIdNumber(赵六)].sort());
    expect(JSON.stringify(added.rows)).not.toContain(李四);

    const own = ids.institutions['区审计局']!;
    const reporter = {
      ...ctx,
      actor: 'unit',
      access: { role: 'reporter' as const, scope: async () => new Set([own]) },
    };
    await expect(writeChangeRegister(reporter, join(dir, 'r1.xlsx'), '2026-06')).rejects.toThrow(/无权/);
    await expect(
      writeStaffingLedger(reporter, join(dir, 'r2.xlsx'), '2026-06', ids.institutions['区财政局']),
    ).rejects.toThrow(/无权/);
    await expect(writeStaffingLedger(reporter, join(dir, 'r3.xlsx'), '2026-06')).rejects.toThrow(
      /无权下载全区的编制使用台账/,
    );
    await writeStaffingLedger(reporter, join(dir, 'r4.xlsx'), '2026-06', own);
    const details = await sheet(join(dir, 'r4.xlsx'), '明细');
    expect(details.rows.every((x) => x[1] === '区审计局')).toBe(true);
    expect(details.rows.map((x) => x[6]).filter(Boolean)).toEqual(
      expect.arrayContaining([maskIdNumber(李四), maskIdNumber(王五)]),
    );

    const audit = await ctx.pool.query(
      `SELECT actor, after FROM audit_events WHERE action = 'register.export' ORDER BY seq`,
    );
    expect(audit.rows.find((a) => a.actor === 'boss')!.after).toMatchObject({
      register: '增减花名册',
      month: '2026-06',
      added: 2,
      removed: 2,
      idNumbersMasked: true,
      idNumbersRevealed: 0,
    });
    expect(audit.rows.find((a) => a.actor === 'test')!.after).toMatchObject({ idNumbersRevealed: 4 });
    expect(audit.rows.filter((a) => a.actor === 'unit')).toHaveLength(1);
  });

  it('Given a bad month When asked Then a Chinese refusal', async () => {
    await expect(writeRegisters(ctx, dir, { month: '2026-13' })).rejects.toThrow('月份"2026-13"无效,应为 YYYY-MM');
  });
});
