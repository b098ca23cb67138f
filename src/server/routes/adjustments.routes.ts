/** 编制事项:草稿 → 提交 → 批准 → 执行(或驳回),带差异预览;每个写操作须带 If-Match 版本号。 */
import {
  applyAdjustment,
  approveAdjustment,
  createAdjustment,
  listVisibleAdjustments,
  readAdjustment,
  previewAdjustment,
  rejectAdjustment,
  submitAdjustment,
  updateAdjustmentDraft,
} from '../../commands/adjustments.js';
import type { ServerContext } from '../app.js';
import { adjustmentEtag, presentAdjustment, presentItems } from '../presenters/registry.presenter.js';
import { cachedRoute, route, versionFromIfMatch, type Api } from './route-kit.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function adjustmentRoutes(app: Api, ctx: ServerContext) {
  const loadVisible = (request: FastifyRequest, id: string) => readAdjustment(ctx.command(request), id);
  /** The adjustment a write names, with the version its If-Match header claims. */
  const versioned = async (request: FastifyRequest, id: string) => {
    const { adj } = await loadVisible(request, id);
    return { id: adj.id, version: versionFromIfMatch(request, adj.id, `编制事项"${adj.docNumber}"`) };
  };
  const send = <E extends object>(
    reply: FastifyReply,
    adj: Parameters<typeof presentAdjustment>[0],
    extra = {} as E,
  ) => {
    reply.header('ETag', adjustmentEtag(adj));
    return { ...presentAdjustment(adj), ...extra };
  };

  const adjustments = { tag: '编制事项' } as const;
  const read = { ...adjustments, access: 'readOwnUnit', changesWith: 'anything' } as const;
  cachedRoute(app, ctx, 'GET /api/adjustments', { ...read, summary: '编制事项列表' }, async (request) => ({
    items: (await listVisibleAdjustments(ctx.command(request))).map(presentAdjustment),
  }));

  route(
    app,
    'POST /api/adjustments',
    { ...adjustments, summary: '新建编制事项草稿', access: 'draftAdjustments' },
    async (request, reply) => {
      const adj = await createAdjustment(ctx.command(request), request.body);
      return send(reply, adj, { items: presentItems(request.body.items) });
    },
  );

  cachedRoute(
    app,
    ctx,
    'GET /api/adjustments/:id',
    { ...read, summary: '编制事项及其各项调整(ETag 为版本)', etag: adjustmentEtag },
    async (request) => {
      const { adj, items } = await loadVisible(request, request.params.id);
      return { ...presentAdjustment(adj), items: presentItems(items) };
    },
  );

  route(
    app,
    'PATCH /api/adjustments/:id',
    { ...adjustments, summary: '修改草稿(须带 If-Match)', access: 'draftAdjustments' },
    async (request, reply) => {
      const adj = await versioned(request, request.params.id);
      const updated = await updateAdjustmentDraft(ctx.command(request), adj.id, request.body, adj.version);
      return send(reply, updated, { items: presentItems(request.body.items) });
    },
  );

  cachedRoute(
    app,
    ctx,
    'GET /api/adjustments/:id/preview',
    { ...read, summary: '执行前预览:将改变什么' },
    async (request) => {
      const p = await previewAdjustment(ctx.command(request), request.params.id);
      return { adjustment: presentAdjustment(p.adjustment), items: presentItems(p.items), diff: p.diff };
    },
  );

  const transitions = [
    { path: 'submit', summary: '提交审批', access: 'draftAdjustments', run: submitAdjustment },
    { path: 'approve', summary: '批准(编委)', access: 'decideAdjustments', run: approveAdjustment },
    { path: 'reject', summary: '驳回(编委)', access: 'decideAdjustments', run: rejectAdjustment },
  ] as const;
  for (const t of transitions) {
    route(
      app,
      `POST /api/adjustments/:id/${t.path}`,
      { ...adjustments, summary: `${t.summary}(须带 If-Match)`, access: t.access },
      async (request, reply) => {
        const adj = await versioned(request, request.params.id);
        return send(reply, await t.run(ctx.command(request), adj.id, adj.version));
      },
    );
  }

  route(
    app,
    'POST /api/adjustments/:id/apply',
    { ...adjustments, summary: '执行已批准的编制事项(须带 If-Match)', access: 'applyAdjustments' },
    async (request, reply) => {
      const adj = await versioned(request, request.params.id);
      const r = await applyAdjustment(ctx.command(request), adj.id, { expectedVersion: adj.version });
      return send(reply, r.adjustment, { changes: r.changes, peopleMoved: r.peopleMoved, dutiesMoved: r.dutiesMoved });
    },
  );
}
