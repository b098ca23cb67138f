/**
 * Findings as the report's prose. Part 二 tells one item per real problem: the findings of one code in a section, or,
 * for the duty codes (overlap, vague duty, uncovered or fragmented domain), the findings that meet in the same domains.
 * Each item is said in plain Chinese (who, what, how many, since when), without scores, codes, field names or tags; the
 * article it offends is quoted in full the first time and referred to by number afterwards. Pure.
 */
import { diagnosticEffects, diagnosticLabels } from '../analysis/diagnostics/registry.js';
import type { DiagnosticCode, Evidence, Finding } from '../analysis/finding.js';
import { articles, codeArticles, regulationOf, regulations, type ArticleKey } from '../analysis/laws.js';
import { chineseDate, typeset } from '../domain/chinese-text.js';

export { chineseDate, typeset };

/** The codes whose findings meet by domain: one item per group of domains in part 二. */
export const dutyCodes: readonly DiagnosticCode[] = [
  'DOMAIN_UNCOVERED',
  'VAGUE_DUTY',
  'DUTY_OVERLAP',
  'DOMAIN_FRAGMENTED',
];

/** Numbers that are the analysis's own scores, not facts a reader can check: never in the report. */
const scoreLabel = /z值|稳健|相似度|重合度|Jaccard|得分|分值/iu;

/**
 * Any text of a finding made fit for the report: ISO dates in words, tags and scores removed, a name repeated in a list
 * counted instead ("副局长、副局长、副局长" → "副局长3名"), brackets left empty by the removals dropped.
 */
export function plain(text: string): string {
  return text
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/gu, (_, y: string, m: string, d: string) => chineseDate(`${y}-${m}-${d}`))
    .replace(/【[^】]*】/gu, '')
    .replace(/[，,；;]?\s*(?:最高|平均)?(?:相似度|职责领域重合度)[（(]?[A-Za-z]*[)）]?[:：]?\s*-?[\d.]+/gu, '')
    .replace(/排序在限额之外[，,]?/gu, '')
    .replace(/设立日期[:：]/gu, '设立于')
    .replace(/([\u4e00-\u9fa5]{2,8})((?:、\1)+)(?![\u4e00-\u9fa5])/gu, (_, name: string, more: string) => {
      const n = more.split('、').length;
      return `${name}${n}名`;
    })
    .replace(/[（(]\s*[)）]/gu, '')
    .replace(/[（(][，,；;]/gu, '（')
    .trim();
}

/** A clause without its closing punctuation, to be continued or closed by the caller. */
export const trimEnd = (s: string) => s.trim().replace(/[。;；,，]+$/u, '');

/**
 * A long text shortened at a clause (，；、) rather than mid-word, ending with 等; a text without a clause boundary early
 * enough is kept whole.
 */
export function clip(text: string, max = 50): string {
  const chars = [...trimEnd(text)];
  if (chars.length <= max) return chars.join('');
  const head = chars.slice(0, max).join('');
  // a whole clause first (；), then a phrase (，、); never a cut that leaves a dangling 的/和/或 before 等
  const cuts = (marks: string[]) =>
    [...head.matchAll(new RegExp(`[${marks.join('')}]`, 'gu'))]
      .map((m) => m.index)
      .filter((i) => i >= max / 3 && !/[的和或及与]$/u.test(head.slice(0, i)))
      .sort((a, b) => b - a);
  const clause = cuts(['；', ';'])[0];
  if (clause !== undefined) return head.slice(0, clause); // a whole clause reads complete as it is
  const phrase = cuts(['，', '、', ','])[0];
  if (phrase === undefined) return chars.join('');
  return `${head.slice(0, phrase)}等`;
}

/** A long measure cut after its last whole clause (；) that fits, so that it ends on a complete thought. */
export function clauseClip(text: string, max = 90): string {
  const t = trimEnd(text);
  if ([...t].length <= max) return t;
  const head = [...t].slice(0, max).join('');
  const last = (...marks: string[]) => Math.max(...marks.map((m) => head.lastIndexOf(m)));
  const semi = last('；', ';');
  const cut = semi > max / 3 ? semi : last('：', ':');
  return cut > max / 3 ? head.slice(0, cut) : t;
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

type FactEvidence = Exclude<Evidence, { kind: 'law' }>;

function factText(e: FactEvidence, quote: boolean, max = 40): string {
  if (e.kind === 'number') return plain(`${e.institution ?? ''}${e.label}${formatNumber(e.value)}${e.unit ?? ''}`);
  const holder = e.institution.includes('、') ? '' : e.institution;
  const text = clip(plain(e.text), max);
  if (quote) return `${holder}“${text}”`;
  return holder ? `${holder}（${text.replace(/[;；]/gu, '，')}）` : text;
}

/** The facts that bear a finding out: scores left out, numbers its title already states left out. */
function facts(f: Finding, max: number, quote: boolean): string[] {
  const title = f.title;
  return f.evidence
    .filter((e): e is FactEvidence => e.kind !== 'law')
    .filter((e) => !quote || e.kind === 'text')
    .filter(
      (e) =>
        e.kind !== 'number' || (e.value !== 0 && !scoreLabel.test(e.label) && !title.includes(formatNumber(e.value))),
    )
    .slice(0, max)
    .map((e) => factText(e, quote));
}

const domainOf = (f: Finding) => (typeof f.measures.domain === 'string' ? f.measures.domain : '');

/** A group of findings told as one item of part 二. */
export interface ProblemGroup {
  /** The code the group is labelled by (the first of its findings). */
  code: DiagnosticCode;
  codes: DiagnosticCode[];
  domains: string[];
  findings: Finding[];
  /** Findings of the same kind listed in the appendix rather than told here. */
  more?: number;
  /** The 管理体制 mechanism the group tells (report-mechanism.ts), when it is one. */
  theme?: string;
}

const names = (fs: Finding[]) => [...new Set(fs.flatMap((f) => f.institutions.map((i) => i.name)))];
const list = (xs: string[], max = 4) =>
  xs.length > max ? `${xs.slice(0, max).join('、')}等${xs.length}个单位` : xs.join('、');

export function groupLabel(g: ProblemGroup): string {
  if (!dutyCodes.includes(g.code)) return diagnosticLabels[g.code];
  const d = g.domains.join('、');
  const has = (c: DiagnosticCode) => g.codes.includes(c);
  const noLead = has('DOMAIN_UNCOVERED') || has('VAGUE_DUTY');
  if (noLead && has('DUTY_OVERLAP')) return `${d}领域缺少牵头部门、职责交叉`;
  if (noLead) return has('DOMAIN_UNCOVERED') ? `${d}领域职能缺位、缺少牵头部门` : `${d}领域职责表述模糊、无牵头单位`;
  if (has('DOMAIN_FRAGMENTED')) return `${d}领域牵头职责分散`;
  return `${d}领域职责交叉重叠`;
}

/** What a domain problem leads to, naming the domains in its first clause. */
const domainEffects: Partial<Record<DiagnosticCode, (d: string) => string>> = {
  DOMAIN_UNCOVERED: (d) => `${d}等新兴领域职能配置滞后，不能适应快速发展的形势`,
  VAGUE_DUTY: (d) => `${d}领域职责表述模糊、责任主体不明，容易造成工作落空`,
  DUTY_OVERLAP: (d) => `${d}领域职责交叉重叠，缺乏明确的责任划分，容易出现推诿扯皮、“九龙治水”的局面`,
  DOMAIN_FRAGMENTED: (d) => `${d}领域多头牵头、缺乏统筹，难以形成工作合力`,
};

function groupEffect(g: ProblemGroup): string {
  if (!dutyCodes.includes(g.code)) return diagnosticEffects[g.code];
  const d = g.domains.join('、');
  const codes = dutyCodes.filter((c) => g.codes.includes(c));
  // the uncovered domain and the vague wording say the same thing: one effect for both
  const said = codes.filter((c) => !(c === 'VAGUE_DUTY' && codes.includes('DOMAIN_UNCOVERED')));
  return said.map((c, i) => (i === 0 ? domainEffects[c]!(d) : diagnosticEffects[c])).join('；');
}

/** The short names a regulation goes by after its first mention. */
const shortNames: Partial<Record<keyof typeof regulations, string>> = { gov: '地方机构编制条例' };

/** The law an item is held to: quoted in full the first time an article comes up, by number afterwards. */
export class LawCiter {
  private readonly quoted = new Set<ArticleKey>();
  private readonly named = new Set<string>();
  private partyNamed = false;

  /** A regulation by its full name the first time, with the short name it goes by afterwards. */
  private lawName(key: keyof typeof regulations): string {
    const full = regulations[key].name;
    const short = shortNames[key];
    if (!short) return `《${full}》`;
    if (this.named.has(key)) return `《${short}》`;
    this.named.add(key);
    return `《${full}》（以下简称《${short}》）`;
  }

  constructor(private readonly kindOf: (institutionId: string) => string | undefined) {}

  cite(g: ProblemGroup, subject: string): { clause: string; sentence: string } {
    const kinds = g.findings.flatMap((f) => f.institutions.map((i) => this.kindOf(i.id)));
    const regs = new Set(kinds.filter((k): k is string => !!k).map(regulationOf));
    const partyNames = names(g.findings).filter((_, i, all) => {
      const id = g.findings.flatMap((f) => f.institutions).find((x) => x.name === all[i])?.id;
      return id !== undefined && regulationOf(this.kindOf(id) ?? '') === 'party';
    });
    const key = this.articleFor(g);
    const parts: string[] = [];
    // an article already quoted is referred to in a clause of the effect sentence: no stock sentence repeated
    let later = '';
    if (key) {
      const a = articles[key];
      const applies =
        (a.regulation === 'gov' && regs.has('gov')) || (a.regulation === 'piPersonnel' && regs.has('piPersonnel'));
      if (applies) {
        const law = this.lawName(a.regulation);
        const isCase = a.text.endsWith('的');
        if (!this.quoted.has(key)) {
          this.quoted.add(key);
          parts.push(
            isCase
              ? `${subject}属于${law}${a.article}所列“${a.text}”的情形`
              : `${subject}不符合${law}${a.article}“${trimEnd(a.text)}”的规定`,
          );
        } else later = `，${isCase ? '属于' : '不符合'}${law}${a.article}${isCase ? '所列情形' : '的规定'}`;
      }
    }
    if (partyNames.length && (key || g.code === 'OVER_CAP')) {
      const first = !this.partyNamed;
      this.partyNamed = true;
      parts.push(
        `${list(partyNames, 3)}不属于政府行政机构，${first ? `适用《${regulations.party.name}》，应按该条例规定的程序调整` : `同样按《${regulations.party.name}》规定的程序调整`}`,
      );
    }
    return { clause: later, sentence: parts.length ? `${parts.join('；')}。` : '' };
  }

  private articleFor(g: ProblemGroup): ArticleKey | undefined {
    if (g.code === 'OVER_CAP')
      return g.findings.some((f) => f.measures.cap === undefined && f.measures.partyGovCount === undefined)
        ? 'coordination'
        : undefined;
    if (dutyCodes.includes(g.code)) return g.codes.includes('DUTY_OVERLAP') ? 'overlap' : 'setup';
    return codeArticles[g.code];
  }
}

/**
 * One item's paragraph: what the findings say (their titles in plain words), the evidence that bears them out (duty
 * texts quoted for the duty codes), what it leads to, and the law.
 */
export function groupProse(g: ProblemGroup, law: LawCiter): string {
  const parts: string[] = [];
  const duty = dutyCodes.includes(g.code);
  // an uncovered domain and its vague duties are one fact: the uncovered finding says it
  const uncovered = new Set(g.findings.filter((f) => f.code === 'DOMAIN_UNCOVERED').map(domainOf));
  const told = g.findings.filter((f) => !(f.code === 'VAGUE_DUTY' && uncovered.has(domainOf(f))));
  // where a domain has no lead, its overlaps are the same fact seen from the duties: the quotes show them
  const noLead = new Set(
    g.findings.filter((f) => f.code === 'DOMAIN_UNCOVERED' || f.code === 'VAGUE_DUTY').map(domainOf),
  );
  const overlapTitles = told.filter((f) => f.code === 'DUTY_OVERLAP' && !noLead.has(domainOf(f)));
  const shown = told.filter(
    (f) =>
      f.code !== 'DUTY_OVERLAP' ||
      (overlapTitles.includes(f) && overlapTitles.indexOf(f) < (g.codes.includes('DOMAIN_FRAGMENTED') ? 1 : 2)),
  );
  const titleOf = (f: Finding) => {
    const t = trimEnd(plain(f.title));
    return duty ? t.replace(/[（(][\u4e00-\u9fa5]+领域[)）]$/u, '') : t;
  };
  // several domains without a lead are said at once rather than domain by domain
  const noLeadTitles = shown.filter((f) => f.code === 'DOMAIN_UNCOVERED' || f.code === 'VAGUE_DUTY');
  if (noLead.size > 1 && noLeadTitles.length === noLead.size) {
    const holders = list(names(noLeadTitles), 6);
    const others = shown.filter((f) => !noLeadTitles.includes(f));
    parts.push(
      `${[...noLead].join('、')}领域均没有明确的牵头职责，相关职责仅以“参与”“协助”“配合”等模糊表述分散在${holders}` +
        (others.length ? `；${others.map(titleOf).join('；')}` : '') +
        '。',
    );
  } else parts.push(`${shown.map(titleOf).join('；')}。`);
  if (duty) {
    const seen = new Set<string>();
    const quotes: string[] = [];
    for (const f of g.findings)
      for (const e of f.evidence)
        if (e.kind === 'text' && !seen.has(e.text)) {
          seen.add(e.text);
          quotes.push(factText(e, true));
        }
    if (quotes.length) parts.push(`从职责表述看，${quotes.slice(0, 2).join('；')}。`);
  } else {
    // every institution the item concerns is named, even when its titles only count them
    const titles = g.findings.map((f) => f.title).join('');
    const unnamed = names(g.findings).filter((n) => !titles.includes(n));
    if (unnamed.length) parts.push(`涉及${list(unnamed, 6)}。`);
    // a long title says enough: the evidence stays in the data behind the report
    if (g.findings.length === 1 && [...g.findings[0]!.title].length < 80) {
      const fs = facts(g.findings[0]!, 1, g.code === 'DUTY_TOO_BROAD');
      if (fs.length) parts.push(`具体看，${fs.join('；')}。`);
    }
  }
  if (g.more) parts.push(`另有${g.more}处同类情况列入附件。`);
  const cited = law.cite(g, '这一情况');
  parts.push(`${groupEffect(g)}${cited.clause}。`, cited.sentence);
  return parts.join('');
}

/** The measure answering an item: one for the whole group, written for what the group holds. */
export function groupMeasure(g: ProblemGroup): string {
  const fs = g.findings;
  const who = list(names(fs), 5);
  const d = g.domains.join('、');
  const own = (f: Finding) => clauseClip(plain(f.measure), fs.length > 1 ? 60 : 100);
  const each = (xs: string[]) =>
    xs.length === 1 ? xs[0]! : xs.map((x, i) => `${['一', '二', '三', '四', '五'][i] ?? i + 1}是${x}`).join('；');
  switch (g.code) {
    case 'DOMAIN_UNCOVERED':
    case 'VAGUE_DUTY':
    case 'DUTY_OVERLAP':
    case 'DOMAIN_FRAGMENTED': {
      const has = (c: DiagnosticCode) => g.codes.includes(c);
      const steps = [];
      if (has('DOMAIN_UNCOVERED') || has('VAGUE_DUTY'))
        steps.push(`明确${d}的主责部门，在其“三定”规定中写明牵头职责，其他部门的“参与”“协助”改为具体配合事项`);
      if (has('DOMAIN_FRAGMENTED')) steps.push(`明确${d}领域的综合牵头部门，其余部门按分工配合`);
      if (has('DUTY_OVERLAP'))
        steps.push(`按照“一件事由一个部门负责”的原则厘清${list(names(fs), 3)}的职责边界，列入职责边界清单`);
      return steps.join('；');
    }
    case 'OVER_QUOTA':
      return `冻结${who}超编类别的进人计划，超编人员通过内部调剂、转任交流和自然减员限期消化，严格执行“先核编、后进人”`;
    case 'MIXED_QUOTA':
      return `清理规范${who}混编混岗，其他类别编制人员限期回到核定该类编制的单位或按规定程序办理划转，整改前暂停进人`;
    case 'STAFF_WORKLOAD':
      return `按年度工作量评估${who}的编制使用，任务繁重的先补齐空编，工作量偏低的冻结空编、在同类编制内调剂；依法设立的机构不以工作量为由撤并`;
    case 'LIVELIHOOD_GAP': {
      const sectors = fs.map((f) => String(f.measures.sector ?? '')).filter(Boolean);
      return `在事业编制总量内统筹调剂，向${sectors.join('、') || '民生'}领域事业单位倾斜，所需编制从长期空编、工作量偏低的事业单位调剂`;
    }
    default:
      return each(fs.map(own));
  }
}
