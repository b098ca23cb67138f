/** Test helpers for src/io (kept out of the production folder): temp folders, sample records of every kind, odd workbooks crafted in memory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { idNumberCheckChar, usccCheckChar } from '../src/domain/codes.js';
import type { RecordKind } from '../src/domain/records.js';
import { isProblem, type RawRow, type TableProblem } from '../src/io/table-problem.js';

export function makeTempDir(prefix = 'bianzhi-io-'): {
  dir: string;
  path: (name: string) => string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);
export const uscc = (first17: string) => first17 + usccCheckChar(first17);

/** Valid records (as strings, labels not codes) for every kind: what a user would type. */
export const sampleRecords: Record<RecordKind, Record<string, string>[]> = {
  institutions: [
    {
      name: '区委办公室',
      kind: '党委部门',
      rank: '正科',
      code: uscc('11370102MB0000001'),
      alsoNamed: '区委机要局、区委保密办',
      civilServiceManaged: '否',
      establishedOn: '2001-03-15',
    },
    {
      name: '区融媒体中心',
      kind: '事业单位',
      rank: '正科',
      parent: '区委宣传部',
      piClass: '公益一类',
      funding: '全额',
      civilServiceManaged: '否',
    },
  ],
  quotas: [
    { institution: '区委办公室', category: '行政编制', approved: '12' },
    { institution: '区融媒体中心', category: '事业编制', approved: '30' },
  ],
  posts: [
    { institution: '区委办公室', level: '正科', postClass: '行政类', approved: '1' },
    { institution: '区委办公室', level: '副科', postClass: '行政类', approved: '3' },
  ],
  roster: [
    {
      name: '张三',
      idNumber: idNumber('37010219850312001'),
      gender: '男',
      birthDate: '1985-03-12',
      education: '大学本科',
      degree: '学士',
      titleLevel: '无',
      politicalStatus: '中共党员',
      joinedWorkOn: '2007-07-01',
      institution: '区委办公室',
      category: '行政编制',
      post: '科员',
      startOn: '2010-01-01',
      unit: '秘书科',
    },
    {
      name: '李晓梅',
      idNumber: idNumber('37010219900101002'),
      gender: '女',
      institution: '区融媒体中心',
      category: '事业编制',
      leadershipLevel: '正科',
      postClass: '事业类',
      startOn: '2015-09-01',
    },
  ],
  duties: [
    {
      institution: '区市场监督管理局',
      source: '权责清单',
      category: '行政处罚',
      title: '对生产经营不符合食品安全标准的食品的处罚',
      text: '没收违法所得、违法生产经营的食品,并处罚款;"情节严重的"吊销许可证',
      legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
      domains: '市场监管、食品安全',
      role: '牵头',
      itemCode: '0370102001',
    },
    { institution: '区委办公室', source: '三定规定', title: '负责区委机关日常运转', text: '协调,督办\n综合' },
  ],
  workload: [
    { institution: '区政务服务中心', year: '2024', indicator: '办件量', value: '125000', unit: '件' },
    { institution: '区城管局', year: '2024', indicator: '管辖面积', value: '86.5', unit: '平方公里' },
  ],
  indicators: [
    { year: '2024', indicator: '常住人口', value: '356000' },
    { scope: '东城街道', year: '2024', indicator: '经济类型', text: '商贸服务为主' },
  ],
};

/** Collects a reader's output. */
export async function collect(items: AsyncIterable<RawRow | TableProblem>) {
  const rows: RawRow[] = [];
  const problems: TableProblem[] = [];
  for await (const item of items) {
    if (isProblem(item)) problems.push(item);
    else rows.push(item);
  }
  return { rows, problems };
}

export interface CraftedSheet {
  name: string;
  /** Row arrays starting at row 1, column A; cell values as exceljs takes them (formulas, dates, rich text…). */
  rows: unknown[][];
  merges?: string[];
}

/** A small workbook through exceljs's in-memory API: for odd cells (formulas, merges, dates) a user's file may have. */
export async function craftWorkbook(path: string, sheets: CraftedSheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== undefined) ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue;
      });
    });
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(path);
}

/** A minimal but valid xlsx whose first sheet's XML is given verbatim (for cells exceljs would never write). */
export async function craftRawXlsx(
  path: string,
  sheetXml: string | Buffer,
  opts: { sheetName?: string; store?: boolean; extra?: Record<string, string | Buffer> } = {},
): Promise<void> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      `<sheet name="${opts.sheetName ?? '人员'}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  // An absolute target, as openpyxl writes it.
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>' +
      '</Relationships>',
  );
  zip.file('xl/worksheets/sheet1.xml', sheetXml, opts.store ? { compression: 'STORE' } : {});
  for (const [name, content] of Object.entries(opts.extra ?? {})) zip.file(name, content);
  await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Sheet XML with inline-string rows. */
export function sheetXml(rows: string[][], tail = ''): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">` +
        r.map((v, j) => `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('') +
        '</row>',
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetData>${body}</sheetData>${tail}</worksheet>`
  );
}
