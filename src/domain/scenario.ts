/** A reform scenario (方案) as a user writes it: its draft and the decision that carries it out. Pure zod. */
import { z } from 'zod';
import { calendarDateSchema } from './dates.js';
import { adjustmentItemSchema, institutionFieldsSchema } from './ledger.js';
import { quotaNumberSchema } from './bounds.js';
import { quotaCategorySchema } from './vocabulary.js';

/**
 * 综合执法: the enforcement units of one domain integrated into one 综合执法 team — a scenario operation, expanded
 * into ledger items when added (src/analysis/enforcement-integration.ts): the team is created; a chosen unit that is
 * an enforcement unit (its name says 执法, or it holds nothing but enforcement items) is merged into it whole (its
 * people, duties, quota, posts); from any other chosen unit its 行政处罚/行政检查 items of the domain move, with the
 * quota stated for it.
 */
export const integrateEnforcementSchema = z.object({
  op: z.literal('integrate_enforcement'),
  /** The policy domain (城市管理, 市场监管…) whose enforcement is integrated. */
  domain: z.string().trim().min(1, '请写明执法领域').max(50),
  team: institutionFieldsSchema,
  institutionIds: z.array(z.uuid('机构标识应为 UUID')).min(1, '至少选择一个执法单位').max(100),
  /** Quota that moves with the enforcement items of a unit that is kept. */
  quota: z
    .array(
      z.object({
        institutionId: z.uuid('机构标识应为 UUID'),
        category: quotaCategorySchema,
        amount: quotaNumberSchema.min(1, '划转数量至少为1'),
      }),
    )
    .default([]),
});
export type IntegrateEnforcement = z.infer<typeof integrateEnforcementSchema>;

/** What a scenario accepts: every ledger item, and the scenario operations expanded into ledger items. */
export const scenarioItemSchema = z.discriminatedUnion('op', [
  ...adjustmentItemSchema.options,
  integrateEnforcementSchema,
]);
export type ScenarioItem = z.infer<typeof scenarioItemSchema>;

export const scenarioDraftSchema = z.object({
  name: z.string().trim().min(1, '方案名称不能为空').max(200),
  baseDate: calendarDateSchema('基准日期').optional(),
  /** 申请事项评估: why the change is needed, and on what it rests (机构编制管理评估办法(试行)). */
  necessity: z.string().trim().max(5000).optional(),
  basis: z.string().trim().max(5000).optional(),
  items: z.array(scenarioItemSchema).default([]),
});

export const scenarioApplySchema = z.object({
  docNumber: z.string().trim().min(1, '文号不能为空').max(100),
  effectiveOn: calendarDateSchema('生效日期'),
  /** 执行情况评估 date; 12 months after the effective date when omitted. */
  reviewOn: calendarDateSchema('评估日期').optional(),
});
