/**
 * The 调研报告 as data: every sentence, table and chart of the report, computed from the statistics (part 一) and the
 * findings (parts 二 and 三). Pure: the docx renderer only lays it out, and tests read the figures here.
 */
import { diagnosticLabels } from '../analysis/diagnostics/registry.js';
import {
  reportSections,
  severityRank,
  type DiagnosticCode,
  type Finding,
  type ReportSection,
  type Severity,
} from '../analysis/finding.js';
import { percent, type Statistics } from '../analysis/statistics.js';
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
import {
  chineseDate,
  clip,
  dutyCodes,
  groupLabel,
  groupMeasure,
  groupProse,
  LawCiter,
  plain,
  trimEnd,
  typeset,
  type ProblemGroup,
} from './report-prose.js';
import { defaultIssuer } from './report-layout.js';
import {
  approvalCaliber,
  isMechanismFinding,
  mechanismGroups,
  mechanismLabel,
  mechanismMeasure,
  mechanismProse,
} from './report-mechanism.js';
import { articles, codeArticles, regulationOf, regulations, type RegulationKey } from '../analysis/laws.js';

export interface ReportMeta {
  districtName: string;
  /** 成文日期 (YYYY-MM-DD). */
  issuedOn: string;
  /** 党政机构限额, when the district has one. */
  partyGovCap?: number;
  /** What the data came from, for the 前言. */
  sources: { sandingDuties: number; powerItems: number; workloadInstitutions: number; indicators: number };
  issuer?: string;
  /** Days each approved 编制事项 waited between submission and approval (from the audit trail), when read. */
  approvalWaitDays?: number[];
  /** Days each 编制事项 submitted and still undecided on the report's date has waited. */
  pendingWaitDays?: number[];
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
  /** How part 三 cites it: 二（一）1. */
  ref: string;
  number: number;
  codes: DiagnosticCode[];
  severity: Severity;
  label: string;
  text: string;
  /** The findings the item tells: one code, or the duty codes of the same domains. */
  findings: Finding[];
  group: ProblemGroup;
}

export interface ProblemSection {
  section: ReportSection;
  heading: string;
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
  /** A notice of missing data instead of a report (an empty district): title, preface and close only. */
  notice: boolean;
  /** For the 工作底稿, not the report: gaps in the office's own records. */
  workingNotes: string[];
  counts: Record<Severity, number> & {
    findings: number;
    inProse: number;
    inAppendix: number;
    measures: number;
  };
}

export const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;
export const cn = (n: number) => numerals[n - 1] ?? String(n);

export { chineseDate };

/** Prose per section: every high finding, then medium up to this many; sections with few findings take low ones too. */
export const proseCap = 8;
const proseMin = 3;
/** Items per section in part 二: the body of a signed report stays within 12 pages; the rest go to the appendices. */
export const itemCap = 5;
/** Items in the whole of part 二 (four sections): what a signed body of at most 12 pages holds. */
export const bodyItemCap = 14;
/** Cases told per item; a large district's many units over quota are one item naming the first of them. */
export const findingsPerItem = 3;

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
    heading: '完善体制机制,提升管理效能',
    intro: '不断完善机构编制决策、监督和动态调整机制,全面提升管理效能。',
  },
};

// ---- part 一 ----

/** 测算口径 of a long wait for an 编制事项: a month between submission and the 编委's decision. */
export const longApprovalDays = 30;

const daysText = (d: number) => (d < 1 ? '不足1天' : `${Math.round(d)}天`);

/**
 * The 编制事项 approved through the system and how long they waited, as the audit trail records them; those still
 * undecided are told beside them, so "all decided within a month" never hides one that has waited for months.
 */
export function approvalsText(waitDays: number[], pendingDays: number[] = []): string {
  const sorted = [...waitDays].sort((a, b) => a - b);
  const mean = sorted.reduce((s, d) => s + d, 0) / sorted.length;
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const long = sorted.filter((d) => d > longApprovalDays).length;
  const longestPending = Math.max(...pendingDays);
  const pending = pendingDays.length
    ? `另有${pendingDays.length}件提交后尚未作出决定，${pendingDays.length > 1 ? '最长的' : ''}已等待${daysText(longestPending)}。`
    : '';
  return (
    `数据比对显示，通过机构编制管理系统提交并已批准的编制事项${sorted.length}件，从提交到批准平均用时${daysText(mean)}，` +
    `半数在${daysText(median)}以内，最长${daysText(sorted.at(-1)!)}；` +
    (long
      ? `其中${long}件超过${longApprovalDays}天（测算口径：${approvalCaliber(longApprovalDays)}），审批环节仍有压缩空间。`
      : `${pending ? '已批准的' : ''}均在${longApprovalDays}天内作出决定（测算口径：${approvalCaliber(longApprovalDays)}）。`) +
    pending
  );
}

/** When the audit trail holds no approval, the wait cannot be measured: a gap of the records, for the 工作底稿. */
export const noApprovalsNote = '审计记录中没有经提交、批准的编制事项，无法比对编制事项从提交到批准的办理时长。';

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
      ? `按单位和编制类别逐一核算,全区空编${q.total.vacant}名、超编${q.total.over}名。`
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
  const bands = Object.entries(p.ageBands).map(([b, n]) => `${b}${n}人、占${percent(n, p.total)}`);
  const edu = Object.entries(p.education).filter(([, n]) => n);
  const college = (p.education['研究生'] ?? 0) + (p.education['大学本科'] ?? 0);
  const titles = Object.entries(p.titles).filter(([t, n]) => n && t !== '无');
  return (
    `全区在编在岗人员${p.total}人` +
    (p.meanAge !== null ? `,平均年龄${p.meanAge}岁` : '') +
    `。从年龄看,${bands.join(';')}。` +
    `从学历看,${edu.map(([e, n]) => `${e}${n}人`).join('、')},大学本科及以上学历${college}人、占${percent(college, p.total)}。` +
    (titles.length
      ? `从职称看,具有专业技术职称的${p.titled}人、占${percent(p.titled, p.total)},其中${titles.map(([t, n]) => `${t}${n}人`).join('、')}。`
      : '从职称看,在编人员均未取得专业技术职称。') +
    `从性别看,男性${p.gender.男}人、女性${p.gender.女}人。`
  );
}

// ---- part 二 and 三 ----

function severityCounts(findings: Finding[]): Record<Severity, number> {
  const c = { high: 0, medium: 0, low: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function bySeverity(a: Finding, b: Finding) {
  return severityRank[b.severity] - severityRank[a.severity];
}

/** Which findings of a section are told as prose; the rest go to the appendices. */
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

/**
 * DATA_QUALITY findings that only say the office's own records are incomplete (no duties or no 三定 duties entered,
 * no 三定 date recorded, old indicators, no credit code): a note for the 工作底稿, not a problem of the district's
 * institutions. The roster that disagrees with the quota is a problem of 管理体制.
 */
export function isWorkingNote(f: Finding): boolean {
  return f.code === 'DATA_QUALITY' && !isMechanismFinding(f);
}

const domainOf = (f: Finding) => (typeof f.measures.domain === 'string' ? f.measures.domain : '');
const isDuty = (f: Finding) => dutyCodes.includes(f.code) && domainOf(f) !== '';

/**
 * The items of a section: the prose findings grouped, one item per real problem. Findings of one code make one item;
 * the duty codes meet by domain (an uncovered domain, its vague duties and its overlaps are one problem), and domains
 * with the same problems are told together. Findings of the rest that belong to a told domain join its item.
 */
export function groupFindings(prose: Finding[], rest: Finding[]): { groups: ProblemGroup[]; rest: Finding[] } {
  const byKey = new Map<string, Finding[]>();
  const add = (key: string, f: Finding) => byKey.set(key, [...(byKey.get(key) ?? []), f]);
  for (const f of prose) add(isDuty(f) ? `domain:${domainOf(f)}` : `code:${f.code}`, f);
  const left: Finding[] = [];
  for (const f of rest) {
    const key = `domain:${domainOf(f)}`;
    // only what weighs: the many slight overlaps of a domain stay in 附件2
    if (isDuty(f) && byKey.has(key) && f.severity !== 'low') add(key, f);
    else left.push(f);
  }
  // domains with the same set of problems are one item
  const merged = new Map<string, ProblemGroup>();
  for (const [key, fs] of byKey) {
    const codes = [...new Set(fs.map((f) => f.code))];
    const k = key.startsWith('domain:') ? `codes:${[...codes].sort().join('+')}` : key;
    const g = merged.get(k);
    const domains = key.startsWith('domain:') ? [key.slice('domain:'.length)] : [];
    if (g) {
      g.findings.push(...fs);
      g.domains.push(...domains);
    } else merged.set(k, { code: fs[0]!.code, codes, domains, findings: [...fs] });
  }
  const rank = (g: ProblemGroup) => Math.max(...g.findings.map((f) => severityRank[f.severity]));
  const groups = [...merged.values()].sort((a, b) => rank(b) - rank(a));
  // an item tells a few cases; the others of the same kind are listed in the appendix, and the item says how many
  for (const g of groups) {
    const more = g.findings.slice(findingsPerItem);
    g.findings = g.findings.slice(0, findingsPerItem);
    g.more = more.length;
    left.push(...more);
  }
  return { groups, rest: left };
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
  // 空缺 and 超配 unit by unit, as the body counts them: one unit's excess is not netted against another's vacancy
  const gaps = (level: string, cls: string | 'total') => {
    let vacant = 0;
    let over = 0;
    for (const inst of st.institutions)
      for (const p of inst.posts)
        if (p.level === level && (cls === 'total' || p.postClass === cls)) {
          vacant += Math.max(0, p.approved - p.filled);
          over += Math.max(0, p.filled - p.approved);
        }
    return [vacant, over];
  };
  const postRows = leadershipLevels
    .filter((l) => o.posts[l].total.approved || o.posts[l].total.filled)
    .flatMap((l) =>
      [...postClasses, 'total' as const].map((c) => [
        `${l}级`,
        c === 'total' ? '小计' : postClassLabels[c],
        String(o.posts[l][c].approved),
        String(o.posts[l][c].filled),
        ...gaps(l, c).map(String),
      ]),
    );
  return [
    {
      title: '表1 各类机构及编制情况',
      header: ['机构类别', '机构数(个)', '核定编制(名)', '实有(人)', '空编(名)', '超编(名)'],
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
      header: ['编制类别', '核定(名)', '实有(人)', '空编(名)', '超编(名)'],
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

/** Charts of what exists: a chart whose every value is zero tells nothing and is left out. */
function charts(st: Statistics, sections: { section: ReportSection; items: number }[]): ReportChart[] {
  const q = st.overview.quota;
  const all: ReportChart[] = [
    {
      title: '图1 各类编制核定与实有情况',
      categories: quotaCategories.map((c) => quotaCategoryLabels[c]),
      series: [
        { name: '核定（名）', values: quotaCategories.map((c) => q[c].approved) },
        { name: '实有（人）', values: quotaCategories.map((c) => q[c].actual) },
      ],
    },
    {
      title: '图2 在编人员年龄结构',
      categories: Object.keys(st.people.ageBands),
      series: [{ name: '人数', values: Object.values(st.people.ageBands) }],
    },
    {
      title: '图3 正文所列问题分布',
      categories: sections.map((s) => s.section),
      series: [{ name: '问题数', values: sections.map((s) => s.items) }],
    },
  ];
  return all.filter((c) => c.series.some((s) => s.values.some((v) => v > 0)));
}

/** 附件2: each overlap with the texts side by side and the institutions named; no scores. */
function overlapTable(findings: Finding[]): ReportTable {
  const rows: string[][] = [];
  findings.forEach((f, i) => {
    const texts = f.evidence.filter(
      (e): e is Extract<Finding['evidence'][number], { kind: 'text' }> => e.kind === 'text',
    );
    const what = plain(f.title);
    if (!texts.length) rows.push([`${i + 1}`, what, f.institutions.map((x) => x.name).join('、'), '—']);
    texts.forEach((e, j) => rows.push([j === 0 ? `${i + 1}` : '', j === 0 ? what : '', e.institution, plain(e.text)]));
  });
  return {
    title: '职能交叉重叠事项对照表',
    header: ['序号', '重叠事项', '承担单位', '职责表述（原文）'],
    rows,
    widths: [1, 5, 3, 8],
  };
}

/** 附件3: the other problems as a table a reader can act on. */
function restTable(rest: Finding[]): ReportTable {
  return {
    title: '其他问题清单',
    header: ['序号', '问题', '涉及单位', '主要数据', '建议'],
    rows: rest.map((f, i) => [
      String(i + 1),
      diagnosticLabels[f.code],
      f.institutions.map((x) => x.name).join('、') || '全区',
      plain(f.title),
      clip(plain(f.measure), 80),
    ]),
    widths: [1, 3, 3, 6, 6],
  };
}

/** The regulations by institution kind, with the articles the report relies on: the 法规依据 appendix. */
function lawTable(): ReportTable {
  const kindsOf = (reg: RegulationKey) =>
    institutionKinds
      .filter((k) => k !== 'internal_unit' && regulationOf(k) === reg)
      .map((k) => institutionKindLabels[k])
      .join('、');
  const articlesOf = (reg: RegulationKey) =>
    [
      ...new Set(
        Object.entries(codeArticles)
          .filter(([, key]) => articles[key!].regulation === reg)
          .map(([code, key]) => `${articles[key!].article}（${diagnosticLabels[code as DiagnosticCode]}）`),
      ),
    ].join('；') || '按该条例有关规定';
  return {
    title: '法规适用对照表',
    header: ['机构类别', '适用法规', '本报告依据的条款'],
    rows: [
      [kindsOf('party'), regulations.party.name, '按该条例关于机构编制管理的规定'],
      [kindsOf('gov'), regulations.gov.name, articlesOf('gov')],
      [
        kindsOf('piPersonnel'),
        `${regulations.piRegistration.name}、${regulations.piPersonnel.name}`,
        articlesOf('piPersonnel'),
      ],
    ],
    widths: [4, 4, 8],
  };
}

// ---- the whole report ----

/** The signer by default: the district's 编办 by its full name (示范区 → 中共示范区委机构编制委员会办公室). */
export { defaultIssuer };

/** What a district lacks for a report; empty when it has institutions and people to report on. */
export function missingData(st: Statistics): string[] {
  const missing: string[] = [];
  if (!st.overview.institutions.total) missing.push('机构设置台账（尚未录入任何机构）');
  if (!st.overview.quota.total.approved) missing.push('编制核定数据');
  if (!st.people.total) missing.push('实名制人员信息');
  return missing;
}

function noticeModel(st: Statistics, meta: ReportMeta, issuer: string, missing: string[]): ReportModel {
  return {
    title: `关于${meta.districtName}机构编制数据情况的说明`,
    districtName: meta.districtName,
    asOf: st.asOf,
    issuedOn: meta.issuedOn,
    issuer,
    notice: true,
    preface: typeset(
      `截至${chineseDate(st.asOf)}，系统中${meta.districtName}的${missing.join('、')}尚不具备，无法形成机构职能体系运行情况调研报告。` +
        `请先导入上述数据，数据齐备后再生成调研报告。`,
    ),
    situation: [],
    problemsIntro: '',
    problems: [],
    measuresIntro: '',
    measures: [],
    conclusion: '',
    appendices: [],
    workingNotes: [],
    counts: { findings: 0, high: 0, medium: 0, low: 0, inProse: 0, inAppendix: 0, measures: 0 },
  };
}

export function buildReportModel(st: Statistics, findings: Finding[], meta: ReportMeta): ReportModel {
  const o = st.overview;
  const issuer = meta.issuer ?? defaultIssuer(meta.districtName);
  const missing = missingData(st);
  if (!o.institutions.total || (!o.quota.total.approved && !st.people.total))
    return noticeModel(st, meta, issuer, missing);

  const notes = findings.filter(isWorkingNote);
  const sorted = [...findings].filter((f) => !isWorkingNote(f)).sort(bySeverity);
  const counts = severityCounts(sorted);

  const selections = reportSections.map((section) => {
    // 管理体制: one item per mechanism, every one in the body (there are few; the district's own management is the
    // point of the section), not chosen by severity
    if (section === '管理体制') return { section, ...mechanismGroups(sorted.filter((f) => f.section === section)) };
    const { prose, rest } = selectForProse(sorted.filter((f) => f.section === section));
    const grouped = groupFindings(prose, rest);
    const kept = grouped.groups.slice(0, itemCap);
    const dropped = grouped.groups.slice(itemCap).flatMap((g) => g.findings);
    return { section, groups: kept, rest: [...dropped, ...grouped.rest] };
  });
  // the whole of part 二 holds at most bodyItemCap items: beyond it the least severe items go to the appendix (among
  // equals the one that tells fewest cases, then the last of the section that has most), so the signed body keeps
  // within its pages; 管理体制 keeps its items, one per mechanism
  const groupRank = (g: ProblemGroup) => Math.max(...g.findings.map((f) => severityRank[f.severity]));
  const cases = (g: ProblemGroup) => g.findings.length + (g.more ?? 0);
  while (selections.reduce((n, x) => n + x.groups.length, 0) > bodyItemCap) {
    const candidates = selections.filter((x) => x.groups.length > 1 && x.section !== '管理体制');
    if (!candidates.length) break;
    const lowest = Math.min(...candidates.map((x) => groupRank(x.groups.at(-1)!)));
    const from = candidates
      .filter((x) => groupRank(x.groups.at(-1)!) === lowest)
      .sort((a, b) => cases(a.groups.at(-1)!) - cases(b.groups.at(-1)!) || b.groups.length - a.groups.length)[0]!;
    from.rest.unshift(...from.groups.pop()!.findings);
  }
  const inGroups = new Set(selections.flatMap((s) => s.groups.flatMap((g) => g.findings)));
  const overlaps = sorted.filter((f) => f.code === 'DUTY_OVERLAP' && !inGroups.has(f));
  const restOf = (s: (typeof selections)[number]) => s.rest.filter((f) => f.code !== 'DUTY_OVERLAP');
  const rest = selections.flatMap(restOf);

  // appendices are numbered in the order they appear; the part 二 text refers to them
  const statsAppendix = 1;
  const overlapAppendix = overlaps.length ? statsAppendix + 1 : undefined;
  const restAppendix = rest.length ? (overlapAppendix ?? statsAppendix) + 1 : undefined;
  const lawAppendix = (restAppendix ?? overlapAppendix ?? statsAppendix) + 1;

  const kinds = new Map(st.institutions.map((i) => [i.id, i.kind]));
  const law = new LawCiter((id) => kinds.get(id));
  // a section without items gets no heading (a heading over "未发现问题" reads as an unfinished draft)
  const withItems = selections.filter((s) => s.groups.length);
  const problems: ProblemSection[] = [];
  // part 一 has stated the 测算口径 of a long wait when it tells the waits of the audit trail
  const said = new Set(meta.approvalWaitDays?.length ? [approvalCaliber(longApprovalDays)] : []);
  // an item of 管理体制 that tells the same units as an item before it refers to that item rather than repeat it
  const seeAlso = (f: Finding) =>
    problems
      .flatMap((p) => p.items)
      .find((it) =>
        it.findings.some(
          (x) =>
            ['MIXED_QUOTA', 'OVER_QUOTA'].includes(x.code) &&
            x.institutions.some((i) => f.institutions.some((j) => j.id === i.id)),
        ),
      )?.ref;
  withItems.forEach((s, si) =>
    problems.push({
      section: s.section,
      heading: typeset(`（${cn(si + 1)}）${problemHeadings[s.section]}`),
      items: s.groups.map((g, i) => ({
        ref: `二（${cn(si + 1)}）${i + 1}`,
        number: i + 1,
        codes: g.codes,
        severity: g.findings.map((f) => f.severity).sort((a, b) => severityRank[b] - severityRank[a])[0]!,
        label: typeset(g.theme ? mechanismLabel(g) : groupLabel(g)),
        text: typeset(g.theme ? mechanismProse(g, { seeAlso, said }) : groupProse(g, law)),
        findings: g.findings,
        group: g,
      })),
    }),
  );

  const measures: MeasureSection[] = problems.map((p, si) => {
    const h = measureHeadings[p.section];
    const items: MeasureItem[] = p.items.map((it, i) => ({
      number: i + 1,
      cites: [it.ref],
      text: typeset(
        `${trimEnd(it.group.theme ? mechanismMeasure(it.group) : groupMeasure(it.group))}（针对问题${it.ref}）。`,
      ),
    }));
    return {
      section: p.section,
      heading: typeset(`（${cn(si + 1)}）${h.heading}`),
      intro: '',
      items,
      closing: undefined,
    };
  });

  const src = meta.sources;
  const inProse = problems.reduce((s, p) => s + p.items.length, 0);
  const preface = typeset(
    `为有效破解机构职能体系障碍和弊端，按照区委统一部署，${issuer}依托机构编制实名制管理数据，` +
      `对截至${chineseDate(st.asOf)}全区${o.institutions.total}个机构（另有内设机构${o.institutions.internalUnits}个）、` +
      `核定编制${o.quota.total.approved}名、在编人员${st.people.total}人的机构编制和运行情况开展专题调研。` +
      `调研数据来源于机构编制台账、实名制人员信息` +
      (src.sandingDuties ? `、“三定”规定职责${src.sandingDuties}项` : '') +
      (src.powerItems ? `、权责清单事项${src.powerItems}项` : '') +
      (src.workloadInstitutions ? `、${src.workloadInstitutions}个单位的工作量指标` : '') +
      (src.indicators ? `和区域经济社会指标${src.indicators}项` : '') +
      `。经逐项数据比对，梳理出需要重点解决的问题${inProse}个，并提出了改进措施和建议。现将有关情况报告如下。`,
  );

  const appendices: Appendix[] = [
    {
      number: statsAppendix,
      title: '机构编制统计表',
      blocks: [
        ...statisticsTables(st).map((table) => ({ kind: 'table' as const, table })),
        ...charts(
          st,
          problems.map((p) => ({ section: p.section, items: p.items.length })),
        ).map((chart) => ({ kind: 'chart' as const, chart })),
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
            `正文已分述的事项外，另有${overlaps.length}组职责交叉重叠，每组列出重叠事项和各单位“三定”规定或权责清单中的原文表述，供逐项厘清职责边界时对照。`,
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
        { kind: 'paragraph', text: typeset(`正文未展开分述的问题${rest.length}个，按所属方面和严重程度排列。`) },
        { kind: 'table', table: restTable(rest) },
      ],
    });
  appendices.push({
    number: lawAppendix,
    title: '法规依据',
    blocks: [
      {
        kind: 'paragraph',
        text: typeset(
          '党的机构、人大政协法院检察院机关和群团机关适用党内法规，政府机构适用行政法规，事业单位适用事业单位管理法规。本报告依据的法规和条款如下。',
        ),
      },
      { kind: 'table', table: lawTable() },
    ],
  });

  return {
    title: `关于${meta.districtName}机构职能体系运行情况的调研报告`,
    districtName: meta.districtName,
    asOf: st.asOf,
    issuedOn: meta.issuedOn,
    issuer,
    notice: false,
    preface,
    situation: [
      { heading: '（一）机构设置方面：', text: institutionsText(st, meta.partyGovCap) },
      { heading: '（二）人员编制方面：', text: quotaText(st) },
      { heading: '（三）领导职数方面：', text: postsText(st) },
      { heading: '（四）人员结构方面：', text: peopleText(st) },
      ...(meta.approvalWaitDays?.length
        ? [{ heading: '（五）编制事项办理方面：', text: approvalsText(meta.approvalWaitDays, meta.pendingWaitDays) }]
        : []),
    ].map((s) => ({ heading: typeset(s.heading), text: typeset(s.text) })),
    problemsIntro: typeset(
      inProse
        ? '对照“优化协同高效”要求，经数据比对，全区机构职能体系主要存在以下问题' +
            (rest.length && restAppendix ? `，另有${rest.length}个问题列入附件${restAppendix}。` : '。')
        : '经数据比对分析，全区机构职能体系运行总体平稳，本次调研未发现突出问题。',
    ),
    problems,
    measuresIntro: typeset(
      inProse
        ? '针对上述问题，提出以下改进措施与建议，每项措施后注明所针对的问题' +
            (rest.length && restAppendix ? `；附件${restAppendix}所列其他问题，由相关单位参照逐项整改。` : '。')
        : '保持现行机构编制管理做法，依托实名制管理数据持续跟踪监测，发现问题及时研究解决。',
    ),
    measures,
    conclusion: typeset(
      '综上所述，必须坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央关于深化党和国家机构改革的决策部署，' +
        '以更大的决心和勇气破解上述问题，努力构建系统完备、科学规范、运行高效的机构职能体系，为全区经济社会高质量发展提供坚强有力的组织保障。',
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
    workingNotes: [
      ...notes.map((f) => typeset(`${trimEnd(plain(f.title))}。`)),
      ...(meta.approvalWaitDays && !meta.approvalWaitDays.length ? [noApprovalsNote] : []),
    ],
    counts: {
      findings: sorted.length,
      ...counts,
      inProse: problems.reduce((s, p) => s + p.items.reduce((t, it) => t + it.findings.length, 0), 0),
      inAppendix: rest.length + overlaps.length,
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
    paragraphs.push(p.heading);
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
