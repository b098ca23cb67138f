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
import { between, expectPartOneMatches, openDocx, tableAfter, type DocxParts } from '../../test/helpers/report.js';
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

  it('Given the demo district built in the database When the report is read Then 二（四）tells each planted 管理体制 problem with its evidence and 附件3 none of them', async () => {
    // Given: the demo plants two old 三定, two 权责清单 older than their laws, a 例外入编, a roster on a category its
    // unit has no quota of, an overdue 周转编制, a 编制事项 left undecided, two approved without 必要性和依据 and a 方案
    // whose 执行情况评估 is overdue, each recorded through the commands
    const { findings } = await diagnoseDistrict(ctx);
    const part2 = between(docx.paragraphs, '二、主要问题', '三、改进措施与建议');
    const heading = part2.findIndex((p) => p.startsWith('（四）'));
    expect(part2[heading]).toContain('管理体制');
    const items = part2.slice(heading + 1).join('\n');
    // When / Then: each problem, with who, what, how many and since when, in words
    expect(items).toMatch(/区司法局（2017年6月15日印发，已满\d+年）/u);
    expect(items).toMatch(
      /区水务局（2016年1月15日公布，其后《中华人民共和国河道管理条例》《中华人民共和国水法》等\d+部法律法规相继修改，涉及\d+项）/u,
    );
    expect(items).toMatch(/区公安分局有1人未经用编核准例外入编（\d{4}年\d{1,2}月\d{1,2}日入编，理由为“/u);
    expect(items).toContain('区住房和城乡建设局、区交通运输局实名制人员中有10人所在编制类别未核定编制');
    expect(items).toMatch(/区实验小学周转使用的事业编制2名应于2025年8月31日归还编制周转池，已逾期\d+天/u);
    expect(items).toMatch(/编制事项“关于调整区科学技术局机构编制事项的请示”.*于2026年5月11日提交，已等待\d+天/u);
    expect(items).toContain(
      '2件未记载必要性和依据（示编〔2025〕7号，2025年5月26日批准；示编〔2025〕15号，2025年12月12日批准',
    );
    expect(items).toContain('方案“区公安分局职能调整方案”（示编〔2025〕4号）应于2026年4月16日开展执行情况评估');
    expect(items).not.toMatch(/[A-Za-z]|\d{4}-\d{2}-\d{2}/u);
    // part 一（五）tells the undecided one beside the approved ones, never "all decided within a month" alone
    const handling = docx.paragraphs.find((p) => p.startsWith('（五）编制事项办理方面'))!;
    expect(handling).toMatch(/另有1件提交后尚未作出决定，已等待\d+天/u);
    // every 管理体制 finding of the database is told there, or is a gap of the records for the 工作底稿
    const section = report.model.problems.find((p) => p.section === '管理体制')!;
    const told = new Set(section.items.flatMap((i) => i.findings.map((f) => f.title)));
    for (const f of findings.filter((x) => x.section === '管理体制'))
      expect(told.has(f.title) || isWorkingNote(f), f.title).toBe(true);
    // 三（四）answers each item; 附件3 lists none of them
    const part3 = docx.paragraphs.slice(docx.paragraphs.indexOf('三、改进措施与建议') + 1);
    expect(part3.find((p) => p.startsWith('（四）'))).toBe('（四）完善体制机制，提升管理效能');
    const measures = report.model.measures.find((m) => m.section === '管理体制')!;
    expect(measures.items.flatMap((m) => m.cites)).toEqual(section.items.map((i) => i.ref));
    const rest = tableAfter(docx.document, '其他问题清单')
      .map((r) => r.join('|'))
      .join('\n');
    expect(rest).not.toMatch(/三定规定|权责清单|例外入编|编制事项|周转编制|花名册/u);
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
