/**
 * The 调研报告 read as a 编办 director would before signing it: machine text (Latin letters, ISO dates, scores, tags,
 * words cut short), repetition (a sentence or a quoted article twice), figures that disagree with the statistics, and a
 * last page with nothing but the 署名. Pure: the tests feed it the report's text (and, when rendered, its PDF pages).
 */
import { ageBands, percent, type Statistics } from '../analysis/statistics.js';
import { quotaCategories, quotaCategoryLabels } from '../domain/vocabulary.js';

export interface LintIssue {
  rule:
    | 'latin'
    | 'iso-date'
    | 'machine-text'
    | 'repeated-sentence'
    | 'article-twice'
    | 'figure'
    | 'empty-page'
    | 'close-alone';
  /** What is wrong, in Chinese, with the offending text. */
  message: string;
}

/** The report as text: prose paragraphs (body and appendices) and table cells apart, since cells repeat by design. */
export interface ReportText {
  paragraphs: string[];
  cells: string[];
}

/**
 * Latin letters a Chinese official text may carry: standard and document numbers (GB/T 9704), and a few established
 * abbreviations (A级旅游景区). Anything else is a code or a field name that leaked from the data.
 */
export const latinAllowed = ['GB/T', 'PM2.5', 'PM10', '5G', 'A级'] as const;

/** Words that belong to the analysis, not to a report (scores, internal markers, claims the data cannot make). */
const machineWords: { pattern: RegExp; why: string }[] = [
  { pattern: /相似度|重合度|z值|余弦|稳健/u, why: '计算分值' },
  { pattern: /【[^】]*】/u, why: '数据标签' },
  { pattern: /[\u4e00-\u9fa5]……/u, why: '词句被截断' },
  { pattern: /占\d+人的0(?:\.0)?%|（0%）|\(0%\)/u, why: '“0%”式表述' },
  { pattern: /排序在限额之外|设立日期：/u, why: '数据字段' },
  { pattern: /实地调研|实地走访/u, why: '未记录的实地调研' },
  { pattern: /保障标准/u, why: '把测算口径称为标准' },
  { pattern: /([\u4e00-\u9fa5]{2,8})、\1、\1/u, why: '名称重复罗列' },
  { pattern: /[空超]编\d+人/u, why: '空编、超编的量词不一（编制数用“名”）' },
];

const isoDate = /\b\d{4}-\d{1,2}-\d{1,2}\b/u;

function latinTokens(text: string): string[] {
  let t = text;
  for (const a of latinAllowed) t = t.split(a).join(' ');
  return t.match(/[A-Za-z][A-Za-z0-9_]*/gu) ?? [];
}

export const sentencesOf = (paragraph: string) =>
  paragraph
    .split(/(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter(Boolean);

function textIssues(texts: string[], where: string): LintIssue[] {
  const out: LintIssue[] = [];
  for (const t of texts) {
    const latin = latinTokens(t);
    if (latin.length) out.push({ rule: 'latin', message: `${where}含英文字母“${latin.join('、')}”：${t}` });
    if (isoDate.test(t)) out.push({ rule: 'iso-date', message: `${where}日期未写成“××××年×月×日”：${t}` });
    for (const m of machineWords)
      if (m.pattern.test(t)) out.push({ rule: 'machine-text', message: `${where}含${m.why}：${t}` });
  }
  return out;
}

/** 《…》第十条“…”: the same article's words quoted more than once. */
const quotedArticle =
  /(第[一二三四五六七八九十百]+条(?:第[（(][一二三四五六七八九十]+[)）]项)?)(?:所列)?[“"]([^”"]{8,})[”"]/gu;

export function lintText(r: ReportText): LintIssue[] {
  const out = [...textIssues(r.paragraphs, '正文'), ...textIssues(r.cells, '表格')];
  const seen = new Map<string, number>();
  for (const p of r.paragraphs)
    for (const s of sentencesOf(p)) if ([...s].length >= 12) seen.set(s, (seen.get(s) ?? 0) + 1);
  for (const [s, n] of seen) if (n > 1) out.push({ rule: 'repeated-sentence', message: `同一句话出现${n}次：${s}` });
  const quotes = new Map<string, number>();
  for (const p of [...r.paragraphs, ...r.cells])
    for (const m of p.matchAll(quotedArticle)) quotes.set(m[2]!, (quotes.get(m[2]!) ?? 0) + 1);
  for (const [q, n] of quotes)
    if (n > 1)
      out.push({ rule: 'article-twice', message: `条文原文引用了${n}次（应全文引用一次，其后只写条号）：${q}` });
  return out;
}

/**
 * Figures the report states about the whole district, each read back by the wording the report uses and compared
 * with the statistics: wherever a sentence says it (part 一, part 二, the appendices' notes).
 */
export function figureChecks(st: Statistics): { pattern: RegExp; expected: string; what: string }[] {
  const o = st.overview;
  const p = st.people;
  const checks = [
    { pattern: /全区有各类机构(\d+)个/gu, expected: String(o.institutions.total), what: '机构总数' },
    { pattern: /全区(\d+)个机构/gu, expected: String(o.institutions.total), what: '机构总数' },
    { pattern: /内设机构(\d+)个/gu, expected: String(o.institutions.internalUnits), what: '内设机构数' },
    { pattern: /(?<!压减|超出|减少)党政机构(\d+)个/gu, expected: String(o.institutions.partyGov), what: '党政机构数' },
    { pattern: /全区有各类编制(\d+)名/gu, expected: String(o.quota.total.approved), what: '编制总数' },
    { pattern: /核定编制(\d+)名、在编人员/gu, expected: String(o.quota.total.approved), what: '编制总数' },
    { pattern: /全区空编(\d+)名/gu, expected: String(o.quota.total.vacant), what: '空编总数' },
    { pattern: /全区空编\d+名、超编(\d+)名/gu, expected: String(o.quota.total.over), what: '超编总数' },
    { pattern: /在编(?:在岗)?人员(\d+)人/gu, expected: String(p.total), what: '在编人员总数' },
    {
      pattern: /全区(?:在编在岗人员\d+人，)?平均年龄([\d.]+)岁/gu,
      expected: String(p.meanAge ?? ''),
      what: '全区平均年龄',
    },
    ...ageBands.map((b) => ({
      pattern: new RegExp(`(?:全区|从年龄看，|；)${b}(\\d+)人`, 'gu'),
      expected: String(p.ageBands[b]),
      what: `${b}人数`,
    })),
    ...ageBands.map((b) => ({
      pattern: new RegExp(`(?:全区${b}(?:人员)?占比|${b}\\d+人、占)([\\d.]+%)`, 'gu'),
      expected: percent(p.ageBands[b], p.total),
      what: `全区${b}占比`,
    })),
  ];
  for (const c of quotaCategories) {
    const label = quotaCategoryLabels[c].replace(/[()（）]/gu, '.');
    if (!o.quota[c].approved) continue;
    checks.push({
      pattern: new RegExp(`[；，]${label}(\\d+)名，(?:实有|工勤人员)\\d+人`, 'gu'),
      expected: String(o.quota[c].approved),
      what: `${quotaCategoryLabels[c]}核定数`,
    });
    checks.push({
      pattern: new RegExp(`[；，]${label}\\d+名，(?:实有|工勤人员)(\\d+)人`, 'gu'),
      expected: String(o.quota[c].actual),
      what: `${quotaCategoryLabels[c]}实有数`,
    });
  }
  return checks;
}

/**
 * Per-institution figures the items state ("区审计局实有9人", "区农业技术推广中心事业编制核定30名，实有13人"), against
 * the statistics of that institution.
 */
function institutionFigureIssues(texts: string[], st: Statistics): LintIssue[] {
  const out: LintIssue[] = [];
  const byName = new Map(st.institutions.map((i) => [i.name, i]));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[()（）]/gu, '.'));
  if (!names.length) return out;
  const alt = names.join('|');
  const staff = new RegExp(`(${alt})实有(\\d+)人`, 'gu');
  const cats = quotaCategories.map((c) => quotaCategoryLabels[c].replace(/[()（）]/gu, '\\$&')).join('|');
  const quota = new RegExp(`(${alt})(${cats})核定(\\d+)名，实有(\\d+)人`, 'gu');
  const labelToCategory = new Map(quotaCategories.map((c) => [quotaCategoryLabels[c] as string, c as string]));
  for (const t of texts) {
    for (const m of t.matchAll(staff)) {
      const inst = byName.get(m[1]!);
      if (inst && String(inst.people.total) !== m[2])
        out.push({ rule: 'figure', message: `${m[1]}实有人数应为${inst.people.total}人，报告写${m[2]}人：${t}` });
    }
    for (const m of t.matchAll(quota)) {
      const inst = byName.get(m[1]!);
      const q = inst?.quota.find((x) => x.category === labelToCategory.get(m[2]!));
      if (!q) continue;
      if (String(q.approved) !== m[3] || String(q.actual) !== m[4])
        out.push({
          rule: 'figure',
          message: `${m[1]}${m[2]}应为核定${q.approved}名、实有${q.actual}人，报告写核定${m[3]}名、实有${m[4]}人`,
        });
    }
  }
  return out;
}

/** Every district and institution figure the text states that disagrees with the statistics. */
export function lintFigures(r: ReportText, st: Statistics): LintIssue[] {
  const texts = [...r.paragraphs, ...r.cells];
  const out: LintIssue[] = [];
  for (const c of figureChecks(st))
    for (const t of texts)
      for (const m of t.matchAll(c.pattern))
        if (m[1] !== c.expected)
          out.push({ rule: 'figure', message: `${c.what}应为${c.expected}，报告写${m[1]}：${t}` });
  return [...out, ...institutionFigureIssues(texts, st)];
}

/**
 * The rendered pages (text of each PDF page): none may be blank, and the page that carries the 署名 must carry body
 * text as well (GB/T 9704-2012 7.3.5: the 署名 never stands alone on a page).
 */
export function lintPages(
  pages: string[],
  close: { issuer: string; date: string; appendixTitles: string[] },
): LintIssue[] {
  const out: LintIssue[] = [];
  const squash = (s: string) => s.replace(/\s/gu, '');
  pages.forEach((page, i) => {
    const text = squash(page).replace(/—\d+—/gu, '');
    if (!text) out.push({ rule: 'empty-page', message: `第${i + 1}页没有任何文字` });
  });
  const signed = pages.findIndex((p) => squash(p).includes(squash(close.issuer)) && squash(p).includes(close.date));
  if (signed < 0) {
    out.push({ rule: 'close-alone', message: '找不到署名和成文日期所在的页' });
    return out;
  }
  let rest = squash(pages[signed]!).replace(/—\d+—/gu, '');
  for (const s of [close.issuer, close.date, ...close.appendixTitles]) rest = rest.split(squash(s)).join('');
  rest = rest.replace(/附件[：:]?/gu, '').replace(/\d+\./gu, '');
  if ([...rest].length < 10)
    out.push({ rule: 'close-alone', message: `第${signed + 1}页只有署名、成文日期和附件说明，没有正文` });
  return out;
}
