/**
 * The 调研报告 as data: every sentence, table and chart of the report, computed from the statistics (part 一) and the
 * findings (parts 二 and 三). Pure: the docx renderer only lays it out, and tests read the figures here.
 */
import {
  diagnosticLabels,
  reportSections,
  severityLabels,
  severityRank,
  type DiagnosticCode,
  type Finding,
  type ReportSection,
  type Severity,
} from '../analysis/finding.js';
import type { Statistics } from '../analysis/statistics.js';
import {
  institutionKindLabels,
  institutionKinds,
  leadershipLevels,
  postClassLabels,
  postClasses,
  quotaCategories,
  quotaCategoryLabels,
  type InstitutionKind,
} from '../domain/vocabulary.js';
import { findingProse, measuresText, typeset } from './report-prose.js';

export interface ReportMeta {
  districtName: string;
  /** 成文日期 (YYYY-MM-DD). */
  issuedOn: string;
  /** 党政机构限额, when the district has one. */
  partyGovCap?: number;
  /** What the data came from, for the 前言. */
  sources: { sandingDuties: number; powerItems: number; workloadInstitutions: number; indicators: number };
  issuer?: string;
}

export interface ReportTable {
  title: string;
  header: string[];
  rows: string[][];
  /** Relative column widths. */
  widths: number[];
}

export interface ReportChart {
  title: string;
  categories: string[];
  series: { name: string; values: number[] }[];
  stacked?: boolean;
}

export type AppendixBlock =
  { kind: 'paragraph'; text: string } | { kind: 'table'; table: ReportTable } | { kind: 'chart'; chart: ReportChart };

export interface Appendix {
  number: number;
  title: string;
  blocks: AppendixBlock[];
}

export interface SituationSection {
  heading: string;
  text: string;
}

export interface ProblemItem {
  /** How part 三 cites it: 二(一)1. */
  ref: string;
  number: number;
  code: DiagnosticCode;
  severity: Severity;
  label: string;
  text: string;
  finding: Finding;
}

export interface ProblemSection {
  section: ReportSection;
  heading: string;
  summary: string;
  items: ProblemItem[];
}

export interface MeasureItem {
  number: number;
  text: string;
  /** The refs (二(一)1 …) of the problems it answers. */
  cites: string[];
}

export interface MeasureSection {
  section: ReportSection;
  heading: string;
  intro: string;
  items: MeasureItem[];
  closing?: string;
}

export interface ReportModel {
  title: string;
  districtName: string;
  asOf: string;
  issuedOn: string;
  issuer: string;
  preface: string;
  situation: SituationSection[];
  problemsIntro: string;
  problems: ProblemSection[];
  measuresIntro: string;
  measures: MeasureSection[];
  conclusion: string;
  appendices: Appendix[];
  counts: Record<Severity, number> & {
    findings: number;
    inProse: number;
    inAppendix: number;
    measures: number;
  };
}

export const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;
export const cn = (n: number) => numerals[n - 1] ?? String(n);

/** 2026-06-30 → 2026年6月30日 (月、日不编虚位). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '0%');

/** Prose per section: every high finding, then medium up to this many; sections with few findings take low ones too. */
export const proseCap = 8;
const proseMin = 3;

const problemHeadings: Record<ReportSection, string> = {
  机构设置: '对标"优化协同高效",机构设置有待优化',
  职能配置: '对标"优化协同高效",职能配置亟需调整',
  人员结构: '对标"优化协同高效",人员结构不够合理',
  管理体制: '对标"优化协同高效",管理体制仍需完善',
};

const measureHeadings: Record<ReportSection, { heading: string; intro: string }> = {
  机构设置: {
    heading: '深化机构改革,优化机构设置',
    intro: '针对机构设置方面的问题,坚持问题导向,以优化协同高效为目标,深入推进机构改革。',
  },
  职能配置: {
    heading: '理顺职能关系,强化协同配合',
    intro: '着力理顺部门之间的职能关系,明确职责边界,建立健全协同工作机制。',
  },
  人员结构: {
    heading: '优化人员结构,激发队伍活力',
    intro: '从科学配置编制、优化人员结构入手,采取有力措施激发干部队伍活力。',
  },
  管理体制: {
    heading: '完善管理体制,提升治理效能',
    intro: '不断完善机构编制管理制度和基础工作,全面提升治理效能。',
  },
};

// ---- part 一 ----

function institutionsText(st: Statistics, cap: number | undefined): string {
  const o = st.overview.institutions;
  const k = o.byKind;
  const listed: [InstitutionKind, string][] = [
    ['dept_managed', '部门管理机构'],
    ['dispatched', '派出机构'],
    ['coordination', '议事协调机构'],
    ['street', '街道办事处'],
    ['township', '乡镇'],
    ['mass_org', '群团机构'],
    ['organ', '人大、政协、法院、检察院机关'],
    ['public_institution', '事业单位'],
  ];
  const present = listed.filter(([kind]) => k[kind] > 0).map(([kind, label]) => `${label}${k[kind]}个`);
  // 、 already separates the list, so the organs are named as one word there
  const absent = listed.filter(([kind]) => k[kind] === 0).map(([, label]) => label.replace(/、/g, ''));
  let capText = '';
  if (cap !== undefined) {
    capText =
      o.partyGov > cap
        ? `,超出机构限额(${cap}个)${o.partyGov - cap}个`
        : o.partyGov === cap
          ? `,与机构限额(${cap}个)持平`
          : `,在机构限额(${cap}个)以内`;
  }
  return (
    `全区有各类机构${o.total}个(不含内设机构${o.internalUnits}个)。其中,党政机构${o.partyGov}个` +
    `(党委部门${k.party_dept}个、政府工作部门${k.gov_dept}个)${capText}` +
    (present.length ? `;${present.join(';')}` : '') +
    '。' +
    (absent.length ? `全区未设${absent.join('、')}。` : '') +
    (o.hosted ? `另有挂靠机构${o.hosted}个。` : '全区没有挂靠机构。')
  );
}

function quotaText(st: Statistics): string {
  const q = st.overview.quota;
  if (q.total.approved === 0 && q.total.actual === 0) return '全区尚未核定编制,也没有在编人员。';
  const parts = quotaCategories.map((c) => {
    const label = quotaCategoryLabels[c];
    const { approved, actual } = q[c];
    if (approved === 0 && actual === 0) return `未核定${label}`;
    if (c === 'worker') return `${label}${approved}名,工勤人员${actual}人`;
    return `${label}${approved}名,实有${actual}人`;
  });
  return (
    `全区有各类编制${q.total.approved}名,实有${q.total.actual}人。其中,${parts.join(';')}。` +
    (q.total.vacant || q.total.over
      ? `按单位和编制类别逐一核算,全区空编${q.total.vacant}名、超编${q.total.over}人。`
      : '各单位均满编运行,没有空编和超编。')
  );
}

function postsText(st: Statistics): string {
  const p = st.overview.posts;
  const levels = leadershipLevels.filter((l) => p[l].total.approved > 0 || p[l].total.filled > 0);
  if (!levels.length) return '全区尚未核定领导职数。';
  const level = (l: (typeof leadershipLevels)[number]) => {
    const t = p[l].total;
    const classes = postClasses.map((c) => {
      const x = p[l][c];
      if (x.approved === 0 && x.filled === 0) return `${postClassLabels[c]}未核定${l}级领导职数`;
      return `${postClassLabels[c]}${l}级领导职数${x.approved}名(实配${x.filled}名)`;
    });
    return `${l}级领导职数${t.approved}名,实配${t.filled}名,其中,${classes.join(',')}`;
  };
  return `全区有${levels.map(level).join(';')}。`;
}

function peopleText(st: Statistics): string {
  const p = st.people;
  if (!p.total) return '全区暂无在编在岗人员信息。';
  const bands = Object.entries(p.ageBands).map(([b, n]) => `${b}${n}人、占${pct(n, p.total)}`);
  const edu = Object.entries(p.education).filter(([, n]) => n);
  const college = (p.education['研究生'] ?? 0) + (p.education['大学本科'] ?? 0);
  const titles = Object.entries(p.titles).filter(([t, n]) => n && t !== '无');
  return (
    `全区在编在岗人员${p.total}人` +
    (p.meanAge !== null ? `,平均年龄${p.meanAge}岁` : '') +
    `。从年龄看,${bands.join(';')}。` +
    `从学历看,${edu.map(([e, n]) => `${e}${n}人`).join('、')},大学本科及以上学历${college}人、占${pct(college, p.total)}。` +
    (titles.length
      ? `从职称看,具有专业技术职称的${p.titled}人、占${pct(p.titled, p.total)},其中${titles.map(([t, n]) => `${t}${n}人`).join('、')}。`
      : '从职称看,在编人员均未取得专业技术职称。') +
    `从性别看,男性${p.gender.男}人、女性${p.gender.女}人。`
  );
}

// ---- part 二 and 三 ----

function bySeverity(a: Finding, b: Finding) {
  return severityRank[b.severity] - severityRank[a.severity];
}

/** Which findings of a section are told as prose; the rest go to the appendix table. */
export function selectForProse(findings: Finding[]): { prose: Finding[]; rest: Finding[] } {
  const sorted = [...findings].sort(bySeverity); // stable: diagnose's order within a severity
  const high = sorted.filter((f) => f.severity === 'high');
  const medium = sorted.filter((f) => f.severity === 'medium');
  const low = sorted.filter((f) => f.severity === 'low');
  const prose = [...high, ...medium.slice(0, Math.max(0, proseCap - high.length))];
  if (prose.length < proseMin) prose.push(...low.slice(0, proseMin - prose.length));
  const chosen = new Set(prose);
  return { prose, rest: sorted.filter((f) => !chosen.has(f)) };
}

function severityCounts(findings: Finding[]): Record<Severity, number> {
  const c = { high: 0, medium: 0, low: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function sectionSummary(section: ReportSection, findings: Finding[], told: number, restAppendix: number): string {
  if (!findings.length) return `本次调研未发现${section}方面的突出问题。`;
  const c = severityCounts(findings);
  const levels = (['high', 'medium', 'low'] as const)
    .filter((s) => c[s])
    .map((s) => `${severityLabels[s]}风险${c[s]}个`)
    .join('、');
  return (
    `经比对分析,${section}方面共发现问题${findings.length}个(${levels})。` +
    (findings.length > told ? `择要分述如下,其余${findings.length - told}个详见附件${restAppendix}。` : '分述如下。')
  );
}

function measureItems(items: ProblemItem[]): MeasureItem[] {
  // the same measure answering several problems is written once, citing them all
  const byText = new Map<string, string[]>();
  for (const it of items) {
    const text = it.finding.measure.trim().replace(/[。;；]+$/u, '');
    if (!text) continue;
    byText.set(text, [...(byText.get(text) ?? []), it.ref]);
  }
  return [...byText].map(([text, cites], i) => ({
    number: i + 1,
    cites,
    text: typeset(`${text}(针对问题${cites.join('、')})。`),
  }));
}

// ---- appendices ----

function statisticsTables(st: Statistics): ReportTable[] {
  const o = st.overview;
  const kinds = institutionKinds.filter((k) => k !== 'internal_unit');
  const perKind = new Map<string, { n: number; approved: number; actual: number; vacant: number; over: number }>();
  for (const inst of st.institutions) {
    const row = perKind.get(inst.kind) ?? { n: 0, approved: 0, actual: 0, vacant: 0, over: 0 };
    row.n++;
    for (const q of inst.quota) {
      row.approved += q.approved;
      row.actual += q.actual;
      row.vacant += q.vacant;
      row.over += q.over;
    }
    perKind.set(inst.kind, row);
  }
  const kindRows = kinds.map((k) => {
    const r = perKind.get(k) ?? { n: 0, approved: 0, actual: 0, vacant: 0, over: 0 };
    return [institutionKindLabels[k], r.n, r.approved, r.actual, r.vacant, r.over].map(String);
  });
  const q = o.quota;
  const postRows = leadershipLevels
    .filter((l) => o.posts[l].total.approved || o.posts[l].total.filled)
    .flatMap((l) =>
      [...postClasses, 'total' as const].map((c) => [
        `${l}级`,
        c === 'total' ? '小计' : postClassLabels[c],
        String(o.posts[l][c].approved),
        String(o.posts[l][c].filled),
        String(Math.max(0, o.posts[l][c].approved - o.posts[l][c].filled)),
        String(Math.max(0, o.posts[l][c].filled - o.posts[l][c].approved)),
      ]),
    );
  return [
    {
      title: '表1 各类机构及编制情况',
      header: ['机构类别', '机构数(个)', '核定编制(名)', '实有(人)', '空编(名)', '超编(人)'],
      rows: [
        ...kindRows,
        [
          '合计',
          String(o.institutions.total),
          ...[q.total.approved, q.total.actual, q.total.vacant, q.total.over].map(String),
        ],
      ],
      widths: [3, 2, 2, 2, 2, 2],
    },
    {
      title: '表2 各类编制核定与使用情况',
      header: ['编制类别', '核定(名)', '实有(人)', '空编(名)', '超编(人)'],
      rows: [
        ...quotaCategories.map((c) =>
          [quotaCategoryLabels[c], q[c].approved, q[c].actual, q[c].vacant, q[c].over].map(String),
        ),
        ['合计', q.total.approved, q.total.actual, q.total.vacant, q.total.over].map(String),
      ],
      widths: [4, 2, 2, 2, 2],
    },
    {
      title: '表3 领导职数核定与配备情况',
      header: ['级别', '类别', '核定(名)', '实配(名)', '空缺(名)', '超配(名)'],
      rows: postRows.length ? postRows : [['—', '未核定领导职数', '0', '0', '0', '0']],
      widths: [2, 2, 2, 2, 2, 2],
    },
  ];
}

function charts(st: Statistics, findings: Finding[]): ReportChart[] {
  const q = st.overview.quota;
  const bySection = reportSections.map((s) => severityCounts(findings.filter((f) => f.section === s)));
  return [
    {
      title: '图1 各类编制核定与实有情况',
      categories: quotaCategories.map((c) => quotaCategoryLabels[c]),
      series: [
        { name: '核定(名)', values: quotaCategories.map((c) => q[c].approved) },
        { name: '实有(人)', values: quotaCategories.map((c) => q[c].actual) },
      ],
    },
    {
      title: '图2 在编人员年龄结构',
      categories: Object.keys(st.people.ageBands),
      series: [{ name: '人数', values: Object.values(st.people.ageBands) }],
    },
    {
      title: '图3 主要问题分布',
      categories: [...reportSections],
      series: (['high', 'medium', 'low'] as const).map((s) => ({
        name: `${severityLabels[s]}风险`,
        values: bySection.map((c) => c[s]),
      })),
      stacked: true,
    },
  ];
}

function overlapTable(findings: Finding[]): ReportTable {
  const rows: string[][] = [];
  findings.forEach((f, i) => {
    const texts = f.evidence.filter((e) => e.kind === 'text');
    const sim = f.measures.similarity;
    const head = [`${i + 1}`, typeof f.measures.domain === 'string' ? f.measures.domain : '—'];
    if (!texts.length) rows.push([...head, f.institutions.map((x) => x.name).join('、'), f.title, fmt(sim)]);
    texts.forEach((e, j) =>
      rows.push([...(j === 0 ? head : ['', '']), e.institution, e.text, j === 0 ? fmt(sim) : '']),
    );
  });
  return {
    title: '职能交叉重叠事项对照表',
    header: ['组', '领域', '单位', '职责表述', '相似度'],
    rows,
    widths: [1, 2, 4, 9, 2],
  };
}

const fmt = (v: number | string | undefined) =>
  v === undefined ? '—' : typeof v === 'number' ? String(Math.round(v * 100) / 100) : v;

function restTable(rest: { finding: Finding; section: ReportSection }[]): ReportTable {
  // five columns, the severity beside the type: the table may run to thousands of rows
  return {
    title: '其他问题清单',
    header: ['序号', '问题类型(程度)', '涉及单位', '主要数据', '问题描述'],
    rows: rest.map(({ finding: f }, i) => [
      String(i + 1),
      `${diagnosticLabels[f.code]}(${f.code})·${severityLabels[f.severity]}`,
      f.institutions.map((x) => x.name).join('、') || '—',
      measuresText(f.measures),
      f.title,
    ]),
    widths: [1, 4, 3, 4, 6],
  };
}

// ---- the whole report ----

export function buildReportModel(st: Statistics, findings: Finding[], meta: ReportMeta): ReportModel {
  const o = st.overview;
  const issuer = meta.issuer ?? '区委编办';
  const sorted = [...findings].sort(bySeverity);
  const counts = severityCounts(sorted);

  const selections = reportSections.map((section) => ({
    section,
    all: sorted.filter((f) => f.section === section),
    ...selectForProse(sorted.filter((f) => f.section === section)),
  }));
  const rest = selections.flatMap((s) => s.rest.map((finding) => ({ finding, section: s.section })));
  const overlaps = sorted.filter((f) => f.code === 'DUTY_OVERLAP');

  // appendices are numbered in the order they appear; the part 二 text refers to them
  const statsAppendix = 1;
  const overlapAppendix = overlaps.length ? statsAppendix + 1 : undefined;
  const restAppendix = rest.length ? (overlapAppendix ?? statsAppendix) + 1 : undefined;

  const problems: ProblemSection[] = selections.map((s, si) => ({
    section: s.section,
    heading: typeset(`(${cn(si + 1)})${problemHeadings[s.section]}`),
    summary: typeset(sectionSummary(s.section, s.all, s.prose.length, restAppendix ?? 0)),
    items: s.prose.map((f, i) => ({
      ref: `二(${cn(si + 1)})${i + 1}`,
      number: i + 1,
      code: f.code,
      severity: f.severity,
      label: typeset(diagnosticLabels[f.code]),
      text: typeset(findingProse(f)),
      finding: f,
    })),
  }));
  for (const p of problems) for (const it of p.items) it.ref = typeset(it.ref);

  const measures: MeasureSection[] = problems.map((p, si) => {
    const h = measureHeadings[p.section];
    const items = measureItems(p.items);
    const restHere = selections[si]!.rest.length;
    return {
      section: p.section,
      heading: typeset(`(${cn(si + 1)})${h.heading}`),
      intro: typeset(items.length ? h.intro : `${p.section}方面未发现突出问题,保持现行管理做法,持续跟踪监测。`),
      items,
      closing: restHere
        ? typeset(
            `对附件${restAppendix}所列其余${restHere}个${p.section}方面问题,参照上述措施逐项研究整改,明确责任单位和完成时限。`,
          )
        : undefined,
    };
  });

  const src = meta.sources;
  const preface = typeset(
    `为有效破解机构职能体系障碍和弊端,按照区委统一部署,${issuer}依托机构编制实名制管理数据,` +
      `对截至${chineseDate(st.asOf)}全区${o.institutions.total}个机构(另有内设机构${o.institutions.internalUnits}个)、` +
      `核定编制${o.quota.total.approved}名、在编人员${st.people.total}人的机构编制和运行情况开展专题调研。` +
      `调研数据来源于机构编制台账、实名制人员信息` +
      (src.sandingDuties ? `、“三定”规定职责${src.sandingDuties}项` : '') +
      (src.powerItems ? `、权责清单事项${src.powerItems}项` : '') +
      (src.workloadInstitutions ? `、${src.workloadInstitutions}个单位的工作量指标` : '') +
      (src.indicators ? `和区域经济社会指标${src.indicators}项` : '') +
      `。经逐项比对分析,共梳理出问题${sorted.length}个,其中高风险${counts.high}个、中风险${counts.medium}个、低风险${counts.low}个,` +
      `摸清了全区机构运行、职能配置等现状,针对性提出了意见建议。现将有关情况报告如下。`,
  );

  const appendices: Appendix[] = [
    {
      number: statsAppendix,
      title: '机构编制统计表',
      blocks: [
        ...statisticsTables(st).map((table) => ({ kind: 'table' as const, table })),
        ...charts(st, sorted).map((chart) => ({ kind: 'chart' as const, chart })),
      ],
    },
  ];
  if (overlapAppendix)
    appendices.push({
      number: overlapAppendix,
      title: '职能交叉重叠事项清单',
      blocks: [
        {
          kind: 'paragraph',
          text: typeset(
            `共${overlaps.length}组,每组列出表述相近的职责及其承担单位,相似度为职责文本的余弦相似度(1为完全相同)。`,
          ),
        },
        { kind: 'table', table: overlapTable(overlaps) },
      ],
    });
  if (restAppendix)
    appendices.push({
      number: restAppendix,
      title: '其他问题清单',
      blocks: [
        {
          kind: 'paragraph',
          text: typeset(`正文未展开分述的问题${rest.length}个,按所属方面和风险程度排列。`),
        },
        { kind: 'table', table: restTable(rest) },
      ],
    });

  const inProse = problems.reduce((s, p) => s + p.items.length, 0);
  return {
    title: `关于${meta.districtName}机构职能体系运行情况的调研报告`,
    districtName: meta.districtName,
    asOf: st.asOf,
    issuedOn: meta.issuedOn,
    issuer,
    preface,
    situation: [
      { heading: '(一)机构设置方面:', text: institutionsText(st, meta.partyGovCap) },
      { heading: '(二)人员编制方面:', text: quotaText(st) },
      { heading: '(三)领导职数方面:', text: postsText(st) },
      { heading: '(四)人员结构方面:', text: peopleText(st) },
    ].map((s) => ({ heading: typeset(s.heading), text: typeset(s.text) })),
    problemsIntro: typeset(
      sorted.length
        ? `对照“优化协同高效”要求,结合数据比对和实地调研,全区机构职能体系主要存在以下问题。`
        : '经数据比对分析,全区机构职能体系运行总体平稳,本次调研未发现突出问题。',
    ),
    problems,
    measuresIntro: typeset('针对上述问题,提出以下改进措施与建议,每项措施后注明所针对的问题。'),
    measures,
    conclusion: typeset(
      '综上所述,面对机构职能体系中存在的问题,必须坚持以习近平新时代中国特色社会主义思想为指导,认真贯彻落实党中央关于深化党和国家机构改革的决策部署,' +
        '以更大的决心和勇气破解难题,不断推动机构改革向纵深发展,努力构建系统完备、科学规范、运行高效的机构职能体系,为全区经济社会高质量发展提供坚强有力的组织保障。',
    ),
    appendices: appendices.map((a) => ({
      ...a,
      title: typeset(a.title),
      blocks: a.blocks.map((b) =>
        b.kind === 'table'
          ? {
              kind: 'table',
              table: {
                ...b.table,
                title: typeset(b.table.title),
                header: b.table.header.map(typeset),
                rows: b.table.rows.map((r) => r.map(typeset)),
              },
            }
          : b,
      ),
    })),
    counts: {
      findings: sorted.length,
      ...counts,
      inProse,
      inAppendix: rest.length,
      measures: measures.reduce((s, m) => s + m.items.length, 0),
    },
  };
}

/** The model as plain text in reading order, prose apart from table cells: what the linter and the tests read. */
export function reportText(m: ReportModel): { paragraphs: string[]; cells: string[] } {
  const paragraphs: string[] = [m.title, m.preface];
  for (const s of m.situation) paragraphs.push(s.heading + s.text);
  paragraphs.push(m.problemsIntro);
  for (const p of m.problems) {
    paragraphs.push(p.heading, p.summary);
    for (const it of p.items) paragraphs.push(`${it.number}.${it.label}。${it.text}`);
  }
  paragraphs.push(m.measuresIntro);
  for (const s of m.measures) {
    paragraphs.push(s.heading, s.intro);
    for (const it of s.items) paragraphs.push(`${it.number}.${it.text}`);
    if (s.closing) paragraphs.push(s.closing);
  }
  paragraphs.push(m.conclusion);
  const cells: string[] = [];
  for (const a of m.appendices) {
    paragraphs.push(a.title);
    for (const b of a.blocks) {
      if (b.kind === 'paragraph') paragraphs.push(b.text);
      else if (b.kind === 'table') cells.push(b.table.title, ...b.table.header, ...b.table.rows.flat());
      else cells.push(b.chart.title, ...b.chart.categories, ...b.chart.series.map((s) => s.name));
    }
  }
  return { paragraphs: paragraphs.filter(Boolean), cells: cells.filter(Boolean) };
}
