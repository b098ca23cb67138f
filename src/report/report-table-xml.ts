/**
 * The report's tables as WordprocessingML written directly, row by row, instead of through docx's object tree: an
 * appendix may hold tens of thousands of cells, each of which docx@9 keeps as several objects and then as XML again
 * (about 1 GB for 16,000 rows). The XML is the one docx writes for the same table (tblPr, tblGrid, w:tcW of each cell,
 * w:tblHeader, w:cantSplit, paragraph styles), byte for byte; report-table-xml.test.ts holds it against docx's own.
 */
import { sizes, textWidth } from './report-layout.js';
import type { ReportTable } from './report-model.js';

const escapes: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/** Text escaped as docx escapes it: the five XML entities, and the control characters XML 1.0 does not allow dropped. */
// eslint-disable-next-line no-control-regex
export const escapeXml = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => escapes[c] ?? '');

/** Cells whose text is a number, a percentage or a dash are centred. */
const centred = (text: string) => /^[\d.%—-]+$/.test(text);

/** Grid column widths: the relative widths over the 版心 width, in twips. */
export const columnWidths = (t: ReportTable) => {
  const total = t.widths.reduce((a, b) => a + b, 0);
  return t.widths.map((w) => Math.floor((textWidth * w) / total));
};

/**
 * The table (w:tbl) as XML, in pieces of about `chunk` characters: the table properties and grid, the header row
 * (repeated on every page) and the body rows (not split across pages). `size` is the text size in half-points; the
 * 五号 of a long table is the TableText style's own, so its runs carry none.
 */
export function* tableXml(t: ReportTable, size: number, chunk = 1 << 18): Generator<string> {
  const grid = columnWidths(t);
  const gridTotal = grid.reduce((a, b) => a + b, 0);
  // docx stretches the cells' widths to the table's when the floored columns fall short of it
  const scale = gridTotal > 0 && textWidth > gridTotal ? textWidth / gridTotal : 1;
  const cellOpen = grid.map((w) => `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${Math.round(w * scale)}"/></w:tcPr><w:p>`);
  const run =
    size === sizes.smallTable
      ? '<w:r><w:t xml:space="preserve">'
      : `<w:r><w:rPr><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">`;
  const cellClose = '</w:t></w:r></w:p></w:tc>';
  const cell = (i: number, style: string, text: string) =>
    `${cellOpen[i]}<w:pPr><w:pStyle w:val="${style}"/>${
      style === 'TableText' && centred(text) ? '<w:jc w:val="center"/>' : ''
    }</w:pPr>${run}${escapeXml(text)}${cellClose}`;
  const row = (cells: string[], header: boolean) => {
    if (cells.length !== grid.length)
      throw new Error(`table ${t.title}: a row of ${cells.length} cells, ${grid.length} columns`);
    return `<w:tr><w:trPr>${header ? '<w:tblHeader/>' : '<w:cantSplit/>'}</w:trPr>${cells
      .map((c, i) => cell(i, header ? 'TableHeader' : 'TableText', c))
      .join('')}</w:tr>`;
  };

  const line = '<w:top w:val="single" w:color="auto" w:sz="4"/>';
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => line.replace('top', side))
    .join('');
  let out =
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${textWidth}"/><w:tblBorders>${borders}</w:tblBorders>` +
    '<w:tblCellMar><w:top w:type="dxa" w:w="30"/><w:left w:type="dxa" w:w="60"/><w:bottom w:type="dxa" w:w="30"/>' +
    '<w:right w:type="dxa" w:w="60"/></w:tblCellMar></w:tblPr>' +
    `<w:tblGrid>${grid.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(t.header, true);
  for (const r of t.rows) {
    out += row(r, false);
    if (out.length >= chunk) {
      yield out;
      out = '';
    }
  }
  yield `${out}</w:tbl>`;
}

/**
 * Replaces each placeholder paragraph (`<w:p>` holding only the marker's text) in a document's XML by the XML its
 * marker stands for, as a list of pieces: the document around them, and each table's pieces as they are made.
 */
export function* spliceParagraphs(
  documentXml: string,
  replacements: { marker: string; xml: () => Iterable<string> }[],
): Generator<string> {
  let from = 0;
  for (const { marker, xml } of replacements) {
    const placeholder = `<w:p><w:r><w:t xml:space="preserve">${escapeXml(marker)}</w:t></w:r></w:p>`;
    const at = documentXml.indexOf(placeholder, from);
    if (at < 0) throw new Error(`report table placeholder ${marker} not found in word/document.xml`);
    yield documentXml.slice(from, at);
    yield* xml();
    from = at + placeholder.length;
  }
  yield documentXml.slice(from);
}
