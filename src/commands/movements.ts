/**
 * The roster's ledger as use cases: rebuild the assignments from the movements, and read who held which quota and
 * post on a date. The movements themselves are recorded by the staffing commands (入编/调动/任免/出编).
 */
import { foldMovements, MovementError, assignmentLine, rosterRows, type AssignmentRow } from '../domain/movements.js';
import { appendAudit } from '../store/audit.repository.js';
import { invariantViolated } from '../domain/errors.js';
import { assignmentsHeldOn, rosterLedgerBatches, writeAssignmentsDiff } from '../store/movements.repository.js';
import type { Tx } from '../store/transaction.js';
import type { CommandContext } from './context.js';

/**
 * Folds the movements from scratch and rewrites the assignments that differ, inside the caller's transaction (the
 * registry rebuild, under the region lock). Each person's assignments are the fold of that person's movements alone,
 * so the fold runs a batch of persons at a time and memory stays bounded however long the ledger. Audited when
 * anything changed.
 */
export async function rebuildRosterIn(tx: Tx, ctx: Pick<CommandContext, 'regionCode' | 'actor'>) {
  let movements = 0;
  let changes = 0;
  for await (const batch of rosterLedgerBatches(tx, ctx.regionCode)) {
    movements += batch.movements.length;
    let folded: AssignmentRow[];
    try {
      folded = rosterRows(foldMovements(batch.movements));
    } catch (e) {
      if (e instanceof MovementError) throw invariantViolated(e.message);
      throw e;
    }
    const lines = folded.map(assignmentLine).sort();
    const current = batch.assignmentLines.sort();
    if (lines.length !== current.length || lines.some((line, i) => line !== current[i])) {
      changes += await writeAssignmentsDiff(tx, ctx.regionCode, current, folded);
    }
  }
  if (changes) {
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: 'roster.rebuild',
      entity: 'roster',
      after: { changes },
    });
  }
  return { movements, identical: changes === 0, changes };
}

/** Who held which quota and post on `on` (inclusive): one row per assignment held that day. */
export async function rosterHeldOn(ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today'>, on?: string) {
  return assignmentsHeldOn(ctx.pool, ctx.regionCode, on ?? ctx.today);
}
