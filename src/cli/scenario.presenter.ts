/** 方案 as text: the evaluation's figures and findings, and 2–4 scenarios side by side. */
import type { EvaluatedScenario } from '../commands/scenarios.js';
import { scenarioStatusLabels } from '../commands/scenarios.js';
import { formatTable } from './overview.presenter.js';

const signed = (before: number, after: number) =>
  after === before ? `${after}` : `${after}(${after > before ? '+' : ''}${after - before})`;

export function scenarioText({ scenario, items, evaluation: e }: EvaluatedScenario): string {
  const lines = [
    `方案:${scenario.name}(${scenarioStatusLabels[scenario.status as keyof typeof scenarioStatusLabels] ?? scenario.status},基准日期 ${scenario.baseDate},${items.length}项调整)`,
    `标识:${scenario.id}`,
  ];
  if (scenario.necessity) lines.push(`必要性:${scenario.necessity}`);
  if (scenario.basis) lines.push(`依据:${scenario.basis}`);
  lines.push(
    e.violations.length ? `违反硬约束(不能提交):\n${e.violations.map((v) => `  - ${v}`).join('\n')}` : '硬约束:均符合',
  );
  const pg = e.institutions.partyGov;
  lines.push(`党政机构:${pg.before} → ${signed(pg.before, pg.after)}${pg.cap !== null ? `(限额 ${pg.cap})` : ''}`);
  lines.push(
    formatTable([
      ['机构类别', '现状', '方案'],
      ...e.institutions.byKind.map((k) => [k.label, String(k.before), signed(k.before, k.after)]),
    ]).join('\n'),
  );
  lines.push(
    formatTable([
      ['编制类别', '现状', '方案', '编制总额', '周转池'],
      ...e.quota.map((q) => [
        q.label,
        String(q.before),
        signed(q.before, q.after),
        q.total === null ? '—' : String(q.total),
        signed(q.poolBefore, q.poolAfter),
      ]),
    ]).join('\n'),
  );
  lines.push(`领导职数:${e.posts.before} → ${signed(e.posts.before, e.posts.after)}`);
  if (e.peopleAffected.length) {
    const shown = e.peopleAffected.slice(0, 20).map((p) => `${p.name || p.personId}(${p.from}→${p.to ?? '待安置'})`);
    lines.push(`涉及人员 ${e.peopleAffected.length} 人:${shown.join('、')}${e.peopleAffected.length > 20 ? '等' : ''}`);
    for (const reason of new Set(e.peopleAffected.flatMap((p) => (p.reason ? [p.reason] : []))))
      lines.push(`  人员选定依据：${reason}`);
  }
  for (const w of e.dutyWarnings) {
    const with_ = w.overlaps.slice(0, 3).map((o) => `${o.institution}"${o.title}"(相似度${o.similarity})`);
    lines.push(
      `  职责交叉提示:${w.institution}"${w.title}"与${with_.join('、')}${w.overlaps.length > 3 ? '等' : ''}交叉`,
    );
  }
  lines.push(`问题:${e.findings.before} → ${e.findings.after}`);
  for (const f of e.findings.resolved) lines.push(`  解决 [${f.codeLabel}] ${f.title}`);
  for (const f of e.findings.created) lines.push(`  新增 [${f.codeLabel}] ${f.title}`);
  return lines.join('\n');
}

export function comparisonText(all: EvaluatedScenario[]): string {
  const row = (label: string, f: (x: EvaluatedScenario) => string) => [label, ...all.map(f)];
  const categories = [...new Set(all.flatMap((x) => x.evaluation.quota.map((q) => q.label)))];
  return formatTable([
    ['', ...all.map((x) => x.scenario.name)],
    row('调整项数', (x) => String(x.items.length)),
    row('违反硬约束', (x) => String(x.evaluation.violations.length)),
    row('党政机构', (x) => {
      const p = x.evaluation.institutions.partyGov;
      return `${signed(p.before, p.after)}${p.cap !== null ? `/${p.cap}` : ''}`;
    }),
    ...categories.map((label) =>
      row(label, (x) => {
        const q = x.evaluation.quota.find((y) => y.label === label);
        return q ? `${signed(q.before, q.after)}${q.total !== null ? `/${q.total}` : ''}` : '—';
      }),
    ),
    row('领导职数', (x) => signed(x.evaluation.posts.before, x.evaluation.posts.after)),
    row('涉及人员', (x) => String(x.evaluation.peopleAffected.length)),
    row('解决问题', (x) => String(x.evaluation.findings.resolved.length)),
    row('新增问题', (x) => String(x.evaluation.findings.created.length)),
  ]).join('\n');
}

/** 执行情况评估: each finding the scenario was meant to resolve, gone or still there. */
export function reviewText(r: {
  scenario: { name: string; docNumber: string | null; reviewOn: string | null };
  review: {
    reviewedOn: string;
    findings: { codeLabel: string; title: string; resolved: boolean; now: string | null }[];
  };
}): string {
  const { findings } = r.review;
  const gone = findings.filter((f) => f.resolved).length;
  const lines = [
    `方案"${r.scenario.name}"(${r.scenario.docNumber ?? ''})执行情况评估(${r.review.reviewedOn},评估日期 ${r.scenario.reviewOn}):拟解决问题${findings.length}个,已解决${gone}个,仍存在${findings.length - gone}个`,
  ];
  for (const f of findings)
    lines.push(`  ${f.resolved ? '已解决' : '仍存在'} [${f.codeLabel}] ${f.resolved ? f.title : (f.now ?? f.title)}`);
  return lines.join('\n');
}
