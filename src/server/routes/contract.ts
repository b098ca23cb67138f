/**
 * The API's contract, written once: every route's method and path with its parameters, query, body and answer as zod
 * schemas. The routes register their schemas from here (validation, serialisation, OpenAPI at /api/docs) and the web
 * app's client takes its types from here (web/src/api.ts), so a path, its inputs and its answer cannot drift apart.
 */
import { z } from 'zod';
import { diagnosticCodes } from '../../analysis/diagnostics/registry.js';
import { reportSections } from '../../analysis/finding.js';
import { quotaDecisionSchema } from '../../commands/adjustments.js';
import { scenarioOptimizeSchema } from '../../commands/scenarios.js';
import { newUserSchema, userChangesSchema } from '../../commands/users.js';
import { calendarDateSchema } from '../../domain/dates.js';
import { adjustmentDraftSchema } from '../../domain/ledger.js';
import { scenarioApplySchema, scenarioDraftSchema, scenarioItemSchema } from '../../domain/scenario.js';
import {
  appliedScenarioSchema,
  comparisonSchema,
  evaluatedScenarioSchema,
  optimizedScenarioSchema,
  scenarioListSchema,
  scenarioReviewListSchema,
  scenarioReviewSchema,
  scenarioSchema,
} from '../presenters/scenario.presenter.js';
import { importKinds } from '../../domain/records.js';
import { dutySourceSchema, quotaCategorySchema } from '../../domain/vocabulary.js';
import { findingsSchema, statisticsSchema } from '../presenters/analysis.presenter.js';
import { importKindsAnswer } from '../presenters/import-kinds.presenter.js';
import {
  adjustmentPreviewSchema,
  adjustmentSchema,
  adjustmentWithItemsSchema,
  appliedAdjustmentSchema,
  auditEntrySchema,
  auditVerificationSchema,
  createdUserSchema,
  dutySchema,
  importAnswerSchema,
  institutionDetailSchema,
  institutionNodeSchema,
  passwordResetSchema,
  personRecordSchema,
  personRowSchema,
  quotaAnswerSchema,
  quotaDecisionAnswerSchema,
  regionSchema,
  userSchema,
  workloadSchema,
} from '../presenters/registry.presenter.js';
import { okSchema, sessionSchema, tokenSchema } from '../presenters/session.presenter.js';
import { rosterSyncAnswerSchema } from '../presenters/roster-sync.presenter.js';
import {
  forecastSchema,
  movementCheckSchema,
  movementSchema,
  staffingOverviewSchema,
  staffingRequestSchema,
} from '../presenters/staffing.presenter.js';
import { newEntrySchema, personMovementBodySchema } from '../../commands/person-movements.js';
import { staffingRequestInputSchema } from '../../domain/staffing.js';

export const isoDate = calendarDateSchema();
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');

export const idParams = z.object({ id: z.uuid('编号格式无效') });
export const asOfQuery = z.object({ asOf: isoDate.optional().describe('截至日期(默认今天)') });
/** 总览 and 诊断 under a scenario: the district as the scenario would leave it (on the scenario's base date). */
const underScenario = { scenario: z.uuid('编号格式无效').optional().describe('方案(按方案实施后的情况统计、诊断)') };
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
const pagedOf = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(item) });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const credentials = z.object({
  username: z.string().min(1, '请输入用户名').max(100),
  password: z.string().min(1, '请输入密码').max(500),
});
const usernameParams = z.object({ username: z.string().regex(/^[a-zA-Z0-9_.-]{1,40}$/, '用户名格式无效') });
const kindParams = z.object({ kind: z.enum(importKinds) });
const quotaParams = z.object({ id: z.uuid('编号格式无效'), category: quotaCategorySchema });

/** A file download: the answer is the file itself. */
const download = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: z.any().meta({ type: 'string', format: 'binary' }) } },
});
const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 2–4 scenarios in a query: `ids=a,b,c`. */
const compareQuery = z.object({
  ids: z
    .string()
    .max(200)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(
      z.array(z.uuid('编号格式无效')).min(2, '方案比选须选择2至4个不同的方案').max(4, '方案比选须选择2至4个不同的方案'),
    ),
});

interface RouteContract {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The answer of a success (200, or `status`). */
  response: z.ZodType | ReturnType<typeof download>;
  status?: 201;
}

export const apiContract = {
  // 登录
  'POST /api/auth/login': { body: credentials, response: sessionSchema },
  'POST /api/auth/token': { body: credentials, response: tokenSchema },
  'POST /api/auth/logout': { response: okSchema },
  'GET /api/auth/me': { response: sessionSchema },
  'POST /api/auth/password': {
    body: z.object({ current: z.string().min(1).max(500), next: z.string().min(1).max(500) }),
    response: okSchema,
  },

  // 区划、机构、编制
  'GET /api/region': { response: regionSchema },
  'GET /api/institutions': {
    querystring: asOfQuery,
    response: z.object({ asOf: z.string(), items: z.array(institutionNodeSchema) }),
  },
  'GET /api/institutions/:id': { params: idParams, querystring: asOfQuery, response: institutionDetailSchema },
  'GET /api/institutions/:id/history': { params: idParams, response: listOf(adjustmentSchema) },
  'GET /api/institutions/:id/quotas/:category': { params: quotaParams, response: quotaAnswerSchema },
  'PUT /api/institutions/:id/quotas/:category': {
    params: quotaParams,
    body: quotaDecisionSchema,
    response: quotaDecisionAnswerSchema,
  },

  // 实名制、职能、工作量
  'GET /api/people': {
    querystring: asOfQuery.extend({
      institutionId: z.uuid().optional(),
      q: z.string().trim().max(50).optional(),
      category: quotaCategorySchema.optional(),
      ...pageQuery,
    }),
    response: pagedOf(personRowSchema),
  },
  'GET /api/people/:id': {
    params: idParams,
    querystring: z.object({ unmask: z.enum(['true', 'false']).default('false') }),
    response: personRecordSchema,
  },
  'GET /api/duties': {
    querystring: z.object({
      institutionId: z.uuid().optional(),
      source: dutySourceSchema.optional(),
      category: z.string().max(20).optional(),
      domain: z.string().max(50).optional(),
      q: z.string().trim().max(50).optional(),
      ...pageQuery,
    }),
    response: pagedOf(dutySchema),
  },
  'GET /api/workload': { querystring: z.object({ institutionId: z.uuid().optional() }), response: workloadSchema },

  // 编制事项
  'GET /api/adjustments': { response: listOf(adjustmentSchema) },
  'POST /api/adjustments': { body: adjustmentDraftSchema, response: adjustmentWithItemsSchema, status: 201 },
  'GET /api/adjustments/:id': { params: idParams, response: adjustmentWithItemsSchema },
  'PATCH /api/adjustments/:id': { params: idParams, body: adjustmentDraftSchema, response: adjustmentWithItemsSchema },
  'GET /api/adjustments/:id/preview': { params: idParams, response: adjustmentPreviewSchema },
  'POST /api/adjustments/:id/submit': { params: idParams, response: adjustmentSchema },
  'POST /api/adjustments/:id/approve': { params: idParams, response: adjustmentSchema },
  'POST /api/adjustments/:id/reject': { params: idParams, response: adjustmentSchema },
  'POST /api/adjustments/:id/apply': { params: idParams, response: appliedAdjustmentSchema },

  // 导入导出
  'GET /api/imports/kinds': { response: importKindsAnswer },
  'POST /api/imports/:kind': {
    params: kindParams,
    querystring: z.object({
      dryRun: z.enum(['true', 'false']).default('true'),
      docNumber: z.string().trim().min(1).max(100).optional(),
      effectiveOn: isoDate.optional(),
    }),
    response: importAnswerSchema,
  },
  'GET /api/templates/:kind': { params: kindParams, response: download(xlsx, '导入模板(.xlsx)') },
  'GET /api/exports/:kind': {
    params: kindParams,
    querystring: asOfQuery,
    response: download(xlsx, '导出的数据(.xlsx,可再导入)'),
  },

  // 实名制同步与月度名册
  'POST /api/roster/sync': {
    querystring: z.object({
      dryRun: z.enum(['true', 'false']).default('true'),
      asOf: isoDate.optional().describe('名册截止日期(默认今天):变动按此日期记录'),
      docNumber: z.string().trim().min(1).max(100).optional(),
      institutions: z.string().trim().max(2000).optional().describe('只同步这些机构(全称,逗号或顿号分隔)'),
    }),
    response: rosterSyncAnswerSchema,
  },
  'GET /api/registers/changes': {
    querystring: z.object({ month: monthSchema }),
    response: download(xlsx, '月度增减花名册(.xlsx)'),
  },
  'GET /api/registers/ledger': {
    querystring: z.object({ month: monthSchema, institutionId: z.uuid('编号格式无效').optional() }),
    response: download(xlsx, '月度编制使用台账(.xlsx)'),
  },

  // 统计与诊断
  'GET /api/statistics': { querystring: asOfQuery.extend(underScenario), response: statisticsSchema },
  'GET /api/diagnostics': {
    querystring: asOfQuery.extend({
      ...underScenario,
      code: z.enum(diagnosticCodes).optional(),
      severity: z.enum(['high', 'medium', 'low']).optional(),
      section: z.enum(reportSections).optional(),
      institutionId: z.uuid().optional(),
    }),
    response: findingsSchema,
  },
  'GET /api/reports/district.docx': { querystring: asOfQuery, response: download(docx, '调研报告(.docx)') },

  // 系统、用户、审计
  'GET /api/health': { response: okSchema },
  'GET /api/users': { response: listOf(userSchema) },
  'POST /api/users': {
    body: newUserSchema.omit({ institution: true }).extend({ institutionId: z.uuid().optional() }),
    response: createdUserSchema,
    status: 201,
  },
  'PATCH /api/users/:username': { params: usernameParams, body: userChangesSchema, response: userSchema },
  'POST /api/users/:username/reset-password': { params: usernameParams, response: passwordResetSchema },
  'GET /api/audit': {
    querystring: z.object({
      before: z.coerce.number().int().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: listOf(auditEntrySchema),
  },
  'GET /api/audit/verify': { response: auditVerificationSchema },

  // 方案
  'GET /api/scenarios': { response: scenarioListSchema },
  'POST /api/scenarios': { body: scenarioDraftSchema, response: evaluatedScenarioSchema, status: 201 },
  'GET /api/scenarios/:id': { params: idParams, response: evaluatedScenarioSchema },
  'POST /api/scenarios/:id/items': {
    params: idParams,
    body: z.object({ items: z.array(scenarioItemSchema).min(1, '至少添加一项调整') }),
    response: evaluatedScenarioSchema,
  },
  'DELETE /api/scenarios/:id/items/:index': {
    params: idParams.extend({ index: z.coerce.number().int().min(0).max(10_000) }),
    response: evaluatedScenarioSchema,
  },
  'POST /api/scenarios/:id/share': { params: idParams, response: scenarioSchema },
  'POST /api/scenarios/:id/submit': { params: idParams, response: scenarioSchema },
  'POST /api/scenarios/:id/approve': { params: idParams, response: scenarioSchema },
  'POST /api/scenarios/:id/apply': { params: idParams, body: scenarioApplySchema, response: appliedScenarioSchema },
  'POST /api/scenarios/optimize': { body: scenarioOptimizeSchema, response: optimizedScenarioSchema, status: 201 },
  'GET /api/scenarios/compare.xlsx': { querystring: compareQuery, response: download(xlsx, '方案比选表(.xlsx)') },
  'GET /api/scenarios/compare.docx': {
    querystring: compareQuery,
    response: download(docx, '方案比选附件(.docx,公文版式)'),
  },
  'POST /api/scenarios/compare': {
    body: z.object({ ids: z.array(z.uuid('编号格式无效')).min(2).max(4) }),
    response: comparisonSchema,
  },

  // 用编申请 → 核准, 人员变动, 退休与空编预测
  'GET /api/staffing/requests': { response: listOf(staffingRequestSchema) },
  'POST /api/staffing/requests': { body: staffingRequestInputSchema, response: staffingRequestSchema, status: 201 },
  'GET /api/staffing/requests/:id': { params: idParams, response: staffingRequestSchema },
  'POST /api/staffing/requests/:id/submit': { params: idParams, response: staffingRequestSchema },
  'POST /api/staffing/requests/:id/approve': { params: idParams, response: staffingRequestSchema },
  'POST /api/staffing/requests/:id/withdraw': {
    params: idParams,
    body: z.object({ reason: z.string().trim().min(1, '请写明撤回理由').max(2000, '撤回理由不能超过2000字') }),
    response: staffingRequestSchema,
  },
  'GET /api/staffing/approvals/:id/notice.docx': {
    params: idParams,
    response: download(docx, '用编核准通知单(.docx,公文格式)'),
  },
  'GET /api/staffing/overview': { response: staffingOverviewSchema },
  'POST /api/people/:id/movements': {
    params: idParams,
    body: personMovementBodySchema,
    response: movementSchema,
    status: 201,
  },
  'POST /api/people/:id/movements/check': {
    params: idParams,
    body: personMovementBodySchema,
    response: movementCheckSchema,
  },
  'POST /api/people/entries': { body: newEntrySchema, response: movementSchema, status: 201 },
  'POST /api/people/entries/check': { body: newEntrySchema, response: movementCheckSchema },
  'GET /api/forecast': {
    querystring: asOfQuery.extend({ years: z.coerce.number().int().min(1).max(30).default(5) }),
    response: forecastSchema,
  },
  'GET /api/scenarios/reviews': {
    querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
    response: scenarioReviewListSchema,
  },
  'POST /api/scenarios/:id/review': { params: idParams, response: scenarioReviewSchema },
} as const satisfies Record<string, RouteContract>;

export type ApiContract = typeof apiContract;
export type RouteKey = keyof ApiContract;

/** The schemas a route registers: its request parts and its answer under the success status. */
export function contractOf<K extends RouteKey>(key: K) {
  const { response, ...request } = apiContract[key] as ApiContract[K] & RouteContract;
  const status = ('status' in apiContract[key] ? 201 : 200) as ApiContract[K] extends { status: 201 } ? 201 : 200;
  const { status: _status, ...parts } = request;
  void _status;
  return {
    ...(parts as Omit<ApiContract[K], 'response' | 'status'>),
    response: { [status]: response } as Record<typeof status, ApiContract[K]['response']>,
  };
}
