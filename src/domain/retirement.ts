/**
 * Statutory retirement age and date under the 2025 rules (issue 16 item 4).
 *
 * Source: 《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》(2024-09-13, 第十四届全国人大常委会第十一次
 * 会议) and its 《国务院关于渐进式延迟法定退休年龄的办法》, published by 人力资源社会保障部 at
 * https://www.mohrss.gov.cn/SYrlzyhshbzb/ztzl/zt202409/qwfb/202409/t20240913_525781.html
 *
 * 办法第一条：「从2025年1月1日起，男职工和原法定退休年龄为五十五周岁的女职工，法定退休年龄每四个月延迟一个月，分别逐步
 * 延迟至六十三周岁和五十八周岁；原法定退休年龄为五十周岁的女职工，法定退休年龄每二个月延迟一个月，逐步延迟至五十五周岁。
 * 国家另有规定的，从其规定。」
 *
 * The 决定's 附件1–3 (延迟法定退休年龄对照表) turn this into a table by birth month: the first cohort is the one whose
 * original retirement month falls in 2025-01 (men born 1965-01, women cadres born 1970-01, women workers born 1975-01);
 * each run of 4 (or 2) birth months adds one month, counted from 1: 男 1965-01~04 → 60岁1个月 (退休 2025-02~05),
 * 1965-05~08 → 60岁2个月, 1966-01~04 → 60岁4个月; the last step is 男 1976-09~12 → 63岁, 女(55) 1981-09~12 → 58岁,
 * 女(50) 1984-11~12 → 55岁, and everyone born later keeps the new age. So, with m the birth month's distance in months
 * from the first cohort: delay = min(⌊m / step⌋ + 1, cap) when m ≥ 0, else 0.
 *
 * Not modelled (each needs the person's own application): 弹性提前退休 and 弹性延迟退休 (办法第三条, up to three years
 * either way), and special rules that 国家另有规定 (e.g. 特殊工种).
 */

/** Who the rule applies to: men; women in cadre posts (原55岁); women in worker posts (原50岁). */
export type RetirementGroup = 'male' | 'female_cadre' | 'female_worker';

interface GroupRule {
  label: string;
  /** Original statutory age, in months. */
  originalMonths: number;
  /** First birth month affected, as year × 12 + (month − 1). */
  firstCohort: number;
  /** One month's delay per this many birth months. */
  step: number;
  /** Maximum delay in months. */
  cap: number;
}

export const retirementRules: Record<RetirementGroup, GroupRule> = {
  male: { label: '男职工', originalMonths: 60 * 12, firstCohort: 1965 * 12, step: 4, cap: 36 },
  female_cadre: {
    label: '原法定退休年龄五十五周岁的女职工',
    originalMonths: 55 * 12,
    firstCohort: 1970 * 12,
    step: 4,
    cap: 36,
  },
  female_worker: {
    label: '原法定退休年龄五十周岁的女职工',
    originalMonths: 50 * 12,
    firstCohort: 1975 * 12,
    step: 2,
    cap: 60,
  },
};

export interface RetirementAge {
  group: RetirementGroup;
  years: number;
  months: number;
  /** Delay over the original age, in months. */
  delayMonths: number;
  /** The date the person reaches that age (YYYY-MM-DD; a day missing in the month is its last day). */
  date: string;
  /** The month of retirement as the 对照表 lists it (YYYY-MM). */
  month: string;
  /** e.g. "60岁2个月". */
  label: string;
}

/**
 * The group a person falls in: men are one group; a woman is a worker (原50岁) when she holds a worker post — given
 * explicitly, or read from a 工勤编制 quota — and a cadre (原55岁) otherwise. Null when the gender is unknown.
 */
export function retirementGroup(
  gender: string | null,
  staff: { staffType?: 'cadre' | 'worker' | null; category?: string | null } = {},
): RetirementGroup | null {
  if (gender === '男') return 'male';
  if (gender !== '女') return null;
  const worker = staff.staffType ? staff.staffType === 'worker' : staff.category === 'worker';
  return worker ? 'female_worker' : 'female_cadre';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date (YYYY-MM-DD) plus whole months; a day missing in the target month becomes its last day. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const at = y * 12 + (m - 1) + n;
  const year = Math.floor(at / 12);
  const month = (at % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** Statutory retirement age and date for a birth date (YYYY-MM-DD) and group. */
export function statutoryRetirement(birthDate: string, group: RetirementGroup): RetirementAge {
  const [by, bm] = birthDate.split('-').map(Number) as [number, number];
  const rule = retirementRules[group];
  const m = by * 12 + (bm - 1) - rule.firstCohort;
  const delayMonths = m < 0 ? 0 : Math.min(Math.floor(m / rule.step) + 1, rule.cap);
  const total = rule.originalMonths + delayMonths;
  const date = addMonths(birthDate, total);
  const years = Math.floor(total / 12);
  const months = total % 12;
  return {
    group,
    years,
    months,
    delayMonths,
    date,
    month: date.slice(0, 7),
    label: months ? `${years}岁${months}个月` : `${years}岁`,
  };
}

/**
 * A person's statutory retirement from roster facts; null when the birth date or gender is missing (the caller says
 * how many could not be computed). `category` is the quota category code the person holds (工勤编制 = 'worker').
 */
export function personRetirement(p: {
  birthDate: string | null;
  gender: string | null;
  category?: string | null;
  staffType?: 'cadre' | 'worker' | null;
}): RetirementAge | null {
  if (!p.birthDate) return null;
  const group = retirementGroup(p.gender, p);
  return group ? statutoryRetirement(p.birthDate, group) : null;
}
