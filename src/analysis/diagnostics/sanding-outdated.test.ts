import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findDataQualityGaps } from './data-quality.js';
import { findSandingOutdated } from './sanding-outdated.js';

const district = (institutions: SnapshotSpec['institutions']) => makeSnapshot({ asOf: '2026-06-30', institutions });
const recent = { sandingOn: '2024-05-10', sandingDocNumber: '示政办〔2024〕3号' };

describe('findSandingOutdated', () => {
  it('Given the demo districts When diagnosed Then the planted one names its two old 三定 and the clean one is silent', () => {
    const planted = demoSnapshot();
    const [f, ...rest] = findSandingOutdated(planted, config);
    expect(rest).toEqual([]);
    expect(f!.institutions.map((i) => i.name).sort()).toEqual(
      [...planted.demo.manifest.find((m) => m.code === 'SANDING_OUTDATED')!.institutions].sort(),
    );
    expect(f).toMatchObject({ severity: 'low', measures: { check: 'outdated', institutions: 2 } });
    expect(findSandingOutdated(demoSnapshot({ planted: false }), config)).toEqual([]);
  });

  it('Given a bureau whose 三定 dates from 2017 When diagnosed Then a finding says which document, since when, how many years', () => {
    // Given: 2017-06-15 → 2026-06-30 is 9 full years, over the 5-year 测算口径 but under twice it
    const s = district([
      { name: '区司法局', sandingOn: '2017-06-15', sandingDocNumber: '示政办〔2017〕23号' },
      { name: '区财政局', ...recent },
    ]);
    // When
    const [f, ...rest] = findSandingOutdated(s, config);
    // Then
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'SANDING_OUTDATED', section: '管理体制', severity: 'low' });
    expect(f!.measures).toMatchObject({ check: 'outdated', institutions: 1, oldestYears: 9, maxYears: 5 });
    expect(f!.institutions).toEqual([{ id: s.idOf('区司法局'), name: '区司法局' }]);
    expect(f!.title).toContain('1个单位现行三定规定印发已满5年(区司法局),最早的印发于2017年6月15日');
    expect((f!.evidence[0] as { text: string }).text).toContain(
      '区司法局现行三定规定(示政办〔2017〕23号)印发于2017年6月15日,截至2026年6月30日已满9年',
    );
    expect((f!.evidence[0] as { text: string }).text).toContain('测算口径');
    expect(f!.measure).toContain('修订三定规定');
    expect(JSON.stringify(f)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('Given three old ones, or one over ten years old When diagnosed Then it is medium', () => {
    const three = district(['甲', '乙', '丙'].map((n) => ({ name: `区${n}局`, sandingOn: '2019-03-01' })));
    expect(findSandingOutdated(three, config)[0]).toMatchObject({ severity: 'medium', measures: { institutions: 3 } });
    const ancient = district([{ name: '区统计局', sandingOn: '2010-01-01' }]);
    expect(findSandingOutdated(ancient, config)[0]!.severity).toBe('medium');
  });

  it('Given one issued four years ago When diagnosed Then nothing fires (near miss); with sandingMaxYears 3 it trips', () => {
    const s = district([{ name: '区统计局', sandingOn: '2022-07-01' }]);
    expect(findSandingOutdated(s, config)).toEqual([]);
    expect(findSandingOutdated(s, { ...config, sandingMaxYears: 3 })).toHaveLength(1);
  });

  it('Given a department without a 三定 while others have one When diagnosed Then it is listed as missing, medium', () => {
    const s = district([
      { name: '区财政局', ...recent },
      { name: '区医疗保障局' },
      { name: '示范街道', kind: 'street', ...recent },
      { name: '区档案馆', kind: 'public_institution' },
    ]);
    const [f, ...rest] = findSandingOutdated(s, config);
    expect(rest).toEqual([]);
    // a 事业单位 is not held to a 三定 here
    expect(f).toMatchObject({ severity: 'medium', measures: { check: 'missing', institutions: 1, partyGov: 1 } });
    expect(f!.institutions).toEqual([{ id: s.idOf('区医疗保障局'), name: '区医疗保障局' }]);
  });

  it('Given no unit with a 三定 date When diagnosed Then it is silent and DATA_QUALITY notes the gap for the 工作底稿', () => {
    const s = district([{ name: '区财政局' }, { name: '区医疗保障局' }]);
    expect(findSandingOutdated(s, config)).toEqual([]);
    const notes = findDataQualityGaps(s, config).filter((f) => f.measures.check === 'no_sanding_dates');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'low', measures: { institutions: 2 } });
    expect(findDataQualityGaps(district([{ name: '区财政局', ...recent }]), config)).not.toContainEqual(
      expect.objectContaining({ measures: expect.objectContaining({ check: 'no_sanding_dates' }) }),
    );
  });

  it('Given a snapshot dated before the 三定 was issued When diagnosed Then that unit reads as having none yet', () => {
    const s = makeSnapshot({
      asOf: '2024-01-01',
      institutions: [
        { name: '区财政局', sandingOn: '2023-05-01' },
        { name: '区司法局', sandingOn: '2024-05-01' },
      ],
    });
    expect(findSandingOutdated(s, config)[0]).toMatchObject({ measures: { check: 'missing', institutions: 1 } });
  });
});
