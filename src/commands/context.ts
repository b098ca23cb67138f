import type pg from 'pg';
import type { Snapshot } from '../analysis/snapshot.js';
import type { DutyCatalog } from './duties.js';
import type { Roster } from './people.js';
import type { Role } from '../domain/vocabulary.js';

/**
 * The person acting through the server: the role, and the institutions within its reach (undefined = all; a
 * reporter's own institution and its internal units). Commands check permissions and scope against it. Absent for
 * the CLI and seeds, which act as the administrator on the machine.
 */
export interface ActorAccess {
  role: Role;
  scope: () => Promise<Set<string> | undefined>;
}

/** What every command needs: the database, the district it acts on, who acts, and today's date. */
export interface CommandContext {
  pool: pg.Pool;
  regionCode: string;
  actor: string;
  /** Who acts and within what reach, when a user acts through the server (see ActorAccess). */
  access?: ActorAccess;
  /** YYYY-MM-DD; dates after it are "future". */
  today: string;
  /**
   * The day on which a past is being carried out again, step by step (the demo's history): the 编制事项 and 方案
   * commands date their audit events on it, since the audit log's dates are what the analysis reads as when a
   * 编制事项 was submitted and decided (APPROVAL_DELAY, APPROVAL_WITHOUT_EVALUATION). Absent = the clock.
   */
  replayDay?: string;
  /** The drafter of an adjustment may not approve it (absent = true; BIANZHI_APPROVER_MUST_DIFFER=false turns it off). */
  approverMustDiffer?: boolean;
  /**
   * Where snapshots come from when something keeps them (the server caches them per data version); absent = read
   * from the database each time.
   */
  snapshots?: (asOf: string) => Promise<Snapshot>;
  /** Where the roster on a date comes from when something keeps it (as `snapshots`). */
  rosters?: (asOf: string) => Promise<Roster>;
  /** Where the duties catalogue comes from when something keeps it (as `snapshots`). */
  dutyCatalog?: () => Promise<DutyCatalog>;
}

export const todayIso = (d = new Date()) => d.toISOString().slice(0, 10);

/** When an audit event of `ctx` happened: on its replayed day (morning, Beijing time), or undefined = now. */
export const auditedAt = (ctx: Pick<CommandContext, 'replayDay'>) =>
  ctx.replayDay ? `${ctx.replayDay}T01:00:00.000Z` : undefined;
