/** Test helpers for the report: part 一 read back against the statistics, and a .docx opened as its XML parts. */
import JSZip from 'jszip';
import { expect } from 'vitest';
import type { Statistics } from '../../src/analysis/statistics.js';
import { institutionKindLabels, quotaCategories, quotaCategoryLabels } from '../../src/domain/vocabulary.js';

const num = (text: string, pattern: string): number => {
  const m = new RegExp(pattern).exec(text);
  if (!m) throw new Error(`"${pattern}" not in: ${text}`);
  return Number(m[1]);
};

/** Part 一 read back: every figure the text states, by the wording it uses, against the statistics. */
export function expectPartOneMatches(text: string, st: Statistics) {
  const o = st.overview;
  expect(num(text, '全区有各类机构(\\d+)个')).toBe(o.institutions.total);
  expect(num(text, '不含内设机构(\\d+)个')).toBe(o.institutions.internalUnits);
  expect(num(text, '党政机构(\\d+)个')).toBe(o.institutions.partyGov);
  expect(num(text, '党委部门(\\d+)个')).toBe(o.institutions.byKind.party_dept);
  expect(num(text, '政府工作部门(\\d+)个')).toBe(o.institutions.byKind.gov_dept);
  for (const kind of ['dispatched', 'coordination', 'street', 'township', 'mass_org', 'public_institution'] as const) {
    const label = institutionKindLabels[kind];
    if (o.institutions.byKind[kind]) expect(num(text, `${label}(\\d+)个`)).toBe(o.institutions.byKind[kind]);
    else expect(text).toMatch(new RegExp(`未设[^。]*${label.replace(/、/g, '')}`));
  }
  expect(num(text, '全区有各类编制(\\d+)名')).toBe(o.quota.total.approved);
  expect(num(text, '全区有各类编制\\d+名，实有(\\d+)人')).toBe(o.quota.total.actual);
  for (const c of quotaCategories) {
    const label = quotaCategoryLabels[c].replace(/[()（）]/g, '.');
    if (!o.quota[c].approved && !o.quota[c].actual) {
      expect(text).toMatch(new RegExp(`未核定${label}`));
      continue;
    }
    expect(num(text, `[；，]${label}(\\d+)名`)).toBe(o.quota[c].approved);
    expect(num(text, `[；，]${label}\\d+名，(?:实有|工勤人员)(\\d+)人`)).toBe(o.quota[c].actual);
  }
  if (o.quota.total.vacant || o.quota.total.over) {
    expect(num(text, '空编(\\d+)名')).toBe(o.quota.total.vacant);
    expect(num(text, '超编(\\d+)名')).toBe(o.quota.total.over);
  }
  for (const [level, posts] of Object.entries(o.posts)) {
    if (!posts.total.approved && !posts.total.filled) continue;
    expect(num(text, `全区有[^。]*?${level}级领导职数(\\d+)名`)).toBe(posts.total.approved);
    expect(num(text, `${level}级领导职数\\d+名，实配(\\d+)名`)).toBe(posts.total.filled);
    if (posts.admin.approved) expect(num(text, `行政类${level}级领导职数(\\d+)名`)).toBe(posts.admin.approved);
    if (posts.public_service.approved)
      expect(num(text, `事业类${level}级领导职数(\\d+)名`)).toBe(posts.public_service.approved);
  }
  expect(num(text, '在编在岗人员(\\d+)人')).toBe(st.people.total);
  for (const [band, n] of Object.entries(st.people.ageBands))
    expect(num(text, `${band.replace('-', '\\-')}(\\d+)人`)).toBe(n);
  for (const [e, n] of Object.entries(st.people.education)) if (n) expect(num(text, `${e}(\\d+)人`)).toBe(n);
  if (st.people.titled) expect(num(text, '具有专业技术职称的(\\d+)人')).toBe(st.people.titled);
  else expect(text).toContain('均未取得专业技术职称');
}

export interface DocxParts {
  document: string;
  styles: string;
  settings: string;
  footers: string[];
  files: string[];
  /** The document's text, one line per paragraph. */
  paragraphs: string[];
}

export async function openDocx(buf: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buf);
  const read = (name: string) => zip.file(name)!.async('string');
  const files = Object.keys(zip.files);
  const document = await read('word/document.xml');
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
  );
  return {
    document,
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    footers: await Promise.all(
      files
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .sort()
        .map(read),
    ),
    files,
    paragraphs,
  };
}

/** The text of each paragraph of an XML fragment, unescaped. */
const paragraphTexts = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
  );

/**
 * The rows of the table that follows the caption paragraph `caption`, header row first, as the text of each cell. Each
 * cell must hold one paragraph.
 */
export function tableAfter(document: string, caption: string): string[][] {
  const captions = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].filter(
    (p) => paragraphTexts(p[0]).join('') === caption && document.startsWith('<w:tbl>', p.index + p[0].length),
  );
  if (captions.length !== 1) throw new Error(`${captions.length} tables after a paragraph "${caption}"`);
  const after = captions[0]!.index + captions[0]![0].length;
  const table = document.slice(after, document.indexOf('</w:tbl>', after));
  return [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => {
      const texts = paragraphTexts(c[0]);
      if (texts.length !== 1) throw new Error(`a cell of ${texts.length} paragraphs under "${caption}"`);
      return texts[0]!;
    }),
  );
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The paragraphs between two headings (exclusive). */
export function between(paragraphs: string[], from: string, to: string): string[] {
  const a = paragraphs.indexOf(from);
  const b = paragraphs.indexOf(to);
  if (a < 0 || b < 0) throw new Error(`headings ${from} / ${to} not found`);
  return paragraphs.slice(a + 1, b);
}
