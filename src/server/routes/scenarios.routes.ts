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
import { attachment, route, type Api } from './route-kit.js';

const scenarios = { tag: '方案' } as const;
const draft = { ...scenarios, access: 'draftAdjustments' } as const;
const read = { ...scenarios, access: 'readDistrict' } as const;

export function scenarioRoutes(app: Api, ctx: ServerContext) {
  route(app, 'GET /api/scenarios', { ...read, summary: '可见的方案(本人起草、已共享或已提交)' }, async (request) => ({
    items: (await listScenarios(ctx.command(request))).map(presentScenario),
  }));

  route(app, 'POST /api/scenarios', { ...draft, summary: '新建方案' }, async (request) =>
    presentEvaluated(await createScenario(ctx.command(request), request.body)),
  );

  route(app, 'GET /api/scenarios/:id', { ...read, summary: '方案及其评估' }, async (request) =>
    presentEvaluated(await evaluateScenario(ctx.command(request), request.params.id)),
  );

  route(app, 'POST /api/scenarios/:id/items', { ...draft, summary: '添加调整项,返回新的评估' }, async (request) =>
    presentEvaluated(await addScenarioItems(ctx.command(request), request.params.id, request.body.items)),
  );

  route(
    app,
    'DELETE /api/scenarios/:id/items/:index',
    { ...draft, summary: '删除一项调整(序号从0起),返回新的评估' },
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
    route(app, t.key, { ...scenarios, summary: t.summary, access: t.access }, async (request) =>
      presentScenario(await t.run(ctx.command(request), request.params.id)),
    );
  }

  route(
    app,
    'POST /api/scenarios/:id/apply',
    { ...scenarios, summary: '实施已批准的方案(一个编制事项,一个事务)', access: 'applyAdjustments' },
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

  route(
    app,
    'GET /api/scenarios/reviews',
    { ...read, summary: '到期的方案执行情况评估(all=true:全部已实施方案)' },
    async (request) => ({
      items: (await listScenarioReviews(ctx.command(request), { all: request.query.all === 'true' })).map((r) => ({
        ...r,
        scenario: presentScenario({ ...r.scenario }),
      })),
    }),
  );

  route(
    app,
    'POST /api/scenarios/:id/review',
    { ...draft, summary: '开展方案执行情况评估(评估日期当日或之后)' },
    async (request) => {
      const r = await reviewScenario(ctx.command(request), request.params.id);
      return { scenario: presentScenario(r.scenario), review: r.review };
    },
  );

  route(
    app,
    'POST /api/scenarios/optimize',
    { ...draft, summary: '编制优化:按工作量重新分配一类编制,存为方案草稿' },
    async (request) => {
      const r = await optimizeScenario(ctx.command(request), request.body);
      return { ...presentEvaluated(r), optimization: r.optimization };
    },
  );

  for (const format of ['xlsx', 'docx'] as const) {
    route(
      app,
      `GET /api/scenarios/compare.${format}`,
      { ...read, summary: format === 'xlsx' ? '下载方案比选表(.xlsx)' : '下载方案比选附件(.docx,公文版式)' },
      async (request, reply) => {
        const r = await exportScenarioComparison(ctx.command(request), request.query.ids, format);
        return attachment(reply, format, r.fileName).send(r.file);
      },
    );
  }

  route(app, 'POST /api/scenarios/compare', { ...read, summary: '方案比选(2至4个)' }, async (request) => ({
    scenarios: (await compareScenarios(ctx.command(request), request.body.ids)).map(presentEvaluated),
  }));
}
