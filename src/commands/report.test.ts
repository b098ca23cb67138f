import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '../config/env.js';
import { generateDemoDistrict } from '../demo/demo-district.js';
import { plain, typeset } from '../report/report-prose.js';
import { lintFigures, lintText } from '../report/report-lint.js';
import { isWorkingNote, reportText } from '../report/report-model.js';
import { createTestDatabase } from '../../test/test-database.js';
import { between, expectPartOneMatches, openDocx, type DocxParts } from '../../test/helpers/report.js';
import type { CommandContext } from './context.js';
import { buildDemoDistrict } from './demo.js';
import { diagnoseDistrict, districtStatistics } from './diagnose.js';
import { buildDistrictReport, pdfPageCount, writeReportPdf } from './report.js';

const outDir = join(process.cwd(), 'test-output', 'report');
const installed = (cmd: string, arg: string) => !spawnSync(cmd, [arg], { stdio: 'ignore' }).error;
const tools = installed('soffice', '--version') && installed('pdftoppm', '-v');

describe('the district report built from the database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: CommandContext;
  let report: Awaited<ReturnType<typeof buildDistrictReport>>;
  let docx: DocxParts;

  beforeAll(async () => {
    database = await createTestDatabase();
    const demo = generateDemoDistrict();
    ctx = { pool: database.pool, regionCode: demo.regionCode, actor: 'test', today: '2026-11-27' };
    await buildDemoDistrict(ctx, demo);
    report = await buildDistrictReport(ctx, {});
    docx = await openDocx(report.docx);
    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'demo-report.docx'), report.docx);
  }, 300_000);
  afterAll(() => database?.close());

  it('Given the demo district When the report is built Then part 一 states exactly the statistics of the same date', async () => {
    const st = await districtStatistics(ctx);
    expect(report.model.asOf).toBe(st.asOf);
    expectPartOneMatches(between(docx.paragraphs, '一、机构编制情况', '二、主要问题').join(''), st);
    expect(report.fileName).toMatch(/\.docx$/);
    expect(report.fileName).toContain(st.asOf);
  });

  it('Given the report When its text is searched Then no 若干 is left and every high finding is in part 二 or an appendix', async () => {
    expect(docx.paragraphs.join('\n')).not.toContain('若干');
    const { findings } = await diagnoseDistrict(ctx);
    const high = findings.filter((f) => f.severity === 'high' && !isWorkingNote(f));
    expect(high.length).toBeGreaterThan(0);
    const told = new Set(report.model.problems.flatMap((p) => p.items.flatMap((i) => i.findings.map((f) => f.title))));
    const listed = docx.document;
    for (const f of high) expect(told.has(f.title) || listed.includes(typeset(plain(f.title))), f.title).toBe(true);
  });

  it('Given the report When linted as a director would read it Then no machine text, repetition or wrong figure', async () => {
    const st = await districtStatistics(ctx);
    const text = reportText(report.model);
    expect([...lintText(text), ...lintFigures(text, st)].map((i) => i.message)).toEqual([]);
  });

  it('Given part 三 When its numbered measures are read Then each cites problems that part 二 numbers', () => {
    const part2 = between(docx.paragraphs, '二、主要问题', '三、改进措施与建议');
    const part3 = docx.paragraphs.slice(docx.paragraphs.indexOf('三、改进措施与建议') + 1);
    const measures = part3
      .slice(
        0,
        part3.findIndex((p) => p.startsWith('综上所述')),
      )
      .filter((p) => /^\d+\./.test(p));
    expect(measures.length).toBe(report.model.counts.measures);
    let section = 0;
    const numbered = new Set<string>();
    for (const p of part2) {
      const h = /^（([一二三四])）/.exec(p);
      if (h) section = '一二三四'.indexOf(h[1]!) + 1;
      const n = /^(\d+)\./.exec(p);
      if (n) numbered.add(`二（${'一二三四'[section - 1]}）${n[1]}`);
    }
    for (const m of measures) {
      const cite = /（针对问题([^）]*(?:）[^）]*)*?)）。$/.exec(m);
      expect(cite, m).not.toBeNull();
      const refs = cite![1]!.split('、');
      for (const r of refs) expect(numbered.has(r), `${r} in ${m}`).toBe(true);
    }
  });

  it.skipIf(!tools && !env.CI)(
    'Given LibreOffice and poppler When the report is converted Then the PDF has a plausible page count and page 1 renders',
    async () => {
      if (!tools) throw new Error('CI 需要 soffice(libreoffice-writer-nogui)和 pdftoppm(poppler-utils)');
      const pdf = await writeReportPdf(report.model, join(outDir, 'demo-report.docx'), outDir);
      console.log(`LibreOffice conversion: ${(pdf.ms / 1000).toFixed(1)} s, ${pdf.pages} pages → ${pdf.pdfPath}`);
      expect(pdf.pages).toBeGreaterThanOrEqual(5);
      expect(pdf.pages).toBeLessThanOrEqual(200);
      expect(pdfPageCount(await readFile(pdf.pdfPath))).toBe(pdf.pages);
      const png = join(outDir, 'demo-report-page-1');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf.pdfPath, png]);
      const image = await readFile(`${png}.png`);
      expect(image.subarray(1, 4).toString()).toBe('PNG');
      expect((await stat(`${png}.png`)).size).toBeGreaterThan(10_000);
      // page 1 carries the title, and the text layer is the report's own
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf.pdfPath, '-']).toString().replace(/\s/g, '');
      expect(text).toContain(report.model.title);
      expect(text).toContain('—1—');
      // the fonts.conf aliases at work: 仿宋/小标宋 fall back to Noto CJK, 楷体 (second-level headings) to AR PL UKai
      const fonts = execFileSync('pdffonts', [pdf.pdfPath]).toString();
      expect(fonts).toMatch(/NotoSerifCJK/);
      expect(fonts).toMatch(/UKai/);
    },
    240_000,
  );
});

describe('pdfPageCount', () => {
  it('Given a PDF with a page tree When counted Then pages are counted and the tree node is not', () => {
    const pdf = Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>', 'latin1');
    expect(pdfPageCount(pdf)).toBe(2);
  });
});
