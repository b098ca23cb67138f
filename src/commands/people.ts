/** 实名制 reads: the roster on a date and one person's record; whole ID numbers only for those allowed, audited. */
import { appendAudit } from '../store/audit.repository.js';
import { notFound } from '../store/errors.js';
import { findPerson, listPeople, type PeopleFilter } from '../store/people.repository.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';
import { ensureInScope, type Scope } from './institutions.js';

export async function browsePeople(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today'>,
  f: Omit<PeopleFilter, 'asOf' | 'institutionIds'> & { asOf?: string; institutionId?: string; scope?: Scope },
) {
  if (f.institutionId) ensureInScope(f.scope, f.institutionId);
  const institutionIds = f.institutionId ? [f.institutionId] : f.scope ? [...f.scope] : undefined;
  return listPeople(ctx.pool, ctx.regionCode, { ...f, asOf: f.asOf ?? ctx.today, institutionIds });
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
