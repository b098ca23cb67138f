import type pg from 'pg';
import type { Snapshot } from '../analysis/snapshot.js';
import type { DutyCatalog } from './duties.js';
import type { Roster } from './people.js';

/** What every command needs: the database, the district it acts on, who acts, and today's date. */
export interface CommandContext {
  pool: pg.Pool;
  regionCode: string;
  actor: string;
  /** YYYY-MM-DD; dates after it are "future". */
  today: string;
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
