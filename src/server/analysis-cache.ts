/**
 * Statistics and diagnostics only change when the data does: computed once per (data version, date) and kept as
 * ready-to-send JSON with an ETag. Concurrent requests for the same key share one computation.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { diagnose } from '../analysis/diagnose.js';
import { defaultDiagnosticConfig } from '../analysis/config.js';
import { computeStatistics } from '../analysis/statistics.js';
import type { Snapshot } from '../analysis/snapshot.js';
import type { CommandContext } from '../commands/context.js';
import { loadSnapshot } from '../commands/snapshot.js';
import type { ChangeFeed } from './change-feed.js';
import { presentFindings, presentStatistics } from './presenters/analysis.presenter.js';

type PresentedStatistics = ReturnType<typeof presentStatistics>;
type PresentedFindings = ReturnType<typeof presentFindings>;

export interface CachedJson<T> {
  value: T;
  json: string;
  /** The same JSON gzipped once: what browsers (Accept-Encoding: gzip) get, 5–8× fewer bytes on every answer. */
  gzip: Buffer;
  etag: string;
}

interface Entry {
  snapshot: Promise<Snapshot>;
  statistics?: Promise<CachedJson<PresentedStatistics>>;
  diagnostics?: Promise<CachedJson<PresentedFindings>>;
}

const cached = <T>(value: T): CachedJson<T> => {
  const json = JSON.stringify(value);
  return {
    value,
    json,
    gzip: gzipSync(json, { level: 6 }),
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
  };
};

export class AnalysisCache {
  private entries = new Map<string, Entry>();

  constructor(
    private readonly ctx: Pick<CommandContext, 'pool' | 'regionCode'>,
    private readonly feed: ChangeFeed,
    private readonly maxEntries = 16,
  ) {
    feed.onChange((c) => {
      if (c.dataChanged) {
        this.entries.clear();
        if (this.warmDate) this.scheduleWarm();
      }
    });
  }

  private warmDate?: () => string;
  private warmTimer?: ReturnType<typeof setTimeout>;

  /**
   * Keeps today's statistics and findings computed ahead of the first request: now, and again shortly after every
   * change of the data (a burst of changes is computed once).
   */
  keepWarm(today: () => string) {
    this.warmDate = today;
    this.warm(today());
  }

  close() {
    this.warmDate = undefined;
    if (this.warmTimer) clearTimeout(this.warmTimer);
  }

  private scheduleWarm() {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => this.warmDate && this.warm(this.warmDate()), 200);
    this.warmTimer.unref();
  }

  private warm(asOf: string) {
    this.statistics(asOf).catch(() => undefined); // a failure is not kept; the next request retries and reports it
    this.diagnostics(asOf).catch(() => undefined);
  }

  /** Whether the answers for a date are held (or being computed) for the current data version. */
  holds(asOf: string): boolean {
    const e = this.entries.get(`${this.feed.dataVersion}|${asOf}`);
    return !!(e?.statistics && e.diagnostics);
  }

  /** The district on a date, read once per data version. */
  snapshot(asOf: string): Promise<Snapshot> {
    return this.entry(asOf).snapshot;
  }

  private entry(asOf: string): Entry {
    const key = `${this.feed.dataVersion}|${asOf}`;
    let e = this.entries.get(key);
    if (!e) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      e = { snapshot: loadSnapshot({ ...this.ctx, today: asOf }, asOf) };
      e.snapshot.catch(() => this.entries.delete(key)); // never keep a failure
      this.entries.set(key, e);
    }
    return e;
  }

  statistics(asOf: string): Promise<CachedJson<PresentedStatistics>> {
    const e = this.entry(asOf);
    e.statistics ??= e.snapshot.then((s) => {
      return cached(presentStatistics(computeStatistics(s), s));
    });
    return e.statistics;
  }

  diagnostics(asOf: string): Promise<CachedJson<PresentedFindings>> {
    const e = this.entry(asOf);
    e.diagnostics ??= e.snapshot.then((s) => {
      return cached(presentFindings(diagnose(s, defaultDiagnosticConfig), s.asOf));
    });
    return e.diagnostics;
  }
}
