import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personRetirement } from '../domain/retirement.js';
import { forecastVacancies, type RosterPersonFact } from './vacancy-forecast.js';

let seq = 0;
const person = (p: Partial<RosterPersonFact>): RosterPersonFact => ({
  personId: `p${++seq}`,
  name: null,
  institutionId: 'A',
  category: 'admin',
  birthDate: '1990-01-01',
  gender: '男',
  ...p,
});

describe('forecastVacancies', () => {
  it('Given a roster and quotas, when forecast from 2026-12-04, then retirements fall in their calendar years per unit and category', () => {
    const people = [
      // man born 1966-01-15: 60岁4个月 → 2026-05-15, already past: 应退未退, counted in 2026
      person({ personId: 'late', name: '张一', birthDate: '1966-01-15' }),
      // man born 1967-03-02: m=26 → 7 → 60岁7个月 → 2027-10-02
      person({ personId: 'm27', name: '李二', birthDate: '1967-03-02' }),
      // woman cadre born 1972-02-01: m=25 → 7 → 55岁7个月 → 2027-09-01
      person({ personId: 'c27', name: '王三', gender: '女', birthDate: '1972-02-01' }),
      // woman worker (工勤) born 1977-02-01: m=25 → 13 → 51岁1个月 → 2028-03-01
      person({ personId: 'w28', name: '赵四', gender: '女', category: 'worker', birthDate: '1977-02-01' }),
      // same birth date as a cadre: 55岁+… → 2032+: outside the 5 years
      person({ personId: 'c-late', gender: '女', birthDate: '1977-02-01' }),
      person({ personId: 'young', institutionId: 'B', birthDate: '1995-05-05' }),
      person({ personId: 'nobirth', institutionId: 'B', birthDate: null }),
    ];
    const f = forecastVacancies({
      asOf: '2026-12-04',
      people,
      quotas: [
        { institutionId: 'A', category: 'admin', approved: 5 },
        { institutionId: 'A', category: 'worker', approved: 1 },
        { institutionId: 'B', category: 'admin', approved: 3 },
        { institutionId: 'C', category: 'public_service', approved: 2 },
      ],
    });
    expect(f.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    const unit = (i: string, c: string) => f.units.find((u) => u.institutionId === i && u.category === c)!;
    expect(unit('A', 'admin')).toEqual({
      institutionId: 'A',
      category: 'admin',
      approved: 5,
      actual: 4,
      vacantNow: 1,
      retiring: [1, 2, 0, 0, 0],
      freeByYearEnd: [2, 4, 4, 4, 4],
      unknown: 0,
    });
    expect(unit('A', 'worker')).toMatchObject({
      actual: 1,
      vacantNow: 0,
      retiring: [0, 0, 1, 0, 0],
      freeByYearEnd: [0, 0, 1, 1, 1],
    });
    expect(unit('B', 'admin')).toMatchObject({ actual: 2, vacantNow: 1, retiring: [0, 0, 0, 0, 0], unknown: 1 });
    // a unit with quota and nobody in it
    expect(unit('C', 'public_service')).toMatchObject({ actual: 0, vacantNow: 2, freeByYearEnd: [2, 2, 2, 2, 2] });
    expect(f.totals).toEqual({ retiring: [1, 2, 1, 0, 0], unknown: 1 });
    // 待退休: within 12 months (to 2027-12-04), overdue first
    expect(f.pending.map((p) => [p.personId, p.retirementDate, p.retirementAge, p.monthsLeft, p.overdue])).toEqual([
      ['late', '2026-05-15', '60岁4个月', -6, true],
      ['c27', '2027-09-01', '55岁7个月', 8, false],
      ['m27', '2027-10-02', '60岁7个月', 9, false],
    ]);
    expect(f.pending[1]).toMatchObject({ name: '王三', group: 'female_cadre', category: 'admin' });
  });

  it('Given a years option, then that many years', () => {
    const f = forecastVacancies({
      asOf: '2025-01-01',
      people: [person({ birthDate: '1964-06-01' })],
      quotas: [],
      years: 2,
    });
    expect(f.years).toEqual([2025, 2026]);
    // born 1964-06: before the reform, 60 → 2024-06-01: overdue, counted in 2025
    expect(f.units[0]).toMatchObject({
      approved: 0,
      actual: 1,
      vacantNow: -1,
      retiring: [1, 0],
      freeByYearEnd: [0, 0],
    });
  });

  it('Given random rosters, then every person is counted once, retirements match their dates and free places add up', () => {
    const personArb = fc.record({
      institutionId: fc.constantFrom('A', 'B', 'C'),
      category: fc.constantFrom('admin', 'worker', 'public_service'),
      birthDate: fc.option(
        fc
          .date({ min: new Date('1955-01-01'), max: new Date('2000-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        { nil: null },
      ),
      gender: fc.constantFrom('男', '女', null),
    });
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (rows, years) => {
        const people = rows.map((r, i) => person({ ...r, personId: `r${i}` }));
        const asOf = '2026-12-04';
        const f = forecastVacancies({
          asOf,
          people,
          quotas: [{ institutionId: 'A', category: 'admin', approved: 10 }],
          years,
        });
        expect(f.units.reduce((s, u) => s + u.actual, 0)).toBe(people.length);
        const last = 2026 + years - 1;
        const expected = people.filter((p) => {
          const r = personRetirement(p);
          return r && (r.date <= asOf || Number(r.date.slice(0, 4)) <= last);
        }).length;
        expect(f.units.reduce((s, u) => s + u.retiring.reduce((a, b) => a + b, 0), 0)).toBe(expected);
        for (const u of f.units)
          expect(u.freeByYearEnd.at(-1)).toBe(u.approved - u.actual + u.retiring.reduce((a, b) => a + b, 0));
        for (const p of f.pending) expect(p.retirementDate <= '2027-12-04').toBe(true);
        expect(f.totals.unknown).toBe(people.filter((p) => !personRetirement(p)).length);
      }),
      { numRuns: 200, seed: 16 },
    );
  });
});
