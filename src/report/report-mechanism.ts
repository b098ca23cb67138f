/**
 * Part 二（四）of the report, 管理体制: the office's own mechanisms as the data shows them — how 编制事项 are decided
 * (waits, approvals without evaluation), whether the documents duties rest on are kept current (三定 规定, 权责清单),
 * how 用编进人 is controlled (例外入编, a roster that disagrees with the quota) and whether what falls due is followed
 * up (周转编制, 方案评估). Codes that speak of the same mechanism are one item, each told with its evidence (who, what,
 * how many, since when) and the 测算口径 it is measured by, once, with its basis. Pure.
 */
import { diagnosticEffects, diagnosticLabels } from '../analysis/diagnostics/registry.js';
import { severityRank, type Finding } from '../analysis/finding.js';
import { clauseClip, plain, trimEnd, type ProblemGroup } from './report-prose.js';

/** A mechanism of 管理体制 and the codes whose findings speak of it. */
export interface MechanismTheme {
  key: string;
  /** Codes by name: a code registered later (APPROVAL_WITHOUT_EVALUATION) slots in without a change here. */
  codes: readonly string[];
  /** The item's label when more than one of its codes has findings. */
  label: string;
  /** How the part 三 measure opens. */
  lead: string;
  /** What the mechanism's problems lead to, after what each code's findings show (shortEffects). */
  effect: string;
}

export const mechanismThemes: readonly MechanismTheme[] = [
  {
    // deciding 编制事项 and following up what was decided: waits, evaluation, loans and reviews past their dates
    key: 'decision',
    codes: ['APPROVAL_WITHOUT_EVALUATION', 'APPROVAL_DELAY', 'POOL_LOAN_OVERDUE', 'SCENARIO_REVIEW_OVERDUE'],
    label: '编制事项决策和跟踪督办机制不够健全',
    lead: '健全编制事项决策和跟踪督办机制',
    effect: '机构编制资源难以及时、合理配置',
  },
  {
    key: 'basis',
    codes: ['SANDING_OUTDATED', 'POWER_LIST_OUTDATED'],
    label: '三定规定和权责清单动态调整滞后',
    lead: '建立三定规定和权责清单动态调整机制',
    effect: '部门履职缺少现行依据',
  },
  {
    key: 'entry',
    codes: ['EXCEPTION_ENTRY', 'DATA_QUALITY'],
    label: '用编进人和实名制管理监督不够严格',
    lead: '强化用编进人和实名制管理监督',
    effect: '用编管理的刚性约束减弱',
  },
];

/** The label of an item that holds one code only: what that code's findings say, in the report's words. */
const codeLabels: Record<string, string> = {
  APPROVAL_DELAY: '编制事项审批周期偏长',
  APPROVAL_WITHOUT_EVALUATION: '部分编制事项未经评估论证即审批',
  POWER_LIST_OUTDATED: '权责清单未随法律法规修订及时调整',
  EXCEPTION_ENTRY: '未经用编核准例外入编',
  DATA_QUALITY: '实名制信息与编制台账不一致',
  POOL_LOAN_OVERDUE: '周转编制逾期未归还',
  SCENARIO_REVIEW_OVERDUE: '改革方案执行情况评估逾期未开展',
};

/** What each code's findings show, in a few words; the theme's effect follows. */
const shortEffects: Record<string, string> = {
  APPROVAL_DELAY: '编制事项久拖不决',
  APPROVAL_WITHOUT_EVALUATION: '编制调整未经评估论证',
  POOL_LOAN_OVERDUE: '周转编制到期不还',
  SCENARIO_REVIEW_OVERDUE: '改革效果未按期评估',
  SANDING_OUTDATED: '三定规定与实际职能脱节',
  POWER_LIST_OUTDATED: '权责清单与现行法律法规不一致',
  EXCEPTION_ENTRY: '先核准后入编的制度被绕开',
  DATA_QUALITY: '人编不符',
};

/** What the item's problems lead to: each code's in a few words, then the theme's; a code of no theme, its own. */
function effectOf(g: ProblemGroup): string {
  const theme = mechanismThemes.find((t) => t.key === g.theme);
  const own = g.codes.map((c) => shortEffects[c]).filter(Boolean);
  if (theme && own.length) return `${own.join('、')}，${theme.effect}`;
  return (diagnosticEffects as Record<string, string | undefined>)[g.codes[0]!] ?? theme?.effect ?? '';
}

/** A 管理体制 finding told as a problem (DATA_QUALITY only for the roster that disagrees with the quota). */
export const isMechanismFinding = (f: Finding) =>
  f.section === '管理体制' && (f.code !== 'DATA_QUALITY' || f.measures.check === 'roster_quota_mismatch');

const themeOf = (code: string) => mechanismThemes.find((t) => t.codes.includes(code));

/** Findings of one code told in an item; the others of the same kind go to the appendix. */
const perCode = 3;

/**
 * The items of 管理体制: one per mechanism that has findings (codes of no theme, one item each), most severe first;
 * beyond `perCode` findings of a code the rest are listed in the appendix.
 */
export function mechanismGroups(findings: Finding[]): { groups: ProblemGroup[]; rest: Finding[] } {
  const byKey = new Map<string, Finding[]>();
  // most severe first (a stable sort: the diagnostics' order among equals), so each item opens with its weightiest code
  for (const f of [...findings].sort((a, b) => severityRank[b.severity] - severityRank[a.severity])) {
    const key = themeOf(f.code)?.key ?? `code:${f.code}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const rest: Finding[] = [];
  const rank = (fs: Finding[]) => Math.max(...fs.map((f) => severityRank[f.severity]));
  const groups = [...byKey].map(([key, fs]): ProblemGroup => {
    // the item tells its codes in the mechanism's own order (evaluate, decide, then follow up), each most severe first
    const themeOrder = themeOf(fs[0]!.code)?.codes ?? [];
    const codes = [...new Set(fs.map((f) => f.code))].sort((a, b) => themeOrder.indexOf(a) - themeOrder.indexOf(b));
    const kept: Finding[] = [];
    let more = 0;
    for (const code of codes) {
      const of = fs.filter((f) => f.code === code).sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
      kept.push(...of.slice(0, perCode));
      more += Math.max(0, of.length - perCode);
      rest.push(...of.slice(perCode));
    }
    return { code: kept[0]!.code, codes, domains: [], findings: kept, more, theme: key };
  });
  // themes in their order, then by severity (a stable sort keeps the order among equals)
  const order = (g: ProblemGroup) => {
    const i = mechanismThemes.findIndex((t) => t.key === g.theme);
    return i < 0 ? mechanismThemes.length : i;
  };
  groups.sort((a, b) => order(a) - order(b));
  groups.sort((a, b) => rank(b.findings) - rank(a.findings));
  return { groups, rest };
}

export function mechanismLabel(g: ProblemGroup): string {
  const theme = mechanismThemes.find((t) => t.key === g.theme);
  if (theme && g.codes.length > 1) return theme.label;
  const code = g.codes[0]!;
  if (code === 'SANDING_OUTDATED')
    return g.findings.every((f) => f.measures.check === 'missing') ? '部分单位三定规定缺失' : '三定规定长期未修订';
  return codeLabels[code] ?? (diagnosticLabels as Record<string, string | undefined>)[code] ?? theme?.label ?? '';
}

type TextEvidence = Extract<Finding['evidence'][number], { kind: 'text' }>;
const texts = (f: Finding) =>
  f.evidence.filter((e): e is TextEvidence => e.kind === 'text').map((e) => trimEnd(plain(e.text)));
/** A diagnostic's own 测算口径 note is dropped from each line: the item states it once, with its basis. */
const withoutCaliber = (t: string) => t.replace(/[（(]测算口径[:：][^）)]*[）)]/gu, '');
const semis = (t: string) => t.replace(/[;；]/gu, '，');
/** The units a 编制事项 concerns are in its title already: 关于调整区科学技术局… */
const unconcerned = (t: string) =>
  t.replace(/[（(]涉及[^）)]*[）)]/u, '').replace(/[，,]截至\d{4}年\d{1,2}月\d{1,2}日/u, '，');

/** The 测算口径 of a long wait for an 编制事项, with its basis (part 一 says it too, from the audit trail). */
export const approvalCaliber = (days: number) => `提交后${days}天内作出决定，系本次比对自设，并非上级规定的时限`;

/** The 测算口径 a finding is measured by, with its basis; said once per item. */
function caliberOf(f: Finding): string | undefined {
  const n = (k: string) => Number(f.measures[k]);
  if (f.code === 'SANDING_OUTDATED' && f.measures.check === 'outdated')
    return `三定规定印发满${n('maxYears')}年列为评估对象，按机构改革大体五年一轮设定`;
  if (f.code === 'APPROVAL_DELAY') return approvalCaliber(n('limitDays'));
  if (f.code === 'POWER_LIST_OUTDATED')
    return `法律法规修订满${n('adjustMonths')}个月未调整即列入，按清单动态调整的要求设定`;
  return undefined;
}

const names = (f: Finding) => f.institutions.map((i) => i.name);
const join = (xs: string[]) => (xs.length > 4 ? `${xs.slice(0, 4).join('、')}等${xs.length}个单位` : xs.join('、'));

/** 区司法局（2017年6月15日印发，已满9年）: one unit's old 三定, from its evidence line. */
function sandingFact(line: string): string {
  const m = /^(.+?)现行三定规定.*?印发于(\d{4}年\d{1,2}月\d{1,2}日).*?已满(\d+)年/u.exec(line);
  return m ? `${m[1]}（${m[2]}印发，已满${m[3]}年）` : line;
}

/**
 * 区水务局（2016年1月15日公布，其后《中华人民共和国水法》于2016年7月2日修改，涉及4项）: one unit's list; with more than
 * two revised laws, the two most cited and how many in all (the body names, the appendix lists).
 */
function powerListFact(line: string): string {
  const m = /^(.+?)权责清单公布于(\d{4}年\d{1,2}月\d{1,2}日)/u.exec(line);
  if (!m) return line;
  const laws = [
    ...line.matchAll(/(《[^》]+》)于(\d{4}年\d{1,2}月\d{1,2}日)修订或修正[（(]清单中(\d+)项以其为依据[）)]/gu),
  ].map((l) => ({ name: l[1]!, on: l[2]!, items: Number(l[3]) }));
  if (laws.length <= 2)
    return `${m[1]}（${m[2]}公布，其后${laws.map((l) => `${l.name}于${l.on}修改，涉及${l.items}项`).join('；')}）`;
  const items = laws.reduce((n, l) => n + l.items, 0);
  const cited = laws
    .slice(0, 2)
    .map((l) => l.name)
    .join('');
  return `${m[1]}（${m[2]}公布，其后${cited}等${laws.length}部法律法规相继修改，涉及${items}项）`;
}

/** One finding as evidence in plain words: who, what, how many, since when. */
function factOf(f: Finding, seeAlso: (f: Finding) => string | undefined): string {
  const ev = texts(f).map((t) => semis(withoutCaliber(t)));
  const title = trimEnd(plain(f.title));
  switch (f.code as string) {
    case 'SANDING_OUTDATED':
      if (f.measures.check !== 'outdated') return title;
      return `${ev.map(sandingFact).join('、')}的现行三定规定印发后未重新修订`;
    case 'POWER_LIST_OUTDATED':
      return `${ev.map(powerListFact).join('、')}的权责清单均未随之调整`;
    case 'APPROVAL_DELAY':
      if (f.measures.check === 'pending')
        return Number(f.measures.adjustments) === 1 ? unconcerned(ev[0]!) : `${title}，其中${unconcerned(ev[0]!)}`;
      return ev[0] ? `${title}，${ev[0]}` : title;
    case 'EXCEPTION_ENTRY': {
      const why = ev
        .slice(0, 2)
        .map((t) => /于(\d{4}年\d{1,2}月\d{1,2}日)入编.*?例外理由[:：](.+?)，由/u.exec(t))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => `${m[1]}入编，理由为“${m[2]}”`);
      return why.length ? `${title}（${why.join('；')}）` : title;
    }
    case 'APPROVAL_WITHOUT_EVALUATION':
      return f.institutions.length ? `${title}，涉及${join(names(f))}` : title;
    case 'POOL_LOAN_OVERDUE':
    case 'SCENARIO_REVIEW_OVERDUE':
      return title;
    case 'DATA_QUALITY': {
      const ref = seeAlso(f);
      if (!ref) return title;
      return `${join(names(f))}实名制人员中有${f.measures.people}人所在编制类别未核定编制，花名册与编制台账不一致（见${ref}）`;
    }
    default:
      return ev[0] && !title.includes(ev[0]) && [...title].length < 60 ? `${title}，如${ev[0]}` : title;
  }
}

/**
 * The item's paragraph: each finding's evidence, the 测算口径 once, how many more are in the appendix, what it leads
 * to. `seeAlso` names the item of another section that tells the same units (the roster's people on a category the
 * unit may not use are an item of 人员结构); `said`: the 测算口径 the report has stated before, not said again.
 */
export function mechanismProse(
  g: ProblemGroup,
  opts: { seeAlso?: (f: Finding) => string | undefined; said?: ReadonlySet<string> } = {},
): string {
  const facts = g.findings.map((f) => factOf(f, opts.seeAlso ?? (() => undefined)));
  const calibers = [...new Set(g.findings.map(caliberOf).filter((c): c is string => !!c && !opts.said?.has(c)))];
  const parts = [`${facts.join('；')}。`];
  if (calibers.length) parts.push(`（测算口径：${calibers.join('；')}。）`);
  if (g.more) parts.push(`另有${g.more}处同类情况列入附件。`);
  const effect = effectOf(g);
  if (effect) parts.push(`${effect}。`);
  return parts.join('');
}

/** Each code's step, short, naming the units and numbers; a code registered later uses its finding's own measure. */
function stepOf(f: Finding): string {
  const m = f.measures;
  switch (f.code as string) {
    case 'APPROVAL_DELAY':
      return m.check === 'pending'
        ? `对提交超过${m.limitDays}天的${m.adjustments}件编制事项限期办结，明确各环节办理时限`
        : `明确受理、审核、提请审议各环节时限，把编制事项办理用时压减到${m.limitDays}天以内`;
    case 'APPROVAL_WITHOUT_EVALUATION':
      return '编制事项报批前须附评估论证意见，未经评估的不提请编委审议';
    case 'SANDING_OUTDATED':
      return m.check === 'outdated'
        ? `对${join(names(f))}开展机构编制管理评估，按程序修订三定规定`
        : `核实${join(names(f))}的三定规定，已印发的补录文号和日期，未印发的按程序制定`;
    case 'POWER_LIST_OUTDATED':
      return `由${join(names(f))}对照修订后的法律法规调整所涉${m.items}项权责事项并重新公布`;
    case 'EXCEPTION_ENTRY':
      return `复核${m.entries}名例外入编人员并补办用编核准，确需例外的报编委研究备案`;
    case 'DATA_QUALITY':
      return `定期比对实名制信息与编制台账，逐人核对${join(names(f))}的人员，做到人编相符`;
    case 'POOL_LOAN_OVERDUE':
      return `督促${join(names(f))}归还逾期周转编制，确需继续使用的按程序延期`;
    case 'SCENARIO_REVIEW_OVERDUE':
      return `对方案“${m.scenario}”开展执行情况评估，结果报编委`;
    default:
      return clauseClip(plain(f.measure), 60);
  }
}

/** The measure answering the item: the mechanism to build, then each code's own step. */
export function mechanismMeasure(g: ProblemGroup): string {
  const theme = mechanismThemes.find((t) => t.key === g.theme);
  const steps = [...new Set(g.findings.map(stepOf))];
  const body =
    steps.length === 1
      ? steps[0]!
      : steps.map((x, i) => `${['一', '二', '三', '四', '五', '六'][i] ?? i + 1}是${x}`).join('；');
  return theme && g.codes.length > 1 ? `${theme.lead}：${body}` : body;
}
