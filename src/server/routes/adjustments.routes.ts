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
import { contractOf } from './contract.js';
import { versionFromIfMatch, type Api } from './route-kit.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function adjustmentRoutes(app: Api, ctx: ServerContext) {
  const loadVisible = (request: FastifyRequest, id: string) => readAdjustment(ctx.command(request), id);
  const send = <E extends object>(
    reply: FastifyReply,
    adj: Parameters<typeof presentAdjustment>[0],
    extra = {} as E,
  ) => {
    reply.header('ETag', adjustmentEtag(adj));
    return { ...presentAdjustment(adj), ...extra };
  };

  app.get(
    '/api/adjustments',
    {
      schema: { ...contractOf('GET /api/adjustments'), tags: ['编制事项'], summary: '编制事项列表' },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => {
          const rows = await listVisibleAdjustments(ctx.command(request));
          return { items: rows.map(presentAdjustment) };
        },
        { changesWith: 'anything' },
      ),
  );

  app.post(
    '/api/adjustments',
    {
      schema: { ...contractOf('POST /api/adjustments'), tags: ['编制事项'], summary: '新建编制事项草稿' },
      config: { access: 'draftAdjustments' },
    },
    async (request, reply) => {
      const adj = await createAdjustment(ctx.command(request), request.body);
      reply.status(201);
      return send(reply, adj, { items: presentItems(request.body.items) });
    },
  );

  app.get(
    '/api/adjustments/:id',
    {
      schema: {
        ...contractOf('GET /api/adjustments/:id'),
        tags: ['编制事项'],
        summary: '编制事项及其各项调整(ETag 为版本)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => {
          const { adj, items } = await loadVisible(request, request.params.id);
          return { ...presentAdjustment(adj), items: presentItems(items) };
        },
        { changesWith: 'anything', etag: adjustmentEtag },
      ),
  );

  app.patch(
    '/api/adjustments/:id',
    {
      schema: { ...contractOf('PATCH /api/adjustments/:id'), tags: ['编制事项'], summary: '修改草稿(须带 If-Match)' },
      config: { access: 'draftAdjustments' },
    },
    async (request, reply) => {
      const { adj } = await loadVisible(request, request.params.id);
      const version = versionFromIfMatch(request, adj.id, `编制事项"${adj.docNumber}"`);
      const updated = await updateAdjustmentDraft(ctx.command(request), adj.id, request.body, version);
      return send(reply, updated, { items: presentItems(request.body.items) });
    },
  );

  app.get(
    '/api/adjustments/:id/preview',
    {
      schema: {
        ...contractOf('GET /api/adjustments/:id/preview'),
        tags: ['编制事项'],
        summary: '执行前预览:将改变什么',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => {
          const p = await previewAdjustment(ctx.command(request), request.params.id);
          return { adjustment: presentAdjustment(p.adjustment), items: presentItems(p.items), diff: p.diff };
        },
        { changesWith: 'anything' },
      ),
  );

  const transitions = [
    { path: 'submit', summary: '提交审批', access: 'draftAdjustments', run: submitAdjustment },
    { path: 'approve', summary: '批准(编委)', access: 'decideAdjustments', run: approveAdjustment },
    { path: 'reject', summary: '驳回(编委)', access: 'decideAdjustments', run: rejectAdjustment },
  ] as const;
  for (const t of transitions) {
    app.post(
      `/api/adjustments/:id/${t.path}`,
      {
        schema: {
          ...contractOf(`POST /api/adjustments/:id/${t.path}`),
          tags: ['编制事项'],
          summary: `${t.summary}(须带 If-Match)`,
        },
        config: { access: t.access },
      },
      async (request, reply) => {
        const { adj } = await loadVisible(request, request.params.id);
        const version = versionFromIfMatch(request, adj.id, `编制事项"${adj.docNumber}"`);
        return send(reply, await t.run(ctx.command(request), adj.id, version));
      },
    );
  }

  app.post(
    '/api/adjustments/:id/apply',
    {
      schema: {
        ...contractOf('POST /api/adjustments/:id/apply'),
        tags: ['编制事项'],
        summary: '执行已批准的编制事项(须带 If-Match)',
      },
      config: { access: 'applyAdjustments' },
    },
    async (request, reply) => {
      const { adj } = await loadVisible(request, request.params.id);
      const version = versionFromIfMatch(request, adj.id, `编制事项"${adj.docNumber}"`);
      const r = await applyAdjustment(ctx.command(request), adj.id, { expectedVersion: version });
      return send(reply, r.adjustment, { changes: r.changes, peopleMoved: r.peopleMoved, dutiesMoved: r.dutiesMoved });
    },
  );
}
