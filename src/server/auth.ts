/**
 * Who is asking and may they: the session comes from the HttpOnly cookie (browsers; writes then need the session's
 * CSRF token in X-CSRF-Token) or from `Authorization: Bearer` (scripts; no ambient credential, so no CSRF). Each
 * route declares the permission it needs in its config; a route that declares none is refused, so a forgotten guard
 * fails closed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionUser } from '../commands/users.js';
import { can, type Permission } from '../domain/permissions.js';
import type { Role } from '../domain/vocabulary.js';
import type { ChangeFeed } from './change-feed.js';
import { csrfRejected, mustChangePassword, notPermitted, unauthenticated } from './http-errors.js';

export const sessionCookie = 'bianzhi_session';

export interface SignedInUser {
  id: string;
  username: string;
  role: Role;
  institutionId: string | null;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** 'public': anyone; 'signedIn': any signed-in user (even one who must still change the password). */
export type RouteAccess = Permission | 'public' | 'signedIn';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    user?: SignedInUser;
    sessionToken?: string;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The security headers of an API answer (JSON or a download, never a page): nothing may run, frame or sniff it
 * (OWASP REST Security). Pages — the web app, the API docs — get helmet's full set instead. Five fixed headers
 * instead of helmet's twelve per answer: the statistics endpoints must serve thousands of answers a second.
 */
export const apiSecurityHeaders = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** Sessions looked up in the database, kept briefly; any change to users or sessions anywhere drops them all. */
export class SessionCache {
  // the promise is kept, so that the many requests of one client arriving together share one database lookup
  private entries = new Map<string, { user: Promise<SignedInUser | undefined>; at: number }>();

  constructor(
    private readonly ctx: { pool: import('pg').Pool; regionCode: string },
    feed: ChangeFeed,
    private readonly ttlMs = 15_000,
  ) {
    feed.onChange((c) => {
      if (c.usersChanged) this.entries.clear();
    });
  }

  lookup(token: string): Promise<SignedInUser | undefined> {
    const key = createHash('sha256').update(token).digest('hex');
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.user;
    if (this.entries.size > 10_000) this.entries.clear();
    const user = sessionUser(this.ctx, token);
    const entry = { user, at: Date.now() };
    this.entries.set(key, entry);
    user.catch(() => this.entries.get(key) === entry && this.entries.delete(key)); // a failed lookup is not kept
    return user;
  }

  forget(token: string) {
    this.entries.delete(createHash('sha256').update(token).digest('hex'));
  }
}

/** Compares a presented secret in constant time (the CSRF token must not leak through timing). */
function sameSecret(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function tokenOf(request: FastifyRequest): { token: string; via: 'cookie' | 'bearer' } | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), via: 'bearer' };
  const cookie = request.cookies?.[sessionCookie];
  return cookie ? { token: cookie, via: 'cookie' } : undefined;
}

export function registerAuthGuard(app: FastifyInstance, sessions: SessionCache) {
  // onRequest: before the body is even read, so a refused caller learns nothing about the route's schema
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (access) reply.headers(apiSecurityHeaders); // JSON answers: see apiSecurityHeaders
    if (request.is404 || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs') || access === 'public')
      return;
    if (!access) throw notPermitted(); // fail closed
    const t = tokenOf(request);
    const user = t && t.token.length <= 200 ? await sessions.lookup(t.token) : undefined;
    if (!user) throw unauthenticated();
    if (
      t!.via === 'cookie' &&
      !safeMethods.has(request.method) &&
      !sameSecret(request.headers['x-csrf-token'], user.csrfToken)
    ) {
      throw csrfRejected();
    }
    request.user = user;
    request.sessionToken = t!.token;
    if (access === 'signedIn') return;
    if (user.mustChangePassword) throw mustChangePassword();
    if (!can(user.role, access)) throw notPermitted();
  });
}
