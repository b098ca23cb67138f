import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { tableAfter } from '../../test/helpers/report.js';
import { margins, page, sizes, textWidth } from './report-layout.js';
import type { ReportTable } from './report-model.js';
import { columnWidths, escapeXml, spliceParagraphs, tableXml } from './report-table-xml.js';

/** The table as the renderer built it through docx's objects before it wrote the XML itself. */
function docxTable(t: ReportTable, size: number): Table {
  const small = size === sizes.smallTable;
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          style: header ? 'TableHeader' : 'TableText',
          alignment: !header && /^[\d.%—-]+$/.test(text) ? AlignmentType.CENTER : undefined,
          children: [new TextRun(small ? { text } : { text, size })],
        }),
      ],
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: columnWidths(t),
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    rows: [
      new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
    ],
  });
}

async function docxTableXml(t: ReportTable, size: number): Promise<string> {
  const doc = new Document({
    sections: [
      { properties: { page: { size: page, margin: margins } }, children: [docxTable(t, size), new Paragraph('')] },
    ],
  });
  const xml = strFromU8(unzipSync(await Packer.toBuffer(doc))['word/document.xml']!);
  return xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>') + '</w:tbl>'.length);
}

const hostile: ReportTable = {
  title: '其他问题清单',
  header: ['序号', '问题类型(程度)', '涉及单位', '主要数据', '问题描述'],
  rows: [
    ['1', 'A<B>&C', "“甲”、'乙'", '占比12.5%', '标题含<&>"\'与控制字符\u0001\u001f和制表符\t'],
    ['2', '', '—', '0.85', '  前后空格  '],
    ['10', '&amp;', '<w:t>', ']]>', '第2项问题：核定编制20名，实有28人'],
  ],
  widths: [1, 4, 3, 4, 6],
};

describe('report tables written as XML', () => {
  it.each([
    ['4号 with sizes in the runs', sizes.table],
    ['5号 of a long table, the style’s size', sizes.smallTable],
  ])(
    'Given a table with markup characters When written (%s) Then the XML is docx’s own, byte for byte',
    async (_, size) => {
      expect([...tableXml(hostile, size)].join('')).toBe(await docxTableXml(hostile, size));
    },
  );

  it('Given widths that do not divide the text width When written Then the grid and cell widths are docx’s', async () => {
    const t: ReportTable = { title: 't', header: ['a', 'b', 'c'], rows: [['1', 'x', '—']], widths: [1, 2, 4] };
    expect([...tableXml(t, sizes.table)].join('')).toBe(await docxTableXml(t, sizes.table));
    expect(columnWidths(t).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(textWidth);
  });

  it('Given a long table When written in pieces Then the pieces make the whole table, one row per model row', () => {
    const t: ReportTable = {
      ...hostile,
      rows: Array.from({ length: 5000 }, (_, i) => [String(i + 1), '类型', '单位', '—', `问题<${i}>&"`]),
    };
    const pieces = [...tableXml(t, sizes.smallTable, 10_000)];
    expect(pieces.length).toBeGreaterThan(10);
    const xml = pieces.join('');
    expect(xml).toBe([...tableXml(t, sizes.smallTable)].join(''));
    const document = `<w:p><w:r><w:t>${t.title}</w:t></w:r></w:p>${xml}`;
    const rows = tableAfter(document, t.title);
    expect(rows).toEqual([t.header, ...t.rows]);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(5000);
  });

  it('Given a row of a different number of cells than columns When written Then it is refused', () => {
    expect(() => [...tableXml({ ...hostile, rows: [['1', '2']] }, sizes.table)]).toThrow(/2 cells, 5 columns/);
  });

  it('Given placeholders When spliced Then each whole paragraph is replaced and a missing one is an error', () => {
    const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
    const doc = `<w:body>${p('a')}${p('m1')}${p('b')}${p('m2')}</w:body>`;
    const spliced = [
      ...spliceParagraphs(doc, [
        { marker: 'm1', xml: () => ['<T1/>'] },
        { marker: 'm2', xml: () => ['<T2', '/>'] },
      ]),
    ].join('');
    expect(spliced).toBe(`<w:body>${p('a')}<T1/>${p('b')}<T2/></w:body>`);
    expect(() => [...spliceParagraphs(doc, [{ marker: 'm3', xml: () => [] }])]).toThrow(/m3 not found/);
  });
});
