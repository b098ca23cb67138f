import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import type { Finding } from '../finding.js';
import { findDataQualityGaps } from './data-quality.js';

const byCheck = (f: Finding[], check: string) => f.find((x) => x.measures.check === check);

/** A sound district: every unit has 三定 duties (and the department its 三定's date), a code, quota for its people, workload figures and fresh indicators. */
function sound() {
  const s = makeSnapshot({
    asOf: '2026-06-30',
    institutions: [
      { name: '区财政局', kind: 'gov_dept', quotas: { admin: 10 }, sandingOn: '2024-05-10' },
      { name: '区会计服务中心', kind: 'public_institution', quotas: { public_service: 5 } },
      { name: '区某委员会', kind: 'coordination' },
    ],
    people: [
      { institution: '区财政局', category: 'admin', count: 8 },
      { institution: '区会计服务中心', category: 'public_service', count: 5 },
    ],
    duties: [
      { institution: '区财政局', title: '负责财政预算管理', source: 'sanding' },
      { institution: '区会计服务中心', title: '承担会计人员服务', source: 'sanding' },
    ],
    indicators: [{ year: 2025, indicator: '常住人口', value: 100000, textValue: null }],
    workload: [{ institution: '区财政局', year: 2025, indicator: '办件量', value: 1200 }],
  });
  for (const i of s.registry.institutions.values()) if (i.kind !== 'coordination') i.code = `CODE-${i.name}`;
  return s;
}

describe('findDataQualityGaps', () => {
  it('Given a sound district (coordination body without duties or code) When diagnosed Then nothing fires (near miss)', () => {
    expect(findDataQualityGaps(sound(), config)).toEqual([]);
  });

  it('Given a department with no duties at all When diagnosed Then a medium finding names it', () => {
    const s = sound();
    s.duties = s.duties.filter((d) => d.institutionId !== s.idOf('区财政局'));
    const f = byCheck(findDataQualityGaps(s, config), 'no_duties');
    expect(f).toMatchObject({ code: 'DATA_QUALITY', section: '管理体制', severity: 'medium' });
    expect(f!.institutions.map((i) => i.name)).toEqual(['区财政局']);
  });

  it('Given a department with power items but no 三定 When diagnosed Then medium; a public institution alone is low', () => {
    const s = sound();
    s.duties = s.duties.map((d) => ({ ...d, source: 'power_list' as const }));
    const f = byCheck(findDataQualityGaps(s, config), 'no_sanding');
    expect(f).toMatchObject({ severity: 'medium', measures: { institutions: 2, coreInstitutions: 1 } });
    const p = sound();
    p.duties = p.duties.map((d) =>
      d.institutionId === p.idOf('区会计服务中心') ? { ...d, source: 'power_list' as const } : d,
    );
    expect(byCheck(findDataQualityGaps(p, config), 'no_sanding')?.severity).toBe('low');
  });

  it('Given people on a category their unit has no quota for When diagnosed Then a medium mismatch counts them', () => {
    const s = sound();
    s.people.push(
      ...s.people
        .filter((p) => p.category === 'public_service')
        .slice(0, 3)
        .map((p) => ({ ...p, institutionId: s.idOf('区财政局') })),
    );
    const f = byCheck(findDataQualityGaps(s, config), 'roster_quota_mismatch');
    expect(f).toMatchObject({ severity: 'medium', measures: { institutions: 1, people: 3 } });
    expect(f!.title).toContain('区财政局事业编制3人');
  });

  it('Given an indicator last reported more than three years ago When diagnosed Then a low stale finding, fresh ones stay quiet', () => {
    const s = sound();
    s.indicators.push({ scopeInstitutionId: null, year: 2021, indicator: '60岁以上人口', value: 1, textValue: null });
    s.indicators.push({ scopeInstitutionId: null, year: 2019, indicator: '常住人口', value: 1, textValue: null });
    const f = findDataQualityGaps(s, config);
    expect(byCheck(f, 'stale_indicators')).toMatchObject({
      severity: 'low',
      measures: { indicators: 1, oldestYear: 2021 },
    });
  });

  it('Given a unit without 统一社会信用代码 When diagnosed Then low', () => {
    const s = sound();
    s.registry.institutions.get(s.idOf('区会计服务中心'))!.code = null;
    expect(byCheck(findDataQualityGaps(s, config), 'missing_code')).toMatchObject({
      severity: 'low',
      measures: { institutions: 1 },
    });
  });
});

describe('findDataQualityGaps on the demo district', () => {
  it('Given the planted demo When diagnosed Then every institution of the manifest is in a finding', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'DATA_QUALITY').flatMap((m) => m.institutions);
    const found = new Set(findDataQualityGaps(s, config).flatMap((x) => x.institutions.map((i) => i.name)));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((n) => !found.has(n))).toEqual([]);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findDataQualityGaps(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
