/** Calendar dates as the system stores them: YYYY-MM-DD, a day that exists, years 1900–2999. */
import { z } from 'zod';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = isoDate.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A date field of an API body or query (2025-02-30 is refused here, not by PostgreSQL). */
export const calendarDateSchema = (what = '日期') =>
  z.string().refine(isCalendarDate, `${what}应为存在的日期,格式 YYYY-MM-DD`);
