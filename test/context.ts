/** A command context on a fresh test database, with the test district defined. */
import { defineRegion } from '../src/commands/regions.js';
import type { CommandContext } from '../src/commands/context.js';
import { createTestDatabase } from './test-database.js';
import { testRegionCode } from './factories.js';

export async function createTestContext(overrides: Partial<CommandContext> = {}) {
  const database = await createTestDatabase();
  const ctx: CommandContext = {
    pool: database.pool,
    regionCode: testRegionCode,
    actor: 'test',
    today: '2026-11-27',
    ...overrides,
  };
  await defineRegion(ctx, { regionCode: ctx.regionCode, name: '示范区', limits: { partyGovInstitutionCap: 35 } });
  return { ctx, database };
}

/** Row counts and a content hash of every table: "the database is unchanged" made checkable. */
export async function databaseFingerprint(pool: CommandContext['pool']): Promise<string> {
  const tables = [
    'regions',
    'adjustments',
    'adjustment_items',
    'institutions',
    'quotas',
    'leadership_posts',
    'persons',
    'assignments',
    'movements',
    'duties',
    'workload_indicators',
    'region_indicators',
    'imports',
    'audit_events',
  ];
  const parts: string[] = [];
  for (const t of tables) {
    const r = await pool.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`,
    );
    parts.push(`${t}:${r.rows[0].n}:${r.rows[0].h}`);
  }
  return parts.join('\n');
}
