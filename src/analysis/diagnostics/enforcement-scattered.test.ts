import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findScatteredEnforcement } from './enforcement-scattered.js';

const item = (institution: string, title: string, category = '行政处罚', domains = ['城市管理']) => ({
  institution,
  title,
  category,
  source: 'power_list' as const,
  domains,
});

const bureaus = ['区城市管理局', '区住房和城乡建设局', '区交通运输局', '区自然资源局', '区市场监督管理局'];

function district(units: string[], extra: NonNullable<SnapshotSpec['duties']> = []) {
  return makeSnapshot({
    institutions: [
      ...bureaus.map((name) => ({ name })),
      { name: '甲街道', kind: 'street' as const },
      { name: '乙镇', kind: 'township' as const },
    ],
    duties: [...units.map((u, n) => item(u, `对违法行为${n}的处罚`)), ...extra],
  });
}

describe('findScatteredEnforcement', () => {
  it('Given 城市管理 penalties held by five bureaus When diagnosed Then a high 多头执法 finding lists items per unit', () => {
    const s = district(bureaus, [item('区城市管理局', '对违法建设的检查', '行政检查')]);
    const f = findScatteredEnforcement(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'ENFORCEMENT_SCATTERED', severity: 'high' });
    expect(f[0]!.measures).toMatchObject({
      domain: '城市管理',
      units: 5,
      items: 6,
      punishmentItems: 5,
      inspectionItems: 1,
    });
    expect(f[0]!.institutions[0]!.name).toBe('区城市管理局');
    expect(f[0]!.title).toContain('区城市管理局2项');
    expect(f[0]!.measure).toContain('综合行政执法');
    expect(f[0]!.evidence.some((e) => e.kind === 'law')).toBe(true);
  });

  it('Given exactly the minimum number of units When diagnosed Then it is medium', () => {
    const f = findScatteredEnforcement(district(bureaus.slice(0, 4)), config);
    expect(f.map((x) => x.severity)).toEqual(['medium']);
  });

  it('Given three bureaus plus streets and townships holding delegated items When diagnosed Then nothing fires (near miss)', () => {
    const s = district(bureaus.slice(0, 3), [item('甲街道', '对违法建设的处罚'), item('乙镇', '对违法建设的处罚')]);
    expect(findScatteredEnforcement(s, config)).toEqual([]);
  });

  it('Given many units with non-enforcement items in the domain When diagnosed Then licences and services do not count', () => {
    const s = district(
      bureaus.slice(0, 2),
      bureaus.slice(2).map((b) => item(b, '城市道路占用许可', '行政许可')),
    );
    expect(findScatteredEnforcement(s, config)).toEqual([]);
  });

  it('Given 三定 duties tagged with the domain When diagnosed Then only power-list enforcement counts', () => {
    const s = district(bureaus.slice(0, 3), [
      { institution: '区自然资源局', title: '负责城市管理执法', source: 'sanding', domains: ['城市管理'] },
    ]);
    expect(findScatteredEnforcement(s, config)).toEqual([]);
  });
});

describe('findScatteredEnforcement on the demo district', () => {
  it('Given the planted demo When diagnosed Then every unit of the manifest is in a finding', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'ENFORCEMENT_SCATTERED').flatMap((m) => m.institutions);
    const found = new Set(findScatteredEnforcement(s, config).flatMap((x) => x.institutions.map((i) => i.name)));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((n) => !found.has(n))).toEqual([]);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findScatteredEnforcement(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
