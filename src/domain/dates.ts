/** Calendar dates as the system stores them: YYYY-MM-DD, a day that exists, years 1900–2999. */
import { z } from 'zod';

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` (1–12) of year `y`, Gregorian; arithmetic only (a million-row import checks 4 dates a row). */
export function daysInMonth(y: number, m: number): number {
  return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : monthDays[m - 1]!;
}

/** Year 1900–2999, month 1–12, a day the month has. */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The number written by the ASCII digits s[from..to), or -1 if any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function isCalendarDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  return isCalendarDay(digitsAt(s, 0, 4), digitsAt(s, 5, 7), digitsAt(s, 8, 10));
}

/** A date field of an API body or query (2025-02-30 is refused here, not by PostgreSQL). */
export const calendarDateSchema = (what = '日期') =>
  z.string().refine(isCalendarDate, `${what}应为存在的日期,格式 YYYY-MM-DD`);

/** The same day `n` months later (the month's last day when it has fewer days: 2025-01-31 + 1 → 2025-02-28). */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from one YYYY-MM-DD date to a later one (negative when it is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
