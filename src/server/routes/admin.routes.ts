/** 用户与角色管理、审计日志与校验(仅管理员);健康检查。 */
import { createUser, resetPassword, updateUser, usersOfDistrict } from '../../commands/users.js';
import { readAuditLog } from '../../commands/audit-log.js';
import { verifyAudit } from '../../commands/audit.js';
import { notFound } from '../../domain/errors.js';
import type { ServerContext } from '../app.js';
import { presentAudit, presentUser } from '../presenters/registry.presenter.js';
import { contractOf } from './contract.js';
import { versionFromIfMatch, type Api } from './route-kit.js';

const userEtag = (u: { id: string; version: number }) => `"${u.id}.${u.version}"`;

export function adminRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/health',
    { schema: { ...contractOf('GET /api/health'), tags: ['系统'], summary: '健康检查' }, config: { access: 'public' } },
    async () => ({ ok: true as const }),
  );

  app.get(
    '/api/users',
    {
      schema: { ...contractOf('GET /api/users'), tags: ['用户'], summary: '用户列表' },
      config: { access: 'manageUsers' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, async () => ({ items: (await usersOfDistrict(ctx)).map(presentUser) }), {
        changesWith: 'anything',
      }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        ...contractOf('POST /api/users'),
        tags: ['用户'],
        summary: '新建用户(返回一次性密码,首次登录须修改)',
      },
      config: { access: 'manageUsers' },
    },
    async (request, reply) => {
      const { institutionId, ...rest } = request.body;
      const registry = await ctx.registry();
      const institution = institutionId ? registry.institutions.get(institutionId)?.name : undefined;
      if (institutionId && !institution) throw notFound(`机构 ${institutionId} `);
      const u = await createUser(ctx.command(request), { ...rest, institution });
      reply.status(201);
      return { username: u.username, role: u.role, oneTimePassword: u.oneTimePassword };
    },
  );

  app.patch(
    '/api/users/:username',
    {
      schema: {
        ...contractOf('PATCH /api/users/:username'),
        tags: ['用户'],
        summary: '修改用户的名称、角色、所属机构或停用(须带 If-Match)',
      },
      config: { access: 'manageUsers' },
    },
    async (request, reply) => {
      const current = (await usersOfDistrict(ctx)).find((u) => u.username === request.params.username);
      if (!current) throw notFound(`用户"${request.params.username}"`);
      const version = versionFromIfMatch(request, current.id, `用户"${current.username}"`);
      const u = await updateUser(ctx.command(request), current.username, request.body, version);
      reply.header('ETag', userEtag(u));
      return presentUser({ ...current, ...u, role: u.role as typeof current.role });
    },
  );

  app.post(
    '/api/users/:username/reset-password',
    {
      schema: {
        ...contractOf('POST /api/users/:username/reset-password'),
        tags: ['用户'],
        summary: '重置密码(返回新的一次性密码,结束该用户的会话)',
      },
      config: { access: 'manageUsers' },
    },
    async (request) => resetPassword(ctx.command(request), request.params.username),
  );

  app.get(
    '/api/audit',
    {
      schema: {
        ...contractOf('GET /api/audit'),
        tags: ['审计'],
        summary: '审计日志(新的在前)',
      },
      config: { access: 'readAudit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => ({
          items: (
            await readAuditLog(ctx.command(request), { beforeSeq: request.query.before, limit: request.query.limit })
          ).map(presentAudit),
        }),
        { changesWith: 'anything' },
      ),
  );

  app.get(
    '/api/audit/verify',
    {
      schema: { ...contractOf('GET /api/audit/verify'), tags: ['审计'], summary: '校验审计哈希链' },
      config: { access: 'readAudit' },
    },
    async (request) => verifyAudit(ctx.command(request)),
  );
}
