import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeldPlace } from './movements.js';
import { diffRoster, movementFor, type CurrentPerson, type ListedPerson } from './roster-diff.js';

const place = (institutionId: string, extra: Partial<HeldPlace> = {}): HeldPlace => ({
  institutionId,
  unitId: null,
  category: 'admin',
  post: null,
  leadershipLevel: null,
  postClass: null,
  ...extra,
});
const fields = (name: string) => ({
  name,
  gender: null,
  birthDate: null,
  education: null,
  degree: null,
  titleLevel: null,
  politicalStatus: null,
  joinedWorkOn: null,
});
const person = (id: string, p: HeldPlace | null, lastOn = '2015-01-01'): CurrentPerson => ({
  personId: `p-${id}`,
  idNumber: id,
  fields: fields(id),
  place: p,
  lastOn: p ? lastOn : null,
});
const listed = (id: string, p: HeldPlace, at = 0): ListedPerson => ({
  idNumber: id,
  bornOn: '1980-01-01',
  fields: { name: id },
  place: p,
  at,
});

describe('movementFor', () => {
  it('Given a change of place When recorded Then the movement names it', () => {
    const a = place('A');
    expect(movementFor(null, a)).toBe('enter');
    expect(movementFor(a, place('A'))).toBeNull();
    expect(movementFor(a, place('B'))).toBe('transfer');
    expect(movementFor(a, place('A', { category: 'worker' }))).toBe('transfer');
    expect(movementFor(a, place('A', { unitId: 'U' }))).toBe('transfer');
    expect(movementFor(a, place('A', { leadershipLevel: '副科', postClass: 'admin' }))).toBe('appoint');
    expect(movementFor(place('A', { leadershipLevel: '副科', postClass: 'admin' }), a)).toBe('dismiss');
    expect(movementFor(a, place('A', { post: '一级主任科员' }))).toBe('appoint');
  });
});

describe('diffRoster', () => {
  it('Given people of two units When a file covers one Then only its absentees left', () => {
    const current = new Map([
      ['a1', person('a1', place('A'))],
      ['a2', person('a2', place('A'))],
      ['b1', person('b1', place('B'))],
      ['gone', person('gone', null)],
    ]);
    const d = diffRoster(current, [listed('a1', place('A'))], new Set(['A']), '2026-06-30');
    expect(d.counts).toMatchObject({ left: 1, unchanged: 1, added: 0 });
    expect(d.changes.map((c) => [c.idNumber, c.movement])).toEqual([['a2', 'exit']]);
  });

  it('Given a person whose latest movement is after the cut-off When changed Then the change is a conflict', () => {
    const current = new Map([['a1', person('a1', place('A'), '2026-07-01')]]);
    const d = diffRoster(current, [listed('a1', place('B'))], new Set(['B']), '2026-06-30');
    expect(d.changes[0]!.conflict).toMatch(/早于该人员最近一次变动\(2026-07-01\)/);
  });

  it('Given any roster When its own listing is diffed Then nothing changes (property)', () => {
    const arbPlace = fc.record({
      institutionId: fc.constantFrom('A', 'B', 'C'),
      unitId: fc.constantFrom(null, 'U'),
      category: fc.constantFrom('admin', 'worker'),
      post: fc.constantFrom(null, '科员', '局长'),
      leadershipLevel: fc.constantFrom(null, '正科'),
      postClass: fc.constantFrom(null, 'admin'),
    });
    fc.assert(
      fc.property(fc.array(arbPlace, { maxLength: 30 }), (places) => {
        const current = new Map(places.map((p, i) => [`id${i}`, person(`id${i}`, p)]));
        const file = places.map((p, i) => listed(`id${i}`, p, i));
        const d = diffRoster(current, file, new Set(places.map((p) => p.institutionId)), '2026-06-30');
        expect(d.changes).toEqual([]);
        expect(d.counts.unchanged).toBe(places.length);
      }),
    );
  });
});
