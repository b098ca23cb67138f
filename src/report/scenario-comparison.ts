/**
 * 方案比选: two to four evaluated scenarios side by side as the tables and prose of an attachment (附件) in the
 * report's layout — the figures (institutions against the cap, quota against the 总额 and the pool, posts), the hard
 * limits, the findings each resolves and creates, and the people each moves. The .docx and the .xlsx are written from
 * this one model, so that both tell the same figures. Pure.
 */
import type { ScenarioEvaluation } from '../analysis/scenario-evaluation.js';
import { severityLabels } from '../analysis/finding.js';
import { typeset } from '../domain/chinese-text.js';
import type { AppendixBlock, ReportTable } from './report-model.js';

export interface ComparedScenario {
  name: string;
  statusLabel: string;
  baseDate: string;
  itemCount: number;
  necessity: string | null;
  evaluation: Omit<ScenarioEvaluation, 'peopleAffected'> & {
    peopleAffected: (ScenarioEvaluation['peopleAffected'][number] & { name: string })[];
  };
}

export interface ScenarioComparison {
  title: string;
  /** One paragraph per scenario, then the closing remark. */
  paragraphs: string[];
  /** 主要指标, 硬约束, 问题变化, 涉及人员: each one sheet of the workbook, one table of the attachment. */
  tables: ReportTable[];
}

export const comparisonTitle = '方案比选';

const signed = (before: number, after: number) =>
  after === before ? `${after}` : `${after}（${after > before ? '+' : ''}${after - before}）`;
const labelOf = (i: number) => `方案${['一', '二', '三', '四'][i] ?? i + 1}`;

function figuresTable(all: ComparedScenario[]): ReportTable {
  const row = (label: string, f: (x: ComparedScenario) => string) => [label, ...all.map(f)];
  const kinds = [...new Set(all.flatMap((x) => x.evaluation.institutions.byKind.map((k) => k.label)))];
  const categories = [...new Set(all.flatMap((x) => x.evaluation.quota.map((q) => q.label)))];
  const quota = (x: ComparedScenario, label: string) => x.evaluation.quota.find((q) => q.label === label);
  return {
    title: '表1 主要指标对比',
    header: ['项目', ...all.map((x, i) => `${labelOf(i)}：${x.name}`)],
    widths: [3, ...all.map(() => 4)],
    rows: [
      row('状态', (x) => x.statusLabel),
      row('基准日期', (x) => x.baseDate),
      row('调整事项（项）', (x) => String(x.itemCount)),
      row('硬约束', (x) => (x.evaluation.violations.length ? `违反${x.evaluation.violations.length}项` : '均符合')),
      row('党政机构（个）', (x) => {
        const p = x.evaluation.institutions.partyGov;
        return `${p.before}→${signed(p.before, p.after)}${p.cap !== null ? `，限额${p.cap}` : ''}`;
      }),
      ...kinds.map((label) =>
        row(`${label}（个）`, (x) => {
          const k = x.evaluation.institutions.byKind.find((y) => y.label === label);
          return k ? `${k.before}→${signed(k.before, k.after)}` : '—';
        }),
      ),
      ...categories.map((label) =>
        row(`${label}（名）`, (x) => {
          const q = quota(x, label);
          return q ? `${q.before}→${signed(q.before, q.after)}${q.total !== null ? `，总额${q.total}` : ''}` : '—';
        }),
      ),
      ...categories
        .filter((label) => all.some((x) => (quota(x, label)?.poolBefore ?? 0) || (quota(x, label)?.poolAfter ?? 0)))
        .map((label) =>
          row(`${label}周转池（名）`, (x) => {
            const q = quota(x, label);
            return q ? `${q.poolBefore}→${signed(q.poolBefore, q.poolAfter)}` : '—';
          }),
        ),
      row(
        '领导职数（名）',
        (x) => `${x.evaluation.posts.before}→${signed(x.evaluation.posts.before, x.evaluation.posts.after)}`,
      ),
      row('涉及人员（人）', (x) => String(x.evaluation.peopleAffected.length)),
      row(
        '问题（个）',
        (x) => `${x.evaluation.findings.before}→${signed(x.evaluation.findings.before, x.evaluation.findings.after)}`,
      ),
      row('解决问题（个）', (x) => String(x.evaluation.findings.resolved.length)),
      row('新增问题（个）', (x) => String(x.evaluation.findings.created.length)),
    ],
  };
}

function violationsTable(all: ComparedScenario[]): ReportTable {
  return {
    title: '表2 硬约束',
    header: ['方案', '违反的硬约束'],
    widths: [2, 8],
    rows: all.flatMap((x, i) =>
      x.evaluation.violations.length
        ? x.evaluation.violations.map((v) => [labelOf(i), typeset(v)])
        : [[labelOf(i), '均符合']],
    ),
  };
}

function findingsTable(all: ComparedScenario[]): ReportTable {
  return {
    title: '表3 解决和新增的问题',
    header: ['方案', '变化', '问题类型', '问题', '严重程度'],
    widths: [2, 1.5, 3, 8, 1.5],
    rows: all.flatMap((x, i) => {
      const rows = [
        ...x.evaluation.findings.resolved.map((f) => [
          labelOf(i),
          '解决',
          f.codeLabel,
          typeset(f.title),
          severityLabels[f.severity],
        ]),
        ...x.evaluation.findings.created.map((f) => [
          labelOf(i),
          '新增',
          f.codeLabel,
          typeset(f.title),
          severityLabels[f.severity],
        ]),
      ];
      return rows.length ? rows : [[labelOf(i), '无变化', '—', '—', '—']];
    }),
  };
}

function peopleTable(all: ComparedScenario[]): ReportTable {
  return {
    title: '表4 涉及人员',
    header: ['方案', '姓名', '原单位', '去向'],
    widths: [2, 2, 4, 4],
    rows: all.flatMap((x, i) =>
      x.evaluation.peopleAffected.length
        ? x.evaluation.peopleAffected.map((p) => [labelOf(i), p.name || '—', p.from, p.to ?? '待安置'])
        : [[labelOf(i), '无', '—', '—']],
    ),
  };
}

function summary(x: ComparedScenario, i: number): string {
  const e = x.evaluation;
  const pg = e.institutions.partyGov;
  const limits = e.violations.length ? `违反硬约束${e.violations.length}项，须修改后方可报批` : '符合各项硬约束';
  const quota = e.quota
    .filter((q) => q.after !== q.before)
    .map((q) => `${q.label}由${q.before}名变为${q.after}名`)
    .join('，');
  return typeset(
    `${labelOf(i)}“${x.name}”：调整事项${x.itemCount}项，党政机构由${pg.before}个变为${pg.after}个` +
      `${pg.cap !== null ? `（限额${pg.cap}个）` : ''}${quota ? `，${quota}` : ''}，` +
      `解决问题${e.findings.resolved.length}个、新增问题${e.findings.created.length}个，` +
      `涉及人员${e.peopleAffected.length}人；${limits}。${x.necessity ? `必要性：${x.necessity.replace(/[。.]?$/u, '。')}` : ''}`,
  );
}

function closing(all: ComparedScenario[]): string {
  const ok = all.map((x, i) => ({ x, i })).filter(({ x }) => !x.evaluation.violations.length);
  if (!ok.length) return '各方案均违反硬约束，建议修改后重新比选。';
  const net = ({ x }: { x: ComparedScenario }) =>
    x.evaluation.findings.resolved.length - x.evaluation.findings.created.length;
  const best = ok.reduce((a, b) => (net(b) > net(a) ? b : a));
  return typeset(
    `在符合硬约束的方案中，${labelOf(best.i)}“${best.x.name}”解决问题与新增问题之差最大（${net(best)}个），` +
      '供编委决策参考。',
  );
}

export function buildScenarioComparison(all: ComparedScenario[]): ScenarioComparison {
  return {
    title: comparisonTitle,
    paragraphs: [...all.map(summary), closing(all)],
    tables: [figuresTable(all), violationsTable(all), findingsTable(all), peopleTable(all)],
  };
}

/** The comparison as the blocks of a report attachment. */
export function comparisonBlocks(c: ScenarioComparison): AppendixBlock[] {
  return [
    ...c.paragraphs.map((text): AppendixBlock => ({ kind: 'paragraph', text })),
    ...c.tables.map((table): AppendixBlock => ({ kind: 'table', table })),
  ];
}
