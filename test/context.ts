/** A command context on a fresh test database, with the test district defined. */
import { afterAll, beforeAll } from 'vitest';
import { dumpTables } from '../src/store/dump.repository.js';
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

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/**
 * The test file's command context on its own fresh database: opened before the file's tests (and before the hooks
 * registered after this call, which may seed it), closed after them. The two objects are filled in when the hooks
 * run: take them at the top of the file and read their fields inside hooks and tests.
 */
export function useTestContext(overrides: Partial<CommandContext> = {}) {
  const ctx = {} as CommandContext;
  const database = {} as TestDatabase;
  beforeAll(async () => {
    const t = await createTestContext(overrides);
    Object.assign(ctx, t.ctx);
    Object.assign(database, t.database);
  });
  afterAll(async () => {
    if ('close' in database) await database.close();
  });
  return { ctx, database };
}

/** Row counts and a content hash of every table: "the database is unchanged" made checkable. */
export async function databaseFingerprint(pool: CommandContext['pool']): Promise<string> {
  const tables = dumpTables; // every table of the schema
  const parts: string[] = [];
  for (const t of tables) {
    const r = await pool.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`,
    );
    parts.push(`${t}:${r.rows[0].n}:${r.rows[0].h}`);
  }
  return parts.join('\n');
}

/**
 * A district's content without its generated ids (institutions by name, people by ID number): what an export →
 * import round trip must reproduce.
 */
export async function districtContent(pool: CommandContext['pool'], regionCode: string) {
  const q = async (sql: string) => (await pool.query(sql, [regionCode])).rows;
  const nameOf = `(SELECT CASE WHEN p.kind = 'internal_unit' THEN pp.name || '/' || p.name ELSE p.name END
                     FROM institutions p LEFT JOIN institutions pp ON pp.region_code = p.region_code AND pp.id = p.parent_id
                    WHERE p.region_code = $1 AND p.id = %s)`;
  const n = (col: string) => nameOf.replace('%s', col);
  return {
    institutions: await q(
      `SELECT ${n('i.id')} AS name, kind, rank, ${n('i.parent_id')} AS parent, ${n('i.hosted_by_id')} AS host, code, also_named, pi_class, funding,
              civil_service_managed, established_on FROM institutions i WHERE region_code = $1 AND status = 'active' ORDER BY 1`,
    ),
    quotas: await q(
      `SELECT ${n('institution_id')} AS inst, category, approved FROM quotas WHERE region_code = $1 ORDER BY 1, 2`,
    ),
    posts: await q(
      `SELECT ${n('institution_id')} AS inst, level, post_class, approved FROM leadership_posts WHERE region_code = $1 ORDER BY 1, 2, 3`,
    ),
    roster: await q(
      `SELECT p.id_number, p.name, p.gender, p.birth_date, p.education, p.degree, p.title_level, p.political_status, p.joined_work_on,
              ${n('a.institution_id')} AS inst, ${n('a.unit_id')} AS unit, a.category, a.post, a.leadership_level, a.post_class, a.start_on
         FROM persons p JOIN assignments a ON a.region_code = p.region_code AND a.person_id = p.id AND a.end_on IS NULL
        WHERE p.region_code = $1 ORDER BY 1`,
    ),
    duties: await q(
      `SELECT ${n('institution_id')} AS inst, source, category, title, text, legal_basis, domains, role, item_code
         FROM duties WHERE region_code = $1 ORDER BY 1, 4, 5, 2, 3, 9`,
    ),
    workload: await q(
      `SELECT ${n('institution_id')} AS inst, year, indicator, value, unit FROM workload_indicators WHERE region_code = $1 ORDER BY 1, 2, 3`,
    ),
    indicators: await q(
      `SELECT ${n('scope_institution_id')} AS scope, year, indicator, value, text_value FROM region_indicators WHERE region_code = $1 ORDER BY 1, 2, 3`,
    ),
  };
}

/**
 * SQL run the way a superuser who knows the schema could: with triggers off (session_replication_role = replica), so
 * neither the audit tables' append-only trigger nor the anchor trigger fires. What remains to catch it is verification.
 */
export async function bypassingTriggers(pool: CommandContext['pool'], sql: string, params: unknown[]) {
  const c = await pool.connect();
  try {
    await c.query('SET session_replication_role = replica');
    await c.query(sql, params);
  } finally {
    await c.query('RESET session_replication_role');
    c.release();
  }
}

/** Applies a baseline 编制事项 (初始导入, 2024-01-01) that sets up the named institutions. */
export async function seedInstitutions(ctx: CommandContext, names: string[]) {
  const { applyAdjustment, createAdjustment } = await import('../src/commands/adjustments.js');
  const { createInstitutionItem } = await import('./factories.js');
  const a = await createAdjustment(ctx, {
    docNumber: '初始导入',
    title: 't',
    effectiveOn: '2024-01-01',
    items: names.map((n) => createInstitutionItem(n)),
  });
  await applyAdjustment(ctx, a.id, { allowUnapproved: true });
}
