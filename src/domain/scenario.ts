/** A reform scenario (方案) as a user writes it: its draft and the decision that carries it out. Pure zod. */
import { z } from 'zod';
import { calendarDateSchema } from './dates.js';
import { adjustmentItemSchema } from './ledger.js';

export const scenarioDraftSchema = z.object({
  name: z.string().trim().min(1, '方案名称不能为空').max(200),
  baseDate: calendarDateSchema('基准日期').optional(),
  /** 申请事项评估: why the change is needed, and on what it rests (机构编制管理评估办法(试行)). */
  necessity: z.string().trim().max(5000).optional(),
  basis: z.string().trim().max(5000).optional(),
  items: z.array(adjustmentItemSchema).default([]),
});

export const scenarioApplySchema = z.object({
  docNumber: z.string().trim().min(1, '文号不能为空').max(100),
  effectiveOn: calendarDateSchema('生效日期'),
  /** 执行情况评估 date; 12 months after the effective date when omitted. */
  reviewOn: calendarDateSchema('评估日期').optional(),
});
