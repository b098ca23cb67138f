/** 方案:起草、逐项评估、比选、提交、批准、实施。方案在共享或提交前仅起草人可见(见 src/commands/scenarios.ts)。 */
import { z } from 'zod';
import { adjustmentItemSchema } from '../../domain/ledger.js';
import {
  addScenarioItems,
  applyScenario,
  approveScenario,
  compareScenarios,
  createScenario,
  evaluateScenario,
  listScenarios,
  removeScenarioItemAt,
  scenarioApplySchema,
  scenarioDraftSchema,
  shareScenario,
  submitScenario,
} from '../../commands/scenarios.js';
import type { ServerContext } from '../app.js';
import {
  appliedScenarioSchema,
  comparisonSchema,
  evaluatedScenarioSchema,
  presentEvaluated,
  presentScenario,
  scenarioListSchema,
  scenarioSchema,
} from '../presenters/scenario.presenter.js';
import { idParams, type Api } from './route-kit.js';

const tags = ['方案'];

export function scenarioRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/scenarios',
    {
      schema: { tags, summary: '可见的方案(本人起草、已共享或已提交)', response: { 200: scenarioListSchema } },
      config: { access: 'readDistrict' },
    },
    async (request) => ({ items: (await listScenarios(ctx.command(request))).map(presentScenario) }),
  );

  app.post(
    '/api/scenarios',
    {
      schema: { tags, summary: '新建方案', body: scenarioDraftSchema, response: { 201: evaluatedScenarioSchema } },
      config: { access: 'draftAdjustments' },
    },
    async (request, reply) => {
      const r = await createScenario(ctx.command(request), request.body);
      reply.status(201);
      return presentEvaluated(r);
    },
  );

  app.get(
    '/api/scenarios/:id',
    {
      schema: { tags, summary: '方案及其评估', params: idParams, response: { 200: evaluatedScenarioSchema } },
      config: { access: 'readDistrict' },
    },
    async (request) => presentEvaluated(await evaluateScenario(ctx.command(request), request.params.id)),
  );

  app.post(
    '/api/scenarios/:id/items',
    {
      schema: {
        tags,
        summary: '添加调整项,返回新的评估',
        params: idParams,
        body: z.object({ items: z.array(adjustmentItemSchema).min(1, '至少添加一项调整') }),
        response: { 200: evaluatedScenarioSchema },
      },
      config: { access: 'draftAdjustments' },
    },
    async (request) =>
      presentEvaluated(await addScenarioItems(ctx.command(request), request.params.id, request.body.items)),
  );

  app.delete(
    '/api/scenarios/:id/items/:index',
    {
      schema: {
        tags,
        summary: '删除一项调整(序号从0起),返回新的评估',
        params: idParams.extend({ index: z.coerce.number().int().min(0).max(10_000) }),
        response: { 200: evaluatedScenarioSchema },
      },
      config: { access: 'draftAdjustments' },
    },
    async (request) =>
      presentEvaluated(await removeScenarioItemAt(ctx.command(request), request.params.id, request.params.index)),
  );

  const transitions = [
    { path: 'share', summary: '共享方案', access: 'draftAdjustments', run: shareScenario },
    { path: 'submit', summary: '提交方案(无硬约束违反时)', access: 'draftAdjustments', run: submitScenario },
    { path: 'approve', summary: '批准方案(编委,须非起草人)', access: 'decideAdjustments', run: approveScenario },
  ] as const;
  for (const t of transitions) {
    app.post(
      `/api/scenarios/:id/${t.path}`,
      {
        schema: { tags, summary: t.summary, params: idParams, response: { 200: scenarioSchema } },
        config: { access: t.access },
      },
      async (request) => presentScenario(await t.run(ctx.command(request), request.params.id)),
    );
  }

  app.post(
    '/api/scenarios/:id/apply',
    {
      schema: {
        tags,
        summary: '实施已批准的方案(一个编制事项,一个事务)',
        params: idParams,
        body: scenarioApplySchema,
        response: { 200: appliedScenarioSchema },
      },
      config: { access: 'applyAdjustments' },
    },
    async (request) => {
      const r = await applyScenario(ctx.command(request), request.params.id, request.body);
      return {
        scenario: presentScenario(r.scenario),
        changes: r.changes,
        peopleMoved: r.peopleMoved,
        dutiesMoved: r.dutiesMoved,
      };
    },
  );

  app.post(
    '/api/scenarios/compare',
    {
      schema: {
        tags,
        summary: '方案比选(2至4个)',
        body: z.object({ ids: z.array(z.uuid('编号格式无效')).min(2).max(4) }),
        response: { 200: comparisonSchema },
      },
      config: { access: 'readDistrict' },
    },
    async (request) => ({
      scenarios: (await compareScenarios(ctx.command(request), request.body.ids)).map(presentEvaluated),
    }),
  );
}
