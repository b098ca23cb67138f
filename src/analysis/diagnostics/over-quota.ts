/** OVER_QUOTA: more people on a quota category than approved, per institution and category (条例第二十六条). */
import { quotaKey } from '../../domain/ledger.js';
import { allowedQuotaCategories, quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions, type PersonFact } from '../snapshot.js';

/**
 * Severity: high when 5 or more over, or 2 or more and at least 20% over; medium when 2 or more or at least 10% over
 * (or any over a category with no approved quota); low for one person in a larger unit (often a transfer in progress).
 */
function severityOf(excess: number, approved: number): Severity {
  const share = approved > 0 ? excess / approved : Infinity;
  if (excess >= 5 || (excess >= 2 && share >= 0.2)) return 'high';
  if (excess >= 2 || share >= 0.1) return 'medium';
  return 'low';
}

export const findOverQuota: Diagnostic = (s) => {
  const onCategory = new Map<string, PersonFact[]>();
  for (const p of s.people) {
    const key = quotaKey(p.institutionId, p.category);
    const list = onCategory.get(key);
    if (list) list.push(p);
    else onCategory.set(key, [p]);
  }
  const out: Finding[] = [];
  for (const inst of activeInstitutions(s)) {
    // categories the kind may not use at all are MIXED_QUOTA, not over quota
    for (const category of allowedQuotaCategories[inst.kind]) {
      const key = quotaKey(inst.id, category);
      const approved = s.registry.quotas.get(key) ?? 0;
      const people = onCategory.get(key) ?? [];
      const excess = people.length - approved;
      if (excess <= 0) continue;
      const label = quotaCategoryLabels[category as QuotaCategory];
      const lastStart = people.map((p) => p.startOn).sort((a, b) => b.localeCompare(a))[0]!;
      const recent = people.filter((p) => p.startOn > addYears(s.asOf, -3)).length;
      out.push(
        finding('OVER_QUOTA', {
          severity: severityOf(excess, approved),
          title: `${inst.name}${label}核定${approved}名，实有${people.length}人，超编${excess}名`,
          institutions: [{ id: inst.id, name: inst.name }],
          measures: { category, approved, actual: people.length, excess, recentEntrants: recent },
          evidence: [
            { kind: 'number', label: `${label}核定`, value: approved, unit: '名', institution: inst.name },
            { kind: 'number', label: `${label}实有`, value: people.length, unit: '人', institution: inst.name },
            { kind: 'number', label: '超编', value: excess, unit: '名', institution: inst.name },
            { kind: 'number', label: '近3年进人', value: recent, unit: '人', institution: inst.name },
            {
              kind: 'text',
              institutionId: inst.id,
              institution: inst.name,
              text: `最近一次${label}进人：${lastStart}`,
            },
            { kind: 'law', ...laws.overQuota },
          ],
          measure:
            `消化${inst.name}超编人员：冻结该单位${label}进人计划，超出的${excess}人通过内部调剂、转任交流和自然减员` +
            `在规定期限内消化到位；严格执行"先核编、后进人"和用编进人计划审批，不得超编进人，不得为超编人员核拨财政资金。`,
        }),
      );
    }
  }
  return out;
};

/** YYYY-MM-DD shifted by whole years (string compare is enough for the cut-off). */
function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

export const overQuotaDiagnostic = defineDiagnostic({
  code: 'OVER_QUOTA',
  section: '人员结构',
  label: '超编',
  severity:
    'high when 5 or more over, or 2 or more and at least 20% over; medium when 2 or more or at least 10% over (or any over a category with no approved quota); low for one person in a larger unit.',
  effect: '超编进人，编制管理的刚性约束不强',
  thresholds: {},
  find: findOverQuota,
});
