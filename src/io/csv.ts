/**
 * CSV as Chinese offices produce it: UTF-8 with or without BOM, GBK/GB18030 from Excel's "CSV" on Chinese Windows,
 * UTF-16 from Excel's "Unicode text". Parsed as a stream (RFC 4180 quoting, comma or tab), with a cap per cell that
 * counts characters instead of keeping them, so one huge cell costs no memory.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

export class CsvSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly row: number,
  ) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

/** BOM first; then valid UTF-8 → UTF-8, else GB18030 (a superset of GBK, so GBK files decode the same). */
export async function detectCsvEncoding(path: string): Promise<CsvEncoding> {
  const fh = await open(path, 'r');
  const head = Buffer.alloc(4);
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** True when the first bytes look binary (NUL bytes outside UTF-16). */
export async function looksBinary(path: string, encoding: CsvEncoding): Promise<boolean> {
  if (encoding === 'utf16le' || encoding === 'utf16be') return false;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).includes(0);
  } finally {
    await fh.close();
  }
}

export async function* decodeFile(path: string, encoding: CsvEncoding): AsyncGenerator<string> {
  // iconv-lite strips a leading BOM for every encoding by default.
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const s = decoder.write(chunk);
    if (s) yield s;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export interface CsvRecord {
  /** 1-based record number (a quoted cell spanning lines is still one record, as Excel shows it). */
  row: number;
  fields: string[];
  /** Indexes of fields cut because they exceed the cap (their text is ''). */
  tooLong?: Set<number>;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Streams records; the delimiter (comma or tab) is chosen from the first line. */
export async function* parseCsv(
  chunks: AsyncIterable<string>,
  opts: { maxCellChars: number; maxColumns: number },
): AsyncGenerator<CsvRecord> {
  let delimiter = -1;
  let carry = '';
  let row = 1;
  let fields: string[] = [];
  let tooLong: Set<number> | undefined;
  let cur = '';
  let curLength = 0;
  let fieldStarted = false;
  let inQuotes = false;
  let pending: CsvRecord[] = [];

  const append = (piece: string) => {
    if (!piece) return;
    fieldStarted = true;
    curLength += piece.length;
    if (curLength > opts.maxCellChars) {
      (tooLong ??= new Set()).add(fields.length);
      cur = '';
    } else cur += piece;
  };
  const endField = () => {
    fields.push(cur);
    if (fields.length > opts.maxColumns) throw new CsvSyntaxError(`列数超过${opts.maxColumns}列`, row);
    cur = '';
    curLength = 0;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    pending.push(tooLong ? { row, fields, tooLong } : { row, fields });
    row++;
    fields = [];
    tooLong = undefined;
  };

  // Chunk boundaries: a closing quote may be the first of an escaped pair, a CR may be followed by LF.
  let quotePending = false;
  let skipLf = false;
  const consume = (s: string, final: boolean) => {
    let i = 0;
    if (skipLf && s.charCodeAt(0) === LF) i = 1;
    skipLf = false;
    if (quotePending) {
      quotePending = false;
      if (s.charCodeAt(0) === QUOTE) {
        append('"');
        i = 1;
      } else inQuotes = false;
    }
    let seg = i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (inQuotes) {
        if (c === QUOTE) {
          append(s.slice(seg, i));
          if (i + 1 === s.length && !final) {
            quotePending = true;
            return;
          }
          if (s.charCodeAt(i + 1) === QUOTE) {
            append('"');
            i += 2;
          } else {
            inQuotes = false;
            i++;
          }
          seg = i;
          continue;
        }
        i++;
        continue;
      }
      if (c === delimiter || c === CR || c === LF) {
        append(s.slice(seg, i));
        if (c === delimiter) endField();
        else {
          endRecord();
          if (c === CR) {
            if (s.charCodeAt(i + 1) === LF) i++;
            else if (i + 1 === s.length) skipLf = true;
          }
        }
        i++;
        seg = i;
        continue;
      }
      if (c === QUOTE && !fieldStarted && seg === i) {
        inQuotes = true;
        fieldStarted = true;
        i++;
        seg = i;
        continue;
      }
      i++;
    }
    append(s.slice(seg));
  };

  for await (const chunk of chunks) {
    let s = chunk;
    if (delimiter < 0) {
      // Decide on the first line (or 64K of it): tab-separated when it has more tabs than commas.
      s = carry + chunk;
      carry = '';
      const nl = s.search(/[\r\n]/);
      if (nl < 0 && s.length < 65536) {
        carry = s;
        continue;
      }
      const first = nl < 0 ? s : s.slice(0, nl);
      delimiter = (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? 0x09 : 0x2c;
    }
    consume(s, false);
    if (pending.length) {
      const out = pending;
      pending = [];
      yield* out;
    }
  }
  if (delimiter < 0) delimiter = 0x2c;
  consume(carry, true);
  if (inQuotes) throw new CsvSyntaxError('引号未闭合(从此行开始的单元格缺少结束的双引号)', row);
  if (fieldStarted || fields.length) endRecord();
  yield* pending;
}

const formulaStart = /^[=+@]/;

/** A CSV cell's text as written: formula-like text gets a leading `'` so Excel shows it instead of running it. */
export function escapeCsvText(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Reverses escapeCsvText. */
export function unescapeCsvText(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

/** One CSV field; `keepText` prefixes a tab so Excel keeps an 18-digit number as text (readers trim it). */
export function csvField(value: string, keepText = false): string {
  let v = escapeCsvText(value);
  if (keepText && v !== '') v = `\t${v}`;
  return /[",\r\n\t]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
