/** 用编 figures and requests as the CLI prints them. */
import type { staffingOverview, StaffingRequestView } from '../commands/staffing.js';
import { recruitmentChannelLabels, vacancyTotals, type VacancyTotals } from '../domain/staffing.js';
import { quotaCategories, quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { formatTable } from './overview.presenter.js';

/** 核定, 实有, 已核准待入编, 可用空编 per institution and category, with the district's totals. */
export function staffingOverviewText(rows: Awaited<ReturnType<typeof staffingOverview>>): string {
  const { byCategory, total } = vacancyTotals(rows);
  const figures = (t: VacancyTotals) => [t.approved, t.actual, t.reserved, t.available].map(String);
  const table = [
    ['机构', '编制类别', '核定', '实有', '已核准待入编', '可用空编'],
    ...rows.map((r) => [r.institutionName, r.categoryLabel, ...figures(r)]),
    ['合计', '', ...figures(total)],
  ];
  const categories = [
    ['编制类别', '核定', '实有', '已核准待入编', '可用空编'],
    ...quotaCategories
      .filter((c) => byCategory.has(c))
      .map((c) => [quotaCategoryLabels[c], ...figures(byCategory.get(c)!)]),
  ];
  return [
    `用编情况:已核准待入编${total.reserved}名,可用空编${total.available}名。`,
    '',
    '按编制类别:',
    ...formatTable(categories),
    '',
    '按机构:',
    ...formatTable(table),
  ].join('\n');
}

export function staffingRequestsText(rows: StaffingRequestView[]): string {
  if (!rows.length) return '没有用编申请。';
  return formatTable([
    ['文号', '机构', '编制类别', '名额', '已用', '渠道', '状态', '有效期至', '标识'],
    ...rows.map((r) => [
      r.docNumber ?? '—',
      r.institutionName,
      quotaCategoryLabels[r.category as QuotaCategory],
      String(r.count),
      String(r.used),
      recruitmentChannelLabels[r.channel],
      r.stateLabel,
      r.expiresOn ?? '—',
      r.id,
    ]),
  ]).join('\n');
}
