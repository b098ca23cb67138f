import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findAgeing } from './ageing.js';

// asOf 2026-06-30: born 1970-01-01 is 56, 1996-01-01 is 30, 1973-01-01 is 53, 1986-01-01 is 40
describe('findAgeing', () => {
  it('Given 10 people aged 56 When diagnosed Then mean 56, none under 35, all retiring within 5 years: high', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区审计局' }, { name: '区统计局' }],
      people: [
        { institution: '区审计局', birthDate: '1970-01-01', gender: '男', count: 10 },
        { institution: '区统计局', birthDate: '1996-01-01', count: 10 },
      ],
    });
    const [f, ...rest] = findAgeing(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'AGEING',
      severity: 'high',
      institutions: [{ name: '区审计局' }],
      measures: { people: 10, meanAge: 56, under35: 0, retiring: 10, retiringShare: 1 },
    });
    expect(f!.title).toContain('区审计局实有10人，平均年龄56岁');
    // the district figures stand beside the unit's
    expect(f!.evidence).toContainEqual(expect.objectContaining({ label: '全区平均年龄', value: 43 }));
  });

  it('Given women born 1976-06 as cadres and as workers When diagnosed Then retirements follow the 2025 rules, not 55/50', () => {
    // statutory (src/domain/retirement.ts): a woman cadre born 1976-06 retires at 56岁8个月 (2033-02), after the 5-year
    // window ending 2031-06-30 (at 55 she would have been inside it); a woman worker born then at 50岁9个月 (2027-03)
    const s = makeSnapshot({
      institutions: [{ name: '区妇幼保健院' }, { name: '区机关事务服务中心' }],
      people: [
        { institution: '区妇幼保健院', birthDate: '1976-06-15', gender: '女', category: 'public_service', count: 10 },
        { institution: '区机关事务服务中心', birthDate: '1976-06-15', gender: '女', category: 'worker', count: 10 },
      ],
    });
    const retiring = new Map(findAgeing(s, config).map((f) => [f.institutions[0]!.name, f.measures.retiring]));
    expect(retiring.get('区妇幼保健院') ?? 0).toBe(0);
    expect(retiring.get('区机关事务服务中心')).toBe(10);
  });

  it('Given an old unit below ageingMinStaff When diagnosed Then it is too small to judge', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区档案馆' }],
      people: [{ institution: '区档案馆', birthDate: '1970-01-01', count: config.ageingMinStaff - 1 }],
    });
    expect(findAgeing(s, config)).toEqual([]);
  });

  it('Given a unit of 40-year-olds with nobody under 35 When diagnosed Then that single weak flag is not reported', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区委统战部' }],
      people: [{ institution: '区委统战部', birthDate: '1986-01-01', count: 10 }],
    });
    expect(findAgeing(s, config)).toEqual([]);
  });

  it('Given mean age just above the bar with young people and few retiring When diagnosed Then medium', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区农业农村局' }],
      people: [
        { institution: '区农业农村局', birthDate: '1996-01-01', count: 2 },
        { institution: '区农业农村局', birthDate: '1973-01-01', gender: '男', count: 8 },
      ],
    });
    // mean (2×30 + 8×53)/10 = 48.4 > 48; 20% under 35; men of 53 reach 60 after 5 years
    expect(findAgeing(s, config).map((f) => [f.severity, f.measures.meanAge, f.measures.retiring])).toEqual([
      ['medium', 48.4, 0],
    ]);
  });

  it('Given women and men of 51 When diagnosed Then only the women retire within 5 years (55 vs 60)', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区妇联' }],
      people: [
        { institution: '区妇联', birthDate: '1975-01-01', gender: '女', count: 5 },
        { institution: '区妇联', birthDate: '1975-01-01', gender: '男', count: 5 },
      ],
    });
    const [f] = findAgeing(s, config);
    expect(f).toMatchObject({ severity: 'high', measures: { meanAge: 51, retiring: 5 } });
  });

  it('Given the demo district When diagnosed Then the planted ageing bureau is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findAgeing(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'AGEING')!.institutions) expect(names).toContain(name);
    const clean = findAgeing(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
