import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { citedLaws, findPowerListOutdated, titleKey } from './power-list-outdated.js';

const punishment = (institution: string, n: number, listedOn: string, law = '《中华人民共和国行政处罚法》第二十八条') =>
  Array.from({ length: n }, (_, i) => ({
    institution,
    title: `对违法行为的行政处罚${i + 1}`,
    source: 'power_list' as const,
    category: '行政处罚',
    legalBasis: law,
    listedOn,
  }));

describe('citedLaws', () => {
  it('Given a legal basis citing laws with and without the state name When read Then each known law counts once', () => {
    const laws = citedLaws('《行政处罚法》第九条;《中华人民共和国行政处罚法》第二十八条;《某某省未知条例》第三条');
    expect(laws.map((l) => l.name)).toEqual(['中华人民共和国行政处罚法']);
    expect(citedLaws(null)).toEqual([]);
  });

  it('Given titles with half- or full-width brackets around 试行 When keyed Then they are one title, and other titles stay apart', () => {
    expect(titleKey('单用途商业预付卡管理办法(试行)')).toBe(titleKey('单用途商业预付卡管理办法（试行）'));
    expect(titleKey('中华人民共和国水法')).toBe(titleKey('水法'));
    expect(titleKey('单用途商业预付卡管理办法（试行）')).not.toBe(titleKey('单用途商业预付卡管理办法'));
  });
});

describe('findPowerListOutdated', () => {
  it('Given a list published in 2020 citing the 行政处罚法 revised on 2021-01-22 When diagnosed in 2026 Then the unit, its date, the law and the items are named', () => {
    // Given
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [{ name: '区市场监督管理局' }, { name: '区交通运输局' }],
      duties: [
        ...punishment('区市场监督管理局', 4, '2020-06-30'),
        // published after the revision: up to date
        ...punishment('区交通运输局', 3, '2021-09-30'),
      ],
    });
    // When
    const [f, ...rest] = findPowerListOutdated(s, config);
    // Then
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'POWER_LIST_OUTDATED', section: '管理体制', severity: 'low' });
    expect(f!.institutions).toEqual([{ id: s.idOf('区市场监督管理局'), name: '区市场监督管理局' }]);
    expect(f!.measures).toMatchObject({ institutions: 1, items: 4, laws: 1 });
    const text = (f!.evidence[0] as { text: string }).text;
    expect(text).toContain('区市场监督管理局权责清单公布于2020年6月30日');
    expect(text).toContain('《中华人民共和国行政处罚法》于2021年1月22日修订或修正(清单中4项以其为依据)');
    expect(JSON.stringify(f)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('Given a revision within the adjustment months, a 三定 duty or a list dated after asOf When diagnosed Then nothing is found', () => {
    const s = makeSnapshot({
      // 2021-01-22 + 6 months is after this date: the office still has time to adjust the list
      asOf: '2021-05-31',
      institutions: [{ name: '区市场监督管理局' }, { name: '区应急管理局' }],
      duties: [
        ...punishment('区市场监督管理局', 2, '2020-06-30'),
        {
          institution: '区应急管理局',
          title: '安全生产监督',
          source: 'sanding',
          legalBasis: '《行政处罚法》',
          listedOn: '2019-03-01',
        },
      ],
    });
    expect(findPowerListOutdated(s, config)).toEqual([]);
    expect(findPowerListOutdated({ ...s, asOf: '2021-07-22' }, config)).toHaveLength(1);
    expect(findPowerListOutdated({ ...s, asOf: '2021-07-22' }, { ...config, powerListAdjustMonths: 12 })).toEqual([]);
    // a list published after the day of the analysis does not exist yet on that day
    const later = makeSnapshot({
      asOf: '2022-06-30',
      institutions: [{ name: '区市场监督管理局' }],
      duties: punishment('区市场监督管理局', 2, '2023-01-01'),
    });
    expect(findPowerListOutdated(later, config)).toEqual([]);
  });

  it('Given a list whose items were published on several days When diagnosed Then the latest publication dates the list', () => {
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [{ name: '区市场监督管理局' }],
      duties: [...punishment('区市场监督管理局', 2, '2020-06-30'), ...punishment('区市场监督管理局', 1, '2022-01-10')],
    });
    expect(findPowerListOutdated(s, config)).toEqual([]);
  });

  it('Given three units behind the revisions When diagnosed Then it is medium and lists them oldest list first', () => {
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [{ name: '区甲局' }, { name: '区乙局' }, { name: '区丙局' }],
      duties: [
        ...punishment('区甲局', 1, '2020-01-01'),
        ...punishment('区乙局', 1, '2018-01-01', '《中华人民共和国行政许可法》第十二条'),
        ...punishment('区丙局', 1, '2019-01-01'),
      ],
    });
    const [f] = findPowerListOutdated(s, config);
    expect(f!.severity).toBe('medium');
    expect(f!.institutions.map((i) => i.name)).toEqual(['区乙局', '区丙局', '区甲局']);
    expect(f!.measures).toMatchObject({ laws: 2, items: 3 });
  });
});
