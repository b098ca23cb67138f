/** 方案:起草、逐项评估、比选、提交、批准、实施。方案在共享或提交前仅起草人可见(见 src/commands/scenarios.ts)。 */
import {
  addScenarioItems,
  applyScenario,
  approveScenario,
  compareScenarios,
  createScenario,
  evaluateScenario,
  listScenarioReviews,
  exportScenarioComparison,
  listScenarios,
  optimizeScenario,
  removeScenarioItemAt,
  reviewScenario,
  shareScenario,
  submitScenario,
} from '../../commands/scenarios.js';
import type { ServerContext } from '../app.js';
import { presentEvaluated, presentScenario } from '../presenters/scenario.presenter.js';
import { contractOf } from './contract.js';
import type { Api } from './route-kit.js';

const tags = ['方案'];
const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export function scenarioRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/scenarios',
    {
      schema: { ...contractOf('GET /api/scenarios'), tags, summary: '可见的方案(本人起草、已共享或已提交)' },
      config: { access: 'readDistrict' },
    },
    async (request) => ({ items: (await listScenarios(ctx.command(request))).map(presentScenario) }),
  );

  app.post(
    '/api/scenarios',
    {
      schema: { ...contractOf('POST /api/scenarios'), tags, summary: '新建方案' },
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
      schema: { ...contractOf('GET /api/scenarios/:id'), tags, summary: '方案及其评估' },
      config: { access: 'readDistrict' },
    },
    async (request) => presentEvaluated(await evaluateScenario(ctx.command(request), request.params.id)),
  );

  app.post(
    '/api/scenarios/:id/items',
    {
      schema: { ...contractOf('POST /api/scenarios/:id/items'), tags, summary: '添加调整项,返回新的评估' },
      config: { access: 'draftAdjustments' },
    },
    async (request) =>
      presentEvaluated(await addScenarioItems(ctx.command(request), request.params.id, request.body.items)),
  );

  app.delete(
    '/api/scenarios/:id/items/:index',
    {
      schema: {
        ...contractOf('DELETE /api/scenarios/:id/items/:index'),
        tags,
        summary: '删除一项调整(序号从0起),返回新的评估',
      },
      config: { access: 'draftAdjustments' },
    },
    async (request) =>
      presentEvaluated(await removeScenarioItemAt(ctx.command(request), request.params.id, request.params.index)),
  );

  const transitions = [
    { key: 'POST /api/scenarios/:id/share', summary: '共享方案', access: 'draftAdjustments', run: shareScenario },
    {
      key: 'POST /api/scenarios/:id/submit',
      summary: '提交方案(无硬约束违反时)',
      access: 'draftAdjustments',
      run: submitScenario,
    },
    {
      key: 'POST /api/scenarios/:id/approve',
      summary: '批准方案(编委,须非起草人)',
      access: 'decideAdjustments',
      run: approveScenario,
    },
  ] as const;
  for (const t of transitions) {
    app.post(
      t.key.slice('POST '.length),
      {
        schema: { ...contractOf(t.key), tags, summary: t.summary },
        config: { access: t.access },
      },
      async (request) => presentScenario(await t.run(ctx.command(request), request.params.id)),
    );
  }

  app.post(
    '/api/scenarios/:id/apply',
    {
      schema: {
        ...contractOf('POST /api/scenarios/:id/apply'),
        tags,
        summary: '实施已批准的方案(一个编制事项,一个事务)',
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

  app.get(
    '/api/scenarios/reviews',
    {
      schema: {
        ...contractOf('GET /api/scenarios/reviews'),
        tags,
        summary: '到期的方案执行情况评估(all=true:全部已实施方案)',
      },
      config: { access: 'readDistrict' },
    },
    async (request) => ({
      items: (await listScenarioReviews(ctx.command(request), { all: request.query.all === 'true' })).map((r) => ({
        ...r,
        scenario: presentScenario({ ...r.scenario }),
      })),
    }),
  );

  app.post(
    '/api/scenarios/:id/review',
    {
      schema: {
        ...contractOf('POST /api/scenarios/:id/review'),
        tags,
        summary: '开展方案执行情况评估(评估日期当日或之后)',
      },
      config: { access: 'draftAdjustments' },
    },
    async (request) => {
      const r = await reviewScenario(ctx.command(request), request.params.id);
      return { scenario: presentScenario(r.scenario), review: r.review };
    },
  );

  app.post(
    '/api/scenarios/optimize',
    {
      schema: {
        ...contractOf('POST /api/scenarios/optimize'),
        tags,
        summary: '编制优化:按工作量重新分配一类编制,存为方案草稿',
      },
      config: { access: 'draftAdjustments' },
    },
    async (request, reply) => {
      const r = await optimizeScenario(ctx.command(request), request.body);
      reply.status(201);
      return { ...presentEvaluated(r), optimization: r.optimization };
    },
  );

  for (const format of ['xlsx', 'docx'] as const) {
    app.get(
      `/api/scenarios/compare.${format}`,
      {
        schema: {
          ...contractOf(`GET /api/scenarios/compare.${format}`),
          tags,
          summary: format === 'xlsx' ? '下载方案比选表(.xlsx)' : '下载方案比选附件(.docx,公文版式)',
        },
        config: { access: 'readDistrict' },
      },
      async (request, reply) => {
        const r = await exportScenarioComparison(ctx.command(request), request.query.ids, format);
        return reply
          .header('Content-Type', mediaTypes[format])
          .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
          .send(r.file);
      },
    );
  }

  app.post(
    '/api/scenarios/compare',
    {
      schema: { ...contractOf('POST /api/scenarios/compare'), tags, summary: '方案比选(2至4个)' },
      config: { access: 'readDistrict' },
    },
    async (request) => ({
      scenarios: (await compareScenarios(ctx.command(request), request.body.ids)).map(presentEvaluated),
    }),
  );
}
