/** 登录、退出、当前用户、修改密码。 */
import { changePassword, login, logout, authPolicy } from '../../commands/users.js';
import { AppError } from '../../domain/errors.js';
import type { ServerContext } from '../app.js';
import { sessionCookie } from '../auth.js';
import { HttpError } from '../http-errors.js';
import { presentSession } from '../presenters/session.presenter.js';
import { contractOf } from './contract.js';
import type { Api } from './route-kit.js';

export function authRoutes(app: Api, ctx: ServerContext) {
  const signIn = async (username: string, password: string) => {
    try {
      return await login(ctx, username, password);
    } catch (e) {
      if (e instanceof AppError && e.code === 'forbidden') throw new HttpError(401, 'bad_credentials', e.message);
      throw e;
    }
  };
  // one count per client address across /login and /token (one limiter, one store), and one per user for password
  // changes: on top of the account lock, which counts wrong passwords per account whatever the address
  const signInLimit = app.rateLimit({ max: ctx.loginAttemptsPerMinute, timeWindow: '1 minute' });
  const passwordLimit = app.rateLimit({
    max: ctx.loginAttemptsPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `password:${request.user?.id ?? request.ip}`,
  });

  app.post(
    '/api/auth/login',
    {
      schema: { ...contractOf('POST /api/auth/login'), tags: ['登录'], summary: '登录(设置会话 Cookie)' },
      config: { access: 'public' },
      onRequest: signInLimit,
    },
    async (request, reply) => {
      const s = await signIn(request.body.username, request.body.password);
      reply.setCookie(sessionCookie, s.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        maxAge: authPolicy.sessionMinutes * 60,
      });
      return presentSession(s);
    },
  );

  app.post(
    '/api/auth/token',
    {
      schema: {
        ...contractOf('POST /api/auth/token'),
        tags: ['登录'],
        summary: '登录并取得 Bearer 令牌(脚本使用;不设 Cookie)',
      },
      config: { access: 'public' },
      onRequest: signInLimit,
    },
    async (request) => {
      const s = await signIn(request.body.username, request.body.password);
      return { token: s.token, mustChangePassword: s.mustChangePassword, user: s.user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { ...contractOf('POST /api/auth/logout'), tags: ['登录'], summary: '退出登录' },
      config: { access: 'signedIn' },
    },
    async (request, reply) => {
      await logout(ctx, request.sessionToken!);
      ctx.sessions.forget(request.sessionToken!);
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { ...contractOf('GET /api/auth/me'), tags: ['登录'], summary: '当前用户、CSRF 令牌与权限' },
      config: { access: 'signedIn' },
    },
    async (request) => {
      const u = request.user!;
      return presentSession({ user: u, csrfToken: u.csrfToken, mustChangePassword: u.mustChangePassword });
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        ...contractOf('POST /api/auth/password'),
        tags: ['登录'],
        summary: '修改自己的密码',
      },
      config: { access: 'signedIn' },
      onRequest: passwordLimit,
    },
    async (request) => {
      const token = request.sessionToken!;
      await changePassword(
        ctx.command(request),
        request.user!.username,
        request.body.current,
        request.body.next,
        token,
      );
      ctx.sessions.forget(token);
      return { ok: true as const };
    },
  );
}
