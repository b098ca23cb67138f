import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../test/snapshot-factory.js';
import { forecastText } from '../cli/forecast.presenter.js';
import type { CommandContext } from './context.js';
import { districtForecast } from './forecast.js';

describe('districtForecast', () => {
  it('Given men born 1966-01 in a unit with 2 vacant places When forecast from 2026-01-01 Then they retire in 2026 at 60岁4个月 and the unit has their places free', async () => {
    const s = makeSnapshot({
      asOf: '2026-01-01',
      institutions: [{ name: '区审计局', quotas: { admin: 12 } }],
      people: [
        { institution: '区审计局', birthDate: '1966-01-15', gender: '男', count: 3 },
        { institution: '区审计局', birthDate: '1990-03-01', gender: '女', count: 7 },
      ],
    });
    const ctx = { snapshots: async () => s } as unknown as CommandContext;
    const f = await districtForecast(ctx, { asOf: '2026-01-01' });
    expect(f.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    const unit = f.units.find((u) => f.institutionNames[u.institutionId] === '区审计局')!;
    expect(unit).toMatchObject({ approved: 12, actual: 10, vacantNow: 2, retiring: [3, 0, 0, 0, 0] });
    expect(unit.freeByYearEnd.at(-1)).toBe(5);
    expect(f.pending).toHaveLength(3);
    expect(f.pending[0]).toMatchObject({ retirementDate: '2026-05-15', retirementAge: '60岁4个月', overdue: false });
    const text = forecastText(f, '示范区');
    expect(text).toContain('全区退休人数');
    expect(text).toMatch(/区审计局\s+行政编制\s+12\s+10\s+2\s+3\s+5/u);
    expect(text).toContain('待退休(12个月内达到法定退休年龄):3人');
  });
});
