/** VACANT_QUOTA: a large share of an institution's quota unused and nobody taken on it for years (长期空编). */
import { quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { activeInstitutions, ageOn } from '../snapshot.js';

/**
 * Severity: high when at least 5 places and half the quota lie vacant; medium when at least 3 places; low for one or
 * two places (a small unit waiting on one post is common and cheap).
 */
function severityOf(vacant: number, share: number): Severity {
  if (vacant >= 5 && share >= 0.5) return 'high';
  if (vacant >= 3) return 'medium';
  return 'low';
}

export const findVacantQuota: Diagnostic = (s, config) => {
  // no roster imported at all: every quota would look vacant; DATA_QUALITY reports the missing roster instead
  if (s.people.length === 0) return [];
  const byKey = new Map<string, { count: number; lastStart: string | null }>();
  for (const p of s.people) {
    const key = `${p.institutionId}|${p.category}`;
    const cur = byKey.get(key) ?? { count: 0, lastStart: null };
    cur.count++;
    if (!cur.lastStart || p.startOn > cur.lastStart) cur.lastStart = p.startOn;
    byKey.set(key, cur);
  }
  const active = new Map(activeInstitutions(s).map((i) => [i.id, i]));
  const out: Finding[] = [];
  for (const [key, approved] of s.registry.quotas) {
    const [id, category] = key.split('|') as [string, QuotaCategory];
    const inst = active.get(id);
    if (!inst || approved <= 0) continue;
    const { count, lastStart } = byKey.get(key) ?? { count: 0, lastStart: null };
    const vacant = approved - count;
    const share = vacant / approved;
    if (share < config.vacantShare) continue;
    // someone taken on recently means the vacancy is being filled, not left standing
    const yearsSince = lastStart ? ageOn(lastStart, s.asOf) : null;
    if (yearsSince !== null && yearsSince < config.vacantYears) continue;
    const label = quotaCategoryLabels[category] ?? category;
    const since = lastStart ? `自${lastStart.slice(0, 4)}年以来${yearsSince}年未进人` : '无在编人员记录';
    out.push(
      finding('VACANT_QUOTA', {
        severity: severityOf(vacant, share),
        title: `${inst.name}${label}核定${approved}名，实有${count}人，空编${vacant}名(空编率${Math.round(share * 100)}%)，${since}`,
        institutions: [{ id: inst.id, name: inst.name }],
        measures: {
          category,
          approved,
          actual: count,
          vacant,
          vacantShare: Math.round(share * 1000) / 1000,
          lastStartOn: lastStart ?? '',
          yearsWithoutEntry: yearsSince ?? -1,
        },
        evidence: [
          { kind: 'number', label: `${label}核定`, value: approved, unit: '名', institution: inst.name },
          { kind: 'number', label: `${label}实有`, value: count, unit: '人', institution: inst.name },
          { kind: 'number', label: '空编率', value: Math.round(share * 100), unit: '%', institution: inst.name },
          ...(yearsSince !== null
            ? [{ kind: 'number' as const, label: '未进人年数', value: yearsSince, unit: '年', institution: inst.name }]
            : []),
          {
            kind: 'text',
            institutionId: inst.id,
            institution: inst.name,
            text: lastStart ? `最近一次${label}进人：${lastStart}` : `${label}无在编人员`,
          },
        ],
        measure:
          `盘活${inst.name}长期空编：核实${vacant}名空编的原因，确无用编需求的收回区级统筹，` +
          `优先调剂到任务繁重的乡镇(街道)和养老、学前教育、新兴产业等领域；确需补充人员的，列入年度用编进人计划，限期补齐。`,
      }),
    );
  }
  return out;
};

export const vacantQuotaDiagnostic = defineDiagnostic({
  code: 'VACANT_QUOTA',
  section: '人员结构',
  label: '长期空编',
  severity:
    'high when at least 5 places and half the quota lie vacant; medium when at least 3 places; low for one or two places.',
  effect: '编制资源长期闲置，未能发挥应有效益',
  thresholds: {
    vacantShare: { default: 0.3, doc: 'vacancy share of a quota at or above which a vacancy counts' },
    vacantYears: {
      default: 3,
      doc: 'years without anyone joining on the quota after which a vacancy is long-standing',
    },
  },
  find: findVacantQuota,
});
