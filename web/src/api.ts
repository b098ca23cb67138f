/**
 * The HTTP client: JSON in and out, the CSRF header on writes, If-Match when given, errors carry the API's Chinese
 * message. `call` is typed by the server's route contract (src/server/routes/contract.ts): the route names the path,
 * and its parameters, query, body and answer come with it.
 */
import type { z } from 'zod';
import type { ApiContract, RouteKey } from '../../src/server/routes/contract.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Called when the session has ended (401): the app shows the login page. */
let onUnauthorized: () => void = () => undefined;
export const setUnauthorizedHandler = (fn: () => void) => {
  onUnauthorized = fn;
};

interface RequestOptions {
  method?: string;
  body?: unknown;
  ifMatch?: string;
  /** Multipart upload instead of JSON. */
  form?: FormData;
  signal?: AbortSignal;
}

/** A response that web/public/early.js requested before this code loaded, taken once. */
function takeEarly(path: string): Promise<Response> | undefined {
  const early = (globalThis as { __bianzhiEarly?: Record<string, Promise<Response>> }).__bianzhiEarly;
  const r = early?.[path];
  if (r) delete early[path];
  return r;
}

async function request(path: string, opts: RequestOptions = {}): Promise<unknown> {
  const method = opts.method ?? (opts.body !== undefined || opts.form ? 'POST' : 'GET');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (opts.ifMatch) headers['If-Match'] = opts.ifMatch;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await ((method === 'GET' && !opts.signal && takeEarly(path)) ||
    fetch(path, { method, headers, body, credentials: 'same-origin', signal: opts.signal }));
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data ?? {}) as { error?: string; message?: string };
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiError(res.status, e.error ?? 'http_error', e.message ?? `请求失败(${res.status})`);
  }
  return data;
}

/** A query string from the defined values. */
export function qs(params: Record<string, unknown>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const etagOf = (r: { id: string; version: number }) => `"${r.id}.${r.version}"`;

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

type Part<K extends RouteKey, P extends string> = ApiContract[K] extends { [k in P]: infer S extends z.ZodType }
  ? S
  : never;
type Has<K extends RouteKey, P extends string> = [Part<K, P>] extends [never] ? false : true;

/** What a route answers (its presenter's schema). */
export type Answer<K extends RouteKey> = ApiContract[K]['response'] extends z.ZodType
  ? z.output<ApiContract[K]['response']>
  : never;

/** What a route takes: path parameters and body when it has them, a query when it accepts one. */
export type RouteInput<K extends RouteKey> = (Has<K, 'params'> extends true
  ? { params: z.input<Part<K, 'params'>> }
  : unknown) &
  (Has<K, 'querystring'> extends true ? { query?: Partial<z.input<Part<K, 'querystring'>>> } : unknown) &
  (Has<K, 'body'> extends true ? { body: z.input<Part<K, 'body'>> } : unknown) & {
    ifMatch?: string;
    signal?: AbortSignal;
    /** Multipart upload (imports) instead of a JSON body. */
    form?: FormData;
  };

type Optional<K extends RouteKey> = Has<K, 'params'> extends true ? false : Has<K, 'body'> extends true ? false : true;

/** The URL of a route with its parameters and query filled in. */
export function urlOf(key: RouteKey, input: { params?: object; query?: object } = {}): string {
  const path = key.slice(key.indexOf(' ') + 1);
  const params = (input.params ?? {}) as Record<string, string>;
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '')) + qs({ ...input.query });
}

/** Calls a route of the API: `call('GET /api/people/:id', { params: { id } })` → the person, typed. */
export function call<K extends RouteKey>(
  key: K,
  ...[input]: Optional<K> extends true ? [input?: RouteInput<K>] : [input: RouteInput<K>]
): Promise<Answer<K>> {
  const i = (input ?? {}) as {
    params?: object;
    query?: object;
    body?: unknown;
    ifMatch?: string;
    signal?: AbortSignal;
    form?: FormData;
  };
  const method = key.slice(0, key.indexOf(' '));
  return request(urlOf(key, i), {
    method,
    body: i.body ?? (method === 'GET' || i.form ? undefined : {}),
    ifMatch: i.ifMatch,
    signal: i.signal,
    form: i.form,
  }) as Promise<Answer<K>>;
}
