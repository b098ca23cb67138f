/**
 * Reads an import file (.xlsx streamed with exceljs, or .csv) into raw rows keyed by column key, one record kind per
 * sheet, and reports every problem with its place (sheet, Excel row, Chinese header) and a Chinese reason. Values stay
 * strings: typing and checking them is validate-rows' job. Apart from exceljs's shared-string table, nothing here
 * holds more than one row at a time.
 */
import { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  importKindLabels,
  importKindSheets,
  matchHeaders,
  normalizeHeader,
  recordColumns,
  recordSheetNames,
  type ImportKind,
  type RecordKind,
} from '../domain/records.js';
import { CsvSyntaxError, decodeFile, detectCsvEncoding, looksBinary, parseCsv, unescapeCsvText } from './csv.js';
import { isProblem, type RawRow, type TableProblem } from './table-problem.js';
import { isHintRow, textOnlyColumns } from './template-layout.js';
import { defaultZipLimits, inspectXlsx, XlsxRejectedError, type ZipLimits } from './xlsx-inspect.js';
import { workbookReadFailure } from './parser-messages.js';

export { formatProblem, isProblem, type RawRow, type TableProblem } from './table-problem.js';

export interface ReadLimits {
  maxCellChars: number;
  /** Data rows per file (all sheets together). */
  maxRows: number;
  /** Reading stops after this many problems: the file has to be fixed anyway. */
  maxProblems: number;
  /** Non-blank rows searched for the header (a title row, a subtitle… may come first). */
  headerSearchRows: number;
  maxColumns: number;
  zip: ZipLimits;
}

export const defaultReadLimits: ReadLimits = {
  maxCellChars: 10_000,
  maxRows: 1_000_000,
  maxProblems: 1000,
  headerSearchRows: 5,
  maxColumns: 1000,
  zip: defaultZipLimits,
};

export interface ReadTableOptions {
  kind: ImportKind;
  /** Name shown in problems (an upload's original name); defaults to the path's base name. */
  fileName?: string;
  limits?: Partial<Omit<ReadLimits, 'zip'>> & { zip?: Partial<ZipLimits> };
}

/**
 * Streams the data rows of every sheet of the import kind, interleaved with problems. Rows that have a problem are
 * not yielded. A problem that makes the rest unreadable ends the stream (it is the last item).
 */
export async function* readTableFile(path: string, opts: ReadTableOptions): AsyncGenerator<RawRow | TableProblem> {
  const limits: ReadLimits = {
    ...defaultReadLimits,
    ...opts.limits,
    zip: { ...defaultZipLimits, ...opts.limits?.zip },
  };
  const file = opts.fileName ?? basename(path);
  const budget: Budget = { rows: 0, limits, file };
  let problems = 0;
  for await (const item of readAnyFile(path, file, opts.kind, budget)) {
    yield item;
    if (isProblem(item) && ++problems >= limits.maxProblems) {
      yield { file, sheet: '', reason: `问题已达${limits.maxProblems}个,停止检查,请修正后重新导入` };
      return;
    }
    if (budget.stopped) return;
  }
}

interface Budget {
  rows: number;
  limits: ReadLimits;
  file: string;
  /** Set when a problem ends the whole file. */
  stopped?: boolean;
}

const xlsxMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const oleMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function* readAnyFile(
  path: string,
  file: string,
  kind: ImportKind,
  budget: Budget,
): AsyncGenerator<RawRow | TableProblem> {
  const fileProblem = (reason: string): TableProblem => ({ file, sheet: '', reason });
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) return yield fileProblem('不是文件');
    size = st.size;
  } catch {
    return yield fileProblem('文件不存在或无法读取');
  }
  if (size === 0) return yield fileProblem('文件为空');

  const head = Buffer.alloc(8);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 8, 0);
  } finally {
    await fh.close();
  }
  const ext = extname(file).toLowerCase();
  if (head.subarray(0, 4).equals(xlsxMagic)) return yield* readXlsx(path, file, kind, budget);
  if (head.equals(oleMagic)) {
    return yield fileProblem('文件是 Excel 97-2003 (.xls) 格式或已加密,请在 Excel 中另存为 .xlsx(不设密码)后再导入');
  }
  if (ext === '.csv' || ext === '.txt') return yield* readCsv(path, file, kind, budget);
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.xls' || ext === '.et') {
    return yield fileProblem('文件不是有效的 Excel 工作簿');
  }
  return yield fileProblem(`不支持的文件类型"${ext || '无扩展名'}",请使用 .xlsx 或 .csv`);
}

// ---------- cells ----------

/** A cell: its text, or what else it holds (a plain string, not an object, for the millions of text cells a CSV has). */
type Cell = string | { t: 'number'; v: number } | { t: 'formula' } | { t: 'error'; v: string } | { t: 'tooLong' };

/** Dates come out of Excel as UTC midnight of the day shown. */
function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Numbers as Excel shows them: at most 15 significant digits, so 0.1+0.2 reads as 0.3. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

function cellFromExcel(value: unknown): Cell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return { t: 'number', v: value };
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { t: 'error', v: '#DATE' } : ymd(value);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // Shared-formula followers carry an empty `formula`, so test the key, not its truthiness.
    if ('formula' in o || 'sharedFormula' in o) return { t: 'formula' };
    if ('error' in o) return { t: 'error', v: String(o.error) };
    // A shared-string reference exceljs could not resolve: never let "[object Object]" through as a value.
    if ('sharedString' in o) return { t: 'error', v: '(共享字符串缺失)' };
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => (r.text == null ? '' : String(r.text))).join('');
    }
    if ('text' in o) return cellFromExcel(o.text);
  }
  return String(value);
}

function cellText(c: Cell | undefined): string {
  if (!c) return '';
  if (typeof c === 'string') return c.trim();
  if (c.t === 'number') return numberText(c.v);
  return '';
}

// ---------- one sheet: header detection, then rows ----------

interface SheetContext {
  file: string;
  sheet: string;
  kind: RecordKind;
  budget: Budget;
  merges: string[];
}

interface Header {
  row: number;
  keys: (string | undefined)[];
  labels: string[];
  byKey?: Record<string, string>;
}

function decodeRef(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

/** Turns the rows of one sheet into raw rows and problems; fed row by row, in ascending row order. */
class SheetReader {
  /** The sheet cannot be read further (bad header); remaining rows are ignored. */
  failed = false;
  private header?: Header;
  private candidates = 0;
  private best?: Header & { matched: number };
  private firstDataRowSeen = false;
  /** Disjoint row intervals covered by merged cells below the header, ascending. */
  private mergedRows: [number, number][] = [];
  private mergeIndex = 0;

  constructor(private readonly ctx: SheetContext) {}

  private problem(reason: string, row?: number, column?: string): TableProblem {
    const p: TableProblem = { file: this.ctx.file, sheet: this.ctx.sheet, reason };
    if (row !== undefined) p.row = row;
    if (column) p.column = column;
    return p;
  }

  *accept(rowNumber: number, cells: (Cell | undefined)[]): Generator<RawRow | TableProblem> {
    if (this.failed) return;
    if (!this.header) {
      // Headers as the user wrote them, minus the template's required-star and stray spaces or line breaks.
      const labels = Array.from(cells, (c) => normalizeHeader(cellText(c)));
      if (labels.every((l) => l === '')) return;
      const m = matchHeaders(this.ctx.kind, labels);
      const matched = m.keys.filter(Boolean).length + m.duplicated.length;
      if (matched > 0 && m.missing.length === 0) return yield* this.setHeader({ row: rowNumber, keys: m.keys, labels });
      this.candidates++;
      if (matched > (this.best?.matched ?? 0)) this.best = { row: rowNumber, keys: m.keys, labels, matched };
      if (this.candidates >= this.ctx.budget.limits.headerSearchRows) yield* this.settleHeader();
      return;
    }
    yield* this.dataRow(rowNumber, cells);
  }

  *finish(): Generator<TableProblem> {
    if (this.header || this.failed) return;
    if (this.candidates === 0) {
      this.failed = true;
      yield this.problem('工作表为空,没有表头');
      return;
    }
    yield* this.settleHeader();
  }

  /** No row had every required column: report against the closest one. */
  private *settleHeader(): Generator<TableProblem> {
    this.failed = true;
    const specs = recordColumns[this.ctx.kind];
    const required = specs.filter((s) => s.required).map((s) => `"${s.header}"`);
    if (!this.best) {
      yield this.problem(
        `未找到表头:前${this.ctx.budget.limits.headerSearchRows}行中没有可识别的列名(必填列:${required.join('、')})`,
      );
      return;
    }
    const m = matchHeaders(this.ctx.kind, this.best.labels);
    yield this.problem(`缺少必填列:${m.missing.map((s) => `"${s.header}"`).join('、')}`, this.best.row);
  }

  private *setHeader(h: Header): Generator<TableProblem> {
    this.header = h;
    h.byKey = {};
    h.keys.forEach((k, i) => {
      if (k) h.byKey![k] = h.labels[i]!;
    });
    const m = matchHeaders(this.ctx.kind, h.labels);
    for (const dup of m.duplicated) {
      const key = matchHeaders(this.ctx.kind, [dup]).keys[0];
      const first = h.labels[h.keys.indexOf(key)];
      const reason = first && first !== dup ? `列"${dup}"重复(与"${first}"是同一列)` : `列"${dup}"重复出现`;
      this.failed = true;
      yield this.problem(reason, h.row, dup);
    }
    if (this.failed) return;
    // Merged cells below the header: in a merge only the top-left cell has a value, the other rows would be wrong.
    const intervals: [number, number][] = [];
    for (const ref of this.ctx.merges) {
      const [a, b = a] = ref.split(':') as [string, string?];
      const tl = decodeRef(a);
      const br = decodeRef(b);
      if (br.row <= h.row) continue;
      const top = Math.max(tl.row, h.row + 1);
      yield this.problem(`存在合并单元格(${ref}),请取消合并后逐行填写`, top, h.labels[tl.col - 1] || undefined);
      intervals.push([top, br.row]);
    }
    intervals.sort((x, y) => x[0] - y[0]);
    for (const iv of intervals) {
      const last = this.mergedRows[this.mergedRows.length - 1];
      if (last && iv[0] <= last[1] + 1) last[1] = Math.max(last[1], iv[1]);
      else this.mergedRows.push([iv[0], iv[1]]);
    }
  }

  private inMerge(row: number): boolean {
    while (this.mergeIndex < this.mergedRows.length && this.mergedRows[this.mergeIndex]![1] < row) this.mergeIndex++;
    const iv = this.mergedRows[this.mergeIndex];
    return iv !== undefined && iv[0] <= row;
  }

  private *dataRow(rowNumber: number, cells: (Cell | undefined)[]): Generator<RawRow | TableProblem> {
    const { keys, labels } = this.header!;
    const { kind, budget } = this.ctx;
    const max = budget.limits.maxCellChars;
    const values: Record<string, string> = {};
    const problems: TableProblem[] = [];
    let blank = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!key) continue;
      const c = cells[i];
      const column = labels[i];
      let v = '';
      if (typeof c === 'string') {
        v = c.trim();
        if (v.length > max) problems.push(this.problem(`内容超过${max}个字符`, rowNumber, column));
        // A CSV saved by Excel after it turned the number into 1.10105E+17: the digits are gone already.
        const textOnly = textOnlyColumns[kind]?.[key];
        if (textOnly && /^\d(\.\d+)?E\+\d+$/i.test(v)) {
          problems.push(this.problem(`${textOnly}(已被转成科学计数法"${v}",后几位数字已丢失)`, rowNumber, column));
        }
      } else if (c?.t === 'number') {
        const textOnly = textOnlyColumns[kind]?.[key];
        if (textOnly) problems.push(this.problem(textOnly, rowNumber, column));
        // Excel keeps 15 significant digits: a longer code typed as a number has already lost its tail.
        else if (Math.abs(c.v) >= 1e15) {
          problems.push(this.problem('数字超过15位,Excel 已丢失末尾数字,请以文本格式填写', rowNumber, column));
        }
        v = numberText(c.v);
      } else if (c?.t === 'formula') {
        problems.push(this.problem('不接受公式,请粘贴为数值', rowNumber, column));
        v = '=';
      } else if (c?.t === 'error') {
        problems.push(this.problem(`单元格为错误值 ${c.v}`, rowNumber, column));
        v = c.v;
      } else if (c?.t === 'tooLong') {
        problems.push(this.problem(`内容超过${max}个字符`, rowNumber, column));
        v = '…';
      }
      if (v !== '') blank = false;
      values[key] = v;
    }
    if (blank) return;
    if (!this.firstDataRowSeen) {
      this.firstDataRowSeen = true;
      if (problems.length === 0 && rowNumber === this.header!.row + 1 && isHintRow(kind, values)) return;
    }
    if (this.inMerge(rowNumber)) return;
    if (++budget.rows > budget.limits.maxRows) {
      budget.stopped = true;
      yield this.problem(`数据超过${budget.limits.maxRows}行,请拆分后分批导入`, rowNumber);
      return;
    }
    if (problems.length) return yield* problems;
    yield { kind, file: this.ctx.file, sheet: this.ctx.sheet, row: rowNumber, values, headers: this.header!.byKey! };
  }
}

// ---------- xlsx ----------

interface WorkbookEntryEvent {
  type: string;
  id?: string;
}

/** The WorkbookReader methods that receive zip entries (exceljs 4.4 internals). */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * exceljs 4.4's streaming reader decodes every zip chunk on its own, so a Chinese character split across two chunks
 * becomes "��" (exceljs issues #2063, #2084; about one cell in a thousand on a large roster). Entries get a UTF-8
 * decoding that keeps partial characters for the next chunk before they reach its XML parser.
 */
function decodeEntriesAsUtf8(reader: object) {
  const r = reader as ReaderInternals;
  for (const name of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook', '_parseRels'] as const) {
    const original = r[name] as (entry: NodeJS.ReadableStream) => unknown;
    (r as unknown as Record<string, unknown>)[name] = function (this: unknown, entry: NodeJS.ReadableStream) {
      entry.setEncoding('utf8');
      return original.call(this, entry);
    };
  }
  const parseWorksheet = r._parseWorksheet;
  r._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    return parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
  };
}

/**
 * Excel leaves the locale's built-in date formats (ids 27–36 and 50–58: 2020年1月31日 and kin on Chinese Windows) out
 * of styles.xml, and exceljs knows no code for them, so such dates would arrive as serial numbers like 43861. They
 * are given a date code once the styles are read.
 */
function knowChineseDateFormats(reader: object) {
  const r = reader as ReaderInternals & { styles?: { index?: { numFmt?: Record<number, string> } } };
  const parseStyles = r._parseStyles;
  r._parseStyles = async function (this: typeof r, entry) {
    await parseStyles.call(this, entry);
    const known = this.styles?.index?.numFmt;
    if (!known) return;
    for (const id of [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) {
      known[id] ??= 'yyyy-mm-dd';
    }
  };
}

/** Buffers → strings without splitting characters; keeps `destroy` so an unread temp-file sheet can be closed. */
function utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncIterable<string> & { destroy?: () => void } {
  const decoder = new TextDecoder('utf-8');
  const wrapped: AsyncIterable<string> & { destroy?: () => void } = {
    async *[Symbol.asyncIterator]() {
      for await (const chunk of source)
        yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      const rest = decoder.decode();
      if (rest) yield rest;
    },
  };
  const destroy = (source as { destroy?: () => void }).destroy;
  if (typeof destroy === 'function') wrapped.destroy = () => destroy.call(source);
  return wrapped;
}

async function* readXlsx(
  path: string,
  file: string,
  kind: ImportKind,
  budget: Budget,
): AsyncGenerator<RawRow | TableProblem> {
  let inspection;
  try {
    inspection = await inspectXlsx(path, budget.limits.zip);
  } catch (err) {
    if (err instanceof XlsxRejectedError) return yield { file, sheet: err.sheet ?? '', reason: err.reason };
    return yield { file, sheet: '', reason: `无法读取文件:${workbookReadFailure((err as Error).message)}` };
  }
  const wanted = new Map<string, { kind: RecordKind; name: string }>();
  const recordKinds = importKindSheets[kind];
  for (const rk of recordKinds) {
    const expected = recordSheetNames[rk];
    let sheet = inspection.sheets.find((s) => s.name.trim() === expected);
    // A single-sheet import accepts a workbook with one sheet whatever its name (often "Sheet1").
    if (!sheet && recordKinds.length === 1 && inspection.sheets.length === 1) sheet = inspection.sheets[0];
    if (!sheet) {
      const present = inspection.sheets.map((s) => `"${s.name}"`).join('、') || '无';
      yield { file, sheet: '', reason: `缺少工作表"${expected}"(工作簿中的工作表:${present})` };
    } else if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(sheet.path)) {
      // exceljs's streaming reader only finds worksheets stored under their usual names.
      yield { file, sheet: sheet.name, reason: '工作表的存储方式不受支持,请在 Excel 或 WPS 中另存为 .xlsx 后再导入' };
    } else wanted.set(sheet.path, { kind: rk, name: sheet.name });
  }
  if (wanted.size === 0) return;

  let readError: Error | undefined;
  const feed = paddedZip(path, inspection.centralDirectoryOffset, (err) => (readError = err));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(feed, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  decodeEntriesAsUtf8(reader);
  knowChineseDateFormats(reader);
  // The worksheet's entry number is announced just before the reader is handed out.
  let sheetNo: string | undefined;
  (reader as unknown as EventEmitter).on('entry', (e: WorkbookEntryEvent) => {
    if (e.type === 'worksheet') sheetNo = e.id;
  });
  const done = new Set<string>();
  // Iterated by hand, not with for-await: leaving early must not close exceljs's generator, see finishInBackground.
  const worksheets = reader[Symbol.asyncIterator]();
  let settled = false;
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
      const ws = next.value;
      const entry = `xl/worksheets/sheet${sheetNo}.xml`;
      const target = wanted.get(entry);
      if (!target || done.has(entry)) {
        releaseWorksheet(ws);
        continue;
      }
      done.add(entry);
      const sheet = new SheetReader({
        file,
        sheet: target.name,
        kind: target.kind,
        budget,
        merges: inspection.merges.get(entry) ?? [],
      });
      for await (const row of ws) {
        // A failed sheet is still drained (cheap) rather than abandoned, which would leave exceljs buffering it.
        if (sheet.failed) continue;
        const cells: (Cell | undefined)[] = [];
        row.eachCell((cell, col) => {
          cells[col - 1] = cellFromExcel(cell.value);
        });
        yield* sheet.accept(row.number, cells);
        if (budget.stopped) return;
      }
      yield* sheet.finish();
    }
    settled = true;
  } catch (err) {
    settled = true;
    const reason = readError ? readError.message : (err as Error).message;
    return yield { file, sheet: '', reason: `无法读取工作簿:${workbookReadFailure(reason)}` };
  } finally {
    const close = () => feed.destroy();
    if (settled) close();
    else void finishInBackground(worksheets).finally(close);
  }
  for (const [entry, target] of wanted) {
    if (!done.has(entry))
      yield { file, sheet: target.name, reason: '工作表无法读取,请在 Excel 或 WPS 中另存为 .xlsx 后再导入' };
  }
}

/**
 * The zip as exceljs should see it. Its unzipper signals the end as soon as it has *parsed* the last entry, and
 * exceljs stops at that signal even when entries are still waiting in the stream's buffer: small entries at the
 * end (styles, shared strings, a last sheet) were silently skipped whenever exceljs was busy with an earlier one.
 * A 1 MB stored padding entry inserted before the central directory cannot be buffered, so the unzipper only reaches
 * the end once exceljs has taken every real entry. Read errors end the stream early (exceljs then reports a
 * truncated zip) instead of being emitted: exceljs pipes the stream without an error handler.
 */
function paddedZip(path: string, centralDirectoryOffset: number, onError: (err: Error) => void): Readable {
  async function* parts() {
    try {
      if (centralDirectoryOffset > 0) yield* createReadStream(path, { end: centralDirectoryOffset - 1 });
      yield paddingEntry();
      for (let i = 0; i < paddingBytes / zeros.length; i++) yield zeros;
      yield* createReadStream(path, { start: centralDirectoryOffset });
    } catch (err) {
      onError(err as Error);
    }
  }
  return Readable.from(parts(), { objectMode: false });
}

const paddingBytes = 1024 * 1024;
const zeros = Buffer.alloc(64 * 1024);
const paddingName = Buffer.from('bianzhi-padding.bin');

let paddingHeader: Buffer | undefined;
/** A local file header for `paddingBytes` zero bytes, stored (not compressed). */
function paddingEntry(): Buffer {
  if (paddingHeader) return paddingHeader;
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt32LE(crc32(Buffer.alloc(paddingBytes)), 14);
  h.writeUInt32LE(paddingBytes, 18);
  h.writeUInt32LE(paddingBytes, 22);
  h.writeUInt16LE(paddingName.length, 26);
  return (paddingHeader = Buffer.concat([h, paddingName]));
}

/** Closes a worksheet that will not be read (exceljs may have parked it in a temp file and opened it). */
function releaseWorksheet(ws: unknown) {
  (ws as { iterator?: { destroy?: () => void } }).iterator?.destroy?.();
}

/**
 * When reading stops early (row limit, or the caller stops iterating), exceljs may have parked worksheets in temp
 * files that it deletes only as its own loop moves on; without this they would stay in the temp folder until the
 * process exits. So its loop is run to the end in the background, reading nothing.
 */
async function finishInBackground(worksheets: AsyncIterator<unknown>) {
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) releaseWorksheet(next.value);
  } catch {
    // The file is being abandoned; nothing to report to anyone.
  }
}

// ---------- csv ----------

async function* readCsv(
  path: string,
  file: string,
  kind: ImportKind,
  budget: Budget,
): AsyncGenerator<RawRow | TableProblem> {
  const recordKinds = importKindSheets[kind];
  if (recordKinds.length !== 1) {
    const sheets = recordKinds.map((k) => `"${recordSheetNames[k]}"`).join('、');
    return yield {
      file,
      sheet: '',
      reason: `${importKindLabels[kind]}须使用包含${sheets}工作表的 .xlsx 工作簿导入,不接受 CSV`,
    };
  }
  const encoding = await detectCsvEncoding(path);
  if (await looksBinary(path, encoding)) return yield { file, sheet: '', reason: '文件不是有效的 CSV 文本文件' };
  const { limits } = budget;
  const sheet = new SheetReader({ file, sheet: '', kind: recordKinds[0]!, budget, merges: [] });
  try {
    for await (const rec of parseCsv(decodeFile(path, encoding), {
      maxCellChars: limits.maxCellChars,
      maxColumns: limits.maxColumns,
    })) {
      if (sheet.failed) continue;
      const cells = rec.fields.map((f, i): Cell | undefined =>
        rec.tooLong?.has(i) ? { t: 'tooLong' } : f === '' ? undefined : unescapeCsvText(f.trim()),
      );
      yield* sheet.accept(rec.row, cells);
      if (budget.stopped) return;
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) return yield { file, sheet: '', row: err.row, reason: err.reason };
    throw err;
  }
  yield* sheet.finish();
}
