/**
 * What every route file shares: the typed Fastify instance, one way to declare a route from its contract entry
 * (`route`, `cachedRoute`), paged lists, version headers.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HTTPMethods,
  onRequestHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { conflict } from '../../domain/errors.js';
import type { AnswerCache, ChangesWith } from '../answer-cache.js';
import type { RouteAccess } from '../auth.js';
import { preconditionRequired } from '../http-errors.js';
import { apiContract, contractOf, type ApiContract, type RouteKey } from './contract.js';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The rows a page covers. */
export const pageWindow = (page: number, pageSize: number) => ({ offset: (page - 1) * pageSize, limit: pageSize });
export const paged = <T>(total: number, page: number, pageSize: number, items: T[]) => ({
  total,
  page,
  pageSize,
  items,
});

/** A paged list: the query's page as the command's window (an empty search is none), its rows through the presenter. */
export async function pagedList<Q extends { page: number; pageSize: number; q?: string }, R, A>(
  query: Q,
  browse: (
    f: Omit<Q, 'page' | 'pageSize'> & { q: string | undefined; offset: number; limit: number },
  ) => Promise<{ total: number; rows: R[] }>,
  present: (row: R) => A,
) {
  const { page, pageSize, ...f } = query;
  const r = await browse({ ...f, q: f.q || undefined, ...pageWindow(page, pageSize) });
  return paged(r.total, page, pageSize, r.rows.map(present));
}

/** `If-Match: "<id>.<version>"` → the version; missing → 428, another resource's tag → 409. */
export function versionFromIfMatch(request: FastifyRequest, id: string, what: string): number {
  const raw = request.headers['if-match'];
  if (!raw || Array.isArray(raw)) throw preconditionRequired();
  const m = /^(?:W\/)?"([^".]+)\.(\d{1,9})"$/.exec(raw.trim());
  if (!m || m[1] !== id) throw conflict(`${what}的版本号与当前资源不符,请刷新后重试`);
  return Number(m[2]);
}

/** `If-Match: "<tag>"` for resources versioned by content (quota numbers). */
export function tagFromIfMatch(request: FastifyRequest): string {
  const raw = request.headers['if-match'];
  if (!raw || Array.isArray(raw)) throw preconditionRequired();
  return raw.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** The schemas a route registers for its contract entry `K` (what types its request and its answer). */
type SchemaOf<K extends RouteKey> = ReturnType<typeof contractOf<K>> & { tags: string[]; summary: string };
type Handler<K extends RouteKey> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  unknown,
  SchemaOf<K>,
  ZodTypeProvider
>;
/** The request of route `K`: its params, query and body typed (and validated) by the contract. */
export type RouteRequest<K extends RouteKey> = Parameters<Handler<K>>[0];
export type RouteReply<K extends RouteKey> = Parameters<Handler<K>>[1];
/** The answer of route `K` as the contract declares it. */
export type Answer<K extends RouteKey> = ApiContract[K]['response'] extends z.ZodType
  ? z.output<ApiContract[K]['response']>
  : unknown;

/** What the OpenAPI document and the access check say of a route. */
export interface RouteDoc {
  /** its group in /api/docs */
  tag: string;
  summary: string;
  /** who may call it (checked before the handler, see auth.ts) */
  access: RouteAccess;
  onRequest?: onRequestHookHandler;
  /** the request's media types, when not JSON (an upload) */
  consumes?: string[];
}

/**
 * Declares the route of contract entry `key` (`'GET /api/users'`): method, path and schemas from the contract, tag,
 * summary and access from `doc`. The handler's request and answer are typed by the contract; a contract that answers
 * 201 sets that status.
 */
export function route<K extends RouteKey>(app: Api, key: K, doc: RouteDoc, handler: Handler<K>) {
  const at = key.indexOf(' ');
  const run = handler as unknown as RouteHandlerMethod;
  // typed for the callers above; registered untyped (the schemas validate and serialise at run time)
  (app as unknown as FastifyInstance).route({
    method: key.slice(0, at) as HTTPMethods,
    url: key.slice(at + 1),
    schema: {
      ...contractOf(key),
      tags: [doc.tag],
      summary: doc.summary,
      ...(doc.consumes && { consumes: doc.consumes }),
    } as FastifySchema,
    config: { access: doc.access },
    ...(doc.onRequest && { onRequest: doc.onRequest }),
    handler:
      'status' in apiContract[key]
        ? async function (this: FastifyInstance, request, reply) {
            const answer: unknown = await run.call(this, request, reply);
            reply.status(201);
            return answer;
          }
        : run,
  });
}

/**
 * Declares a read whose answer is kept ready (JSON, gzip, ETag) per data version and viewer (see answer-cache.ts):
 * `compute` runs only when no kept answer fits. `changesWith: 'anything'` for answers that follow drafts, decisions
 * and users too; `etag` when the resource has its own version tag.
 */
export function cachedRoute<K extends RouteKey & `GET ${string}`>(
  app: Api,
  ctx: { answers: AnswerCache },
  key: K,
  doc: RouteDoc & { changesWith?: ChangesWith; etag?: (answer: Answer<K>) => string },
  compute: (request: RouteRequest<K>) => Promise<Answer<K>>,
) {
  const { changesWith, etag, ...rest } = doc;
  const send = (request: RouteRequest<K>, reply: FastifyReply) =>
    ctx.answers.send(request, reply, () => compute(request), { changesWith, etag });
  route(app, key, rest, send as unknown as Handler<K>);
}

export const mediaTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Answers with a file to save: its media type and its (Chinese) name, encoded for Content-Disposition. */
export const attachment = (reply: FastifyReply, format: keyof typeof mediaTypes, fileName: string) =>
  reply
    .header('Content-Type', mediaTypes[format])
    .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
