import type pg from 'pg';

export type Tx = pg.PoolClient;

/** Runs `fn` in one transaction: all or nothing. The region's advisory lock serializes ledger writes. */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** One writer per region at a time (ledger folds, imports, the audit chain). */
export async function lockRegion(tx: Tx, regionCode: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bianzhi:${regionCode}`]);
}
