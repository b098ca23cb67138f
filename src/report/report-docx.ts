/**
 * The report model laid out as a GB/T 9704-2012 document (.docx): A4, 22×28 grid, 小标宋/仿宋/黑体/楷体, "— N —".
 * docx@9 lays out everything but the tables' rows, which report-table-xml.ts writes into the packed document.
 */
import { randomUUID } from 'node:crypto';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import { ChartRun } from 'docx/charts';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import {
  charSpace,
  firstLineChars,
  fonts,
  footerDistance,
  linePitch,
  margins,
  oneCharTwips,
  page,
  pageNumberIndent,
  sizes,
  textWidth,
} from './report-layout.js';
import { chineseDate, type Appendix, type ReportChart, type ReportModel, type ReportTable } from './report-model.js';
import { spliceParagraphs, tableXml } from './report-table-xml.js';

/** The same face in every script slot: digits and Latin letters in an official text are set in the body font too. */
const face = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

/**
 * Word keeps 28 characters of 3号 in the 156 mm line through the grid's negative charSpace. LibreOffice lays each
 * character wider than a grid cell over two cells instead (half the text per line) and snaps table lines to the grid,
 * so the copy it converts to PDF has no grid: the same squeeze as character spacing (−0.25 pt: 28 × 15.75 pt fits
 * 156 mm) and the grid's line pitch as exact line spacing.
 */
export type RenderTarget = 'word' | 'libreoffice';
const libreOfficeSqueeze = -5;

/** 一级/二级标题: 黑体/楷体 on the body's first-line indent, kept with the paragraph that follows. */
const heading = (level: 1 | 2, font: string) => ({
  id: `Heading${level}`,
  name: `heading ${level}`,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: face(font), size: sizes.heading },
  paragraph: { indent: { firstLineChars, firstLine: 2 * oneCharTwips }, outlineLevel: level - 1, keepNext: true },
});

const styles = (target: RenderTarget) => ({
  default: {
    document: {
      run: { font: face(fonts.body.name), size: sizes.body },
      paragraph: { spacing: { before: 0, after: 0 } },
    },
  },
  paragraphStyles: [
    {
      // the grid's character pitch is reckoned from Normal's size: LibreOffice reads it there, not from docDefaults
      id: 'Normal',
      name: 'Normal',
      quickFormat: true,
      run: {
        font: face(fonts.body.name),
        size: sizes.body,
        ...(target === 'libreoffice' ? { characterSpacing: libreOfficeSqueeze } : {}),
      },
      // without a grid, LibreOffice gets the 22 lines from an exact line pitch (tables and charts set their own)
      ...(target === 'libreoffice'
        ? { paragraph: { spacing: { line: linePitch, lineRule: LineRuleType.EXACT } } }
        : {}),
    },
    {
      id: 'ReportTitle',
      name: '公文标题',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: face(fonts.title.name), size: sizes.title },
      paragraph: { alignment: AlignmentType.CENTER },
    },
    heading(1, fonts.heading1.name),
    heading(2, fonts.heading2.name),
    {
      id: 'BodyText',
      name: '公文正文',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      paragraph: { indent: { firstLineChars, firstLine: 2 * oneCharTwips }, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: 'TableText',
      name: '表格文字',
      basedOn: 'Normal',
      // table lines follow the text, not the page grid: a 579-twip pitch would make every row a body line high
      run: { size: sizes.smallTable, snapToGrid: false },
      // exact spacing: LibreOffice otherwise snaps table lines to the page's line grid too
      paragraph: { spacing: { line: Math.round(sizes.smallTable * 10 * 1.25), lineRule: LineRuleType.EXACT } },
    },
    {
      id: 'TableHeader',
      name: '表头',
      basedOn: 'TableText',
      run: { font: face(fonts.heading1.name) },
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: 'Caption',
      name: 'caption',
      basedOn: 'Normal',
      next: 'BodyText',
      run: { font: face(fonts.heading1.name), size: sizes.table },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    },
  ],
});

const body = (text: string, runs: IRunOptions[] = []) =>
  new Paragraph({ style: 'BodyText', children: [...runs.map((r) => new TextRun(r)), new TextRun(text)] });
const heading1 = (text: string) => new Paragraph({ style: 'Heading1', children: [new TextRun(text)] });
const heading2 = (text: string) => new Paragraph({ style: 'Heading2', children: [new TextRun(text)] });
const blank = () => new Paragraph({ children: [] });

function pageNumberFooter(side: 'odd' | 'even') {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: pageNumberIndent } : { left: pageNumberIndent },
        spacing: { line: sizes.pageNumber * 10 * 1.3, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({
            font: face(fonts.pageNumber.name),
            size: sizes.pageNumber,
            snapToGrid: false,
            // 一字线 (U+2014) either side of the number
            children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'],
          }),
        ],
      }),
    ],
  });
}

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

/**
 * 署名 and 成文日期 of a document without seal (GB/T 9704-2012 7.3.5.2): the 署名 two characters from the right edge, the
 * date on the next line, its first character two characters right of the 署名's first; a date longer than that allows
 * keeps two characters from the right edge and moves the 署名 left instead. Widths in characters of the 28-character
 * line (digits are half-width).
 */
export function closeIndents(issuer: string, date: string): { issuer: number; date: number } {
  const width = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 0.5 : 1), 0);
  const line = 28;
  let issuerAt = line - 2 - width(issuer);
  let dateAt = issuerAt + 2;
  if (dateAt + width(date) > line - 2) {
    dateAt = line - 2 - width(date);
    issuerAt = dateAt - 2;
  }
  return { issuer: Math.max(0, issuerAt), date: Math.max(0, dateAt) };
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
  const charTwips = textWidth / 28;
  const date = chineseDate(m.issuedOn);
  const at = closeIndents(m.issuer, date);
  out.push(
    new Paragraph({ ...keep, children: [] }),
    new Paragraph({
      ...keep,
      indent: { left: Math.round(at.issuer * charTwips) },
      children: [new TextRun(m.issuer)],
    }),
    new Paragraph({
      keepLines: true,
      indent: { left: Math.round(at.date * charTwips) },
      children: [new TextRun(date)],
    }),
  );
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
    styles: styles(target),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: { ...margins, footer: footerDistance },
          },
          grid:
            target === 'word'
              ? { type: DocumentGridType.LINES_AND_CHARS, linePitch, charSpace }
              : { type: DocumentGridType.DEFAULT, linePitch },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
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
