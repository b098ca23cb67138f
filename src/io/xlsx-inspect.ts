/**
 * A pre-pass over an .xlsx before exceljs streams it: an .xlsx is a zip, and a hostile or broken zip must be refused
 * before any XML parser sees it. The pass reads the central directory (declared sizes, zip-bomb ratio, encryption),
 * checks that the local entries are laid out exactly as declared (the streaming unzipper reads local headers, so hidden
 * entries must not exist), then inflates every entry once with hard caps, discarding the output. While inflating it
 * also collects what exceljs's streaming reader cannot give: sheet names (robust to absolute relationship targets),
 * merged ranges (which sit after the rows in the sheet XML) and oversized cells (refused before a parser buffers them).
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Largest ratio uncompressed/compressed over the whole archive… */
  maxRatio: number;
  /** …enforced once the uncompressed total exceeds this (small files may compress very well legitimately). */
  ratioFloorBytes: number;
  maxEntries: number;
  /** Bytes one cell (`<c>…</c>`) or shared string (`<si>…</si>`) may take in the XML before the file is refused. */
  maxCellXmlBytes: number;
  /** Merged ranges kept per sheet; beyond it the sheet is refused. */
  maxMerges: number;
}

const MB = 1024 * 1024;
export const defaultZipLimits: ZipLimits = {
  maxEntryBytes: 200 * MB,
  maxTotalBytes: 1024 * MB,
  maxRatio: 100,
  ratioFloorBytes: 20 * MB,
  maxEntries: 10_000,
  // 10,000 CJK characters are 30 KB of UTF-8; entities and rich-text runs add markup. 256 KB is far above any
  // acceptable cell and far below what would hurt memory.
  maxCellXmlBytes: 256 * 1024,
  maxMerges: 10_000,
};

/** The file is not an acceptable workbook; `reason` is Chinese and meant for the user. */
export class XlsxRejectedError extends Error {
  constructor(
    readonly reason: string,
    readonly sheet?: string,
  ) {
    super(reason);
    this.name = 'XlsxRejectedError';
  }
}

export interface SheetInfo {
  name: string;
  /** Entry path inside the zip, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
}

export interface XlsxInspection {
  /** Worksheets in workbook order (chart sheets excluded). */
  sheets: SheetInfo[];
  /** Merged ranges (`A1:C1`) per worksheet entry path. */
  merges: Map<string, string[]>;
  /** Where the last entry ends and the central directory starts. */
  centralDirectoryOffset: number;
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  dataStart: number;
}

const notWorkbook = '文件不是有效的 Excel 工作簿';
const corrupt = `${notWorkbook}(压缩包结构异常或已损坏)`;
const mb = (n: number) => `${Math.round(n / MB)} MB`;

export async function inspectXlsx(path: string, limits: ZipLimits = defaultZipLimits): Promise<XlsxInspection> {
  const fh = await open(path, 'r');
  let entries: ZipEntry[];
  let centralDirectoryOffset: number;
  try {
    ({ entries, centralDirectoryOffset } = await readDirectory(fh, (await fh.stat()).size, limits));
  } finally {
    await fh.close();
  }
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml') || !names.has('[Content_Types].xml')) throw new XlsxRejectedError(notWorkbook);

  // workbook.xml and its rels first (small), so that messages about a sheet can name it.
  const small = new Map<string, string>();
  for (const name of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    const entry = entries.find((e) => e.name === name);
    if (!entry) continue;
    if (entry.uncompressedSize > 16 * MB) throw new XlsxRejectedError(`${notWorkbook}(${name} 过大)`);
    const kept: Buffer[] = [];
    await inflateEntry(path, entry, limits, (chunk) => kept.push(chunk));
    small.set(name, Buffer.concat(kept).toString('utf8'));
  }
  const sheetNames = parseSheetNames(small.get('xl/workbook.xml') ?? '', small.get('xl/_rels/workbook.xml.rels') ?? '');

  const merges = new Map<string, string[]>();
  for (const entry of entries) {
    if (small.has(entry.name)) continue;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const scanner =
      isSheet || entry.name === 'xl/sharedStrings.xml'
        ? new XmlScanner(limits, isSheet, sheetNames.get(entry.name))
        : undefined;
    await inflateEntry(path, entry, limits, (chunk) => scanner?.feed(chunk));
    if (scanner?.merges.length) merges.set(entry.name, scanner.merges);
  }
  const sheets = [...sheetNames].map(([p, name]) => ({ name, path: p })).filter((s) => names.has(s.path));
  return { sheets, merges, centralDirectoryOffset };
}

// ---------- central directory ----------

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  if (bytesRead !== length) throw new XlsxRejectedError(corrupt);
  return buf;
}

async function readDirectory(
  fh: FileHandle,
  size: number,
  limits: ZipLimits,
): Promise<{ entries: ZipEntry[]; centralDirectoryOffset: number }> {
  if (size < 22) throw new XlsxRejectedError(notWorkbook);
  // End of central directory: 22 bytes + a comment of at most 65535 bytes, at the very end.
  const tailLength = Math.min(size, 22 + 65535);
  const tail = await readAt(fh, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxRejectedError(notWorkbook);
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdPosition = size - tailLength + eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (eocdPosition < 20) throw new XlsxRejectedError(corrupt);
    const locator = await readAt(fh, eocdPosition - 20, 20);
    if (locator.readUInt32LE(0) !== 0x07064b50) throw new XlsxRejectedError(corrupt);
    const z64 = await readAt(fh, Number(locator.readBigUInt64LE(8)), 56);
    if (z64.readUInt32LE(0) !== 0x06064b50) throw new XlsxRejectedError(corrupt);
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (count === 0) throw new XlsxRejectedError(notWorkbook);
  if (count > limits.maxEntries) throw new XlsxRejectedError(`压缩包内文件过多(${count} 个),拒绝处理`);
  if (cdOffset + cdSize > size || cdSize > 64 * MB) throw new XlsxRejectedError(corrupt);

  const cd = await readAt(fh, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new XlsxRejectedError(corrupt);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    // ZIP64: the 0xFFFFFFFF fields are given, in this order, in extra field 0x0001.
    let x = p + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const next = () => {
          if (q + 8 > x + 4 + len) throw new XlsxRejectedError(corrupt);
          const v = Number(cd.readBigUInt64LE(q));
          q += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + len;
    }
    p = extraEnd + commentLength;
    if (flags & 0x1) throw new XlsxRejectedError('文件已加密,请在 Excel 中取消密码后再导入');
    if (method !== 0 && method !== 8) throw new XlsxRejectedError(`${notWorkbook}(不支持的压缩方式 ${method})`);
    if (uncompressedSize > limits.maxEntryBytes) {
      throw new XlsxRejectedError(
        `压缩包内文件 ${name} 解压后为 ${mb(uncompressedSize)},超过 ${mb(limits.maxEntryBytes)} 上限,疑似压缩炸弹,拒绝处理`,
      );
    }
    entries.push({ name, flags, method, compressedSize, uncompressedSize, localOffset, dataStart: 0 });
  }
  checkTotals(
    entries.reduce((s, e) => s + e.uncompressedSize, 0),
    entries.reduce((s, e) => s + e.compressedSize, 0),
    limits,
  );

  // The streaming unzipper walks local headers from offset 0; insist they match the directory and leave no gaps,
  // so that what it will see is exactly what was checked here.
  entries.sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  let previousHadDescriptor = false;
  for (const e of entries) {
    const gap = e.localOffset - expected;
    if (gap < 0 || gap > (previousHadDescriptor ? 24 : 0)) throw new XlsxRejectedError(corrupt);
    const local = await readAt(fh, e.localOffset, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new XlsxRejectedError(corrupt);
    const nameLength = local.readUInt16LE(26);
    const extraLength = local.readUInt16LE(28);
    const localName = (await readAt(fh, e.localOffset + 30, nameLength)).toString('utf8');
    if (localName !== e.name || local.readUInt16LE(8) !== e.method) throw new XlsxRejectedError(corrupt);
    const localCompressed = local.readUInt32LE(18);
    const hasDescriptor = (local.readUInt16LE(6) & 0x8) !== 0;
    if (!hasDescriptor && localCompressed !== 0xffffffff && localCompressed !== e.compressedSize) {
      throw new XlsxRejectedError(corrupt);
    }
    e.dataStart = e.localOffset + 30 + nameLength + extraLength;
    expected = e.dataStart + e.compressedSize;
    previousHadDescriptor = hasDescriptor;
    if (expected > cdOffset) throw new XlsxRejectedError(corrupt);
  }
  const gap = cdOffset - expected;
  if (gap < 0 || gap > (previousHadDescriptor ? 24 : 0)) throw new XlsxRejectedError(corrupt);
  return { entries, centralDirectoryOffset: cdOffset };
}

function checkTotals(uncompressed: number, compressed: number, limits: ZipLimits) {
  if (uncompressed > limits.maxTotalBytes) {
    throw new XlsxRejectedError(`工作簿解压后为 ${mb(uncompressed)},超过 ${mb(limits.maxTotalBytes)} 上限,拒绝处理`);
  }
  if (uncompressed > limits.ratioFloorBytes && uncompressed > limits.maxRatio * Math.max(compressed, 1)) {
    throw new XlsxRejectedError(
      `工作簿压缩比异常(${Math.round(uncompressed / Math.max(compressed, 1))}:1,上限 ${limits.maxRatio}:1),疑似压缩炸弹,拒绝处理`,
    );
  }
}

// ---------- inflate with caps ----------

async function inflateEntry(path: string, e: ZipEntry, limits: ZipLimits, onChunk: (b: Buffer) => void) {
  const cap = Math.min(e.uncompressedSize, limits.maxEntryBytes);
  let produced = 0;
  if (e.compressedSize > 0) {
    // Large chunks: with zlib's default 16 KB, stream overhead costs ten times the inflating itself.
    const raw = createReadStream(path, {
      start: e.dataStart,
      end: e.dataStart + e.compressedSize - 1,
      highWaterMark: 256 * 1024,
    });
    const source = e.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
    raw.on('error', (err) => source.destroy(err));
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        produced += chunk.length;
        // More output than declared means the directory lies: stop before the bytes pile up.
        if (produced > cap)
          throw new XlsxRejectedError(`压缩包内文件 ${e.name} 的实际大小与声明不符,疑似压缩炸弹,拒绝处理`);
        onChunk(chunk);
      }
    } catch (err) {
      raw.destroy();
      source.destroy();
      if (err instanceof XlsxRejectedError) throw err;
      throw new XlsxRejectedError(corrupt);
    }
  }
  if (produced !== e.uncompressedSize) throw new XlsxRejectedError(corrupt);
}

// ---------- XML scanning (bytes, no parser) ----------

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/**
 * Walks XML bytes tracking tags: collects `<mergeCell ref="…">` and refuses any cell or shared string whose XML is
 * larger than the limit. Tags are recognised by comparing bytes: no parser, no string per tag, no state that grows.
 */
class XmlScanner {
  readonly merges: string[] = [];
  private inTag = false;
  /** The tag's first bytes (its name and, for a mergeCell, its ref); the rest is counted, never kept. */
  private readonly head = new Uint8Array(256);
  private headLength = 0;
  private tagBytes = 0;
  private inItem = false;
  private itemBytes = 0;
  private runBytes = 0;

  constructor(
    private readonly limits: ZipLimits,
    private readonly isSheet: boolean,
    private readonly sheet: string | undefined,
  ) {}

  // One plain byte loop: measured 8× faster than indexOf jumps, whose native calls dominate on short tags.
  feed(chunk: Buffer) {
    const max = this.limits.maxCellXmlBytes;
    const head = this.head;
    let { inTag, headLength, tagBytes, inItem, itemBytes, runBytes } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      runBytes++;
      if (inItem) itemBytes++;
      if (inTag) {
        if (b === GT) {
          inTag = false;
          this.tagBytes = tagBytes;
          const item = this.closeTag(headLength);
          if (item !== undefined) {
            inItem = item;
            itemBytes = 0;
          }
        } else {
          if (headLength < 256) head[headLength++] = b;
          tagBytes++;
        }
      } else if (b === LT) {
        inTag = true;
        headLength = 0;
        tagBytes = 0;
        runBytes = 0;
      }
      if (runBytes > max || itemBytes > max) {
        throw new XlsxRejectedError('单元格内容过长(超过10000个字符),拒绝处理', this.sheet);
      }
    }
    Object.assign(this, { inTag, headLength, tagBytes, inItem, itemBytes, runBytes });
  }

  /** Looks at the tag's local name (after `/` and a namespace prefix); returns the new in-item state if it changes. */
  private closeTag(length: number): boolean | undefined {
    const h = this.head;
    let start = h[0] === SLASH ? 1 : 0;
    const closing = start === 1;
    let stop = start;
    while (stop < length) {
      const b = h[stop]!;
      if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH) break;
      if (b === COLON) start = stop + 1;
      stop++;
    }
    const n = stop - start;
    if (this.isSheet ? n === 1 && h[start] === 0x63 /* c */ : n === 2 && h[start] === 0x73 && h[start + 1] === 0x69) {
      if (closing) return false;
      return h[length - 1] === SLASH ? undefined : true;
    }
    if (this.isSheet && !closing && n === 9 && String.fromCharCode(...h.subarray(start, stop)) === 'mergeCell') {
      const tag = this.tagBytes > h.length ? '' : String.fromCharCode(...h.subarray(0, length));
      const ref = /\bref\s*=\s*"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"/.exec(tag)?.[1];
      if (ref) {
        if (this.merges.length >= this.limits.maxMerges) {
          throw new XlsxRejectedError(`合并单元格过多(超过${this.limits.maxMerges}处),请取消合并后再导入`, this.sheet);
        }
        this.merges.push(ref);
      }
    }
    return undefined;
  }
}

const COLON = 0x3a;

// ---------- workbook.xml + rels ----------

function xmlAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]!;
  });
}

/** Worksheet entry path → sheet name, in workbook order. */
function parseSheetNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = xmlAttributes(m[1]!);
    const id = a.get('Id');
    const target = a.get('Target');
    if (!id || !target || !/\/worksheet$/.test(a.get('Type') ?? '')) continue;
    const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
    targets.set(id, resolved);
  }
  const sheets = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = xmlAttributes(m[1]!);
    const rid = [...a].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const name = a.get('name');
    const target = rid ? targets.get(rid) : undefined;
    if (name !== undefined && target) sheets.set(target, name);
  }
  return sheets;
}
