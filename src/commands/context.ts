import type pg from 'pg';
import type { Snapshot } from '../analysis/snapshot.js';

/** What every command needs: the database, the district it acts on, who acts, and today's date. */
export interface CommandContext {
  pool: pg.Pool;
  regionCode: string;
  actor: string;
  /** YYYY-MM-DD; dates after it are "future". */
  today: string;
  /** The drafter of an adjustment may not approve it (absent = true; BIANZHI_APPROVER_MUST_DIFFER=false turns it off). */
  approverMustDiffer?: boolean;
  /**
   * Where snapshots come from when something keeps them (the server caches them per data version); absent = read
   * from the database each time.
   */
  snapshots?: (asOf: string) => Promise<Snapshot>;
}

export const todayIso = (d = new Date()) => d.toISOString().slice(0, 10);
