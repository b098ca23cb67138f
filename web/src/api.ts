/** The HTTP client: JSON in and out, the CSRF header on writes, If-Match when given, errors carry the API's Chinese message. */

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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
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

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
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
  return data as T;
}

/** A query string from the defined values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const etagOf = (r: { id: string; version: number }) => `"${r.id}.${r.version}"`;

export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));
