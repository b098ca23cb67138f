/**
 * SCENARIO_REVIEW_OVERDUE: an applied 方案 whose 执行情况评估 (机构编制管理评估办法(试行), 2021) has not been carried
 * out well after its review date. Whether a reform resolved what it was meant to is not known until it is reviewed;
 * a review left undone is a gap in the management of the 编制 itself.
 */
import { chineseDate } from '../../domain/chinese-text.js';
import { daysBetween } from '../../domain/dates.js';
import { defineDiagnostic, finding, type Diagnostic } from '../finding.js';
import { activeInstitutions } from '../snapshot.js';

export const findOverdueReviews: Diagnostic = (s, config) => {
  const byName = new Map(activeInstitutions(s).map((i) => [i.name, { id: i.id, name: i.name }]));
  return (s.scenarioReviews ?? [])
    .filter((r) => r.effectiveOn <= s.asOf && (!r.reviewedOn || r.reviewedOn > s.asOf))
    .map((r) => ({ r, days: daysBetween(r.reviewOn, s.asOf) }))
    .filter(({ days }) => days > config.reviewGraceDays)
    .sort((a, b) => b.days - a.days || a.r.scenarioId.localeCompare(b.r.scenarioId))
    .map(({ r, days }) => {
      const institutions = r.institutions.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []));
      const units = r.institutions.length
        ? `(涉及${r.institutions.slice(0, 3).join('、')}${r.institutions.length > 3 ? '等' : ''})`
        : '';
      return finding('SCENARIO_REVIEW_OVERDUE', {
        // high when half a year past its date: the next round of reform is decided without knowing how this one went
        severity: days > 180 ? 'high' : 'medium',
        title: `方案"${r.name}"(${r.docNumber})应于${chineseDate(r.reviewOn)}开展执行情况评估,已逾期${days}天尚未评估`,
        institutions,
        measures: { scenario: r.name, docNumber: r.docNumber, reviewOn: r.reviewOn, overdueDays: days },
        evidence: [
          {
            kind: 'text',
            institutionId: institutions[0]?.id ?? '',
            institution: r.institutions[0] ?? '全区',
            text: `方案"${r.name}"${units}于${chineseDate(r.effectiveOn)}实施(${r.docNumber}),执行情况评估日期为${chineseDate(r.reviewOn)},截至${chineseDate(s.asOf)}尚未评估`,
          },
          { kind: 'number', label: '逾期天数', value: days, unit: '天' },
        ],
        measure: `按照《机构编制管理评估办法(试行)》对方案"${r.name}"开展执行情况评估,逐项核实方案拟解决的问题是否已经解决,评估结果报编委并作为后续调整的依据。`,
      });
    });
};

export const scenarioReviewOverdueDiagnostic = defineDiagnostic({
  code: 'SCENARIO_REVIEW_OVERDUE',
  section: '管理体制',
  label: '方案执行情况评估逾期未开展',
  severity: 'high when more than 180 days past the review date; medium otherwise (after the grace days).',
  effect: '改革方案实施后未按期评估，问题是否解决不清楚，后续调整缺乏依据',
  thresholds: {
    reviewGraceDays: {
      default: 30,
      doc: "days after a scenario's 执行情况评估 date before an undone review is a finding",
    },
  },
  find: findOverdueReviews,
});
