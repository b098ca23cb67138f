import type pg from 'pg';
import type { RegionLimits } from './schema.js';
import type { Tx } from './transaction.js';

export interface RegionRow {
  regionCode: string;
  name: string;
  limits: RegionLimits;
}

export async function upsertRegion(tx: Tx, r: Omit<RegionRow, 'limits'>): Promise<RegionRow | undefined> {
  const before = await findRegion(tx, r.regionCode);
  await tx.query(
    // limits are not written here: they are the fold's (上级核定 adjustments), materialized by writeRegistryDiff
    `INSERT INTO regions (region_code, name) VALUES ($1, $2)
     ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name`,
    [r.regionCode, r.name],
  );
  return before;
}

export async function findRegion(q: pg.Pool | Tx, regionCode: string): Promise<RegionRow | undefined> {
  const r = await q.query<RegionRow>(
    `SELECT region_code AS "regionCode", name, limits FROM regions WHERE region_code = $1`,
    [regionCode],
  );
  return r.rows[0];
}

export async function listRegions(q: pg.Pool | Tx): Promise<RegionRow[]> {
  const r = await q.query<RegionRow>(
    `SELECT region_code AS "regionCode", name, limits FROM regions ORDER BY region_code`,
  );
  return r.rows;
}
