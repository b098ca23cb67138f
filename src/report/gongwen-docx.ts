/**
 * The 公文 layout every bianzhi document shares (GB/T 9704-2012): styles with the official fonts and sizes, the page
 * (A4, margins, 22×28 grid), page numbers "— N —", 署名 and 成文日期 placed without a seal, and the 版记 (抄送,
 * 印发机关和印发日期) between its lines. Used by the 调研报告 and the 用编核准通知单.
 */
import {
  AlignmentType,
  BorderStyle,
  DocumentGridType,
  Footer,
  LineRuleType,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
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

/** The same face in every script slot: digits and Latin letters in an official text are set in the body font too. */
export const face = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

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

export const gongwenStyles = (target: RenderTarget) => ({
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

export const body = (text: string, runs: IRunOptions[] = []) =>
  new Paragraph({ style: 'BodyText', children: [...runs.map((r) => new TextRun(r)), new TextRun(text)] });
export const heading1 = (text: string) => new Paragraph({ style: 'Heading1', children: [new TextRun(text)] });
export const heading2 = (text: string) => new Paragraph({ style: 'Heading2', children: [new TextRun(text)] });
export const blank = () => new Paragraph({ children: [] });

export function pageNumberFooter(side: 'odd' | 'even') {
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

/** The section of a 公文: A4, the margins, the grid (Word) or the line pitch (LibreOffice), page numbers. */
export const gongwenSection = (target: RenderTarget) => ({
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
});

/** 署名 and 成文日期 placed by closeIndents (widths in characters of the 28-character line). */
export function signature(issuer: string, date: string): Paragraph[] {
  const keep = { keepNext: true, keepLines: true } as const;
  const charTwips = textWidth / 28;
  const at = closeIndents(issuer, date);
  return [
    new Paragraph({ ...keep, indent: { left: Math.round(at.issuer * charTwips) }, children: [new TextRun(issuer)] }),
    new Paragraph({
      keepLines: true,
      indent: { left: Math.round(at.date * charTwips) },
      children: [new TextRun(date)],
    }),
  ];
}

/**
 * 发文字号 (GB/T 9704-2012 7.2.4): centred under the 发文机关标志, two lines below it, with the 分隔线 (a red line the
 * width of the 版心) beneath.
 */
export function docNumberLine(number: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } },
    children: [new TextRun(number)],
  });
}

/** 发文机关标志: the issuer's name in red 小标宋, centred (7.2.3). */
export function issuerMark(issuer: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: issuer, font: face(fonts.title.name), size: sizes.title, color: 'C00000' })],
  });
}

/**
 * 版记 (7.4): 抄送机关 (左右各空一字，"抄送"后全角冒号，最后一个机关名称后标句号) and 印发机关和印发日期 (印发机关左空一字，
 * 印发日期右空一字), 4号仿宋, between the 首条 and 末条分隔线 (粗线) with a thin line between them.
 */
export function versionNote(copiesTo: string[], printedBy: string, printedOn: string): Paragraph[] {
  const run = (text: string) => new TextRun({ text, size: sizes.table });
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 } as const;
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 } as const;
  const out: Paragraph[] = [];
  if (copiesTo.length) {
    out.push(
      new Paragraph({
        keepNext: true,
        indent: { left: oneCharTwips, right: oneCharTwips },
        border: { top: thick, bottom: thin },
        children: [run(`抄送：${copiesTo.join('，')}。`)],
      }),
    );
  }
  out.push(
    new Paragraph({
      indent: { left: oneCharTwips, right: oneCharTwips },
      tabStops: [{ type: 'right', position: textWidth - 2 * oneCharTwips }],
      border: { ...(copiesTo.length ? {} : { top: thick }), bottom: thick },
      children: [run(printedBy), new TextRun({ text: `\t${printedOn}印发`, size: sizes.table })],
    }),
  );
  return out;
}
