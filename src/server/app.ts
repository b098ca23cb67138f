/**
 * The HTTP server: Fastify 5 with zod schemas on every route, OpenAPI at /api/docs, cookie sessions, role guard,
 * security headers and limits. Routes are thin: validate → command → presenter.
 */
import '../config/zod-chinese.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type pg from 'pg';
import { registryAsOf } from '../commands/adjustments.js';
import { todayIso, type CommandContext } from '../commands/context.js';
import type { Scope } from '../commands/institutions.js';
import { scopeOf } from '../domain/permissions.js';
import type { RegistryState } from '../domain/ledger.js';
import { AnalysisCache } from './analysis-cache.js';
import { AnswerCache } from './answer-cache.js';
import { registerAuthGuard, SessionCache } from './auth.js';
import { ChangeFeed } from './change-feed.js';
import { answerClientError, hasUnstorableText, sendError, unstorableText } from './http-errors.js';
import { registerRoutes } from './routes/index.js';
import { removeStaleWorkFolders } from './work-folder.js';

export interface ServerOptions {
  pool: pg.Pool;
  regionCode: string;
  /** Log requests (pino, JSON lines); off in tests. */
  logger?: boolean;
  /** Login attempts per client address and minute (account lockout is separate). */
  loginAttemptsPerMinute?: number;
  /** Largest upload in bytes (imports). */
  maxUploadBytes?: number;
  /** Where the built web app is (served at /); absent = API only. */
  webRoot?: string;
  /** Today's date for commands (tests pin it). */
  today?: () => string;
  /** The drafter of an adjustment may not approve it (default true). */
  approverMustDiffer?: boolean;
  /** Compute today's statistics and findings ahead of requests, at start and after each data change. */
  warmCache?: boolean;
}

/** What the routes share: the database, caches, and how to turn a request into a command context. */
export interface ServerContext {
  pool: pg.Pool;
  regionCode: string;
  feed: ChangeFeed;
  analysis: AnalysisCache;
  /** Ready answers of the read routes, per data version and viewer. */
  answers: AnswerCache;
  sessions: SessionCache;
  currentDate: () => string;
  /** The command context of a signed-in request: the actor is the user. */
  command(request: FastifyRequest): CommandContext;
  /** The institutions the request's user may see (undefined = all). */
  scope(request: FastifyRequest): Promise<Scope>;
  registry(): Promise<RegistryState>;
  maxUploadBytes: number;
  loginAttemptsPerMinute: number;
}

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const maxUploadBytes = opts.maxUploadBytes ?? 100 * 1024 * 1024;
  const webApp = !!opts.webRoot && existsSync(join(opts.webRoot, 'index.html'));
  const app = Fastify({
    logger: opts.logger ? { level: 'warn' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
    // a malformed URL (bad %-escape) or an over-long parameter is refused before routing: answer it like any error
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
    clientErrorHandler: answerClientError, // refused by Node's HTTP parser: Chinese JSON too
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    // the web app's own routes (/机构/…) are client-side: the page handles them
    if (webApp && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ error: 'not_found', message: `请求的地址不存在:${request.method} ${request.url}` });
  });
  // JSON only (and multipart on the upload route): a form or text/plain body from another site gets 415
  app.removeContentTypeParser('text/plain');

  // uploads a killed server left behind (ID numbers) go at start: only bianzhi's own, of processes no longer running
  await removeStaleWorkFolders();
  const feed = new ChangeFeed(opts.pool, opts.regionCode);
  await feed.start();
  app.addHook('onClose', async () => feed.close());
  const sessions = new SessionCache({ pool: opts.pool, regionCode: opts.regionCode }, feed);
  const analysis = new AnalysisCache({ pool: opts.pool, regionCode: opts.regionCode }, feed);
  app.addHook('onClose', async () => analysis.close());
  const today = opts.today ?? (() => todayIso());
  const answers = new AnswerCache(feed, today);
  let registryCache: { version: number; state: Promise<RegistryState> } | undefined;
  const registry = () => {
    if (registryCache?.version !== feed.dataVersion) {
      const state = registryAsOf({ pool: opts.pool, regionCode: opts.regionCode });
      registryCache = { version: feed.dataVersion, state };
      state.catch(() => (registryCache = undefined));
    }
    return registryCache.state;
  };
  const ctx: ServerContext = {
    pool: opts.pool,
    regionCode: opts.regionCode,
    feed,
    analysis,
    answers,
    sessions,
    currentDate: today,
    maxUploadBytes,
    loginAttemptsPerMinute: opts.loginAttemptsPerMinute ?? 20,
    registry,
    command: (request) => ({
      pool: opts.pool,
      regionCode: opts.regionCode,
      actor: request.user?.username ?? 'anonymous',
      access: request.user && { role: request.user.role, scope: () => ctx.scope(request) },
      today: today(),
      approverMustDiffer: opts.approverMustDiffer ?? true,
      snapshots: (asOf) => analysis.snapshot(asOf),
      rosters: (asOf) => analysis.roster(asOf),
      dutyCatalog: () => analysis.dutyCatalog(),
    }),
    scope: async (request) =>
      request.user?.role === 'reporter' ? scopeOf(request.user, (await registry()).institutions.values()) : undefined,
  };

  // API routes (those declaring `config.access`) carry their own short header set (auth.ts apiSecurityHeaders);
  // helmet's full set is for pages. This hook must come before helmet's, which reads the option when a route is added.
  app.addHook('onRoute', (route) => {
    if (route.config && 'access' in route.config) (route as { helmet?: boolean }).helmet = false;
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: false, // served over plain HTTP on 127.0.0.1 by default
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'bianzhi 编制 API',
        description:
          '区委编办机构编制工作系统的 HTTP 接口。登录后使用 Cookie 会话(写操作须带 X-CSRF-Token),或 Authorization: Bearer 令牌。',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          cookie: { type: 'apiKey', in: 'cookie', name: 'bianzhi_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  registerAuthGuard(app, sessions);
  // text PostgreSQL cannot store (U+0000, unpaired surrogates) is refused here, not by a failing INSERT deep inside
  app.addHook('preValidation', async (request) => {
    if (hasUnstorableText(request.body) || hasUnstorableText(request.query) || hasUnstorableText(request.params)) {
      throw unstorableText();
    }
  });
  // read-your-writes: after a write, this process learns the new data version before it answers
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      await feed.refresh().catch(() => undefined);
    }
    return payload;
  });

  registerRoutes(app.withTypeProvider<ZodTypeProvider>(), ctx);
  if (webApp) {
    await app.register(fastifyStatic, {
      root: opts.webRoot!,
      prefix: '/',
      wildcard: false,
      // Vite names assets by content hash: they never change, so browsers need not ask again
      setHeaders: (res, path) => {
        if (/[\\/]assets[\\/]/.test(path)) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  await app.ready();
  if (opts.warmCache) analysis.keepWarm(today);
  return app;
}
