/**
 * The answers of read routes, kept ready (JSON, gzip, ETag) per data version and per viewer, bounded in entries and
 * bytes. The viewer is part of every key: the role (what it may see unmasked), the user's institution (a reporter's
 * scope) and, for a reporter, the user (drafts it wrote) — one role's or unit's answer is never served to another.
 * Answers that follow the data (registry, roster, duties) are kept until the data changes; those that follow every
 * change (adjustments with their drafts and decisions, the audit log, users) until anything changes.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedCache } from './bounded-cache.js';
import type { ChangeFeed } from './change-feed.js';
import { readyJson, readyJsonBytes, sendReady, type ReadyJson } from './ready-json.js';

/** What an answer follows: the analysed data (`data`), or every change including drafts, decisions and users. */
export type ChangesWith = 'data' | 'anything';

export interface AnswerCacheLimits {
  entries: number;
  bytes: number;
}

export const defaultAnswerCacheLimits: AnswerCacheLimits = { entries: 4000, bytes: 96 * 1024 * 1024 };

/** Who is asking, as far as it changes an answer. */
export function viewerKey(user: FastifyRequest['user']): string {
  if (!user) return '-';
  return `${user.role}|${user.institutionId ?? ''}|${user.role === 'reporter' ? user.username : ''}`;
}

export class AnswerCache {
  private readonly byData: BoundedCache<ReadyJson>;
  private readonly byAnything: BoundedCache<ReadyJson>;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly today: () => string,
    limits: AnswerCacheLimits = defaultAnswerCacheLimits,
  ) {
    const half = { maxEntries: limits.entries / 2, maxBytes: limits.bytes / 2, sizeOf: readyJsonBytes };
    this.byData = new BoundedCache(half);
    this.byAnything = new BoundedCache(half);
    feed.onChange((c) => {
      this.byAnything.dropOtherThan(feed.version);
      if (c.dataChanged) this.byData.dropOtherThan(feed.dataVersion);
    });
  }

  /**
   * Sends the answer of a read: the kept one for this route, parameters, query, viewer and version, or `compute`'s
   * (once, however many ask together). Errors are not kept: they propagate as usual.
   */
  async send<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    compute: () => Promise<T> | T,
    opts: { changesWith?: ChangesWith; etag?: (value: T) => string } = {},
  ) {
    const changesWith = opts.changesWith ?? 'data';
    const version = changesWith === 'data' ? this.feed.dataVersion : this.feed.version;
    const cache = changesWith === 'data' ? this.byData : this.byAnything;
    const key = [
      version,
      this.today(),
      request.routeOptions.url,
      viewerKey(request.user),
      JSON.stringify(request.params),
      JSON.stringify(request.query),
    ].join('\u0001');
    const ready = await cache.get(
      key,
      async () => {
        const value = await compute();
        return readyJson(value, opts.etag?.(value));
      },
      version,
    );
    return sendReady(request, reply, ready);
  }
}
