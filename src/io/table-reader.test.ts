import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importKindSheets, importKinds, recordColumns, type RecordKind } from '../domain/records.js';
import { defaultReadLimits, readTableFile } from './table-reader.js';
import { writeRecordsCsv, writeRecordsWorkbook, writeTemplate } from './table-writer.js';
import {
  collect,
  craftRawXlsx,
  craftWorkbook,
  idNumber,
  makeTempDir,
  sampleRecords,
  sheetXml,
} from '../../test/io-fixtures.js';
import { validateTable } from './validate-rows.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const ctx = { today: '2025-06-30' };
/** The values a reader gives back for a sample: every column present, '' when blank. */
const full = (kind: RecordKind, r: Record<string, string>) =>
  Object.fromEntries(recordColumns[kind].map((s) => [s.key, r[s.key] ?? '']));
const headers = (kind: RecordKind) => recordColumns[kind].map((s) => s.header);
const read = (path: string, kind: Parameters<typeof readTableFile>[1]['kind'], extra = {}) =>
  collect(readTableFile(path, { kind, ...extra }));

async function validProblems(items: Awaited<ReturnType<typeof collect>>) {
  const problems = [];
  for await (const x of validateTable(items.rows, ctx)) if ('reason' in x) problems.push(x);
  return problems;
}

describe('round trip writer → reader', () => {
  for (const kind of importKinds) {
    it(`Given ${kind} records written as xlsx When read back Then every value and location comes back and validates`, async () => {
      const path = tmp.path(`rt-${kind}.xlsx`);
      const sheets = Object.fromEntries(importKindSheets[kind].map((rk) => [rk, sampleRecords[rk]]));
      await writeRecordsWorkbook(path, kind, sheets);
      const result = await read(path, kind);
      expect(result.problems).toEqual([]);
      for (const rk of importKindSheets[kind]) {
        const rows = result.rows.filter((r) => r.kind === rk);
        expect(rows.map((r) => r.values)).toEqual(sampleRecords[rk].map((r) => full(rk, r)));
        expect(rows.map((r) => r.row)).toEqual(sampleRecords[rk].map((_, i) => i + 2));
      }
      expect(await validProblems(result)).toEqual([]);
    });
  }

  for (const kind of importKinds.filter((k) => importKindSheets[k].length === 1)) {
    for (const encoding of ['utf8', 'gbk'] as const) {
      it(`Given ${kind} records written as ${encoding} CSV When read back Then the values are identical`, async () => {
        const rk = importKindSheets[kind][0]!;
        const path = tmp.path(`rt-${kind}-${encoding}.csv`);
        expect(await writeRecordsCsv(path, kind, sampleRecords[rk], { encoding })).toBe(sampleRecords[rk].length);
        const bytes = readFileSync(path);
        if (encoding === 'utf8') expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        else expect(iconv.decode(bytes, 'gbk').startsWith(headers(rk)[0]!)).toBe(true);
        const result = await read(path, kind);
        expect(result.problems).toEqual([]);
        expect(result.rows.map((r) => r.values)).toEqual(sampleRecords[rk].map((r) => full(rk, r)));
        expect(result.rows[0]).toMatchObject({ kind: rk, sheet: '', row: 2 });
        expect(await validProblems(result)).toEqual([]);
      });
    }
  }

  it('Given a template When read Then the hint row is skipped and nothing is reported; filled in Then its rows come back', async () => {
    const path = tmp.path('template-roster.xlsx');
    await writeTemplate(path, 'roster');
    expect(await read(path, 'roster')).toEqual({ rows: [], problems: [] });

    // A user fills row 3 under the hint row (cells injected into the template's sheet XML).
    const r = sampleRecords.roster[0]!;
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const cells = recordColumns.roster
      .map((s, i) => `<c r="${String.fromCharCode(65 + i)}3" t="inlineStr"><is><t>${r[s.key] ?? ''}</t></is></c>`)
      .join('');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('</sheetData>', `<row r="3">${cells}</row></sheetData>`));
    const filled = tmp.path('template-filled.xlsx');
    writeFileSync(filled, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const result = await read(filled, 'roster');
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ row: 3, values: full('roster', r) });
  });

  it('Given an upload saved under a temp name When read with fileName Then problems name the original file', async () => {
    const path = tmp.path('upload-123.tmp');
    await writeRecordsWorkbook(path, 'baseline', {});
    const { problems } = await read(path, 'roster', { fileName: '人员名单.xlsx' });
    expect(problems[0]?.file).toBe('人员名单.xlsx');
  });
});

describe('headers', () => {
  it('Given a duties sheet with 权力类型/行使主体/权责事项名称 headers When read Then they map to the duty columns', async () => {
    const path = tmp.path('duties-synonyms.xlsx');
    await craftWorkbook(path, [
      {
        name: '职能',
        rows: [
          ['序号', '行使主体', '权力类型', '权责事项名称', '设定依据', '备注'],
          [1, '区市场监督管理局', '处罚', '对无证经营的处罚', '《无证无照经营查处办法》', '不读'],
        ],
      },
    ]);
    const { rows, problems } = await read(path, 'duties');
    expect(problems).toEqual([]);
    // 序号 is a running number in real lists, not the item code: it is not read
    expect(rows[0]!.values.itemCode).toBeUndefined();
    expect(rows[0]!.values).toMatchObject({
      institution: '区市场监督管理局',
      category: '处罚',
      title: '对无证经营的处罚',
      legalBasis: '《无证无照经营查处办法》',
    });
    expect(rows[0]!.headers).toMatchObject({ institution: '行使主体', category: '权力类型' });
  });

  it('Given a merged title in row 1 When read Then the header is found in row 2 and data starts in row 3', async () => {
    const path = tmp.path('title-row.xlsx');
    await craftWorkbook(path, [
      {
        name: '编制',
        rows: [['示范区机构编制台账(2025年)'], ['机构名称', '编制类别', '核定编制数'], ['区委办公室', '行政编制', 12]],
        merges: ['A1:C1'],
      },
    ]);
    const { rows, problems } = await read(path, 'baseline');
    expect(problems.map((p) => p.reason)).toEqual([
      '缺少工作表"机构"(工作簿中的工作表:"编制")',
      '缺少工作表"领导职数"(工作簿中的工作表:"编制")',
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'quotas',
        sheet: '编制',
        row: 3,
        values: { institution: '区委办公室', category: '行政编制', approved: '12' },
      }),
    ]);
  });

  it('Given required headers with stars, spaces and line breaks When read Then they still match', async () => {
    const csv = tmp.path('stars-workload.csv');
    writeFileSync(csv, '"*机构 名称","年\n度",*指标,*数值\n区政务服务中心,2024,办件量,100\n');
    const w = await read(csv, 'workload');
    expect(w.problems).toEqual([]);
    expect(w.rows[0]!.values).toMatchObject({ institution: '区政务服务中心', year: '2024', value: '100' });
  });

  it('Given a sheet missing required columns When read Then the missing headers are named at the header row', async () => {
    const path = tmp.path('missing-cols.xlsx');
    await craftWorkbook(path, [
      {
        name: '人员',
        rows: [
          ['姓名', '所在机构', '备注'],
          ['张三', '区委办公室', ''],
        ],
      },
    ]);
    const { rows, problems } = await read(path, 'roster');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { file: 'missing-cols.xlsx', sheet: '人员', row: 1, reason: '缺少必填列:"公民身份号码"、"编制类别"、"入编时间"' },
    ]);
  });

  it('Given no recognisable header in the first rows When read Then the required columns are listed', async () => {
    const path = tmp.path('no-header.csv');
    writeFileSync(path, 'a,b\nc,d\ne,f\ng,h\ni,j\nk,l\n');
    const { problems } = await read(path, 'workload');
    expect(problems).toEqual([
      {
        file: 'no-header.csv',
        sheet: '',
        reason: '未找到表头:前5行中没有可识别的列名(必填列:"机构名称"、"年度"、"指标"、"数值")',
      },
    ]);
  });

  it('Given two columns meaning the same field When read Then the duplicate is reported', async () => {
    const path = tmp.path('dup-cols.xlsx');
    await craftWorkbook(path, [
      {
        name: '编制',
        rows: [
          ['机构名称', '单位名称', '编制类别', '核定编制数'],
          ['a', 'b', '行政编制', 1],
        ],
      },
      { name: '机构', rows: [['机构名称', '机构类别']] },
      { name: '领导职数', rows: [['机构名称', '职级', '职数类别', '核定职数', '职级']] },
    ]);
    const { rows, problems } = await read(path, 'baseline');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'dup-cols.xlsx',
        sheet: '编制',
        row: 1,
        column: '单位名称',
        reason: '列"单位名称"重复(与"机构名称"是同一列)',
      },
      { file: 'dup-cols.xlsx', sheet: '领导职数', row: 1, column: '职级', reason: '列"职级"重复出现' },
    ]);
  });
});

describe('cell values', () => {
  it('Given dates, numbers, rich text, booleans, padded text and hyperlinks When read Then each is plain text', async () => {
    const path = tmp.path('values.xlsx');
    await craftWorkbook(path, [
      {
        name: '机构',
        rows: [
          headers('institutions'),
          [
            { richText: [{ text: '区委' }, { text: '办公室', font: { bold: true } }] },
            '  党委部门  ',
            '正科',
            { text: '区委', hyperlink: 'https://example.org' },
            undefined,
            undefined,
            undefined,
            undefined,
            undefined,
            true,
            new Date(Date.UTC(2001, 2, 15)),
          ],
        ],
      },
      {
        name: '编制',
        rows: [headers('quotas'), ['区委办公室', '行政编制', 12], ['区委办公室', '工勤编制', 0.1 + 0.2]],
      },
      { name: '领导职数', rows: [headers('posts')] },
    ]);
    const { rows, problems } = await read(path, 'baseline');
    expect(problems).toEqual([]);
    expect(rows[0]!.values).toMatchObject({
      name: '区委办公室',
      kind: '党委部门',
      parent: '区委',
      civilServiceManaged: '是',
      establishedOn: '2001-03-15',
    });
    expect(rows.slice(1).map((r) => r.values.approved)).toEqual(['12', '0.3']);
  });

  it('Given an ID number stored as a number When read Then it is refused as not text', async () => {
    const path = tmp.path('numeric-id.xlsx');
    const r = sampleRecords.roster[0]!;
    await craftWorkbook(path, [
      {
        name: '人员',
        rows: [
          ['姓名', '身份证号码', '所在机构', '编制类别', '入编时间'],
          [r.name, Number('370102198503120011'), r.institution, r.category, r.startOn],
          [r.name, r.idNumber, r.institution, r.category, r.startOn],
        ],
      },
    ]);
    const { rows, problems } = await read(path, 'roster');
    expect(problems).toEqual([
      { file: 'numeric-id.xlsx', sheet: '人员', row: 2, column: '身份证号码', reason: '身份证号码必须以文本格式保存' },
    ]);
    expect(rows.map((x) => x.row)).toEqual([3]);
  });

  it('Given a CSV that Excel saved with the ID in scientific notation When read Then the lost digits are explained', async () => {
    const path = tmp.path('sci-id.csv');
    writeFileSync(
      path,
      '姓名,公民身份号码,所在机构,编制类别,入编时间\n张三,3.70102E+17,区委办公室,行政编制,2010-01-01\n',
    );
    const { problems } = await read(path, 'roster');
    expect(problems[0]).toMatchObject({ row: 2, column: '公民身份号码' });
    expect(problems[0]!.reason).toMatch(/^身份证号码必须以文本格式保存\(已被转成科学计数法/);
  });

  it('Given blank rows between data When read Then they are skipped and row numbers stay those Excel shows', async () => {
    const path = tmp.path('blank-rows.xlsx');
    await craftWorkbook(path, [
      {
        name: '工作量',
        rows: [headers('workload'), ['甲', 2024, '办件量', 1], [], ['', '  ', ''], ['乙', 2024, '办件量', 2]],
      },
    ]);
    const { rows, problems } = await read(path, 'workload');
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.values.institution])).toEqual([
      [2, '甲'],
      [5, '乙'],
    ]);
  });
});

describe('problems with their reason and location', () => {
  it('Given a missing file or an empty one When read Then the file is refused', async () => {
    expect((await read(tmp.path('nope.xlsx'), 'roster')).problems).toEqual([
      { file: 'nope.xlsx', sheet: '', reason: '文件不存在或无法读取' },
    ]);
    writeFileSync(tmp.path('empty.xlsx'), '');
    expect((await read(tmp.path('empty.xlsx'), 'roster')).problems).toEqual([
      { file: 'empty.xlsx', sheet: '', reason: '文件为空' },
    ]);
  });

  it('Given a text file, a random binary or a plain zip named .xlsx When read Then it is not a valid workbook', async () => {
    writeFileSync(tmp.path('text.xlsx'), '姓名,公民身份号码\n张三,1\n');
    writeFileSync(tmp.path('binary.xlsx'), randomBytes(4096));
    const zip = new JSZip().file('readme.txt', 'hello');
    writeFileSync(tmp.path('plain-zip.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
    // A zip cut short: its central directory is gone.
    const real = tmp.path('real.xlsx');
    await writeRecordsWorkbook(real, 'roster', { roster: sampleRecords.roster });
    writeFileSync(tmp.path('truncated.xlsx'), readFileSync(real).subarray(0, 2000));
    for (const name of ['text.xlsx', 'binary.xlsx', 'plain-zip.xlsx', 'truncated.xlsx']) {
      const { rows, problems } = await read(tmp.path(name), 'roster');
      expect(rows).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.reason).toMatch(/^文件不是有效的 Excel 工作簿/);
    }
  });

  it('Given sheet XML the parser refuses (an undefined entity, a broken tag) When read Then the reason is Chinese, with the place', async () => {
    const rows = sheetXml([
      ['姓名', '公民身份号码'],
      ['张&bogus;三', '1'],
    ]);
    const cases: [string, string, RegExp][] = [
      ['entity.xlsx', rows.replace('&amp;bogus;', '&bogus;'), /未定义或格式错误的字符实体/],
      ['tag.xlsx', rows.replace('</sheetData>', '</sheetData><x'), /属性格式错误|标签不完整/],
    ];
    for (const [name, xml, what] of cases) {
      await craftRawXlsx(tmp.path(name), xml);
      const { rows: found, problems } = await read(tmp.path(name), 'roster');
      expect(found).toEqual([]);
      expect(problems).toHaveLength(1);
      const reason = problems[0]!.reason;
      expect(reason).toMatch(/^无法读取工作簿:文件内容损坏或不是有效的 Excel 文件\(XML 解析错误:第 1 行第 \d+ 列/);
      expect(reason).toMatch(what);
      expect(reason.replace(/Excel|XML|xlsx|WPS/g, '')).not.toMatch(/[A-Za-z]{3,}/); // no English word of the parser
    }
  });

  it('Given an old .xls (OLE) file When read Then the user is told to save it as .xlsx', async () => {
    const path = tmp.path('old.xls');
    writeFileSync(path, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
    expect((await read(path, 'roster')).problems[0]!.reason).toMatch(/97-2003 \(\.xls\).*另存为 \.xlsx/);
  });

  it('Given an entry declaring more than 200 MB uncompressed When read Then it is refused before inflating', async () => {
    const path = tmp.path('declared-bomb.xlsx');
    await writeRecordsWorkbook(path, 'roster', { roster: sampleRecords.roster });
    const buf = readFileSync(path);
    // Patch the sheet's uncompressed size (central directory, offset 24) to 300 MB.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (
      let p = buf.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
      p >= 0;
      p = buf.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'), p - 1)
    ) {
      if (buf.subarray(p + 46, p + 46 + name.length).equals(name)) buf.writeUInt32LE(300 * 1024 * 1024, p + 24);
    }
    writeFileSync(path, buf);
    const { problems } = await read(path, 'roster');
    expect(problems).toEqual([
      {
        file: 'declared-bomb.xlsx',
        sheet: '',
        reason: '压缩包内文件 xl/worksheets/sheet1.xml 解压后为 300 MB,超过 200 MB 上限,疑似压缩炸弹,拒绝处理',
      },
    ]);
  });

  it('Given a highly compressed sheet (ratio far above 100:1) When read Then it is refused as a zip bomb', async () => {
    const path = tmp.path('ratio-bomb.xlsx');
    const padding = `<!--${' '.repeat(30 * 1024 * 1024)}-->`;
    await craftRawXlsx(path, sheetXml([['姓名']]).replace('<sheetData>', `${padding}<sheetData>`));
    const { problems } = await read(path, 'roster');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/^工作簿压缩比异常\(\d+:1,上限 100:1\),疑似压缩炸弹/);
  });

  it('Given a directory that understates an entry size When inflated Then reading stops at the declared size', async () => {
    const path = tmp.path('lying-zip.xlsx');
    await writeRecordsWorkbook(path, 'roster', { roster: sampleRecords.roster });
    const buf = readFileSync(path);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const sig = Buffer.from('PK\x01\x02', 'latin1');
    for (let p = buf.indexOf(sig); p >= 0; p = buf.indexOf(sig, p + 1)) {
      if (buf.subarray(p + 46, p + 46 + name.length).equals(name)) buf.writeUInt32LE(100, p + 24);
    }
    writeFileSync(path, buf);
    const { problems } = await read(path, 'roster');
    expect(problems[0]!.reason).toMatch(/实际大小与声明不符,疑似压缩炸弹/);
  });

  it('Given a baseline workbook without a sheet When read Then the missing sheet is named and others still read', async () => {
    const path = tmp.path('missing-sheet.xlsx');
    await craftWorkbook(path, [
      { name: '机构', rows: [headers('institutions'), ['区委办公室', '党委部门']] },
      { name: 'Sheet1', rows: [] },
      { name: '编制', rows: [headers('quotas')] },
    ]);
    const { rows, problems } = await read(path, 'baseline');
    expect(problems).toEqual([
      {
        file: 'missing-sheet.xlsx',
        sheet: '',
        reason: '缺少工作表"领导职数"(工作簿中的工作表:"机构"、"Sheet1"、"编制")',
      },
    ]);
    expect(rows).toHaveLength(1);
  });

  it('Given a roster workbook with one sheet of another name When read Then that sheet is used; with two Then 人员 is required', async () => {
    const one = tmp.path('one-sheet.xlsx');
    await craftRawXlsx(
      one,
      sheetXml([
        ['姓名', '公民身份号码', '所在机构', '编制类别', '入编时间'],
        ['张三', idNumber('37010219850312001'), '甲', '行政编制', '2010-01-01'],
      ]),
      {
        sheetName: 'Sheet1',
      },
    );
    const a = await read(one, 'roster');
    expect(a.problems).toEqual([]);
    expect(a.rows[0]).toMatchObject({ sheet: 'Sheet1', row: 2, values: { name: '张三' } });

    const two = tmp.path('two-sheets.xlsx');
    await craftWorkbook(two, [
      { name: 'Sheet1', rows: [['x']] },
      { name: 'Sheet2', rows: [['y']] },
    ]);
    expect((await read(two, 'roster')).problems[0]!.reason).toBe(
      '缺少工作表"人员"(工作簿中的工作表:"Sheet1"、"Sheet2")',
    );
  });

  it('Given formulas (plain and shared) in data cells When read Then each is refused at its cell', async () => {
    const path = tmp.path('formulas.xlsx');
    await craftWorkbook(path, [
      {
        name: '工作量',
        rows: [
          headers('workload'),
          ['甲', 2024, '办件量', { formula: '1+1', result: 2 }],
          ['乙', 2024, '办件量', { formula: 'D2*2', result: 4, shareType: 'shared', ref: 'D3:D4' }],
          ['丙', 2024, '办件量', { sharedFormula: 'D3', result: 8 }],
          ['丁', 2024, '办件量', 5],
        ],
      },
    ]);
    const { rows, problems } = await read(path, 'workload');
    expect(problems).toEqual(
      [2, 3, 4].map((row) => ({
        file: 'formulas.xlsx',
        sheet: '工作量',
        row,
        column: '数值',
        reason: '不接受公式,请粘贴为数值',
      })),
    );
    expect(rows.map((r) => r.row)).toEqual([5]);
  });

  it('Given merged cells in data rows When read Then each merge is refused and its rows skipped', async () => {
    const path = tmp.path('merged.xlsx');
    await craftWorkbook(path, [
      {
        name: '编制',
        rows: [
          ['机构编制台账'],
          headers('quotas'),
          ['区委办公室', '行政编制', 10],
          [undefined, '工勤编制', 2],
          ['区政府办公室', '行政编制', 12],
        ],
        merges: ['A1:C1', 'A3:A4'],
      },
    ]);
    const { rows, problems } = await read(path, 'baseline');
    expect(problems.filter((p) => p.sheet === '编制')).toEqual([
      {
        file: 'merged.xlsx',
        sheet: '编制',
        row: 3,
        column: '机构名称',
        reason: '存在合并单元格(A3:A4),请取消合并后逐行填写',
      },
    ]);
    expect(rows.map((r) => r.row)).toEqual([5]);
  });

  it('Given a cell over 10,000 characters When read Then that cell is refused; a 50 MB cell aborts the file', async () => {
    const path = tmp.path('long-cell.xlsx');
    await craftWorkbook(path, [
      { name: '职能', rows: [headers('duties'), ['甲', '三定规定', '', '职责', '长'.repeat(10_001)]] },
    ]);
    expect((await read(path, 'duties')).problems).toEqual([
      { file: 'long-cell.xlsx', sheet: '职能', row: 2, column: '事项内容', reason: '内容超过10000个字符' },
    ]);

    const huge = tmp.path('huge-cell.xlsx');
    const big = randomBytes(38 * 1024 * 1024).toString('base64'); // ~50 MB, incompressible
    await craftRawXlsx(
      huge,
      sheetXml([
        ['实施主体', '事项名称'],
        ['甲', big],
      ]),
      { sheetName: '职能', store: true },
    );
    const before = process.memoryUsage().rss;
    const { rows, problems } = await read(huge, 'duties');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { file: 'huge-cell.xlsx', sheet: '职能', reason: '单元格内容过长(超过10000个字符),拒绝处理' },
    ]);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('Given a CSV with a 50 MB cell When read Then that cell is refused without keeping it and later rows still read', async () => {
    const path = tmp.path('huge-cell.csv');
    writeFileSync(path, `实施主体,事项名称,事项内容\n甲,职责一,${'长'.repeat((50 * 1024 * 1024) / 3)}\n乙,职责二,短\n`);
    const { rows, problems } = await read(path, 'duties');
    expect(problems).toEqual([
      { file: 'huge-cell.csv', sheet: '', row: 2, column: '事项内容', reason: '内容超过10000个字符' },
    ]);
    expect(rows.map((r) => r.values.institution)).toEqual(['乙']);
  });

  it('Given more rows than the limit When read Then reading stops with the limit named (default 1,000,000)', async () => {
    expect(defaultReadLimits.maxRows).toBe(1_000_000);
    const path = tmp.path('too-many.csv');
    writeFileSync(
      path,
      ['机构名称,年度,指标,数值', ...Array.from({ length: 8 }, (_, i) => `甲,2024,办件量,${i}`)].join('\n'),
    );
    const { rows, problems } = await read(path, 'workload', { limits: { maxRows: 5 } });
    expect(rows).toHaveLength(5);
    expect(problems).toEqual([{ file: 'too-many.csv', sheet: '', row: 7, reason: '数据超过5行,请拆分后分批导入' }]);
  });

  it('Given many problems When read Then reading stops at the problem limit', async () => {
    const path = tmp.path('many-problems.xlsx');
    await craftWorkbook(path, [
      {
        name: '工作量',
        rows: [
          headers('workload'),
          ...Array.from({ length: 10 }, () => ['甲', 2024, '办件量', { formula: '1', result: 1 }]),
        ],
      },
    ]);
    const { problems } = await read(path, 'workload', { limits: { maxProblems: 3 } });
    expect(problems).toHaveLength(4);
    expect(problems[3]!.reason).toBe('问题已达3个,停止检查,请修正后重新导入');
  });
});

describe('CSV', () => {
  it('Given a baseline import as CSV When read Then it is refused: baseline needs a workbook', async () => {
    const path = tmp.path('baseline.csv');
    writeFileSync(path, '机构名称,机构类别\n甲,党委部门\n');
    expect((await read(path, 'baseline')).problems).toEqual([
      {
        file: 'baseline.csv',
        sheet: '',
        reason:
          '机构编制(机构、编制、领导职数)须使用包含"机构"、"编制"、"领导职数"工作表的 .xlsx 工作簿导入,不接受 CSV',
      },
    ]);
  });

  it('Given GBK without BOM, UTF-8 without BOM and UTF-16 tab-separated text When read Then all decode the same', async () => {
    const text = '机构名称,年度,指标,数值,计量单位\r\n"区政务服务中心,东区",2024,"办件""量""",12,"件\n(线上)"\r\n';
    writeFileSync(tmp.path('gbk.csv'), iconv.encode(text, 'gbk'));
    writeFileSync(tmp.path('utf8.csv'), text);
    const tsv = '机构名称\t年度\t指标\t数值\t计量单位\r\n区政务服务中心,东区\t2024\t"办件""量"""\t12\t"件\n(线上)"\r\n';
    writeFileSync(tmp.path('utf16.txt'), iconv.encode(tsv, 'utf16le', { addBOM: true }));
    for (const name of ['gbk.csv', 'utf8.csv', 'utf16.txt']) {
      const { rows, problems } = await read(tmp.path(name), 'workload');
      expect(problems).toEqual([]);
      expect(rows.map((r) => r.values)).toEqual([
        { institution: '区政务服务中心,东区', year: '2024', indicator: '办件"量"', value: '12', unit: '件\n(线上)' },
      ]);
    }
  });

  it('Given an unterminated quote When read Then the row where it starts is reported', async () => {
    const path = tmp.path('quote.csv');
    writeFileSync(path, '机构名称,年度,指标,数值\n甲,2024,办件量,1\n"乙,2024,办件量,2\n丙,2024,办件量,3\n');
    const { rows, problems } = await read(path, 'workload');
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([
      { file: 'quote.csv', sheet: '', row: 3, reason: '引号未闭合(从此行开始的单元格缺少结束的双引号)' },
    ]);
  });

  it('Given a binary file named .csv When read Then it is refused as not text', async () => {
    const path = tmp.path('binary.csv');
    writeFileSync(path, Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    expect((await read(path, 'roster')).problems[0]!.reason).toBe('文件不是有效的 CSV 文本文件');
  });
});

describe('Chinese text in large sheets', () => {
  // exceljs's streaming reader splits characters at 16 KB chunk boundaries unless decoded as a stream (issue #2063).
  const duty = (i: number) => ({
    institution: `区第${i}号机构`,
    source: '三定规定',
    title: `负责全区第${i}项经济社会发展规划的组织实施和监督检查工作`,
  });
  const many = Array.from({ length: 3000 }, (_, i) => duty(i));

  it('Given thousands of Chinese shared strings When streamed Then no character is broken', async () => {
    const path = tmp.path('cjk-shared.xlsx');
    await craftWorkbook(path, [
      {
        name: '职能',
        rows: [headers('duties').slice(0, 4), ...many.map((d) => [d.institution, d.source, '', d.title])],
      },
    ]);
    const { rows, problems } = await read(path, 'duties');
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.values.title)).toEqual(many.map((d) => d.title));
  });

  it('Given thousands of Chinese inline strings When streamed Then no character is broken', async () => {
    const path = tmp.path('cjk-inline.xlsx');
    await writeRecordsWorkbook(path, 'duties', { duties: many });
    const { rows, problems } = await read(path, 'duties');
    expect(problems).toEqual([]);
    expect(rows.map((r) => `${r.values.institution}${r.values.title}`)).toEqual(
      many.map((d) => d.institution + d.title),
    );
  });
});

describe('stopping early', () => {
  it('Given a workbook exceljs parks in temp files When reading stops early Then the temp files are still removed', async () => {
    const path = tmp.path('early-stop.xlsx');
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...sampleRecords.quotas[0]!, approved: String(i) }));
    // No shared strings: exceljs parks every sheet in a temp file until it has seen the whole zip.
    await writeRecordsWorkbook(path, 'baseline', { institutions: [], quotas: rows(3000), posts: [] });
    const parked = makeTempDir('bianzhi-io-parked-');
    // exceljs's temp files go to os.tmpdir(), which follows TMPDIR.
    vi.stubEnv('TMPDIR', parked.dir);
    try {
      const limited = await read(path, 'baseline', { limits: { maxRows: 5 } });
      expect(limited.problems.at(-1)?.reason).toBe('数据超过5行,请拆分后分批导入');
      for await (const item of readTableFile(path, { kind: 'baseline' })) if (!('reason' in item)) break;
      const deadline = Date.now() + 10_000;
      while (readdirSync(parked.dir).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(readdirSync(parked.dir)).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      parked.remove();
    }
  });
});

describe('dates in Chinese formats', () => {
  it('Given dates formatted with built-in Chinese formats (absent from styles.xml) When read Then they are dates', async () => {
    const path = tmp.path('zh-dates.xlsx');
    const styles =
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' +
      '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="57" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';
    const inline = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const header = ['机构名称', '机构类别', '成立日期'].map((h, i) => inline(`${'ABC'[i]}1`, h)).join('');
    const row = (n: number, style: number) =>
      `<row r="${n}">${inline(`A${n}`, '区委办公室')}${inline(`B${n}`, '党委部门')}<c r="C${n}" s="${style}"><v>43861</v></c></row>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData><row r="1">${header}</row>${row(2, 1)}${row(3, 2)}${row(4, 0)}</sheetData></worksheet>`;
    await craftRawXlsx(path, xml, { sheetName: '机构', extra: { 'xl/styles.xml': styles } });
    const { rows } = await read(path, 'baseline');
    expect(rows.map((r) => r.values.establishedOn)).toEqual(['2020-01-31', '2020-01-31', '43861']);
  });
});

describe('entry order in the zip', () => {
  it('Given shared strings stored as the last, small entry after a sheet When read Then they are not skipped', async () => {
    const path = tmp.path('strings-last.xlsx');
    const strings = ['机构名称', '编制类别', '核定编制数', '区委办公室', '行政编制'];
    const sst =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      strings.map((t) => `<si><t>${t}</t></si>`).join('') +
      '</sst>';
    const s = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1">${s('A1', 0)}${s('B1', 1)}${s('C1', 2)}</row>` +
      `<row r="2">${s('A2', 3)}${s('B2', 4)}<c r="C2"><v>7</v></c></row></sheetData></worksheet>`;
    await craftRawXlsx(path, xml, { sheetName: '编制', extra: { 'xl/sharedStrings.xml': sst } });
    const { rows, problems } = await read(path, 'baseline');
    expect(problems.filter((p) => p.sheet === '编制')).toEqual([]);
    expect(rows.map((r) => r.values)).toEqual([{ institution: '区委办公室', category: '行政编制', approved: '7' }]);
  });
});
