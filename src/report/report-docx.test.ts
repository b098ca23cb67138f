import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../analysis/diagnose.js';
import { computeStatistics } from '../analysis/statistics.js';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import type { Finding } from '../analysis/finding.js';
import { openDocx, tableAfter, type DocxParts } from '../../test/helpers/report.js';
import { closeIndents, renderReportDocx } from './report-docx.js';
import { charSpace, fontSizePt, linePitch, mmToTwips, textHeight, textWidth } from './report-layout.js';
import { buildReportModel, isWorkingNote, type ReportModel, type ReportTable } from './report-model.js';
import { plain, typeset } from './report-prose.js';

/** The style element of an id, whole. */
const style = (styles: string, id: string) => {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles);
  if (!m) throw new Error(`style ${id} missing`);
  return m[0];
};
const attr = (xml: string, element: string, name: string) =>
  new RegExp(`<${element} [^>]*w:${name}="([^"]*)"`).exec(xml)?.[1];

/** The paragraph element whose text is exactly `text`. */
const paragraphOf = (document: string, text: string) =>
  [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => m[0])
    .find((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('') === text);

describe('report .docx layout (GB/T 9704-2012)', () => {
  let model: ReportModel;
  let docx: DocxParts;
  let forLibreOffice: DocxParts;

  beforeAll(async () => {
    const s = demoSnapshot();
    model = buildReportModel(computeStatistics(s), diagnose(s), {
      districtName: s.regionName,
      issuedOn: '2026-11-27',
      partyGovCap: s.limits.partyGovInstitutionCap,
      sources: { sandingDuties: 1, powerItems: 2, workloadInstitutions: 3, indicators: 4 },
    });
    docx = await openDocx(await renderReportDocx(model));
    forLibreOffice = await openDocx(await renderReportDocx(model, { target: 'libreoffice' }));
  });

  it('Given the report When its section is read Then the page is A4 with margins 37/35/28/26 mm in twips', () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(docx.document)![0];
    expect(attr(sect, 'w:pgSz', 'w')).toBe(String(mmToTwips(210)));
    expect(attr(sect, 'w:pgSz', 'h')).toBe(String(mmToTwips(297)));
    expect([11906, 16838]).toEqual([mmToTwips(210), mmToTwips(297)]);
    const margins = ['top', 'bottom', 'left', 'right'].map((k) => Number(attr(sect, 'w:pgMar', k)));
    expect(margins).toEqual([37, 35, 28, 26].map(mmToTwips));
    // Word's own values for 3.7/3.5/2.8/2.6 cm
    expect(margins).toEqual([2098, 1984, 1588, 1474]);
  });

  it('Given the report When its grid is read Then it holds 22 lines of 28 characters of 3号', () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(docx.document)![0];
    expect(attr(sect, 'w:docGrid', 'type')).toBe('linesAndChars');
    const pitch = Number(attr(sect, 'w:docGrid', 'linePitch'));
    expect(pitch).toBe(linePitch);
    expect(22 * pitch).toBeLessThanOrEqual(textHeight);
    expect(23 * pitch).toBeGreaterThan(textHeight);
    const charPitch = (fontSizePt.三号 + Number(attr(sect, 'w:docGrid', 'charSpace')) / 4096) * 20;
    expect(Number(attr(sect, 'w:docGrid', 'charSpace'))).toBe(charSpace);
    expect(28 * charPitch).toBeLessThanOrEqual(textWidth);
    expect(29 * charPitch).toBeGreaterThan(textWidth);
  });

  it('Given the styles When read Then title, body and headings have the official fonts and sizes', () => {
    const expectFont = (id: string, font: string, sz: number) => {
      const s = style(docx.styles, id);
      expect(attr(s, 'w:rFonts', 'eastAsia')).toBe(font);
      expect(attr(s, 'w:rFonts', 'ascii')).toBe(font);
      expect(attr(s, 'w:sz', 'val')).toBe(String(sz));
    };
    expectFont('Normal', '仿宋_GB2312', 32);
    expectFont('ReportTitle', '方正小标宋简体', 44);
    expectFont('Heading1', '黑体', 32);
    expectFont('Heading2', '楷体_GB2312', 32);
    expect(attr(style(docx.styles, 'ReportTitle'), 'w:jc', 'val')).toBe('center');
    expect(attr(style(docx.styles, 'BodyText'), 'w:ind', 'firstLineChars')).toBe('200');
  });

  it('Given the document When its paragraphs are read Then the title and the numbered headings use their styles', () => {
    const styleOf = (text: string) => {
      const p = paragraphOf(docx.document, text);
      if (!p) throw new Error(`no paragraph "${text}"`);
      return attr(p, 'w:pStyle', 'val');
    };
    expect(styleOf(model.title)).toBe('ReportTitle');
    for (const h of ['一、机构编制情况', '二、主要问题', '三、改进措施与建议']) expect(styleOf(h)).toBe('Heading1');
    for (const p of model.problems) expect(styleOf(p.heading)).toBe('Heading2');
    for (const m of model.measures) expect(styleOf(m.heading)).toBe('Heading2');
    expect(docx.paragraphs.join('\n')).not.toContain('若干');
  });

  it('Given the footers When read Then page numbers are "— N —" in 4号 宋体, odd pages right and even pages left', () => {
    expect(docx.settings).toContain('<w:evenAndOddHeaders/>');
    const refs = [...docx.document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => m[1]);
    expect(refs.sort()).toEqual(['default', 'even']);
    expect(docx.footers).toHaveLength(2);
    const sides = docx.footers.map((f) => attr(f, 'w:jc', 'val')).sort();
    expect(sides).toEqual(['left', 'right']);
    for (const f of docx.footers) {
      expect(f).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
      expect(attr(f, 'w:rFonts', 'eastAsia')).toBe('宋体');
      expect(attr(f, 'w:sz', 'val')).toBe('28');
    }
  });

  it('Given the close When read Then 附件说明 has a full-width colon, the signer is the district’s 编办 and nothing stands alone', () => {
    expect(model.issuer).toBe('中共示范区委机构编制委员会办公室');
    const list = model.appendices.map((a, i) => `${i === 0 ? '附件：' : ''}${a.number}.${a.title}`);
    const at = docx.paragraphs.indexOf(list[0]!);
    expect(at).toBeGreaterThan(0);
    expect(docx.paragraphs.slice(at, at + list.length)).toEqual(list);
    expect(docx.paragraphs.join('')).not.toContain('附件:');
    // the last paragraph, the 附件说明 and the 署名 each keep with the next: they share the last body page
    const chain = [model.conclusion, ...list, model.issuer];
    for (const text of chain) expect(paragraphOf(docx.document, text), text).toMatch(/<w:keepNext\/>/);
    const signer = paragraphOf(docx.document, model.issuer)!;
    const date = paragraphOf(docx.document, '2026年11月27日')!;
    const left = (p: string) => Number(attr(p, 'w:ind', 'left'));
    const char = textWidth / 28;
    // 7.3.5.2: 署名右空二字 (16 characters end 2 from the edge), 成文日期首字比署名首字右移二字
    expect(Math.round(left(signer) / char)).toBe(28 - 2 - 16);
    expect(Math.round((left(date) - left(signer)) / char)).toBe(2);
  });

  it('Given a 署名 shorter than the date When placed Then the date keeps two characters from the edge and the 署名 moves left', () => {
    const long = closeIndents('中共示范区委机构编制委员会办公室', '2026年11月27日');
    expect(long).toEqual({ issuer: 10, date: 12 });
    const short = closeIndents('区委编办', '2026年11月27日');
    expect(short.date + 7).toBe(26);
    expect(short.date - short.issuer).toBe(2);
  });

  it('Given the appendices When the package is listed Then native charts are embedded', () => {
    const charts = docx.files.filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(charts.length).toBe(model.appendices.flatMap((a) => a.blocks).filter((b) => b.kind === 'chart').length);
    expect(charts.length).toBeGreaterThanOrEqual(1);
    for (const a of model.appendices) expect(docx.paragraphs).toContain(`附件${a.number}`);
  });

  it('Given the copy for LibreOffice When read Then the grid is kept as exact line pitch and character spacing', () => {
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(forLibreOffice.document)![0];
    expect(attr(sect, 'w:docGrid', 'type')).toBe('default');
    const normal = style(forLibreOffice.styles, 'Normal');
    expect(normal).toMatch(new RegExp(`<w:spacing [^>]*w:line="${linePitch}"[^>]*w:lineRule="exact"`));
    const squeeze = Number(/<w:rPr>[\s\S]*<w:spacing w:val="(-?\d+)"/.exec(normal)![1]);
    expect(28 * (fontSizePt.三号 * 20 + squeeze)).toBeLessThanOrEqual(textWidth);
    expect(forLibreOffice.paragraphs).toEqual(docx.paragraphs);
  });

  it('Given findings with markup in their titles When rendered Then the appendix table has one row per appendix finding, text intact', async () => {
    const s = demoSnapshot();
    const demo = diagnose(s);
    const template = demo.find((f) => f.severity === 'low') ?? demo[0]!;
    const hostile: Finding[] = Array.from({ length: 60 }, (_, i) => ({
      ...template,
      severity: 'low',
      title: `单位<${i}>&“甲”与"乙"的'第${i + 1}项'问题:A<B&C>D`,
    }));
    const m = buildReportModel(computeStatistics(s), [...demo, ...hostile], {
      districtName: s.regionName,
      issuedOn: '2026-11-27',
      sources: { sandingDuties: 0, powerItems: 0, workloadInstitutions: 0, indicators: 0 },
    });
    const rest = m.appendices
      .flatMap((a) => a.blocks)
      .flatMap((b) => (b.kind === 'table' && b.table.title === '其他问题清单' ? [b.table] : []))[0] as ReportTable;
    const parts = await openDocx(await renderReportDocx(m));
    const rows = tableAfter(parts.document, rest.title);
    expect(rows[0]).toEqual(rest.header);
    expect(rows.slice(1)).toEqual(rest.rows);
    // every finding not told in part 二 (overlaps aside: 附件2; record gaps aside: the 工作底稿) is in the table once,
    // by its title, the markup characters as they were
    const told = new Set(m.problems.flatMap((p) => p.items.flatMap((it) => it.findings)));
    const notTold = [...demo, ...hostile].filter((f) => !told.has(f) && f.code !== 'DUTY_OVERLAP' && !isWorkingNote(f));
    expect(rows.length - 1).toBe(notTold.length);
    const titles = rows.slice(1).map((r) => r[3]);
    for (const f of notTold) expect(titles).toContain(typeset(plain(f.title)));
    const shown = hostile.filter((f) => !told.has(f));
    expect(shown.length).toBeGreaterThan(0);
    for (const f of shown) expect(titles.filter((t) => t === typeset(plain(f.title)))).toHaveLength(1);
    expect(titles.join('')).toContain('A<B&C>D');
    expect(titles.join('')).toContain("“乙”的'第1项'");
    // the header repeats on every page, body rows are not split, and the XML has no raw markup characters in text
    const table = parts.document.slice(parts.document.indexOf('<w:tbl>', parts.document.lastIndexOf(rest.title)));
    const tbl = table.slice(0, table.indexOf('</w:tbl>'));
    expect(tbl.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(tbl.match(/<w:cantSplit\/>/g)).toHaveLength(notTold.length);
    expect(parts.document).toContain('A&lt;B&amp;C&gt;D');
    expect(parts.document).toContain('&apos;第1项&apos;');
    expect(parts.document).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });
});
