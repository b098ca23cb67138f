/**
 * 实名制 reads: the roster on a date and one person's record. A reader sees a masked ID number and the person's age;
 * the whole number and the birth date it encodes come together, only to roles that may unmask, and each such read
 * is audited (who saw whose number, when) before it is returned. Searching by ID number is for those roles too: for
 * the others `q` matches names only, so that a search cannot confirm a guessed number digit by digit.
 */
import { ageOn } from '../analysis/snapshot.js';
import { GroupIndex, intersectionOf, pageOf, PrefixIndex, SubstringIndex, unionOf } from '../analysis/text-index.js';
import { maskIdNumber } from '../domain/codes.js';
import { notFound } from '../domain/errors.js';
import { findPerson, rosterOn, type PersonListRow } from '../store/people.repository.js';
import { auditDisclosure, mayUnmask, reachOf, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { ensureInScope, type Scope } from './institutions.js';

/** A person as a reader may see it: see the module comment. */
export function protectPerson<T extends { idNumber: string; birthDate: string | null }>(
  p: T,
  on: string,
  reveal: boolean,
): T & { idNumberMasked: boolean; age: number | null } {
  return {
    ...p,
    idNumber: reveal ? p.idNumber : maskIdNumber(p.idNumber),
    idNumberMasked: !reveal,
    birthDate: reveal ? p.birthDate : null,
    age: p.birthDate ? ageOn(p.birthDate, on) : null,
  };
}

/** Everyone holding a post on a date, with what browsing searches: names, ID numbers, institutions and units. */
export interface Roster {
  asOf: string;
  rows: PersonListRow[];
  names: SubstringIndex;
  idNumbers: PrefixIndex;
  places: GroupIndex;
}

export async function loadRoster(ctx: Pick<CommandContext, 'pool' | 'regionCode'>, asOf: string): Promise<Roster> {
  const rows = await rosterOn(ctx.pool, ctx.regionCode, asOf);
  return {
    asOf,
    rows,
    names: new SubstringIndex(rows.map((r) => r.name)),
    idNumbers: new PrefixIndex(rows.map((r) => r.idNumber)),
    places: new GroupIndex(rows.length, (i) => [rows[i]!.institutionId, rows[i]!.unitId]),
  };
}

/** Roughly what a roster holds in memory (for cache budgets). */
export const rosterBytes = (r: Roster) => r.rows.length * 1200;

export interface PeopleQuery {
  asOf?: string;
  institutionId?: string;
  scope?: Scope;
  category?: string;
  /** a fragment of the name, or (with `searchIdNumbers`) the start of the ID number */
  q?: string;
  /** only for roles that may see whole ID numbers: a search by ID number would confirm guessed digits */
  searchIdNumbers?: boolean;
  offset: number;
  limit: number;
}

/**
 * One page of the roster on a date, masked; reads the roster kept by `ctx.rosters` (the server's, per data version)
 * if any. The reach and whether `q` may match ID numbers come from the actor.
 */
export async function browsePeople(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'rosters' | 'access'>,
  f: Omit<PeopleQuery, 'searchIdNumbers'>,
) {
  const scope = f.scope ?? (await reachOf(ctx));
  if (f.institutionId) ensureInScope(scope, f.institutionId);
  const asOf = f.asOf ?? ctx.today;
  const roster = await (ctx.rosters?.(asOf) ?? loadRoster(ctx, asOf));
  const r = searchRoster(roster, { ...f, scope, searchIdNumbers: mayUnmask(ctx) });
  return { total: r.total, rows: r.rows.map((p) => protectPerson(p, asOf, false)) };
}

export function searchRoster(roster: Roster, f: PeopleQuery): { total: number; rows: PersonListRow[] } {
  const places = f.institutionId ? [f.institutionId] : f.scope;
  let candidates = places && roster.places.find(places);
  if (f.q) {
    const found = roster.names.find(f.q);
    const matches = f.searchIdNumbers ? unionOf([found, roster.idNumbers.find(f.q.toUpperCase())]) : found;
    candidates = candidates ? intersectionOf(candidates, matches) : matches;
  }
  return pageOf(roster.rows, candidates, (r) => !f.category || r.category === f.category, f);
}

/** One person, masked unless `unmask` is asked for by a role that may (refused otherwise); an unmask is audited. */
export async function personRecord(ctx: CommandContext, id: string, opts: { scope?: Scope; unmask?: boolean } = {}) {
  if (opts.unmask) requirePermission(ctx, 'unmaskIdNumbers', '当前角色无权查看完整身份证号');
  const scope = opts.scope ?? (await reachOf(ctx));
  const person = await findPerson(ctx.pool, ctx.regionCode, id);
  if (!person) throw notFound(`人员 ${id} `);
  if (scope && !person.assignments.some((a) => scope.has(a.institutionId) && !a.endOn)) {
    ensureInScope(scope, person.assignments.at(-1)?.institutionId ?? '');
  }
  if (opts.unmask) {
    await auditDisclosure(ctx, {
      action: 'person.unmask',
      entity: 'person',
      entityId: id,
      after: { name: person.name, idNumbersRevealed: 1, fields: ['idNumber', 'birthDate'] },
    });
  }
  return protectPerson(person, ctx.today, !!opts.unmask);
}

export type { PersonListRow, PersonRecord } from '../store/people.repository.js';
