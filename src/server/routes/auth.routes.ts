/** 登录、退出、当前用户、修改密码。 */
import { changePassword, login, logout, authPolicy } from '../../commands/users.js';
import { AppError } from '../../domain/errors.js';
import type { ServerContext } from '../app.js';
import { sessionCookie } from '../auth.js';
import { HttpError } from '../http-errors.js';
import { presentSession } from '../presenters/session.presenter.js';
import { route, type Api } from './route-kit.js';

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

  const auth = { tag: '登录' } as const;
  route(
    app,
    'POST /api/auth/login',
    { ...auth, summary: '登录(设置会话 Cookie)', access: 'public', onRequest: signInLimit },
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

  route(
    app,
    'POST /api/auth/token',
    { ...auth, summary: '登录并取得 Bearer 令牌(脚本使用;不设 Cookie)', access: 'public', onRequest: signInLimit },
    async (request) => {
      const s = await signIn(request.body.username, request.body.password);
      return { token: s.token, mustChangePassword: s.mustChangePassword, user: s.user };
    },
  );

  route(app, 'POST /api/auth/logout', { ...auth, summary: '退出登录', access: 'signedIn' }, async (request, reply) => {
    await logout(ctx, request.sessionToken!);
    ctx.sessions.forget(request.sessionToken!);
    reply.clearCookie(sessionCookie, { path: '/' });
    return { ok: true as const };
  });

  route(
    app,
    'GET /api/auth/me',
    { ...auth, summary: '当前用户、CSRF 令牌与权限', access: 'signedIn' },
    async (request) => {
      const u = request.user!;
      return presentSession({ user: u, csrfToken: u.csrfToken, mustChangePassword: u.mustChangePassword });
    },
  );

  route(
    app,
    'POST /api/auth/password',
    { ...auth, summary: '修改自己的密码', access: 'signedIn', onRequest: passwordLimit },
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
