import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findLivelihoodGaps } from './livelihood-gap.js';

const base: SnapshotSpec['institutions'] = [
  { name: '区民政局', kind: 'gov_dept', quotas: { admin: 20 } },
  { name: '区教育局', kind: 'gov_dept', quotas: { admin: 20 } },
];
const demand = (aged60: number, children: number): SnapshotSpec['indicators'] => [
  { year: 2025, indicator: '60岁以上人口', value: aged60, textValue: null },
  { year: 2025, indicator: '0-6岁儿童', value: children, textValue: null },
];

describe('findLivelihoodGaps', () => {
  it('Given 100,000 people aged 60+ and 10 elderly-care quota When diagnosed Then a high finding gives 1 per 10k against 5', () => {
    const s = makeSnapshot({
      institutions: [
        ...base,
        { name: '区社会福利院', kind: 'public_institution', parent: '区民政局', quotas: { public_service: 6 } },
        { name: '东镇敬老院', kind: 'public_institution', parent: '区民政局', quotas: { public_service: 4 } },
        { name: '区幼儿园', kind: 'public_institution', parent: '区教育局', quotas: { public_service: 40 } },
      ],
      indicators: demand(100000, 10000),
    });
    const f = findLivelihoodGaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'LIVELIHOOD_GAP', severity: 'high' });
    expect(f[0]!.measures).toMatchObject({ sector: '养老服务', quota: 10, demand: 100000, rate: 1, needed: 50 });
    expect(f[0]!.institutions.map((i) => i.name)).toEqual(['区民政局', '区社会福利院', '东镇敬老院']);
    expect(f[0]!.title).toContain('每万名老年人仅1.00名');
    expect(f[0]!.measure).toContain('养老');
  });

  it('Given a public institution whose duties lie in 学前教育 although not named a kindergarten When diagnosed Then its quota counts', () => {
    const s = makeSnapshot({
      institutions: [
        ...base,
        { name: '区学前教育指导中心', kind: 'public_institution', parent: '区教育局', quotas: { public_service: 10 } },
        { name: '区养老院', kind: 'public_institution', parent: '区民政局', quotas: { public_service: 100 } },
      ],
      duties: [
        { institution: '区学前教育指导中心', title: '承担学前教育教研指导', source: 'sanding', domains: ['学前教育'] },
      ],
      indicators: demand(100000, 10000),
    });
    const f = findLivelihoodGaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.measures).toMatchObject({ sector: '学前教育', quota: 10, units: 1 });
    expect(f[0]!.institutions.map((i) => i.name)).toContain('区学前教育指导中心');
  });

  it('Given quota at the threshold for both sectors When diagnosed Then nothing fires (near miss)', () => {
    const s = makeSnapshot({
      institutions: [
        ...base,
        { name: '区养老服务中心', kind: 'public_institution', parent: '区民政局', quotas: { public_service: 50 } },
        { name: '区实验幼儿园', kind: 'public_institution', parent: '区教育局', quotas: { public_service: 30 } },
      ],
      indicators: demand(100000, 10000),
    });
    expect(findLivelihoodGaps(s, config)).toEqual([]);
  });

  it('Given a shortfall within a quarter of the threshold When diagnosed Then it is low', () => {
    const s = makeSnapshot({
      institutions: [
        ...base,
        { name: '区养老服务中心', kind: 'public_institution', parent: '区民政局', quotas: { public_service: 40 } },
        { name: '区实验幼儿园', kind: 'public_institution', parent: '区教育局', quotas: { public_service: 30 } },
      ],
      indicators: demand(100000, 10000),
    });
    expect(findLivelihoodGaps(s, config).map((f) => f.severity)).toEqual(['low']);
  });

  it('Given no demand indicators When diagnosed Then nothing can be judged and nothing fires', () => {
    const s = makeSnapshot({ institutions: base });
    expect(findLivelihoodGaps(s, config)).toEqual([]);
  });

  it('Given only township figures When diagnosed Then demand is their sum and the lead department is named', () => {
    const s = makeSnapshot({
      institutions: [...base, { name: '甲镇', kind: 'township' }, { name: '乙镇', kind: 'township' }],
      duties: [{ institution: '区民政局', title: '负责养老服务体系建设', source: 'sanding', domains: ['养老服务'] }],
      indicators: [
        { scope: '甲镇', year: 2025, indicator: '60岁以上人口', value: 6000, textValue: null },
        { scope: '乙镇', year: 2025, indicator: '60岁以上人口', value: 4000, textValue: null },
      ],
    });
    const f = findLivelihoodGaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.measures).toMatchObject({ demand: 10000, quota: 0, units: 0 });
    expect(f[0]!.institutions.map((i) => i.name)).toEqual(['区民政局']);
  });
});

describe('findLivelihoodGaps on the demo district', () => {
  it('Given the planted demo When diagnosed Then every institution of the manifest is in a finding', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'LIVELIHOOD_GAP').flatMap((m) => m.institutions);
    const f = findLivelihoodGaps(s, config);
    const found = new Set(f.flatMap((x) => x.institutions.map((i) => i.name)));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((n) => !found.has(n))).toEqual([]);
    expect(f.every((x) => x.severity === 'high')).toBe(true);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findLivelihoodGaps(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
