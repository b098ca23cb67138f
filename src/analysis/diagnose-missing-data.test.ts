import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../test/snapshot-factory.js';
import { diagnose } from './diagnose.js';

describe('diagnose with institutions and duties only', () => {
  // twenty departments with quotas and 三定 duties, as a first import of a district's 三定 would give: no roster,
  // no workload, no indicators
  const names = Array.from({ length: 20 }, (_, i) => `区第${i + 1}局`);
  const s = makeSnapshot({
    institutions: names.map((name) => ({ name, quotas: { admin: 10 } })),
    duties: names.map((institution, i) => ({
      institution,
      source: 'sanding' as const,
      title: `负责全区第${i + 1}类专项事务的组织实施`,
    })),
  });

  it('Given no roster, workload or indicators, When diagnosed, Then no finding stands on them and DATA_QUALITY names what is missing', () => {
    const findings = diagnose(s);
    const needData = [
      'VACANT_QUOTA',
      'OVER_QUOTA',
      'MIXED_QUOTA',
      'LEADERSHIP_EXCESS',
      'AGEING',
      'PROFESSIONAL_SHORTAGE',
      'STAFF_WORKLOAD',
      'DUTY_TOO_BROAD',
      'LIVELIHOOD_GAP',
    ];
    expect(findings.filter((f) => needData.includes(f.code)).map((f) => f.title)).toEqual([]);
    const gap = findings.find((f) => f.code === 'DATA_QUALITY' && f.measures.check === 'missing_data');
    expect(gap?.title).toContain('实名制人员');
    expect(gap?.title).toContain('工作量指标');
    expect(gap?.title).toContain('区域人口经济指标');
    expect(gap?.severity).toBe('high');
  });

  it('Given the same district with a roster, When diagnosed, Then VACANT_QUOTA speaks again', () => {
    const withRoster = makeSnapshot({
      institutions: [
        { name: '区甲局', quotas: { admin: 10 } },
        { name: '区乙局', quotas: { admin: 10 } },
      ],
      people: [{ institution: '区乙局', count: 10, startOn: '2015-01-01' }],
    });
    const vacant = diagnose(withRoster).filter((f) => f.code === 'VACANT_QUOTA');
    expect(vacant.map((f) => f.institutions[0]!.name)).toEqual(['区甲局']);
  });
});
