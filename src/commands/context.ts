import type pg from 'pg';

/** What every command needs: the database, the district it acts on, who acts, and today's date. */
export interface CommandContext {
  pool: pg.Pool;
  regionCode: string;
  actor: string;
  /** YYYY-MM-DD; dates after it are "future". */
  today: string;
}

export const todayIso = (d = new Date()) => d.toISOString().slice(0, 10);
