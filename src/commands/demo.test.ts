import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { buildDemoDistrict } from './demo.js';
import { generateDemoDistrict } from '../demo/demo-district.js';

// The generator is only useful if the real importers accept its records: this runs them end to end.
describe('demo district through the import commands', () => {
  it.each([true, false])(
    'Given the district (planted: %s) When built into a fresh database Then every import succeeds and the counts match',
    async (planted) => {
      const database = await createTestDatabase();
      try {
        const ctx = { pool: database.pool, regionCode: '370102', actor: 'test', today: '2026-06-30' };
        const demo = generateDemoDistrict({ planted });
        const result = await buildDemoDistrict(ctx, demo);
        expect(result).toEqual({
          institutions: demo.institutions.length,
          people: demo.roster.length,
          duties: demo.duties.length,
        });
        const count = async (table: string) =>
          (await ctx.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE region_code = $1`, ['370102'])).rows[0]
            .n as number;
        expect(await count('persons')).toBe(demo.roster.length);
        expect(await count('duties')).toBe(demo.duties.length);
        expect(await count('institutions')).toBe(demo.institutions.length);
      } finally {
        await database.close();
      }
    },
  );
});
