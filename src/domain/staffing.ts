/**
 * 用编申请 → 核准: the vacancy rule and the approval's number and validity. Pure. A unit may use vacant quota
 * (核定 − 实有 − 已核准待入编 ≥ 申请数); a unit over quota may not recruit; a unit at full quota may only replace
 * the leavers of the last months not yet replaced (出一进一). 地方各级人民政府机构设置和编制管理条例 第二十六条.
 */
import { addMonths } from './dates.js';
import { z } from 'zod';
import { quotaCategorySchema } from './vocabulary.js';

export const recruitmentChannels = [
  'exam',
  'open_recruitment',
  'selection',
  'transfer_in',
  'secondment',
  'military',
  'other',
] as const;
export const recruitmentChannelLabels: Record<(typeof recruitmentChannels)[number], string> = {
  exam: '考录',
  open_recruitment: '公开招聘',
  selection: '选调',
  transfer_in: '调任',
  secondment: '转任',
  military: '军转安置',
  other: '其他',
};
export const recruitmentChannelSchema = z.enum(recruitmentChannels, {
  message: '补充渠道应为 考录、公开招聘、选调、调任、转任、军转安置、其他 之一',
});

export const staffingRequestStatuses = ['draft', 'submitted', 'approved', 'withdrawn'] as const;
export type StaffingRequestStatus = (typeof staffingRequestStatuses)[number];
export const staffingRequestStatusLabels: Record<StaffingRequestStatus | 'expired' | 'used', string> = {
  draft: '草稿',
  submitted: '已提交待核准',
  approved: '已核准',
  withdrawn: '已撤回',
  expired: '已过期',
  used: '已用完',
};

export const staffingRequestInputSchema = z.object({
  institutionId: z.string().uuid('机构标识应为 UUID'),
  category: quotaCategorySchema,
  count: z.number().int('申请数应为整数').min(1, '申请数至少为1').max(10000, '申请数不能超过10000'),
  channel: recruitmentChannelSchema,
  reason: z.string().trim().min(1, '请写明用编理由').max(2000, '用编理由不能超过2000字'),
});
export type StaffingRequestInput = z.infer<typeof staffingRequestInputSchema>;

/** The figures of one institution and category the rule needs. */
export interface VacancyFigures {
  /** 核定 */
  approved: number;
  /** 实有: people holding a place of the category now */
  actual: number;
  /** 已核准待入编: places held by open approvals */
  reserved: number;
  /** leavers of the window not yet replaced by an approval (出一进一) */
  unreplacedLeavers: number;
}

/** 可用空编: never negative. */
export const availableVacancy = (f: VacancyFigures) => Math.max(0, f.approved - f.actual - f.reserved);

export type VacancyVerdict = { ok: true; replacement: boolean } | { ok: false; reason: string };

/** May `count` places be approved? `replacement` when only 出一进一 allows it. */
export function checkVacancy(f: VacancyFigures, count: number, months: number): VacancyVerdict {
  const figures = `核定${f.approved}名,实有${f.actual}名,已核准待入编${f.reserved}名`;
  if (f.actual > f.approved) {
    return { ok: false, reason: `超编${f.actual - f.approved}名(${figures}),超编单位不得进人` };
  }
  const vacant = availableVacancy(f);
  if (vacant >= count) return { ok: true, replacement: false };
  if (vacant === 0 && f.unreplacedLeavers >= count) return { ok: true, replacement: true };
  if (vacant === 0) {
    return {
      ok: false,
      reason: `已满编(${figures});满编单位只能出一进一,近${months}个月减员中尚未补充的只有${f.unreplacedLeavers}名,不足申请的${count}名`,
    };
  }
  return { ok: false, reason: `可用空编只有${vacant}名(${figures}),不足申请的${count}名` };
}

/** 示编用〔2026〕15号: the district's short name, the year, the sequence. */
export const staffingDocNumber = (prefix: string, year: number, seq: number) => `${prefix}编用〔${year}〕${seq}号`;

/** The date `months` months after `iso` (clamped to the month's last day): the one in dates.ts. */
export { addMonths };

/** An approval holds places while approved, not fully used and not past its expiry. */
export const isOpenApproval = (
  r: { status: string; used: number; count: number; expiresOn: string | null },
  today: string,
) => r.status === 'approved' && r.used < r.count && r.expiresOn !== null && r.expiresOn >= today;

/** 核定, 实有, 已核准待入编, 可用空编 of a set of rows. */
export interface VacancyTotals {
  approved: number;
  actual: number;
  reserved: number;
  available: number;
}

/** The rows' figures per quota category (in the order the rows first name them) and for them all. */
export function vacancyTotals<R extends VacancyTotals & { category: string }>(rows: R[]) {
  const zero = (): VacancyTotals => ({ approved: 0, actual: 0, reserved: 0, available: 0 });
  const add = (t: VacancyTotals, r: VacancyTotals) => {
    t.approved += r.approved;
    t.actual += r.actual;
    t.reserved += r.reserved;
    t.available += r.available;
  };
  const byCategory = new Map<string, VacancyTotals>();
  const total = zero();
  for (const r of rows) {
    if (!byCategory.has(r.category)) byCategory.set(r.category, zero());
    add(byCategory.get(r.category)!, r);
    add(total, r);
  }
  return { byCategory, total };
}
