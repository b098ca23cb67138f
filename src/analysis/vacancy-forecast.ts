/**
 * Vacancy forecast (issue 16 item 4): statutory retirements per calendar year, institution and quota category over the
 * next N years, the places each unit will have free if nobody is recruited, and the 待退休 list (retiring within 12
 * months). Retirement dates come from `src/domain/retirement.ts` (the 2025 rules).
 *
 * Years are calendar years starting with the as-of date's own year (its remainder after the as-of date). People already
 * past their statutory date but still on the roster (应退未退) count as leaving in the first year and are flagged.
 */
import { addMonths, personRetirement, type RetirementGroup } from '../domain/retirement.js';

export interface RosterPersonFact {
  personId: string;
  name?: string | null;
  institutionId: string;
  /** Quota category code (admin, worker, public_service…). */
  category: string;
  birthDate: string | null;
  gender: string | null;
  /** Cadre or worker post, when known; otherwise read from the 工勤编制 category. */
  staffType?: 'cadre' | 'worker' | null;
}

export interface QuotaFact {
  institutionId: string;
  category: string;
  approved: number;
}

export interface VacancyForecastInput {
  asOf: string;
  people: RosterPersonFact[];
  quotas: QuotaFact[];
  /** Default 5. */
  years?: number;
}

export interface UnitForecast {
  institutionId: string;
  category: string;
  approved: number;
  actual: number;
  /** approved − actual today (negative: 超编). */
  vacantNow: number;
  /** Retirements in each forecast year, in `years` order. */
  retiring: number[];
  /** Places free at the end of each forecast year if nobody is recruited: vacantNow + retirements so far. */
  freeByYearEnd: number[];
  /** People whose retirement could not be computed (no birth date or gender). */
  unknown: number;
}

export interface PendingRetirement {
  personId: string;
  name: string | null;
  institutionId: string;
  category: string;
  group: RetirementGroup;
  birthDate: string;
  retirementDate: string;
  /** e.g. "60岁2个月". */
  retirementAge: string;
  /** Whole months from the as-of date to the retirement date (negative when overdue). */
  monthsLeft: number;
  /** 应退未退: the date has passed and the person is still on the roster. */
  overdue: boolean;
}

export interface VacancyForecast {
  asOf: string;
  years: number[];
  units: UnitForecast[];
  /** District totals per year. */
  totals: { retiring: number[]; unknown: number };
  /** 待退休: retiring within 12 months of the as-of date (and those overdue), earliest first. */
  pending: PendingRetirement[];
}

/** Whole months from a to b (YYYY-MM-DD), negative when b is before a. */
function monthsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  const raw = (by - ay) * 12 + (bm - am);
  if (raw > 0 && bd < ad) return raw - 1;
  if (raw < 0 && bd > ad) return raw + 1;
  return raw;
}

const unitKey = (institutionId: string, category: string) => `${institutionId}|${category}`;

export function forecastVacancies(input: VacancyForecastInput): VacancyForecast {
  const n = input.years ?? 5;
  const firstYear = Number(input.asOf.slice(0, 4));
  const years = Array.from({ length: n }, (_, i) => firstYear + i);
  const pendingHorizon = addMonths(input.asOf, 12);
  const units = new Map<string, UnitForecast>();
  const unitOf = (institutionId: string, category: string) => {
    const key = unitKey(institutionId, category);
    let u = units.get(key);
    if (!u) {
      u = {
        institutionId,
        category,
        approved: 0,
        actual: 0,
        vacantNow: 0,
        retiring: years.map(() => 0),
        freeByYearEnd: [],
        unknown: 0,
      };
      units.set(key, u);
    }
    return u;
  };
  for (const q of input.quotas) unitOf(q.institutionId, q.category).approved += q.approved;
  const pending: PendingRetirement[] = [];
  const totals = { retiring: years.map(() => 0), unknown: 0 };
  for (const p of input.people) {
    const u = unitOf(p.institutionId, p.category);
    u.actual++;
    const r = personRetirement(p);
    if (!r) {
      u.unknown++;
      totals.unknown++;
      continue;
    }
    const overdue = r.date <= input.asOf;
    const year = overdue ? firstYear : Number(r.date.slice(0, 4));
    const i = year - firstYear;
    if (i < n) {
      u.retiring[i]!++;
      totals.retiring[i]!++;
    }
    if (r.date <= pendingHorizon)
      pending.push({
        personId: p.personId,
        name: p.name ?? null,
        institutionId: p.institutionId,
        category: p.category,
        group: r.group,
        birthDate: p.birthDate!,
        retirementDate: r.date,
        retirementAge: r.label,
        monthsLeft: monthsBetween(input.asOf, r.date),
        overdue,
      });
  }
  for (const u of units.values()) {
    u.vacantNow = u.approved - u.actual;
    let free = u.vacantNow;
    u.freeByYearEnd = u.retiring.map((k) => (free += k));
  }
  pending.sort((a, b) => a.retirementDate.localeCompare(b.retirementDate) || a.personId.localeCompare(b.personId));
  const ordered = [...units.values()].sort(
    (a, b) => a.institutionId.localeCompare(b.institutionId) || a.category.localeCompare(b.category),
  );
  return { asOf: input.asOf, years, units: ordered, totals, pending };
}
