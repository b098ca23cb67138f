/** 用户与角色管理、审计日志与校验(仅管理员);健康检查。 */
import { createUser, resetPassword, updateUser, usersOfDistrict } from '../../commands/users.js';
import { readAuditLog } from '../../commands/audit-log.js';
import { verifyAudit } from '../../commands/audit.js';
import { notFound } from '../../domain/errors.js';
import type { ServerContext } from '../app.js';
import { presentAudit, presentUser } from '../presenters/registry.presenter.js';
import { cachedRoute, route, versionFromIfMatch, type Api } from './route-kit.js';

const userEtag = (u: { id: string; version: number }) => `"${u.id}.${u.version}"`;

export function adminRoutes(app: Api, ctx: ServerContext) {
  route(app, 'GET /api/health', { tag: '系统', summary: '健康检查', access: 'public' }, async () => ({
    ok: true as const,
  }));

  const users = { tag: '用户', access: 'manageUsers' } as const;
  cachedRoute(app, ctx, 'GET /api/users', { ...users, summary: '用户列表', changesWith: 'anything' }, async () => ({
    items: (await usersOfDistrict(ctx)).map(presentUser),
  }));

  route(app, 'POST /api/users', { ...users, summary: '新建用户(返回一次性密码,首次登录须修改)' }, async (request) => {
    const { institutionId, ...rest } = request.body;
    const registry = await ctx.registry();
    const institution = institutionId ? registry.institutions.get(institutionId)?.name : undefined;
    if (institutionId && !institution) throw notFound(`机构 ${institutionId} `);
    const u = await createUser(ctx.command(request), { ...rest, institution });
    return { username: u.username, role: u.role, oneTimePassword: u.oneTimePassword };
  });

  route(
    app,
    'PATCH /api/users/:username',
    { ...users, summary: '修改用户的名称、角色、所属机构或停用(须带 If-Match)' },
    async (request, reply) => {
      const current = (await usersOfDistrict(ctx)).find((u) => u.username === request.params.username);
      if (!current) throw notFound(`用户"${request.params.username}"`);
      const version = versionFromIfMatch(request, current.id, `用户"${current.username}"`);
      const u = await updateUser(ctx.command(request), current.username, request.body, version);
      reply.header('ETag', userEtag(u));
      return presentUser({ ...current, ...u, role: u.role as typeof current.role });
    },
  );

  route(
    app,
    'POST /api/users/:username/reset-password',
    { ...users, summary: '重置密码(返回新的一次性密码,结束该用户的会话)' },
    async (request) => resetPassword(ctx.command(request), request.params.username),
  );

  const audit = { tag: '审计', access: 'readAudit' } as const;
  cachedRoute(
    app,
    ctx,
    'GET /api/audit',
    { ...audit, summary: '审计日志(新的在前)', changesWith: 'anything' },
    async (request) => ({
      items: (
        await readAuditLog(ctx.command(request), { beforeSeq: request.query.before, limit: request.query.limit })
      ).map(presentAudit),
    }),
  );

  route(app, 'GET /api/audit/verify', { ...audit, summary: '校验审计哈希链' }, async (request) =>
    verifyAudit(ctx.command(request)),
  );
}
