import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findVacantQuota } from './vacant-quota.js';

const centre = (count: number, startOn: string) =>
  makeSnapshot({
    asOf: '2026-06-30',
    institutions: [{ name: '区农业技术推广中心', kind: 'public_institution', quotas: { public_service: 30 } }],
    people: [{ institution: '区农业技术推广中心', category: 'public_service', count, startOn }],
  });

describe('findVacantQuota', () => {
  it('Given 30 places, 13 people and nobody taken on since 2016 When diagnosed Then it is long-vacant, high', () => {
    const [f, ...rest] = findVacantQuota(centre(13, '2016-09-01'), config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'VACANT_QUOTA',
      severity: 'high',
      measures: {
        category: 'public_service',
        approved: 30,
        actual: 13,
        vacant: 17,
        lastStartOn: '2016-09-01',
        yearsWithoutEntry: 9,
      },
    });
    expect(f!.title).toContain('区农业技术推广中心事业编制核定30名，实有13人，空编17名(空编率57%)');
    expect(f!.measure).toContain('17名空编');
  });

  it('Given the same vacancy but someone taken on last year When diagnosed Then it is being filled, not flagged', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区农业技术推广中心', kind: 'public_institution', quotas: { public_service: 30 } }],
      people: [
        { institution: '区农业技术推广中心', category: 'public_service', count: 12, startOn: '2016-09-01' },
        { institution: '区农业技术推广中心', category: 'public_service', startOn: '2025-09-01' },
      ],
    });
    expect(findVacantQuota(s, config)).toEqual([]);
  });

  it('Given a vacancy share just under vacantShare When diagnosed Then nothing is found', () => {
    // 30 places, 22 people: 27% vacant < 30%
    expect(findVacantQuota(centre(22, '2010-01-01'), config)).toEqual([]);
  });

  it('Given a vacancy share exactly at vacantShare When diagnosed Then it is found (at or above)', () => {
    // 30 places, 21 people: 30% vacant, 9 places → medium
    const [f] = findVacantQuota(centre(21, '2010-01-01'), config);
    expect(f).toMatchObject({ severity: 'medium', measures: { vacant: 9 } });
  });

  it('Given one long-empty 工勤 place When diagnosed Then it is found but low', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区民政局', quotas: { admin: 10, worker: 1 } }],
      people: [{ institution: '区民政局', category: 'admin', count: 10 }],
    });
    const fs = findVacantQuota(s, config);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'low', measures: { category: 'worker', vacant: 1, lastStartOn: '' } });
  });

  it('Given the demo district When diagnosed Then the planted long vacancy is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findVacantQuota(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'VACANT_QUOTA')!.institutions)
      expect(names).toContain(name);
    const clean = findVacantQuota(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
