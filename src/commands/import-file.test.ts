import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, databaseFingerprint, seedInstitutions } from '../../test/context.js';
import { idNumberCheckChar } from '../domain/codes.js';
import { importSummaryText } from '../domain/vocabulary.js';
import { importBaseline } from './import-baseline.js';
import { importFile } from './import-file.js';

const { ctx } = useTestContext();
const dir = mkdtempSync(join(tmpdir(), 'bianzhi-import-file-'));
beforeAll(async () => {
  await seedInstitutions(ctx, ['区财政局', '区审计局', '区民政局']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};
const idNo = (birth: string, seq: string) => {
  const first17 = `370102${birth}${seq}`;
  return first17 + idNumberCheckChar(first17);
};

describe('an imported file is checked in one pass', () => {
  it('Given a 4-row roster with field errors, an unknown institution, a duplicate ID and an ID-vs-sex mismatch When checked Then every problem comes at once, 共 4 行, nothing written', async () => {
    const male = idNo('19800101', '011'); // odd 17th digit: male
    const path = csv('人员.csv', [
      '姓名,公民身份号码,性别,出生日期,所在机构,编制类别,入编时间',
      // row 2: a bad date AND an unknown institution — both reported, not the second only after the first is fixed
      `张三,${male},男,1980-01-01,区不存在局,行政编制,2015-13-01`,
      // row 3: the same ID again (duplicate) and a bad category
      `李四,${male},男,1980-01-01,区财政局,编外,2016-01-01`,
      // row 4: sex and birth date against the ID number, plus an empty name
      `,${idNo('19900505', '022')},男,1990-05-06,区审计局,行政编制,2016-01-01`,
      // row 5: valid
      `王五,${idNo('19850303', '031')},男,1985-03-03,区民政局,行政编制,2017-01-01`,
    ]);
    const before = await databaseFingerprint(ctx.pool);
    const r = await importFile(ctx, path, 'roster', { dryRun: true });
    expect(r.ok).toBe(false);
    expect(r.rows).toBe(4);
    const found = r.problems.map((p) => `${p.row}|${p.column}|${p.reason}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2\|入编时间\|/),
        '2|所在机构|机构"区不存在局"不存在或已撤销',
        '3|公民身份号码|身份证号码与第2行重复',
        expect.stringMatching(/^3\|编制类别\|/),
        expect.stringMatching(/^4\|姓名\|/),
        '4|性别|性别"男"与身份证号码不一致',
        '4|出生日期|出生日期 1990-05-06 与身份证号码(1990-05-05)不一致',
      ]),
    );
    expect(r.problemCount).toBe(7);
    // the reason alone, without the file/sheet/row/column the other columns show
    for (const p of r.problems) expect(p.reason).not.toMatch(/人员\.csv|第\d+行.*列/);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given a duty list for two institutions When imported Then its summary counts the duties and the institutions that got them, none "新设"', async () => {
    const path = csv('职能.csv', [
      '实施主体,来源,事项类型,事项名称',
      '区财政局,权责清单,行政处罚,对违反财政法规行为的处罚',
      '区财政局,权责清单,行政检查,对财政资金使用的检查',
      '区审计局,权责清单,行政检查,对预算执行情况的审计',
    ]);
    const institutionsBefore = await ctx.pool.query('SELECT count(*)::int AS n FROM institutions');
    const r = await importFile(ctx, path, 'duties');
    expect(r).toMatchObject({ ok: true, rows: 3, summary: { duties: 3, dutyInstitutions: 2 } });
    expect(r.summary).not.toHaveProperty('institutions');
    expect(importSummaryText(r.summary)).toBe('职能事项 3,涉及机构 2');
    expect((await ctx.pool.query('SELECT count(*)::int AS n FROM institutions')).rows[0].n).toBe(
      institutionsBefore.rows[0].n,
    );
  });

  it('Given a duty list with a field error and an unknown institution on other rows When checked Then both are reported together', async () => {
    const path = csv('职能2.csv', [
      '实施主体,来源,事项类型,事项名称',
      '区财政局,权责清单,不是类型,对违反财政法规行为的处罚',
      '区没有局,权责清单,行政检查,对财政资金使用的检查',
    ]);
    const r = await importFile(ctx, path, 'duties', { dryRun: true });
    expect(r.rows).toBe(2);
    expect(r.problems.map((p) => `${p.row}|${p.column}`)).toEqual(['2|事项类型', '3|实施主体']);
  });
});

describe("the baseline's effective date", () => {
  const loc = { file: '机构编制.xlsx', row: 2 };
  const baseline = (name: string) => ({
    institutions: [
      { ...loc, sheet: '机构', record: { name, kind: 'gov_dept' as const, alsoNamed: [], civilServiceManaged: false } },
    ],
    quotas: [{ ...loc, sheet: '编制', record: { institution: name, category: 'admin' as const, approved: 5 } }],
    posts: [],
  });

  it('Given no date When a baseline is checked Then it says that today is taken and how to give the date', async () => {
    const r = await importBaseline(ctx, baseline('区统计局'), {
      fileName: '机构编制.xlsx',
      fileSha256: 'x',
      dryRun: true,
    });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.reason)).toEqual([
      expect.stringMatching(/^未指定生效日期,.*按导入当天 2026-11-27 生效/),
    ]);
    const dated = await importBaseline(ctx, baseline('区统计局'), {
      fileName: '机构编制.xlsx',
      fileSha256: 'x',
      dryRun: true,
      effectiveOn: '2019-03-01',
    });
    expect(dated.warnings).toEqual([]);
  });

  it('Given a baseline effective 2020-01-01 When people entered in 2013 and 2016 are imported Then they are written with one warning naming the date', async () => {
    const b = await importBaseline(ctx, baseline('区统计局'), {
      fileName: '机构编制.xlsx',
      fileSha256: 'x',
      effectiveOn: '2020-01-01',
    });
    expect(b.ok).toBe(true);
    const path = csv('统计局人员.csv', [
      '姓名,公民身份号码,所在机构,编制类别,入编时间',
      `赵一,${idNo('19850101', '051')},区统计局,行政编制,2016-05-01`,
      `钱二,${idNo('19860101', '061')},区统计局,行政编制,2013-09-01`,
      `孙三,${idNo('19870101', '071')},区统计局,行政编制,2021-01-01`,
    ]);
    const r = await importFile(ctx, path, 'roster');
    expect(r).toMatchObject({ ok: true, rows: 3 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ row: 3, column: '入编时间' });
    expect(r.warnings[0]!.reason).toContain('2 人的入编时间早于机构编制基础数据的生效日期 2020-01-01');
    expect(r.warnings[0]!.reason).toContain('最早 2013-09-01');
  });
});
