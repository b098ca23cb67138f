/**
 * Every error becomes a Chinese JSON answer with a status, in one place. Nothing from inside (stack, SQL, file
 * paths) ever reaches the client: unknown errors are logged with the request id and answered with that id only.
 */
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode } from '../domain/errors.js';

export const statusOf: Record<AppErrorCode, number> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invariant: 422,
  locked: 423,
  database: 503,
};

/** HTTP-level errors raised by the server itself (not by commands). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const unauthenticated = () => new HttpError(401, 'unauthenticated', '未登录或登录已过期,请重新登录');
export const notPermitted = () => new HttpError(403, 'forbidden', '当前角色无权执行此操作');
export const csrfRejected = () => new HttpError(403, 'csrf', '请求缺少有效的 X-CSRF-Token(请刷新页面后重试)');
export const mustChangePassword = () => new HttpError(403, 'must_change_password', '请先修改初始密码');
export const preconditionRequired = () =>
  new HttpError(428, 'precondition_required', '修改请求须带 If-Match 版本号(先读取资源,使用其 ETag)');

export const unstorableText = () =>
  new HttpError(400, 'validation', '输入中含有无法保存的字符(如 \\u0000 或不成对的代理字符)');

const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = { test: (s: string) => s.includes('\u0000') || unpairedSurrogate.test(s) };

/** Whether a parsed body, query or params holds a string (or key) with U+0000 or an unpaired surrogate. */
export function hasUnstorableText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return unstorable.test(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  return Object.entries(value).some(([k, v]) => unstorable.test(k) || hasUnstorableText(v, depth + 1));
}

const fastifyMessages: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型(Content-Type)',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空,应为 JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length 与请求体长度不符',
  FST_ERR_CTP_INVALID_TYPE: '不支持的内容类型(Content-Type)',
  FST_ERR_NOT_FOUND: '请求的地址不存在',
  FST_ERR_BAD_URL: '请求地址无效',
  FST_ERR_MAX_PARAM_LENGTH: '请求地址中的参数过长',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '上传文件须使用 multipart/form-data',
  FST_REQ_FILE_TOO_LARGE: '上传文件过大',
  FST_PARTS_LIMIT: '上传内容过多',
  FST_FILES_LIMIT: '一次只能上传一个文件',
  FST_FIELDS_LIMIT: '表单字段过多',
  FST_PROTO_VIOLATION: '上传内容格式无效',
  FST_ERR_CTP_BODY_PARSE: '请求体格式无效',
};

const validationPart: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = validationPart[(error as FastifyError).validationContext ?? ''] ?? '请求';
    const issues = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? '无效',
    }));
    return reply.status(400).send({
      error: 'validation',
      message: `${where}无效:${issues
        .slice(0, 5)
        .map((i) => (i.path ? `${i.path} ${i.message}` : i.message))
        .join(';')}`,
      issues,
    });
  }
  if (error instanceof AppError) {
    return reply
      .status(statusOf[error.code])
      .send({ error: error.code, message: error.message, details: error.details ?? null });
  }
  if (error instanceof HttpError) {
    return reply.status(error.statusCode).send({ error: error.code, message: error.message });
  }
  const fe = error as Partial<FastifyError> & { name?: string };
  if (fe.name === 'ZodError') {
    // a command's own schema refused the input
    const issues = (error as { issues: { path: (string | number)[]; message: string }[] }).issues;
    return reply.status(400).send({
      error: 'validation',
      message: `输入无效:${issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.')} ${i.message}`.trim())
        .join(';')}`,
      issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  if ((error as { code?: unknown }).code === '22021') {
    // PostgreSQL text cannot hold U+0000 (or invalid UTF-8): the input is at fault, and its transaction was rolled back
    return reply.status(400).send({ error: 'validation', message: '输入中含有不允许的字符(如 \\u0000)' });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const status = fe.statusCode;
    if (status === 429) {
      // @fastify/rate-limit's refusal carries no code of its own
      return reply.status(429).send({ error: 'too_many_requests', message: '请求过于频繁,请稍后再试' });
    }
    const message = (fe.code && fastifyMessages[fe.code]) ?? (status === 413 ? '请求体过大' : '请求无效');
    return reply.status(status).send({ error: fe.code ?? 'bad_request', message });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.status(500).send({ error: 'internal', message: `服务器内部错误(请求编号 ${request.id})` });
}

const clientErrors: Record<string, [number, string, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', '请求超时:请求未在规定时间内发送完毕'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'header_too_large', '请求头过大'],
};

/**
 * Node's HTTP parser refuses a request before Fastify sees it (a false Content-Length, a broken request line, headers
 * too large, too slow): answered in Chinese JSON instead of Fastify's `{"error":"Bad Request","message":"Client
 * Error"}`, then the connection is closed (its stream can no longer be trusted).
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, error, message] = clientErrors[err.code ?? ''] ?? [
    400,
    'Bad Request',
    'bad_request',
    '请求格式无效(请求行、请求头或 Content-Length 不符合 HTTP 规范)',
  ];
  const body = JSON.stringify({ error, message });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
