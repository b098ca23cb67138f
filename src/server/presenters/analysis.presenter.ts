/** API shapes of statistics and findings: labelled in Chinese beside the codes, so clients need no vocabulary. */
import { diagnosticLabels } from '../../analysis/diagnostics/registry.js';
import { severityLabels, type Finding } from '../../analysis/finding.js';
import type { Snapshot } from '../../analysis/snapshot.js';
import type { Statistics } from '../../analysis/statistics.js';
import { institutionKindLabels, quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';
import { typeset } from '../../domain/chinese-text.js';

export function presentStatistics(s: Statistics, snapshot: Pick<Snapshot, 'regionName' | 'limits'>) {
  return {
    asOf: s.asOf,
    regionName: snapshot.regionName,
    limits: snapshot.limits,
    overview: s.overview,
    pool: s.pool.map((p) => ({ ...p, categoryLabel: quotaCategoryLabels[p.category as QuotaCategory] ?? p.category })),
    people: s.people,
    institutions: s.institutions.map((i) => ({
      ...i,
      kindLabel: institutionKindLabels[i.kind as keyof typeof institutionKindLabels] ?? i.kind,
      quota: i.quota.map((q) => ({
        ...q,
        categoryLabel: quotaCategoryLabels[q.category as QuotaCategory] ?? q.category,
      })),
    })),
    labels: { kinds: institutionKindLabels, quotaCategories: quotaCategoryLabels },
  };
}

export function presentFinding(f: Finding, index: number) {
  return {
    id: `${f.code}-${index + 1}`,
    code: f.code,
    codeLabel: diagnosticLabels[f.code],
    section: f.section,
    severity: f.severity,
    severityLabel: severityLabels[f.severity],
    // the page reads as the report does: full-width punctuation (the findings are written with ASCII ,;:() and ")
    title: typeset(f.title),
    institutions: f.institutions,
    measures: f.measures,
    evidence: f.evidence,
    measure: typeset(f.measure),
  };
}

export const presentFindings = (findings: Finding[], asOf: string) => ({
  asOf,
  total: findings.length,
  findings: findings.map(presentFinding),
});
