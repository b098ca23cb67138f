import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findWorkloadMismatches } from './staff-workload.js';

/** Six bureaus of 10 people at 400 件 each, and six streets of 20 people at 1,500 件 each, plus what a test adds. */
function district(extra: { bureau?: number; street?: { staff: number; cases: number } } = {}) {
  const bureaus = ['区民政局', '区司法局', '区财政局', '区水务局', '区商务局', '区审计局'];
  const streets = ['东风街道办事处', '新华街道办事处', '文昌街道办事处', '青年路街道办事处', '金桥街道办事处'];
  const spec: SnapshotSpec = {
    institutions: [
      ...bureaus.map((name) => ({ name, quotas: { admin: 10 } })),
      { name: '区统计局', quotas: { admin: 10 } },
      ...streets.map((name) => ({ name, kind: 'street' as const, quotas: { township_admin: 20 } })),
    ],
    people: [
      ...bureaus.map((institution) => ({ institution, count: 10 })),
      { institution: '区统计局', count: 10 },
      ...streets.map((institution, i) => ({
        institution,
        category: 'township_admin',
        count: i === 4 && extra.street ? extra.street.staff : 20,
      })),
    ],
    workload: [
      ...bureaus.map((institution, i) => ({ institution, year: 2025, indicator: '办件量', value: 4000 + i * 40 })),
      { institution: '区统计局', year: 2025, indicator: '办件量', value: extra.bureau ?? 4000 },
      ...streets.map((institution, i) => ({
        institution,
        year: 2025,
        indicator: '办件量',
        value: i === 4 && extra.street ? extra.street.cases : 30000,
      })),
    ],
  };
  return makeSnapshot(spec);
}

describe('findWorkloadMismatches', () => {
  it('Given a bureau handling a tenth of its peers per person When diagnosed Then it is idle, high', () => {
    const [f, ...rest] = findWorkloadMismatches(district({ bureau: 400 }), config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'STAFF_WORKLOAD',
      severity: 'high',
      institutions: [{ name: '区统计局' }],
      measures: { direction: 'idle', perPerson: 40, staff: 10, approved: 10 },
    });
    expect(f!.title).toContain('区统计局人均工作量40件，仅为同类政府部门中位数');
  });

  it('Given a street with half its staff and the same cases When diagnosed Then it is overloaded with its 空编, and the idle bureau is named as a source', () => {
    const fs = findWorkloadMismatches(district({ bureau: 400, street: { staff: 10, cases: 30000 } }), config);
    const street = fs.find((f) => f.institutions[0]!.name === '金桥街道办事处')!;
    expect(street).toMatchObject({
      severity: 'medium',
      measures: { direction: 'overloaded', perPerson: 3000, ratio: 2, staff: 10, approved: 20, vacant: 10 },
    });
    expect(street.title).toContain('空编10名');
    expect(street.measure).toContain('优先补齐10名空编');
    expect(street.measure).toContain('区统计局');
  });

  it('Given a bureau 25% busier than its peers When diagnosed Then it is within the normal spread', () => {
    expect(findWorkloadMismatches(district({ bureau: 5000 }), config)).toEqual([]);
  });

  it('Given fewer than four peers of a kind When diagnosed Then there is nobody to compare with', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区委办公室', kind: 'party_dept' },
        { name: '区委组织部', kind: 'party_dept' },
        { name: '区委宣传部', kind: 'party_dept' },
      ],
      people: [
        { institution: '区委办公室', count: 10 },
        { institution: '区委组织部', count: 10 },
        { institution: '区委宣传部', count: 10 },
      ],
      workload: [
        { institution: '区委办公室', year: 2025, indicator: '办件量', value: 100 },
        { institution: '区委组织部', year: 2025, indicator: '办件量', value: 3000 },
        { institution: '区委宣传部', year: 2025, indicator: '办件量', value: 3000 },
      ],
    });
    expect(findWorkloadMismatches(s, config)).toEqual([]);
  });

  it('Given the demo district When diagnosed Then the overloaded street and the idle bureau are found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findWorkloadMismatches(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'STAFF_WORKLOAD')!.institutions)
      expect(names).toContain(name);
    const clean = findWorkloadMismatches(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
