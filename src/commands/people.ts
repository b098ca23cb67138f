/** 实名制 reads: the roster on a date and one person's record; whole ID numbers only for those allowed, audited. */
import { GroupIndex, intersectionOf, pageOf, PrefixIndex, SubstringIndex, unionOf } from '../analysis/text-index.js';
import { appendAudit } from '../store/audit.repository.js';
import { notFound } from '../store/errors.js';
import { findPerson, rosterOn, type PersonListRow } from '../store/people.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import { ensureInScope, type Scope } from './institutions.js';

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

/** One page of the roster on a date; reads the roster kept by `ctx.rosters` (the server's, per data version) if any. */
export async function browsePeople(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'rosters'>,
  f: PeopleQuery,
): Promise<{ total: number; rows: PersonListRow[] }> {
  if (f.institutionId) ensureInScope(f.scope, f.institutionId);
  const asOf = f.asOf ?? ctx.today;
  const roster = await (ctx.rosters?.(asOf) ?? loadRoster(ctx, asOf));
  return searchRoster(roster, f);
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

/**
 * One person. The caller masks the ID number unless `unmask` is set; an unmasked read is an audited event (who saw
 * whose number, when), written before the number is returned.
 */
export async function personRecord(ctx: CommandContext, id: string, opts: { scope?: Scope; unmask?: boolean } = {}) {
  const person = await findPerson(ctx.pool, ctx.regionCode, id);
  if (!person) throw notFound(`人员 ${id} `);
  if (opts.scope && !person.assignments.some((a) => opts.scope!.has(a.institutionId) && !a.endOn)) {
    ensureInScope(opts.scope, person.assignments.at(-1)?.institutionId ?? '');
  }
  if (opts.unmask) {
    await inTransaction(ctx.pool, async (tx) => {
      await lockRegion(tx, ctx.regionCode);
      await appendAudit(tx, ctx.regionCode, {
        actor: ctx.actor,
        action: 'person.unmask',
        entity: 'person',
        entityId: id,
        after: { name: person.name },
      });
    });
  }
  return person;
}
