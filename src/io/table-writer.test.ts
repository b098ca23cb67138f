import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { recordColumns } from '../domain/records.js';
import { readTableFile } from './table-reader.js';
import { hintText } from './template-layout.js';
import { writeRecordsCsv, writeRecordsWorkbook, writeTemplate } from './table-writer.js';
import { collect, makeTempDir, sampleRecords } from '../../test/io-fixtures.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

async function load(path: string) {
  // Small files only: the in-memory API is fine for checking a template's layout.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('writeTemplate', () => {
  it('Given the baseline kind When a template is written Then it has the three sheets with marked headers and hints', async () => {
    const path = tmp.path('baseline-template.xlsx');
    await writeTemplate(path, 'baseline');
    const wb = await load(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['机构', '编制', '领导职数']);
    const ws = wb.getWorksheet('机构')!;
    const specs = recordColumns.institutions;
    const headerTexts = specs.map((_, i) => {
      const v = ws.getCell(1, i + 1).value;
      return typeof v === 'object' && v && 'richText' in v ? v.richText.map((r) => r.text).join('') : v;
    });
    expect(headerTexts).toEqual(specs.map((s) => (s.required ? `*${s.header}` : s.header)));
    expect(ws.getCell(1, 1).font?.bold).toBe(true);
    expect(specs.map((s, i) => ws.getCell(2, i + 1).value)).toEqual(specs.map((s) => hintText('institutions', s)));
    expect(ws.getCell(2, 2).value).toBe('必填:党委部门/政府工作部门/…/事业单位/内设机构');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('Given a template When its sheet XML is inspected Then enumerations have drop-down lists and ID columns are text', async () => {
    const path = tmp.path('roster-template.xlsx');
    await writeTemplate(path, 'roster');
    const ws = (await load(path)).getWorksheet('人员')!;
    const col = (key: string) => recordColumns.roster.findIndex((s) => s.key === key) + 1;
    const gender = ws.getCell(3, col('gender')).dataValidation;
    expect(gender).toMatchObject({ type: 'list', formulae: ['"男,女"'], errorStyle: 'warning' });
    expect(ws.getCell(3, col('category')).dataValidation?.formulae).toEqual([
      '"行政编制,政法专项编制,乡镇(街道)行政编制,工勤编制,事业编制"',
    ]);
    expect(ws.getColumn(col('idNumber')).numFmt).toBe('@');
  });
});

describe('writeRecordsWorkbook', () => {
  it('Given quotas and posts When written Then counts are numbers, names text, and a kind without rows gets its header', async () => {
    const path = tmp.path('baseline-data.xlsx');
    const counts = await writeRecordsWorkbook(path, 'baseline', {
      quotas: sampleRecords.quotas,
      posts: (async function* () {
        yield* sampleRecords.posts;
      })(),
    });
    expect(counts).toEqual({ institutions: 0, quotas: 2, posts: 2 });
    const wb = await load(path);
    const quotas = wb.getWorksheet('编制')!;
    expect(quotas.getCell('C2').value).toBe(12);
    expect(quotas.getCell('A2').value).toBe('区委办公室');
    expect(wb.getWorksheet('机构')!.rowCount).toBe(1);
  });

  it('Given an ID number made of digits only When written Then it stays text', async () => {
    const path = tmp.path('roster-data.xlsx');
    await writeRecordsWorkbook(path, 'roster', {
      roster: [{ ...sampleRecords.roster[0]!, idNumber: '370102198503120011' }],
    });
    const ws = (await load(path)).getWorksheet('人员')!;
    expect(ws.getCell('B2').value).toBe('370102198503120011');
  });

  it('Given a source that fails midway When written Then the error propagates and no partial file is left', async () => {
    const path = tmp.path('failed.xlsx');
    const failing = (function* () {
      yield sampleRecords.workload[0]!;
      throw new Error('数据库连接中断');
    })();
    await expect(writeRecordsWorkbook(path, 'workload', { workload: failing })).rejects.toThrow('数据库连接中断');
    expect(existsSync(path)).toBe(false);
  });
});

describe('writeRecordsCsv', () => {
  it('Given roster rows When written as UTF-8 Then BOM, plain headers, CRLF and a tab-guarded ID are used', async () => {
    const path = tmp.path('roster.csv');
    await writeRecordsCsv(path, 'roster', [sampleRecords.roster[0]!], { encoding: 'utf8' });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\ufeff姓名,公民身份号码,')).toBe(true);
    expect(text).toContain(`,"\t${sampleRecords.roster[0]!.idNumber}",`);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('Given text that Excel would run as a formula When written Then it is neutralised and still reads back unchanged', async () => {
    const path = tmp.path('formula-text.csv');
    const duty = { ...sampleRecords.duties[1]!, title: '=HYPERLINK("http://x","点此")', text: '+86 电话;@提及' };
    await writeRecordsCsv(path, 'duties', [duty], { encoding: 'utf8' });
    expect(readFileSync(path, 'utf8')).toContain(`"'=HYPERLINK(""http://x"",""点此"")"`);
    const { rows, problems } = await collect(readTableFile(path, { kind: 'duties' }));
    expect(problems).toEqual([]);
    expect(rows[0]!.values).toMatchObject({ title: duty.title, text: duty.text });
  });

  it('Given a name character outside GBK When written as gbk Then GB18030 keeps it and GBK characters stay GBK bytes', async () => {
    const path = tmp.path('rare.csv');
    const rare = { ...sampleRecords.roster[1]!, name: '李䶮' }; // 䶮 (U+4DAE) is in GB18030, not GBK
    await writeRecordsCsv(path, 'roster', [rare], { encoding: 'gbk' });
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 4)).toEqual(iconv.encode('姓名', 'gbk'));
    const { rows } = await collect(readTableFile(path, { kind: 'roster' }));
    expect(rows[0]!.values.name).toBe('李䶮');
  });

  it('Given the baseline kind When written as CSV Then it is refused (three sheets)', async () => {
    await expect(writeRecordsCsv(tmp.path('b.csv'), 'baseline', [], { encoding: 'utf8' })).rejects.toThrow(
      /多个工作表/,
    );
  });
});
