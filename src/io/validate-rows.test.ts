import { describe, expect, it } from 'vitest';
import { recordColumns, type RecordKind } from '../domain/records.js';
import type { RawRow, TableProblem } from './table-problem.js';
import { sampleRecords } from '../../test/io-fixtures.js';
import { formatProblem, isProblem, validateRecords, validateTable, type LocatedRecord } from './validate-rows.js';

const ctx = { today: '2025-06-30' };

function raw(kind: RecordKind, row: number, values: Record<string, string>, headers?: Record<string, string>): RawRow {
  const r: RawRow = { kind, file: 'a.xlsx', sheet: kind === 'roster' ? '人员' : '编制', row, values };
  if (headers) r.headers = headers;
  return r;
}

async function run<K extends RecordKind>(kind: K, rows: (RawRow | TableProblem)[]) {
  const records: LocatedRecord<K>[] = [];
  const problems: TableProblem[] = [];
  for await (const x of validateRecords(kind, rows, ctx)) {
    if (isProblem(x)) problems.push(x);
    else records.push(x);
  }
  return { records, problems };
}

const person = sampleRecords.roster[0]!;

describe('validateRecords', () => {
  it('Given a valid roster row When validated Then a typed record keeps its location', async () => {
    const { records, problems } = await run('roster', [raw('roster', 12, person)]);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        kind: 'roster',
        file: 'a.xlsx',
        sheet: '人员',
        row: 12,
        record: expect.objectContaining({
          name: '张三',
          idNumber: person.idNumber,
          category: 'admin',
          startOn: '2010-01-01',
        }),
      },
    ]);
  });

  it('Given a wrong ID check digit When validated Then row, column and the Chinese reason are given', async () => {
    const good = person.idNumber!;
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const { records, problems } = await run('roster', [raw('roster', 12, { ...person, idNumber: bad })]);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      { file: 'a.xlsx', sheet: '人员', row: 12, column: '公民身份号码', reason: '身份证号码校验位错误(GB 11643)' },
    ]);
    expect(formatProblem(problems[0]!)).toBe(
      '文件 a.xlsx,工作表"人员",第12行,"公民身份号码"列:身份证号码校验位错误(GB 11643)',
    );
  });

  it('Given the file used a synonym header When a cell fails Then the column is named as in the file', async () => {
    const { problems } = await run('roster', [
      raw('roster', 3, { ...person, idNumber: '123' }, { idNumber: '身份证号', name: '姓名' }),
    ]);
    expect(problems).toEqual([
      {
        file: 'a.xlsx',
        sheet: '人员',
        row: 3,
        column: '身份证号',
        reason: '身份证号码应为18位(前17位数字,末位数字或X)',
      },
    ]);
  });

  it('Given a negative quota and an unknown category label When validated Then each column gets its reason', async () => {
    const { problems } = await run('quotas', [
      raw('quotas', 5, { institution: '区委办公室', category: '行政编', approved: '-3' }),
    ]);
    expect(problems).toEqual([
      {
        file: 'a.xlsx',
        sheet: '编制',
        row: 5,
        column: '编制类别',
        reason: '编制类别"行政编"无效,应为:行政编制/政法专项编制/乡镇(街道)行政编制/工勤编制/事业编制',
      },
      { file: 'a.xlsx', sheet: '编制', row: 5, column: '核定编制数', reason: '不能为负数(-3)' },
    ]);
  });

  it('Given a future date and a blank required cell When validated Then both are reported', async () => {
    const { problems } = await run('roster', [raw('roster', 7, { ...person, startOn: '2030-01-01', name: ' ' })]);
    expect(problems.map(formatProblem)).toEqual([
      '文件 a.xlsx,工作表"人员",第7行,"姓名"列:不能为空',
      '文件 a.xlsx,工作表"人员",第7行,"入编时间"列:日期 2030-01-01 晚于今天(2025-06-30)',
    ]);
  });

  it('Given sparse values (columns absent) When validated Then missing required ones read as blank, in Chinese', async () => {
    const { problems } = await run('quotas', [raw('quotas', 2, { institution: '区委办公室' })]);
    expect(problems.map((p) => [p.column, p.reason])).toEqual([
      ['编制类别', '不能为空'],
      ['核定编制数', '不能为空'],
    ]);
  });

  it("Given the reader's problems in the stream When validated Then they pass through in order", async () => {
    const readerProblem: TableProblem = {
      file: 'a.xlsx',
      sheet: '人员',
      row: 2,
      column: '公民身份号码',
      reason: '身份证号码必须以文本格式保存',
    };
    const { records, problems } = await run('roster', [readerProblem, raw('roster', 3, person)]);
    expect(problems).toEqual([readerProblem]);
    expect(records.map((r) => r.row)).toEqual([3]);
  });

  it('Given a row of another kind When validated as roster Then it is a programming error', async () => {
    await expect(run('roster', [raw('quotas', 2, sampleRecords.quotas[0]!)])).rejects.toThrow(/got a quotas row/);
  });
});

describe('validateTable', () => {
  it('Given rows of several kinds (a baseline workbook) When validated Then each uses its own schema', async () => {
    const items: RawRow[] = [
      raw('institutions', 2, sampleRecords.institutions[0]!),
      raw('quotas', 2, sampleRecords.quotas[0]!),
      raw('posts', 2, { ...sampleRecords.posts[0]!, approved: 'x' }),
    ];
    const out = [];
    for await (const x of validateTable(items, ctx)) out.push(x);
    expect(out).toEqual([
      expect.objectContaining({ kind: 'institutions', record: expect.objectContaining({ kind: 'party_dept' }) }),
      expect.objectContaining({
        kind: 'quotas',
        record: { institution: '区委办公室', category: 'admin', approved: 12 },
      }),
      { file: 'a.xlsx', sheet: '编制', row: 2, column: '核定职数', reason: '"x"不是整数' },
    ]);
  });
});

describe('formatProblem', () => {
  it('Given problems with fewer parts When formatted Then absent parts are left out', () => {
    expect(formatProblem({ file: 'b.csv', sheet: '', row: 3, reason: '引号未闭合' })).toBe(
      '文件 b.csv,第3行:引号未闭合',
    );
    expect(formatProblem({ file: 'c.xlsx', sheet: '', reason: '文件为空' })).toBe('文件 c.xlsx:文件为空');
  });
  it('Given every column spec When a row is validated Then every column key exists in the schema (specs and schemas agree)', async () => {
    for (const kind of Object.keys(recordColumns) as RecordKind[]) {
      const values = Object.fromEntries(recordColumns[kind].map((s) => [s.key, '']));
      const { problems } = await run(kind, [raw(kind, 2, values)]);
      for (const p of problems) expect(recordColumns[kind].map((s) => s.header)).toContain(p.column);
    }
  });
});
