import { describe, expect, it } from 'vitest';
import { diagnose } from '../analysis/diagnose.js';
import { severityRank, type Finding } from '../analysis/finding.js';
import { computeStatistics } from '../analysis/statistics.js';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { makeSnapshot } from '../../test/snapshot-factory.js';
import { expectPartOneMatches, openDocx } from '../../test/helpers/report.js';
import {
  buildReportModel,
  findingsPerItem,
  isWorkingNote,
  itemCap,
  reportText,
  proseCap,
  type ReportMeta,
  type ReportModel,
} from './report-model.js';
import { dutyCodes, plain, typeset } from './report-prose.js';
import { lintText } from './report-lint.js';
import { renderReportDocx } from './report-docx.js';

const meta = (s: { regionName: string; limits: { partyGovInstitutionCap?: number } }): ReportMeta => ({
  districtName: s.regionName,
  issuedOn: '2026-11-27',
  partyGovCap: s.limits.partyGovInstitutionCap,
  sources: { sandingDuties: 12, powerItems: 34, workloadInstitutions: 5, indicators: 6 },
});

const allText = (m: ReportModel) => JSON.stringify(m);

describe('report model of the demo district', () => {
  const snapshot = demoSnapshot();
  const statistics = computeStatistics(snapshot);
  const findings = diagnose(snapshot);
  const model = buildReportModel(statistics, findings, meta(snapshot));
  const items = model.problems.flatMap((p) => p.items);

  it('Given the demo district When the model is built Then every figure of part 一 is the statistics function’s', () => {
    expectPartOneMatches(model.situation.map((s) => s.text).join(''), statistics);
    expect(model.situation.map((s) => s.heading)).toEqual([
      '（一）机构设置方面：',
      '（二）人员编制方面：',
      '（三）领导职数方面：',
      '（四）人员结构方面：',
    ]);
    // the cap is the district's own, and the text says by how much it is exceeded or kept
    const cap = snapshot.limits.partyGovInstitutionCap!;
    const pg = statistics.overview.institutions.partyGov;
    if (pg > cap) expect(model.situation[0]!.text).toContain(`超出机构限额（${cap}个）${pg - cap}个`);
    else expect(model.situation[0]!.text).toContain(`（${cap}个）`);
  });

  it('Given the model When searched Then no placeholder 若干 is left anywhere', () => {
    expect(allText(model)).not.toContain('若干');
    expect(model.preface).toContain(String(statistics.overview.institutions.total));
    expect(model.preface).toContain('2026年6月30日');
  });

  it('Given the findings When told in part 二 Then every high one is there, each section ranked by severity', () => {
    // every high finding is told in part 二 or, past the items a section has room for, listed in the appendices
    const told = new Set(items.flatMap((i) => i.findings));
    const listed = model.appendices
      .flatMap((a) => a.blocks)
      .flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.join('|')) : []))
      .join('\n');
    for (const f of findings.filter((x) => x.severity === 'high' && !isWorkingNote(x)))
      expect(told.has(f) || listed.includes(typeset(plain(f.title))), f.title).toBe(true);
    for (const p of model.problems) {
      expect(p.items.length).toBeLessThanOrEqual(itemCap);
      const ranks = p.items.map((i) => severityRank[i.severity]);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      expect(p.items.every((i) => i.findings.every((f) => f.section === p.section))).toBe(true);
      const high = p.items.filter((i) => i.severity === 'high').length;
      expect(p.items.length).toBeLessThanOrEqual(Math.max(proseCap, high, 3));
    }
    expect(model.counts.inProse + model.counts.inAppendix + model.workingNotes.length).toBe(findings.length);
    expect(model.problems.map((p) => p.section)).toEqual(['机构设置', '职能配置', '人员结构', '管理体制']);
  });

  it('Given an item told in part 二 When its prose is read Then it names the institutions of its first finding', () => {
    for (const it of items)
      for (const inst of it.findings[0]!.institutions.slice(0, 3)) expect(it.text).toContain(inst.name);
  });

  it('Given the findings of a section When grouped Then one item per code, the duty codes of one domain in one item', () => {
    for (const p of model.problems) {
      const plainCodes = p.items.filter((i) => !dutyCodes.includes(i.codes[0]!)).map((i) => i.codes[0]);
      expect(new Set(plainCodes).size).toBe(plainCodes.length);
    }
    // 数字经济: its uncovered domain and its vague duties (and any overlap found there) are one problem
    const digital = items.filter((i) => i.findings.some((f) => f.measures.domain === '数字经济'));
    expect(digital).toHaveLength(1);
    const codes = new Set(digital[0]!.findings.map((f) => f.code));
    expect(codes).toContain('DOMAIN_UNCOVERED');
    expect(codes).toContain('VAGUE_DUTY');
    for (const code of codes) expect(dutyCodes).toContain(code);
  });

  it('Given part 三 When each measure is read Then it cites problems of part 二 that exist, and every problem is answered', () => {
    const refs = new Set(items.map((i) => i.ref));
    const cited = new Set<string>();
    for (const m of model.measures) {
      for (const it of m.items) {
        expect(it.cites.length).toBeGreaterThan(0);
        expect(it.text).toContain(`（针对问题${it.cites.join('、')}）`);
        for (const c of it.cites) {
          expect(refs.has(c)).toBe(true);
          cited.add(c);
        }
      }
    }
    for (const i of items) expect(cited.has(i.ref)).toBe(true);
    expect(model.counts.measures).toBeGreaterThan(0);
  });

  it('Given the appendices When listed Then the statistics tables, the overlap clusters and the rest of the findings are there', () => {
    const [stats, overlap, rest, law] = model.appendices;
    expect(stats!.title).toBe('机构编制统计表');
    const tables = stats!.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
    const quotaTable = tables.find((t) => t.title.includes('各类编制'))!;
    const total = quotaTable.rows.at(-1)!;
    const q = statistics.overview.quota.total;
    expect(total.slice(1).map(Number)).toEqual([q.approved, q.actual, q.vacant, q.over]);
    expect(stats!.blocks.filter((b) => b.kind === 'chart').length).toBeGreaterThanOrEqual(1);

    // 附件2: the overlaps part 二 does not tell, once each; 附件3: the other problems, none of 附件2's
    const told = new Set(items.flatMap((i) => i.findings));
    const overlaps = findings.filter((f) => f.code === 'DUTY_OVERLAP' && !told.has(f));
    expect(overlap!.title).toBe('职能交叉重叠事项清单');
    const overlapRows = overlap!.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows : []));
    expect(overlapRows.filter((r) => r[0] !== '').length).toBe(overlaps.length);

    expect(rest!.title).toBe('其他问题清单');
    const restTable = rest!.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []))[0]!;
    expect(restTable.header).toEqual(['序号', '问题', '涉及单位', '主要数据', '建议']);
    expect(restTable.rows.length + overlaps.length).toBe(model.counts.inAppendix);
    expect(restTable.rows.map((r) => r[3]).join('')).not.toMatch(/[A-Za-z]/);
    for (const f of overlaps) expect(restTable.rows.some((r) => r[3] === typeset(plain(f.title)))).toBe(false);

    expect(law!.title).toBe('法规依据');
  });
});

describe('report model of a small district', () => {
  it('Given a district without posts, hosted units or public institutions When written Then part 一 says so in words', () => {
    const s = makeSnapshot({
      asOf: '2026-03-01',
      limits: { partyGovInstitutionCap: 5 },
      institutions: [
        { name: '区委办公室', kind: 'party_dept', quotas: { admin: 10 } },
        { name: '区财政局', kind: 'gov_dept', quotas: { admin: 8, worker: 1 } },
      ],
      people: [
        { institution: '区委办公室', category: 'admin', count: 9 },
        { institution: '区财政局', category: 'admin', count: 9 },
      ],
    });
    const st = computeStatistics(s);
    const m = buildReportModel(st, [], meta({ regionName: '测试区', limits: s.limits }));
    const text = m.situation.map((x) => x.text).join('');
    expectPartOneMatches(text, st);
    expect(text).toContain('在机构限额（5个）以内');
    expect(text).toContain('未核定事业编制');
    expect(text).toContain('全区尚未核定领导职数');
    expect(text).toContain('全区没有挂靠机构');
    expect(m.title).toBe('关于测试区机构职能体系运行情况的调研报告');
    // no section heading stands over nothing: part 二 says once that no problem was found
    expect(m.problems).toEqual([]);
    expect(m.measures).toEqual([]);
    expect(m.problemsIntro).toContain('未发现突出问题');
    expect(m.appendices.map((a) => a.title)).toEqual(['机构编制统计表', '法规依据']);
    expect(allText(m)).not.toContain('若干');
  });

  it('Given many findings of one section When selected Then all high ones are told and the rest capped', () => {
    const f = (severity: Finding['severity'], i: number): Finding => ({
      code: 'OVER_QUOTA',
      section: '人员结构',
      severity,
      title: `单位${i}行政编制核定10名,实有${12 + i}人,超编${2 + i}名`,
      institutions: [{ id: String(i), name: `单位${i}` }],
      measures: { approved: 10, actual: 12 + i },
      evidence: [],
      measure: `消化单位${i}超编人员`,
    });
    const findings = [
      ...Array.from({ length: 10 }, (_, i) => f('high', i)),
      ...Array.from({ length: 5 }, (_, i) => f('medium', 10 + i)),
      ...Array.from({ length: 5 }, (_, i) => f('low', 20 + i)),
    ];
    const s = makeSnapshot({ institutions: [{ name: '区财政局', quotas: { admin: 10 } }] });
    const m = buildReportModel(computeStatistics(s), findings, meta({ regionName: '测试区', limits: {} }));
    const people = m.problems.find((p) => p.section === '人员结构')!;
    // ten units over quota are one problem: one item naming the first six, the other four listed in the appendix
    expect(people.items).toHaveLength(1);
    expect(people.items[0]!.findings.map((f) => f.severity)).toEqual(Array(findingsPerItem).fill('high'));
    for (let i = 0; i < findingsPerItem; i++) expect(people.items[0]!.text).toContain(`单位${i}`);
    expect(people.items[0]!.text).toContain(`另有${10 - findingsPerItem}处同类情况列入附件`);
    expect(m.counts.inAppendix).toBe(20 - findingsPerItem);
    expect(m.problemsIntro).toContain(`另有${20 - findingsPerItem}个问题列入附件2`);
    expect(m.measures.find((x) => x.section === '人员结构')!.items).toHaveLength(1);
  });
});

describe('report model of an empty or near-empty district', () => {
  it('Given a district without institutions When the report is built Then it is a short notice of what is missing', async () => {
    const s = makeSnapshot({ institutions: [] });
    const st = computeStatistics(s);
    const m = buildReportModel(st, diagnose(s), meta({ regionName: '空白区', limits: {} }));
    expect(m.notice).toBe(true);
    expect(m.title).toBe('关于空白区机构编制数据情况的说明');
    expect(m.preface).toContain('机构设置台账');
    expect(m.preface).toContain('实名制人员信息');
    expect(allText(m)).not.toMatch(/0个机构|高风险|问题\d+个/);
    expect(m.appendices).toEqual([]);
    expect(m.issuer).toBe('中共空白区委机构编制委员会办公室');
    const r = reportText(m);
    expect(lintText(r)).toEqual([]);
    const docx = await openDocx(await renderReportDocx(m));
    expect(docx.paragraphs).toContain(m.issuer);
    expect(docx.paragraphs).not.toContain('一、机构编制情况');
    expect(docx.files.filter((f) => f.startsWith('word/charts/'))).toEqual([]);
  });

  it('Given institutions with quotas but no people When the report is built Then no chart of zero bars is drawn', () => {
    const s = makeSnapshot({ institutions: [{ name: '区财政局', kind: 'gov_dept', quotas: { admin: 8 } }] });
    const m = buildReportModel(computeStatistics(s), [], meta({ regionName: '测试区', limits: {} }));
    expect(m.notice).toBe(false);
    const charts = m.appendices.flatMap((a) => a.blocks).flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    for (const c of charts) expect(c.series.some((x) => x.values.some((v) => v > 0))).toBe(true);
    expect(charts.map((c) => c.title)).not.toContain('图2 在编人员年龄结构');
    expect(m.situation[3]!.text).toBe('全区暂无在编在岗人员信息。');
  });
});

describe('编制事项 办理 in part 一, from the audit trail', () => {
  const snapshot = demoSnapshot();
  const statistics = computeStatistics(snapshot);
  const findings = diagnose(snapshot);

  it('Given waits of 2, 10 and 45 days When the model is built Then part 一 tells count, mean, median, longest and the long ones as 数据比对', () => {
    // Given / When
    const model = buildReportModel(statistics, findings, { ...meta(snapshot), approvalWaitDays: [10, 45, 2] });

    // Then
    const part = model.situation.at(-1)!;
    expect(part.heading).toContain('编制事项办理方面');
    expect(plain(part.text)).toContain('编制事项3件');
    expect(plain(part.text)).toContain('平均用时19天');
    expect(plain(part.text)).toContain('半数在10天以内');
    expect(plain(part.text)).toContain('最长45天');
    expect(plain(part.text)).toContain('其中1件超过30天');
    expect(part.text).toContain('数据比对');
    expect(lintText(reportText(model))).toEqual([]);
  });

  it('Given waits all within a month When the model is built Then no wait is called long', () => {
    const model = buildReportModel(statistics, findings, { ...meta(snapshot), approvalWaitDays: [0.2, 3] });
    const text = plain(model.situation.at(-1)!.text);
    expect(text).toContain('最长3天');
    expect(text).toContain('均在30天内作出决定');
    expect(text).toContain('半数在不足1天以内');
  });

  it('Given approvals all within a month and one still undecided after 208 days When the model is built Then part 一 tells the undecided one beside them', () => {
    // Given / When
    const model = buildReportModel(statistics, findings, {
      ...meta(snapshot),
      approvalWaitDays: [5, 12],
      pendingWaitDays: [208],
    });

    // Then: "all decided within 30 days" is said of the approved ones only, and the waiting one is named
    const text = plain(model.situation.at(-1)!.text);
    expect(text).toContain('已批准的均在30天内作出决定');
    expect(text).toContain('另有1件提交后尚未作出决定，已等待208天');
    expect(lintText(reportText(model))).toEqual([]);
  });

  it('Given an audit trail with no approval When the model is built Then part 一 says nothing of it and the gap goes to the 工作底稿', () => {
    const model = buildReportModel(statistics, findings, { ...meta(snapshot), approvalWaitDays: [] });
    expect(model.situation.map((s) => s.heading).join('')).not.toContain('编制事项办理');
    expect(model.workingNotes.join('')).toContain('无法比对编制事项从提交到批准的办理时长');
    expect(reportText(model)).not.toContain('无法比对编制事项');
  });
});
