/** The retirement and vacancy forecast as the CLI prints it: district totals per year, the units losing most, 待退休. */
import type { districtForecast } from '../commands/forecast.js';
import { quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { formatTable } from './overview.presenter.js';

export function forecastText(f: Awaited<ReturnType<typeof districtForecast>>, districtName: string, top = 20): string {
  const lines = [
    `${districtName}退休与空编预测(截至 ${f.asOf},法定退休年龄按2025年1月1日起渐进式延迟的规定计算,不含新进人员)`,
    '',
    ...formatTable([
      ['年度', ...f.years.map(String), '合计'],
      ['全区退休人数', ...f.totals.retiring.map(String), String(f.totals.retiring.reduce((a, b) => a + b, 0))],
    ]),
  ];
  if (f.totals.unknown) lines.push(`另有${f.totals.unknown}人缺少出生日期或性别,无法计算退休时间。`);
  const ranked = f.units
    .map((u) => ({ u, retiring: u.retiring.reduce((a, b) => a + b, 0) }))
    .filter((x) => x.retiring > 0)
    .sort((a, b) => b.retiring - a.retiring || b.u.approved - a.u.approved)
    .slice(0, top);
  if (ranked.length) {
    lines.push('', `${f.years.length}年内退休人数最多的单位(前${ranked.length}个):`);
    lines.push(
      ...formatTable([
        ['单位', '编制类别', '核定', '实有', '现有空编', `${f.years.length}年内退休`, `${f.years.at(-1)}年末可用空编`],
        ...ranked.map(({ u, retiring }) => [
          f.institutionNames[u.institutionId] ?? u.institutionId,
          quotaCategoryLabels[u.category as QuotaCategory] ?? u.category,
          String(u.approved),
          String(u.actual),
          String(u.vacantNow),
          String(retiring),
          String(u.freeByYearEnd.at(-1) ?? u.vacantNow),
        ]),
      ]),
    );
  }
  const overdue = f.pending.filter((p) => p.overdue).length;
  lines.push(
    '',
    `待退休(12个月内达到法定退休年龄):${f.pending.length}人` + (overdue ? `,其中已到龄仍在编${overdue}人` : '') + '。',
  );
  return lines.join('\n');
}
