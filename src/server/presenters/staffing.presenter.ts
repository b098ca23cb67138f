/** API shapes of 用编 (requests, approvals, the vacancy figures), person movements and the retirement forecast. */
import { z } from 'zod';
import type { districtForecast } from '../../commands/forecast.js';
import type { recordPersonMovement } from '../../commands/person-movements.js';
import type { staffingOverview, StaffingRequestView } from '../../commands/staffing.js';
import { exitTypeLabels, movementTypeLabels, type ExitType } from '../../domain/movements.js';
import { recruitmentChannelLabels, vacancyTotals } from '../../domain/staffing.js';
import { quotaCategories, quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';

export const staffingRequestSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  count: z.number().int(),
  channel: z.string(),
  channelLabel: z.string(),
  reason: z.string(),
  /** draft, submitted, approved, withdrawn (stored) */
  status: z.string(),
  /** as the user sees it: also 已过期 and 已用完 */
  state: z.string(),
  stateLabel: z.string(),
  /** places it holds today (已核准待入编) */
  holds: z.number().int(),
  used: z.number().int(),
  replacement: z.boolean(),
  draftedBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  docNumber: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  createdAt: z.string(),
});
export type PresentedStaffingRequest = z.infer<typeof staffingRequestSchema>;

export function presentStaffingRequest(r: StaffingRequestView): PresentedStaffingRequest {
  return {
    id: r.id,
    institutionId: r.institutionId,
    institutionName: r.institutionName,
    category: r.category,
    categoryLabel: quotaCategoryLabels[r.category as QuotaCategory] ?? r.category,
    count: r.count,
    channel: r.channel,
    channelLabel: recruitmentChannelLabels[r.channel] ?? r.channel,
    reason: r.reason,
    status: r.status,
    state: r.state,
    stateLabel: r.stateLabel,
    holds: r.holds,
    used: r.used,
    replacement: r.replacement,
    draftedBy: r.draftedBy,
    approvedBy: r.approvedBy,
    approvedOn: r.approvedOn,
    expiresOn: r.expiresOn,
    docNumber: r.docNumber,
    withdrawnReason: r.withdrawnReason,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

const figures = {
  /** 核定 */
  approved: z.number().int(),
  /** 实有 */
  actual: z.number().int(),
  /** 已核准待入编 */
  reserved: z.number().int(),
  /** 可用空编 */
  available: z.number().int(),
};
export const staffingOverviewSchema = z.object({
  asOf: z.string(),
  rows: z.array(
    z.object({
      institutionId: z.string(),
      institutionName: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
      ...figures,
      unreplacedLeavers: z.number().int(),
    }),
  ),
  byCategory: z.array(z.object({ category: z.string(), categoryLabel: z.string(), ...figures })),
  total: z.object(figures),
});

/** Per institution and category, then per category and for the district: 核定, 实有, 已核准待入编, 可用空编. */
export function presentStaffingOverview(
  asOf: string,
  rows: Awaited<ReturnType<typeof staffingOverview>>,
): z.infer<typeof staffingOverviewSchema> {
  const { byCategory, total } = vacancyTotals(rows);
  return {
    asOf,
    rows: rows.map(({ sortOrder: _s, ...r }) => r),
    byCategory: quotaCategories
      .filter((c) => byCategory.has(c))
      .map((c) => ({ category: c, categoryLabel: quotaCategoryLabels[c], ...byCategory.get(c)! })),
    total,
  };
}

export const movementSchema = z.object({
  id: z.number().int(),
  personId: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  on: z.string(),
  institutionId: z.string().nullable(),
  category: z.string().nullable(),
  exitType: z.string().nullable(),
  exitTypeLabel: z.string().nullable(),
  approvalId: z.string().nullable(),
  note: z.string().nullable(),
});

export function presentMovement(m: Awaited<ReturnType<typeof recordPersonMovement>>): z.infer<typeof movementSchema> {
  return {
    id: m.id,
    personId: m.personId,
    type: m.type,
    typeLabel: movementTypeLabels[m.type],
    on: m.on,
    institutionId: m.place?.institutionId ?? null,
    category: m.place?.category ?? null,
    exitType: m.exitType,
    exitTypeLabel: m.exitType ? exitTypeLabels[m.exitType as ExitType] : null,
    approvalId: m.approvalId,
    note: m.note,
  };
}

export const movementCheckSchema = z.object({
  ok: z.boolean(),
  /** what was checked and passed, in Chinese */
  checks: z.array(z.string()),
  /** why it would be refused, in Chinese */
  refusal: z.string().nullable(),
});

export const forecastSchema = z.object({
  asOf: z.string(),
  years: z.array(z.number().int()),
  totals: z.object({ retiring: z.array(z.number().int()), unknown: z.number().int() }),
  units: z.array(
    z.object({
      institutionId: z.string(),
      institutionName: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
      approved: z.number().int(),
      actual: z.number().int(),
      vacantNow: z.number().int(),
      retiring: z.array(z.number().int()),
      freeByYearEnd: z.array(z.number().int()),
      unknown: z.number().int(),
    }),
  ),
  /** 待退休: within 12 months, and those overdue; no birth date (it gives the masked ID digits away) */
  pending: z.array(
    z.object({
      personId: z.string(),
      name: z.string().nullable(),
      institutionId: z.string(),
      institutionName: z.string(),
      category: z.string(),
      retirementDate: z.string(),
      retirementAge: z.string(),
      monthsLeft: z.number().int(),
      overdue: z.boolean(),
    }),
  ),
});

export function presentForecast(f: Awaited<ReturnType<typeof districtForecast>>): z.infer<typeof forecastSchema> {
  const nameOf = (id: string) => f.institutionNames[id] ?? id;
  const label = (c: string) => quotaCategoryLabels[c as QuotaCategory] ?? c;
  return {
    asOf: f.asOf,
    years: f.years,
    totals: f.totals,
    units: f.units.map((u) => ({
      ...u,
      institutionName: nameOf(u.institutionId),
      categoryLabel: label(u.category),
    })),
    pending: f.pending.map((p) => ({
      personId: p.personId,
      name: p.name,
      institutionId: p.institutionId,
      institutionName: nameOf(p.institutionId),
      category: p.category,
      retirementDate: p.retirementDate,
      retirementAge: p.retirementAge,
      monthsLeft: p.monthsLeft,
      overdue: p.overdue,
    })),
  };
}
