/** What every route file shares: the typed Fastify instance, common zod pieces, version headers. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { conflict } from '../../domain/errors.js';
import { preconditionRequired } from '../http-errors.js';

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
