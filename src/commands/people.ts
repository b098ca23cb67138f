/**
 * 实名制 reads: the roster on a date and one person's record. A reader sees a masked ID number and the person's age;
 * the whole number and the birth date it encodes come together, only to roles that may unmask, and each such read
 * is audited (who saw whose number, when) before it is returned. Searching by ID number is for those roles too: for
 * the others `q` matches names only, so that a search cannot confirm a guessed number digit by digit.
 */
import { ageOn } from '../analysis/snapshot.js';
import { maskIdNumber } from '../domain/codes.js';
import { notFound } from '../store/errors.js';
import { findPerson, listPeople, type PeopleFilter } from '../store/people.repository.js';
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

export async function browsePeople(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'access'>,
  f: Omit<PeopleFilter, 'asOf' | 'institutionIds' | 'matchIdNumber'> & {
    asOf?: string;
    institutionId?: string;
    scope?: Scope;
  },
) {
  const scope = f.scope ?? (await reachOf(ctx));
  if (f.institutionId) ensureInScope(scope, f.institutionId);
  const institutionIds = f.institutionId ? [f.institutionId] : scope ? [...scope] : undefined;
  const asOf = f.asOf ?? ctx.today;
  const r = await listPeople(ctx.pool, ctx.regionCode, {
    ...f,
    asOf,
    institutionIds,
    matchIdNumber: mayUnmask(ctx),
  });
  return { total: r.total, rows: r.rows.map((p) => protectPerson(p, asOf, false)) };
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
