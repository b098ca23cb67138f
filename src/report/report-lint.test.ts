import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../analysis/diagnose.js';
import { computeStatistics } from '../analysis/statistics.js';
import { writeReportPdf } from '../commands/report.js';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { lintFigures, lintPages, lintText } from './report-lint.js';
import { buildReportModel, chineseDate, reportText, type ReportMeta } from './report-model.js';

const meta = (s: { regionName: string; limits: { partyGovInstitutionCap?: number } }): ReportMeta => ({
  districtName: s.regionName,
  issuedOn: '2026-11-27',
  partyGovCap: s.limits.partyGovInstitutionCap,
  sources: { sandingDuties: 12, powerItems: 34, workloadInstitutions: 5, indicators: 6 },
});

const rules = (issues: { rule: string }[]) => issues.map((i) => i.rule);
const text = (...paragraphs: string[]) => ({ paragraphs, cells: [] });

describe('the report linter on texts made to fail it', () => {
  it('Given Latin letters outside the allow-list When linted Then each is reported, GB/T 9704 is not', () => {
    expect(rules(lintText(text('依据GB/T 9704-2012编排。')))).toEqual([]);
    expect(rules(lintText(text('区统计局（VACANT_QUOTA）。')))).toEqual(['latin']);
    expect(rules(lintText({ paragraphs: [], cells: ['lastStartOn：2016'] }))).toEqual(['latin']);
  });

  it('Given an ISO date, a score, a tag or a word cut short When linted Then each is machine text', () => {
    expect(rules(lintText(text('设立于2003-04-25。')))).toEqual(['iso-date']);
    expect(rules(lintText(text('相似度0.94。')))).toEqual(['machine-text']);
    expect(rules(lintText(text('“【商贸流通】负责拟订规划”。')))).toEqual(['machine-text']);
    expect(rules(lintText(text('负责全区文物保护和非物……。')))).toEqual(['machine-text']);
    expect(rules(lintText(text('副局长、副局长、副局长。')))).toEqual(['machine-text']);
    expect(rules(lintText(text('专业技术人员0人，仅占10人的0%。')))).toEqual(['machine-text']);
  });

  it('Given a sentence or an article quoted twice When linted Then the repetition is reported once', () => {
    const s = '编制资源长期闲置，未能发挥应有效益。';
    expect(rules(lintText(text(s, `另一段。${s}`)))).toEqual(['repeated-sentence']);
    const q = '《条例》第十条“地方各级人民政府行政机构职责相同或者相近的，原则上由一个行政机构承担”';
    expect(rules(lintText(text(`甲不符合${q}的规定。`, `乙不符合${q}的规定啊。`)))).toEqual(['article-twice']);
    expect(rules(lintText(text(`甲不符合${q}的规定。`, '乙同样不符合该条规定。')))).toEqual([]);
  });

  it('Given figures that disagree with the statistics When linted Then each is reported', () => {
    const s = demoSnapshot();
    const st = computeStatistics(s);
    const young = st.people.ageBands['35岁以下'];
    const right = `全区有各类机构${st.overview.institutions.total}个。全区35岁以下${young}人。`;
    expect(lintFigures(text(right), st)).toEqual([]);
    expect(rules(lintFigures(text(`全区有各类机构${st.overview.institutions.total + 1}个。`), st))).toEqual(['figure']);
    expect(rules(lintFigures(text('全区35岁以下占比18%。'), st))).toEqual(['figure']);
    const inst = st.institutions.find((i) => i.people.total > 3)!;
    expect(rules(lintFigures(text(`${inst.name}实有${inst.people.total + 2}人。`), st))).toEqual(['figure']);
  });

  it('Given PDF pages When the 署名 stands alone or a page is blank Then the close is reported', () => {
    const close = { issuer: '区委编办', date: '2026年11月27日', appendixTitles: ['机构编制统计表'] };
    const body = '综上所述，必须坚持问题导向，为全区经济社会高质量发展提供坚强有力的组织保障。';
    expect(
      lintPages([`正文${body}`, `${body}\n附件：1.机构编制统计表\n区委编办\n2026年11月27日\n— 2 —`], close),
    ).toEqual([]);
    expect(rules(lintPages([body, '附件：1.机构编制统计表\n区委编办\n2026年11月27日\n— 2 —'], close))).toEqual([
      'close-alone',
    ]);
    expect(rules(lintPages([body, '  — 2 —  ', `${body}区委编办2026年11月27日`], close))).toEqual(['empty-page']);
  });
});

describe('the demo district report passes the linter', () => {
  const s = demoSnapshot();
  const st = computeStatistics(s);
  const model = buildReportModel(st, diagnose(s), meta(s));
  const r = reportText(model);

  it('Given the demo report When its text is linted Then there is no machine text, repetition or Latin letter', () => {
    expect(lintText(r).map((i) => i.message)).toEqual([]);
  });

  it('Given the demo report When every figure it states is read back Then each equals the statistics', () => {
    expect(lintFigures(r, st).map((i) => i.message)).toEqual([]);
  });

  const installed = (cmd: string, arg: string) => !spawnSync(cmd, [arg], { stdio: 'ignore' }).error;
  it.skipIf(!installed('soffice', '--version') || !installed('pdftotext', '-v'))(
    'Given the demo report as PDF When its pages are read Then none is blank, the 署名 has body text beside it and the body is at most 12 pages',
    async () => {
      const outDir = join(process.cwd(), 'test-output', 'report-lint');
      await mkdir(outDir, { recursive: true });
      const pdf = await writeReportPdf(model, join(outDir, 'demo-report.docx'), outDir);
      const pages = execFileSync('pdftotext', ['-layout', pdf.pdfPath, '-']).toString().split('\f').slice(0, pdf.pages);
      const close = {
        issuer: model.issuer,
        date: chineseDate(model.issuedOn),
        appendixTitles: model.appendices.map((a) => a.title),
      };
      expect(lintPages(pages, close).map((i) => i.message)).toEqual([]);
      const signed = pages.findIndex((p) => p.replace(/\s/g, '').includes(close.date));
      expect(signed + 1).toBeLessThanOrEqual(12);
    },
    300_000,
  );
});

describe('a report with 编制事项 waiting for approval passes the linter', () => {
  // Given: the demo district on its date with one 编制事项 pending 45 days and three decided in a median of 50 days
  const s = demoSnapshot();
  const day = (offset: number) =>
    new Date(Date.parse(`${s.asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const wait = (id: string, submitted: number, decided: number | null) => ({
    adjustmentId: id,
    docNumber: `示编〔2026〕${id}号`,
    title: '关于调整区数据局编制的通知',
    institutions: ['区数据局'],
    submittedOn: day(submitted),
    decidedOn: decided === null ? null : day(decided),
    decision: decided === null ? null : ('approved' as const),
  });
  s.adjustmentWaits = [wait('1', -45, null), wait('2', -200, -190), wait('3', -180, -130), wait('4', -150, -80)];
  const st = computeStatistics(s);
  const model = buildReportModel(st, diagnose(s), meta(s));
  const r = reportText(model);

  it('Given the report When read Then 管理体制 tells the waits in plain Chinese and the linter finds nothing', () => {
    const all = r.paragraphs.join('\n') + r.cells.join('\n');
    expect(all).toContain('编制事项决策和跟踪督办机制不够健全');
    expect(all).toContain('已等待45天');
    expect(all).toContain('件编制事项限期办结，明确各环节办理时限');
    expect(lintText(r).map((i) => i.message)).toEqual([]);
    expect(lintFigures(r, st).map((i) => i.message)).toEqual([]);
  });
});
