import { describe, expect, it } from 'vitest';
import { diagnose } from '../analysis/diagnose.js';
import type { DiagnosticCode, Finding } from '../analysis/finding.js';
import { computeStatistics } from '../analysis/statistics.js';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { lintFigures, lintText } from './report-lint.js';
import { buildReportModel, isWorkingNote, reportText, type ReportMeta, type ReportModel } from './report-model.js';
import {
  approvalCaliber,
  isMechanismFinding,
  mechanismGroups,
  mechanismLabel,
  mechanismMeasure,
  mechanismProse,
} from './report-mechanism.js';

const meta = (s: { regionName: string; limits: { partyGovInstitutionCap?: number } }): ReportMeta => ({
  districtName: s.regionName,
  issuedOn: '2026-11-27',
  partyGovCap: s.limits.partyGovInstitutionCap,
  sources: { sandingDuties: 12, powerItems: 34, workloadInstitutions: 5, indicators: 6 },
});

const mechanism = (m: ReportModel) => m.problems.find((p) => p.section === '管理体制')!;
const appendixRows = (m: ReportModel) =>
  m.appendices
    .filter((a) => a.title === '其他问题清单')
    .flatMap((a) => a.blocks)
    .flatMap((b) => (b.kind === 'table' ? b.table.rows : []));

describe('part 二（四）管理体制 of the demo report', () => {
  const s = demoSnapshot();
  const st = computeStatistics(s);
  const findings = diagnose(s);
  const model = buildReportModel(st, findings, meta(s));
  const section = mechanism(model);
  const itemOf = (code: string) => section.items.find((i) => i.codes.includes(code as DiagnosticCode));

  it('Given the planted 管理体制 problems When the report is built Then each is told in 二（四） with its evidence sentence', () => {
    // Given: what the demo plants (see src/demo/demo-district.ts) — a 编制事项 pending 50 days, two old 三定, two
    // 权责清单 older than the laws they cite, a 例外入编, a roster on a category its unit has no quota of, an overdue
    // 周转编制 and an overdue 方案评估
    const evidence: Record<string, string[]> = {
      APPROVAL_DELAY: ['编制事项“关于调整区科学技术局机构编制事项的请示”', '于2026年5月11日提交，已等待50天'],
      SANDING_OUTDATED: ['区司法局（2017年6月15日印发，已满9年）', '区财政局（2018年11月20日印发，已满7年）'],
      POWER_LIST_OUTDATED: [
        // more than two revised laws: the two most cited by name, then how many in all
        '区水务局（2016年1月15日公布，其后《中华人民共和国河道管理条例》《中华人民共和国水法》等',
        '区文化市场综合执法大队（2020年6月30日公布',
      ],
      APPROVAL_WITHOUT_EVALUATION: ['2件未记载必要性和依据（示编〔2025〕7号，2025年5月26日批准；'],
      EXCEPTION_ENTRY: ['区公安分局有1人未经用编核准例外入编（2026年5月4日入编，理由为“'],
      DATA_QUALITY: ['区住房和城乡建设局、区交通运输局实名制人员中有10人所在编制类别未核定编制'],
      POOL_LOAN_OVERDUE: ['区实验小学周转使用的事业编制2名应于2025年8月31日归还编制周转池，已逾期303天'],
      SCENARIO_REVIEW_OVERDUE: ['方案“区公安分局职能调整方案”（示编〔2025〕4号）应于2026年4月16日开展执行情况评估'],
    };
    // When / Then
    for (const [code, sentences] of Object.entries(evidence)) {
      const item = itemOf(code);
      expect(item, code).toBeDefined();
      for (const sentence of sentences) expect(item!.text, code).toContain(sentence);
    }
    // related codes are one item: three mechanisms, not seven codes
    expect(section.items.map((i) => i.label)).toEqual(
      expect.arrayContaining([
        '编制事项决策和跟踪督办机制不够健全',
        '三定规定和权责清单动态调整滞后',
        '用编进人和实名制管理监督不够严格',
      ]),
    );
    expect(section.items).toHaveLength(3);
  });

  it('Given the thresholds When the items are read Then each is a 测算口径 with its basis, said once, never a 标准', () => {
    const text = section.items.map((i) => i.text).join('');
    expect(text).toContain('测算口径：三定规定印发满5年列为评估对象，按机构改革大体五年一轮设定');
    expect(text).toContain('法律法规修订满6个月未调整即列入，按清单动态调整的要求设定');
    expect(text).toContain('提交后30天内作出决定，系本次比对自设，并非上级规定的时限');
    expect(text.match(/测算口径/gu)).toHaveLength(2);
    expect(text).not.toContain('标准');
    expect(text).not.toMatch(/实地调研|实地走访/u);
  });

  it('Given the roster that disagrees with the quota When told Then it refers to the 人员结构 item of the same units rather than repeat it', () => {
    const mixed = model.problems.flatMap((p) => p.items).find((i) => i.codes.includes('MIXED_QUOTA'))!;
    expect(itemOf('DATA_QUALITY')!.text).toContain(`（见${mixed.ref}）`);
    expect(itemOf('DATA_QUALITY')!.text).not.toContain('区住房和城乡建设局事业编制6人');
  });

  it('Given part 三 When 完善体制机制 is read Then one measure answers each 管理体制 item by name', () => {
    const measures = model.measures.find((m) => m.section === '管理体制')!;
    expect(measures.heading).toBe('（四）完善体制机制，提升管理效能');
    expect(measures.items.map((m) => m.cites)).toEqual(section.items.map((i) => [i.ref]));
    const text = (code: string) => measures.items[section.items.indexOf(itemOf(code)!)]!.text;
    expect(text('SANDING_OUTDATED')).toContain('对区司法局、区财政局开展机构编制管理评估');
    const powerList = findings.find((f) => f.code === 'POWER_LIST_OUTDATED')!;
    expect(text('POWER_LIST_OUTDATED')).toContain(
      `由区水务局、区文化市场综合执法大队对照修订后的法律法规调整所涉${powerList.measures.items}项`,
    );
    expect(text('EXCEPTION_ENTRY')).toContain('复核1名例外入编人员并补办用编核准');
    expect(text('APPROVAL_DELAY')).toContain('对提交超过30天的1件编制事项限期办结');
    expect(text('POOL_LOAN_OVERDUE')).toContain('督促区实验小学归还逾期周转编制');
  });

  it('Given the appendices When 附件3 is read Then none of the 管理体制 problems told in 二（四） is listed again', () => {
    const told = section.items.flatMap((i) => i.findings);
    expect(told.length).toBeGreaterThanOrEqual(7);
    const rows = appendixRows(model).map((r) => r.join('|'));
    for (const label of ['编制事项审批周期过长', '三定规定长期未修订或缺失', '权责清单未随法律法规修订调整'])
      expect(rows.join('\n')).not.toContain(label);
    expect(rows.join('\n')).not.toMatch(/例外入编|周转编制|花名册与编制台账不一致|执行情况评估/u);
    // every 管理体制 finding is told, or is a gap of the office's records for the 工作底稿
    for (const f of findings.filter((x) => x.section === '管理体制'))
      expect(told.includes(f) || isWorkingNote(f), f.title).toBe(true);
  });

  it('Given the data gaps When the model is built Then they are in the 工作底稿, not in 问题', () => {
    expect(model.workingNotes.join('')).toContain('缺少三定职责，只有权责清单（区医疗保障局）');
    expect(JSON.stringify(model.problems)).not.toContain('区医疗保障局');
    expect(JSON.stringify(model.appendices)).not.toContain('缺少三定职责');
  });

  it('Given the demo report When linted Then the 管理体制 items pass, with the figures the statistics give', () => {
    const r = reportText(model);
    expect([...lintText(r), ...lintFigures(r, st)].map((i) => i.message)).toEqual([]);
    expect(section.items.map((i) => i.text).join('')).not.toMatch(/[A-Za-z]|\d{4}-\d{2}-\d{2}/u);
  });
});

describe('a finding of a 管理体制 code registered later', () => {
  // Given: APPROVAL_WITHOUT_EVALUATION (added in another branch) as a synthetic finding beside an APPROVAL_DELAY one
  const withoutEvaluation = {
    code: 'APPROVAL_WITHOUT_EVALUATION' as DiagnosticCode,
    section: '管理体制',
    severity: 'medium',
    title: '2件编制事项未附评估意见即获批准(区数据局、区商务局),最早的于2025-03-01批准',
    institutions: [
      { id: 'a', name: '区数据局' },
      { id: 'b', name: '区商务局' },
    ],
    measures: { approvals: 2 },
    evidence: [
      {
        kind: 'text',
        institutionId: 'a',
        institution: '区数据局',
        text: '编制事项"关于增加区数据局编制的请示"于2025-03-01批准,未附评估意见',
      },
    ],
    measure: '编制事项报批前应附评估意见。',
  } satisfies Finding;
  const delay: Finding = {
    code: 'APPROVAL_DELAY',
    section: '管理体制',
    severity: 'low',
    title: '1件编制事项提交后超过30天仍未审批,最长的已等待40天',
    institutions: [],
    measures: { check: 'pending', adjustments: 1, longestDays: 40, limitDays: 30 },
    evidence: [
      {
        kind: 'text',
        institutionId: '',
        institution: '全区',
        text: '编制事项"关于调整区财政局编制的请示"于2026年5月1日提交,截至2026年6月10日已等待40天,尚未批准或驳回',
      },
    ],
    measure: '建立编制事项办理时限制度。',
  };

  it('Given it beside a wait When grouped Then both are one 决策 item, told in plain Chinese with a measure for each', () => {
    // When
    const { groups, rest } = mechanismGroups([delay, withoutEvaluation]);
    // Then
    expect(rest).toEqual([]);
    expect(groups).toHaveLength(1);
    const g = groups[0]!;
    expect(g.findings).toEqual([withoutEvaluation, delay]);
    expect(mechanismLabel(g)).toBe('编制事项决策和跟踪督办机制不够健全');
    const text = mechanismProse(g);
    expect(text).toContain('2件编制事项未附评估意见即获批准(区数据局、区商务局),最早的于2025年3月1日批准');
    expect(text).toContain('编制调整未经评估论证、编制事项久拖不决');
    expect(text).not.toMatch(/[A-Za-z]|\d{4}-\d{2}-\d{2}/u);
    const measure = mechanismMeasure(g);
    expect(measure).toMatch(/^健全编制事项决策和跟踪督办机制：一是编制事项报批前须附评估论证意见/u);
    expect(measure).toContain('二是对提交超过30天的1件编制事项限期办结');
  });

  it('Given it alone When the report is built Then it is an item of 二（四）, answered in 三, not in 附件3, and lints clean', () => {
    const s = demoSnapshot();
    const st = computeStatistics(s);
    const m = buildReportModel(st, [...diagnose(s), withoutEvaluation], meta(s));
    const item = mechanism(m).items.find((i) => i.findings.includes(withoutEvaluation))!;
    expect(item.label).toBe('编制事项决策和跟踪督办机制不够健全');
    expect(item.text).toContain('最早的于2025年3月1日批准');
    const measures = m.measures.find((x) => x.section === '管理体制')!;
    expect(measures.items.find((x) => x.cites.includes(item.ref))!.text).toContain('未经评估的不提请编委审议');
    expect(appendixRows(m).flat().join('')).not.toContain('未附评估意见');
    expect(isMechanismFinding(withoutEvaluation)).toBe(true);
    expect(lintText(reportText(m)).map((i) => i.message)).toEqual([]);
  });
});

describe('the 测算口径 of a long wait, in part 一 and in 二（四）', () => {
  // Given: the demo district with a 编制事项 pending 45 days
  const s = demoSnapshot();
  const day = (offset: number) =>
    new Date(Date.parse(`${s.asOf}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  s.adjustmentWaits = [
    {
      adjustmentId: '1',
      docNumber: '示编〔2026〕1号',
      title: '关于调整区数据局编制的通知',
      institutions: ['区数据局'],
      submittedOn: day(-45),
      decidedOn: null,
      decision: null,
    },
  ];
  const st = computeStatistics(s);
  const findings = diagnose(s);
  const count = (m: ReportModel) => reportText(m).paragraphs.join('').split(approvalCaliber(30)).length - 1;

  it('Given part 一 tells the waits of the audit trail When the report is built Then the 测算口径 is said there only', () => {
    const m = buildReportModel(st, findings, { ...meta(s), approvalWaitDays: [10, 45] });
    expect(m.situation.at(-1)!.text).toContain(`测算口径：${approvalCaliber(30)}`);
    expect(mechanism(m).items.find((i) => i.codes.includes('APPROVAL_DELAY'))!.text).toContain('已等待45天');
    expect(count(m)).toBe(1);
  });

  it('Given no wait read from the audit trail When the report is built Then 二（四）says the 测算口径 once', () => {
    const m = buildReportModel(st, findings, meta(s));
    const item = mechanism(m).items.find((i) => i.codes.includes('APPROVAL_DELAY'))!;
    expect(item.text).toContain(`测算口径：${approvalCaliber(30)}`);
    expect(count(m)).toBe(1);
  });
});
