import { describe, expect, it } from 'vitest';
import { calendarDateSchema, isCalendarDate } from './dates.js';

describe('calendar dates', () => {
  it('Given dates that exist When checked Then they pass; impossible or out-of-range ones do not', () => {
    expect(['2024-02-29', '1900-01-01', '2999-12-31'].every(isCalendarDate)).toBe(true);
    expect(
      ['2025-02-29', '2025-02-30', '2025-13-01', '0000-01-01', '1899-12-31', '3000-01-01', '2025-1-01', ''].some(
        isCalendarDate,
      ),
    ).toBe(false);
  });

  it('Given a schema for 生效日期 When a non-existent date is parsed Then the Chinese message names the field', () => {
    const r = calendarDateSchema('生效日期').safeParse('2025-02-30');
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('生效日期应为存在的日期,格式 YYYY-MM-DD');
  });
});
