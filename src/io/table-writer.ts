/**
 * Writes templates and record workbooks in the layout the reader expects: one sheet per record kind named as
 * recordSheetNames, the Chinese header in row 1 (`*` on required columns), in templates a hint row under it, text
 * format on ID columns, drop-down lists for enumerations. exceljs's streaming writer with inline strings keeps memory
 * flat however many rows; CSV goes out through a plain write stream.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  importKindLabels,
  importKindSheets,
  recordColumns,
  recordSheetNames,
  type ImportKind,
  type RecordKind,
} from '../domain/records.js';
import { csvField } from './csv.js';
import {
  columnWidth,
  enumerations,
  headerLabel,
  hintText,
  numericColumns,
  textOnlyColumns,
} from './template-layout.js';

export type RowSource = AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>;

type WorksheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;
/** The streaming worksheet has data validations; exceljs's typings only declare them on the in-memory one. */
interface SheetValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const red = { argb: 'FFC00000' };
const grey = { argb: 'FF7F7F7F' };
/**
 * Rows given drop-down lists. Hand-typed entries never reach ten thousand rows (bigger sheets are pasted, which
 * bypasses validation anyway), and a whole-column range makes exceljs's in-memory reader expand a million cells.
 */
const validatedRows = 10_000;

/** Column letter of a 1-based index. */
function columnLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function newWorkbook(path: string) {
  // Inline strings: a shared-string table would grow with every distinct name and ID number.
  return new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, kind: RecordKind, withHints: boolean): WorksheetWriter {
  const specs = recordColumns[kind];
  const headerRows = withHints ? 2 : 1;
  const ws = wb.addWorksheet(recordSheetNames[kind], { views: [{ state: 'frozen', ySplit: headerRows }] });
  ws.columns = specs.map((s) => ({
    key: s.key,
    width: columnWidth(kind, s),
    // Text format: what users type into an ID column stays text (a number would lose its last digits).
    ...(textOnlyColumns[kind]?.[s.key] ? { style: { numFmt: '@' } } : {}),
  }));

  const header = ws.getRow(1);
  specs.forEach((s, i) => {
    const cell = header.getCell(i + 1);
    cell.value = s.required
      ? {
          richText: [
            { text: '*', font: { bold: true, color: red } },
            { text: s.header, font: { bold: true } },
          ],
        }
      : headerLabel(s);
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = 22;
  header.commit();

  if (withHints) {
    const hints = ws.getRow(2);
    specs.forEach((s, i) => {
      const cell = hints.getCell(i + 1);
      cell.value = hintText(kind, s);
      cell.font = { italic: true, size: 9, color: grey };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    hints.height = 36;
    hints.commit();
  }

  // Drop-down lists as warnings, not stops: the schemas also accept codes and local aliases.
  specs.forEach((s, i) => {
    const values = enumerations[kind]?.[s.key];
    if (!values) return;
    const letter = columnLetter(i + 1);
    (ws as unknown as SheetValidations).dataValidations.add(
      `${letter}${headerRows + 1}:${letter}${headerRows + validatedRows}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: s.header,
        error: `${s.header}应为:${values.join('/')}`,
      },
    );
  });
  return ws;
}

const plainNumber = /^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/;

function cellValues(kind: RecordKind, record: Record<string, string>): (string | number | null)[] {
  return recordColumns[kind].map((s) => {
    const v = record[s.key] ?? '';
    if (v === '') return null;
    if (numericColumns[kind]?.[s.key] && plainNumber.test(v)) return Number(v);
    return v;
  });
}

/** Lets the zip stream drain now and then: exceljs buffers committed rows until the event loop turns. */
const yieldEvery = 2000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An empty template for an import kind: every sheet with its header and hint rows. */
export async function writeTemplate(path: string, kind: ImportKind): Promise<void> {
  const wb = newWorkbook(path);
  for (const rk of importKindSheets[kind]) addSheet(wb, rk, true).commit();
  await wb.commit();
}

/**
 * A workbook of records in template layout (without the hint row): each record kind of the import kind gets its
 * sheet, filled from its source (rows keyed by column key; values as the schemas read them, e.g. labels not codes).
 * Returns the number of rows written per kind. On failure the partial file is removed.
 */
export async function writeRecordsWorkbook(
  path: string,
  kind: ImportKind,
  sheets: Partial<Record<RecordKind, RowSource>>,
): Promise<Partial<Record<RecordKind, number>>> {
  const counts: Partial<Record<RecordKind, number>> = {};
  await fillWorkbook(path, async (wb) => {
    for (const rk of importKindSheets[kind]) {
      const ws = addSheet(wb, rk, false);
      counts[rk] = await addRows(ws, sheets[rk] ?? [], (record) => cellValues(rk, record));
    }
  });
  return counts;
}

/** A streamed workbook filled by `fill` and committed; on failure the partial file is removed. */
async function fillWorkbook(path: string, fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>) {
  const wb = newWorkbook(path);
  try {
    await fill(wb);
    await wb.commit();
  } catch (err) {
    await wb.commit().catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
}

/** Rows committed one by one (the zip stream drains now and then); the sheet is committed after the last. */
async function addRows<T>(
  ws: WorksheetWriter,
  rows: AsyncIterable<T> | Iterable<T>,
  cells: (row: T) => (string | number | null)[],
): Promise<number> {
  let n = 0;
  for await (const row of rows) {
    ws.addRow(cells(row)).commit();
    if (++n % yieldEvery === 0) await turn();
  }
  ws.commit();
  return n;
}

/**
 * A CSV of one single-sheet import kind. UTF-8 gets a BOM so Excel recognises it; `gbk` is written as GB18030, which
 * is byte-identical for every GBK character and still encodes the rare name characters GBK lacks. ID columns get a
 * leading tab so Excel keeps them as text. Returns the number of rows written.
 */
export async function writeRecordsCsv(
  path: string,
  kind: ImportKind,
  rows: RowSource,
  opts: { encoding: 'utf8' | 'gbk' },
): Promise<number> {
  const recordKinds = importKindSheets[kind];
  if (recordKinds.length !== 1) throw new Error(`${importKindLabels[kind]}有多个工作表,不能写成 CSV`);
  const rk = recordKinds[0]!;
  const specs = recordColumns[rk];
  const encode = (s: string) => (opts.encoding === 'utf8' ? Buffer.from(s, 'utf8') : iconv.encode(s, 'gb18030'));
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  failed.catch(() => undefined);
  const write = async (s: string) => {
    if (!out.write(encode(s)))
      await Promise.race([new Promise<void>((resolve) => out.once('drain', () => resolve())), failed]);
  };
  let n = 0;
  try {
    let batch = (opts.encoding === 'utf8' ? '\ufeff' : '') + specs.map((s) => csvField(s.header)).join(',') + '\r\n';
    for await (const record of rows) {
      batch += specs.map((s) => csvField(record[s.key] ?? '', !!textOnlyColumns[rk]?.[s.key])).join(',') + '\r\n';
      n++;
      if (batch.length > 65536) {
        await write(batch);
        batch = '';
      }
    }
    await write(batch);
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  } catch (err) {
    out.destroy();
    await rm(path, { force: true });
    throw err;
  }
  return n;
}

/** One sheet of a report workbook: a title row over the header, then the rows as given. */
export interface ReportSheet {
  name: string;
  title: string;
  columns: { header: string; width: number; text?: boolean }[];
  rows: Iterable<(string | number | null)[]>;
}

/**
 * A workbook for reading (registers, 台账): each sheet a merged title row, a bold header row (frozen), the rows; text
 * columns (ID numbers, 文号) keep their text. Streams like the record workbooks; a failure removes the partial file.
 */
export async function writeReportWorkbook(path: string, sheets: ReportSheet[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await fillWorkbook(path, async (wb) => {
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 2 }] });
      ws.columns = sheet.columns.map((c) => ({ width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
      ws.mergeCells(1, 1, 1, sheet.columns.length);
      const title = ws.getRow(1);
      title.getCell(1).value = sheet.title;
      title.getCell(1).font = { bold: true, size: 14 };
      title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
      title.height = 28;
      title.commit();
      const header = ws.getRow(2);
      sheet.columns.forEach((c, i) => {
        const cell = header.getCell(i + 1);
        cell.value = c.header;
        cell.font = { bold: true };
        cell.fill = headerFill;
        cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      });
      header.commit();
      counts[sheet.name] = await addRows(ws, sheet.rows, (row) => row);
    }
  });
  return counts;
}
