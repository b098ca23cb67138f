/**
 * The report model laid out as a GB/T 9704-2012 document (.docx): A4, 22×28 grid, 小标宋/仿宋/黑体/楷体, "— N —".
 * docx@9 lays out everything but the tables' rows, which report-table-xml.ts writes into the packed document.
 */
import { randomUUID } from 'node:crypto';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { ChartRun } from 'docx/charts';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import {
  blank,
  body,
  face,
  gongwenSection,
  gongwenStyles,
  heading1,
  heading2,
  signature,
  type RenderTarget,
} from './gongwen-docx.js';
import { fonts, oneCharTwips, sizes } from './report-layout.js';
import { chineseDate, type Appendix, type ReportChart, type ReportModel, type ReportTable } from './report-model.js';
import { spliceParagraphs, tableXml } from './report-table-xml.js';

export { closeIndents, type RenderTarget } from './gongwen-docx.js';

/** A table still to be written: its placeholder paragraph in the document, and what replaces it (report-table-xml.ts). */
interface PendingTable {
  marker: string;
  table: ReportTable;
  size: number;
}

function table(t: ReportTable, size: number, pending: PendingTable[]): Paragraph[] {
  // the table itself is written as XML into the packed document, in place of this placeholder: docx's object tree
  // for a 16,000-row appendix took about 1 GB
  const marker = `bianzhi-table-${randomUUID()}`;
  pending.push({ marker, table: t, size });
  return [
    new Paragraph({ style: 'Caption', children: [new TextRun(t.title)] }),
    new Paragraph({ children: [new TextRun(marker)] }),
    blank(),
  ];
}

function chart(c: ReportChart): Paragraph[] {
  const font = { name: fonts.body.name };
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ChartRun({
          type: 'column',
          title: { text: c.title, font: { ...font, size: 12 } },
          categories: c.categories,
          series: c.series,
          stacking: c.stacked ? 'stacked' : 'none',
          font,
          legend: c.series.length > 1 ? { position: 'bottom' } : false,
          dataLabels: c.stacked ? undefined : { value: true },
          transformation: { width: 560, height: 300 },
          altText: { name: c.title, description: c.title },
        }),
      ],
    }),
    blank(),
  ];
}

/** The close: 附件说明, 署名 and 成文日期, each paragraph kept with the next so that none stands alone on a page. */
function close(m: ReportModel): Paragraph[] {
  const keep = { keepNext: true, keepLines: true } as const;
  const out: Paragraph[] = [];
  // 附件说明: 正文下空一行左空二字编排"附件"二字，后标全角冒号和附件名称；多个附件用阿拉伯数字标序号，名称后不加标点
  if (m.appendices.length) {
    out.push(new Paragraph({ ...keep, children: [] }));
    const many = m.appendices.length > 1;
    m.appendices.forEach((a, i) =>
      out.push(
        new Paragraph({
          ...keep,
          // 回行与附件名称首字对齐: "附件：" is three characters, "1." one more
          indent: i === 0 ? { left: 2 * oneCharTwips } : { left: 5 * oneCharTwips },
          children: [new TextRun(`${i === 0 ? '附件：' : ''}${many ? `${a.number}.` : ''}${a.title}`)],
        }),
      ),
    );
  }
  out.push(new Paragraph({ ...keep, children: [] }), ...signature(m.issuer, chineseDate(m.issuedOn)));
  return out;
}

/** An attachment: "附件N" in 黑体 at the top left, its title, then its paragraphs, tables and charts. */
function appendix(a: Appendix, pending: PendingTable[], newPage: boolean): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      pageBreakBefore: newPage,
      children: [new TextRun({ text: `附件${a.number}`, font: face(fonts.heading1.name) })],
    }),
    blank(),
    new Paragraph({ style: 'ReportTitle', children: [new TextRun(a.title)] }),
    blank(),
  ];
  for (const b of a.blocks) {
    if (b.kind === 'paragraph') out.push(body(b.text));
    else if (b.kind === 'table')
      out.push(...table(b.table, b.table.rows.length > 30 ? sizes.smallTable : sizes.table, pending));
    else out.push(...chart(b.chart));
  }
  return out;
}

function documentChildren(m: ReportModel, pending: PendingTable[]): Paragraph[] {
  const out: Paragraph[] = [];
  out.push(new Paragraph({ style: 'ReportTitle', children: [new TextRun(m.title)] }), blank());
  if (m.notice) {
    // an empty district: the notice of what is missing, then the close
    out.push(new Paragraph({ style: 'BodyText', keepNext: true, keepLines: true, children: [new TextRun(m.preface)] }));
    out.push(...close(m));
    return out;
  }
  out.push(body(m.preface));

  out.push(heading1('一、机构编制情况'));
  for (const s of m.situation) out.push(body(s.text, [{ text: s.heading, font: face(fonts.heading2.name) }]));

  out.push(heading1('二、主要问题'), body(m.problemsIntro));
  for (const p of m.problems) {
    out.push(heading2(p.heading));
    for (const it of p.items) out.push(body(it.text, [{ text: `${it.number}.${it.label}。`, bold: true }]));
  }

  out.push(heading1('三、改进措施与建议'), body(m.measuresIntro));
  for (const s of m.measures) {
    out.push(heading2(s.heading));
    if (s.intro) out.push(body(s.intro));
    for (const it of s.items) out.push(body(it.text, [{ text: `${it.number}.` }]));
    if (s.closing) out.push(body(s.closing));
  }
  // the last paragraph goes with the close: no page carries the 署名 without body text
  out.push(
    new Paragraph({
      style: 'BodyText',
      keepNext: true,
      keepLines: true,
      children: [new TextRun(m.conclusion)],
    }),
  );
  out.push(...close(m));

  for (const a of m.appendices) out.push(...appendix(a, pending, true));
  return out;
}

export async function renderReportDocx(m: ReportModel, opts: { target?: RenderTarget } = {}): Promise<Buffer> {
  const pending: PendingTable[] = [];
  return pack({ title: m.title, issuer: m.issuer }, documentChildren(m, pending), pending, opts.target ?? 'word');
}

/**
 * One attachment on its own (e.g. 方案比选, to be put before the 编委 with a report or a 请示), in the report's layout:
 * the same page, grid, fonts, tables and page numbers.
 */
export async function renderAttachmentDocx(
  a: Appendix,
  meta: { issuer: string },
  opts: { target?: RenderTarget } = {},
): Promise<Buffer> {
  const pending: PendingTable[] = [];
  return pack({ title: a.title, issuer: meta.issuer }, appendix(a, pending, false), pending, opts.target ?? 'word');
}

async function pack(
  meta: { title: string; issuer: string },
  children: Paragraph[],
  pending: PendingTable[],
  target: RenderTarget,
): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    creator: meta.issuer,
    styles: gongwenStyles(target),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        ...gongwenSection(target),
        children,
      },
    ],
  });
  return withTables(await Packer.toBuffer(doc), pending);
}

/** The packed document with each placeholder paragraph replaced by its table; the package's other files as they are. */
function withTables(docx: Buffer, pending: PendingTable[]): Buffer {
  const files = unzipSync(docx);
  const document = files[documentPath];
  if (!document) throw new Error(`${documentPath} missing from the packed report`);
  const pieces: Buffer[] = [];
  for (const piece of spliceParagraphs(
    strFromU8(document),
    pending.map((p) => ({ marker: p.marker, xml: () => tableXml(p.table, p.size) })),
  ))
    pieces.push(Buffer.from(piece, 'utf8'));
  files[documentPath] = Buffer.concat(pieces);
  // fflate zips the files in the order given, each deflated, as docx's Packer does (docx@9 zips with fflate)
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

const documentPath = 'word/document.xml';
