import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { buildSmallDistrict } from '../../test/server-harness.js';
import { computeStatistics } from '../analysis/statistics.js';
import { districtStatistics } from './diagnose.js';
import { loadSnapshot } from './snapshot.js';

const { ctx } = useTestContext({ today: '2026-11-27' });

beforeAll(async () => {
  await buildSmallDistrict(ctx);
  // birthdays on 29 February and on the days around it: the age counted in the database must turn as ageOn turns it
  const people = await ctx.pool.query<{ id: string }>(`SELECT id FROM persons WHERE region_code = $1 ORDER BY id`, [
    ctx.regionCode,
  ]);
  const births = ['1988-02-29', '1991-03-01', '1986-02-28', '1992-02-29'];
  for (const [i, p] of people.rows.slice(0, births.length).entries()) {
    await ctx.pool.query(`UPDATE persons SET birth_date = $3 WHERE region_code = $1 AND id = $2`, [
      ctx.regionCode,
      p.id,
      births[i],
    ]);
  }
});

describe('districtStatistics: the people counted in the database', () => {
  it.each(['2026-11-27', '2026-02-28', '2026-03-01', '2028-02-28', '2028-02-29', '2023-05-01', '2009-12-31'])(
    'Given a roster with leap-day birthdays When the statistics of %s are counted in groups Then they equal the statistics of that day read person by person',
    async (asOf) => {
      const counted = await districtStatistics(ctx, asOf);
      const read = computeStatistics(await loadSnapshot(ctx, asOf));
      expect(counted).toEqual(read);
    },
  );

  it('Given the roster When the statistics of today are counted Then the people, their ages and the quota actual are there', async () => {
    const st = await districtStatistics(ctx);
    expect(st.people.total).toBeGreaterThan(0);
    expect(st.people.meanAge).not.toBeNull();
    const actual = st.institutions.flatMap((i) => i.quota).reduce((n, q) => n + q.actual, 0);
    expect(actual).toBe(st.people.total);
  });

  it('Given a kept snapshot (the server) When the statistics are asked Then the snapshot is used and gives the same', async () => {
    const asOf = '2026-03-01';
    let asked = 0;
    const snapshots = async (d: string) => {
      asked++;
      return loadSnapshot(ctx, d);
    };
    expect(await districtStatistics({ ...ctx, snapshots }, asOf)).toEqual(await districtStatistics(ctx, asOf));
    expect(asked).toBe(1);
  });
});
