import { describe, expect, it } from 'vitest';
import { staffingOverviewText } from './staffing.presenter.js';

const row = (institutionName: string, category: 'admin' | 'public_service', f: number[]) => ({
  institutionId: institutionName,
  institutionName,
  sortOrder: 0,
  category,
  categoryLabel: category === 'admin' ? '行政编制' : '事业编制',
  approved: f[0]!,
  actual: f[1]!,
  reserved: f[2]!,
  available: f[3]!,
  unreplacedLeavers: 0,
});

describe('bianzhi overview: 用编情况', () => {
  it('Given rows of two units and two categories When printed Then each category and the district carry 核定, 实有, 已核准待入编, 可用空编', () => {
    const text = staffingOverviewText([
      row('区财政局', 'admin', [10, 6, 1, 3]),
      row('区审计局', 'admin', [8, 8, 0, 0]),
      row('区财政服务中心', 'public_service', [6, 4, 2, 0]),
    ]);
    expect(text.split('\n')[0]).toBe('用编情况:已核准待入编3名,可用空编3名。');
    const line = (start: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(start))!
        .split(/\s+/);
    expect(line('行政编制')).toEqual(['行政编制', '18', '14', '1', '3']);
    expect(line('事业编制')).toEqual(['事业编制', '6', '4', '2', '0']);
    expect(line('合计')).toEqual(['合计', '24', '18', '3', '3']);
    expect(line('区财政局')).toEqual(['区财政局', '行政编制', '10', '6', '1', '3']);
  });
});
