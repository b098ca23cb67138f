import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMovement,
  emptyRoster,
  foldMovements,
  heldOn,
  MovementError,
  rosterRows,
  type MovementType,
  type RosterMovement,
} from './movements.js';

const institutions = ['i-1', 'i-2', 'i-3'];
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Steps of a random history; turned into a valid movement sequence by `historyOf`. */
const stepArb = fc.record({
  person: fc.integer({ min: 0, max: 3 }),
  kind: fc.integer({ min: 0, max: 3 }),
  gap: fc.integer({ min: 0, max: 60 }),
  institution: fc.integer({ min: 0, max: institutions.length - 1 }),
  leader: fc.boolean(),
});

/** Valid by construction: whoever is out enters; whoever is in is transferred, appointed, dismissed or exits. */
type Step = { person: number; kind: number; gap: number; institution: number; leader: boolean };
function historyOf(steps: Step[]) {
  const movements: RosterMovement[] = [];
  const inPost = new Map<number, string>();
  let on = '2020-01-01';
  steps.forEach((s, i) => {
    on = addDays(on, s.gap);
    const personId = `p-${s.person}`;
    const current = inPost.get(s.person);
    const type: MovementType = !current ? 'enter' : (['transfer', 'appoint', 'dismiss', 'exit'] as const)[s.kind]!;
    const institutionId = type === 'enter' || type === 'transfer' ? institutions[s.institution]! : (current ?? '');
    const place =
      type === 'exit'
        ? null
        : {
            institutionId,
            unitId: null,
            category: 'admin',
            post: type === 'appoint' ? '科长' : null,
            leadershipLevel: type === 'appoint' || (type === 'transfer' && s.leader) ? '正科' : null,
            postClass: type === 'appoint' || (type === 'transfer' && s.leader) ? 'admin' : null,
          };
    if (type === 'exit') inPost.delete(s.person);
    else inPost.set(s.person, institutionId);
    movements.push({
      id: i + 1,
      personId,
      type,
      on,
      assignmentId: type === 'exit' ? null : `a-${String(i + 1).padStart(4, '0')}`,
      place,
      exitType: type === 'exit' ? 'retire' : null,
      importId: null,
    });
  });
  return movements;
}

describe('foldMovements', () => {
  it('Given random histories When folded at once or one movement at a time, in any input order Then the roster is the same', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.integer(), (steps, seed) => {
        const history = historyOf(steps);
        const incremental = emptyRoster();
        for (const m of history) applyMovement(incremental, m);
        const shuffled = [...history].sort((a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97));
        expect(rosterRows(foldMovements(shuffled))).toEqual(rosterRows(incremental));
      }),
    );
  });

  it('Given random histories When read as of a date Then who held a place is exactly who the fold up to that date holds', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: 0, max: 2000 }), (steps, offset) => {
        const history = historyOf(steps);
        const on = addDays('2020-01-01', offset);
        const all = rosterRows(foldMovements(history));
        const upTo = foldMovements(history, on);
        const openThen = [...upTo.open.values()].map((id) => upTo.assignments.get(id)!.id).sort();
        expect(
          heldOn(all, on)
            .map((a) => a.id)
            .sort(),
        ).toEqual(openThen);
        // every person holds at most one place on any date
        const people = heldOn(all, on).map((a) => a.personId);
        expect(new Set(people).size).toBe(people.length);
      }),
    );
  });

  it('Given a history Then each assignment ends on the day the next movement of its person opens or closes', () => {
    const history = historyOf([
      { person: 0, kind: 0, gap: 0, institution: 0, leader: false },
      { person: 0, kind: 0, gap: 10, institution: 1, leader: true },
      { person: 0, kind: 3, gap: 5, institution: 0, leader: false },
    ]);
    expect(
      rosterRows(foldMovements(history)).map((a) => [a.institutionId, a.startOn, a.endOn, a.leadershipLevel]),
    ).toEqual([
      ['i-1', '2020-01-01', '2020-01-11', null],
      ['i-2', '2020-01-11', '2020-01-16', '正科'],
    ]);
  });

  const enter: RosterMovement = {
    id: 1,
    personId: 'p',
    type: 'enter',
    on: '2021-03-01',
    assignmentId: 'a-1',
    place: {
      institutionId: 'i-1',
      unitId: null,
      category: 'admin',
      post: null,
      leadershipLevel: null,
      postClass: null,
    },
    exitType: null,
    importId: null,
  };

  it.each([
    [
      'an exit before the entry',
      [enter, { ...enter, id: 2, type: 'exit', on: '2021-02-01', assignmentId: null, place: null, exitType: 'retire' }],
      /当前不在编/,
    ],
    ['a second entry', [enter, { ...enter, id: 2, assignmentId: 'a-2', on: '2021-04-01' }], /已在编/],
    ['a transfer of someone not in post', [{ ...enter, type: 'transfer' }], /当前不在编/],
    [
      'an exit without its type',
      [enter, { ...enter, id: 2, type: 'exit', assignmentId: null, place: null }],
      /出编类型/,
    ],
  ] as [string, RosterMovement[], RegExp][])(
    'Given %s When folded Then a Chinese MovementError names the movement',
    (_, ms, message) => {
      expect(() => foldMovements(ms)).toThrow(MovementError);
      expect(() => foldMovements(ms)).toThrow(message);
    },
  );

  it('Given a movement dated before the person’s latest one When applied Then it is refused', () => {
    const s = emptyRoster();
    applyMovement(s, enter);
    applyMovement(s, { ...enter, id: 2, type: 'transfer', on: '2022-01-01', assignmentId: 'a-2' });
    expect(() =>
      applyMovement(s, {
        ...enter,
        id: 3,
        type: 'exit',
        on: '2021-06-01',
        assignmentId: null,
        place: null,
        exitType: 'resign',
      }),
    ).toThrow(/早于该人员最近一次变动/);
  });
});
