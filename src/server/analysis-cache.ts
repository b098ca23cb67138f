/**
 * What the server computes from the district's data, kept per data version and bounded: the date-free part of the
 * district (ledger, duties, workload, indicators) read once per version; snapshots, rosters, statistics and findings
 * per date in small least-recently-used caches; at most a few dates computed at once, each at most once at a time.
 * A burst of requests for a hundred distinct dates therefore holds a few snapshots, not a hundred, and the event loop
 * keeps answering other requests in between.
 */
import type { Snapshot } from '../analysis/snapshot.js';
import { diagnoseDistrict, districtStatistics } from '../commands/diagnose.js';
import type { CommandContext } from '../commands/context.js';
import { dutyCatalogBytes, loadDutyCatalog, type DutyCatalog } from '../commands/duties.js';
import { loadRoster, rosterBytes, type Roster } from '../commands/people.js';
import { loadDistrictBase, snapshotOn, type DistrictBase } from '../commands/snapshot.js';
import { BoundedCache, Gate } from './bounded-cache.js';
import type { ChangeFeed } from './change-feed.js';
import { presentFindings, presentStatistics } from './presenters/analysis.presenter.js';
import { cachedJson, readyJsonBytes, type CachedJson } from './ready-json.js';

export type { CachedJson } from './ready-json.js';

type PresentedStatistics = ReturnType<typeof presentStatistics>;
type PresentedFindings = ReturnType<typeof presentFindings>;

export interface AnalysisCacheLimits {
  /** snapshots (and rosters) kept, each a whole district on one date */
  dates: number;
  /** statistics and findings kept (each kind), and the bytes they may hold together */
  answers: number;
  answerBytes: number;
  /** dates read and folded at the same time */
  concurrentDates: number;
}

export const defaultAnalysisCacheLimits: AnalysisCacheLimits = {
  dates: 4,
  answers: 16,
  answerBytes: 64 * 1024 * 1024,
  concurrentDates: 1,
};

export class AnalysisCache {
  private readonly base: BoundedCache<DistrictBase>;
  private readonly snapshots: BoundedCache<Snapshot>;
  private readonly rosters: BoundedCache<Roster>;
  private readonly duties: BoundedCache<DutyCatalog>;
  private readonly stats: BoundedCache<CachedJson<PresentedStatistics>>;
  private readonly findings: BoundedCache<CachedJson<PresentedFindings>>;
  private readonly all: Pick<BoundedCache<unknown>, 'dropOtherThan'>[];

  constructor(
    private readonly ctx: Pick<CommandContext, 'pool' | 'regionCode'>,
    private readonly feed: ChangeFeed,
    limits: Partial<AnalysisCacheLimits> = {},
  ) {
    const l = { ...defaultAnalysisCacheLimits, ...limits };
    const gate = new Gate(l.concurrentDates);
    this.base = new BoundedCache({ maxEntries: 1 });
    this.snapshots = new BoundedCache({ maxEntries: l.dates, gate });
    this.rosters = new BoundedCache({ maxEntries: l.dates, maxBytes: 512 * 1024 * 1024, sizeOf: rosterBytes, gate });
    this.duties = new BoundedCache({ maxEntries: 1, sizeOf: dutyCatalogBytes });
    const answers = { maxEntries: l.answers, maxBytes: l.answerBytes / 2 };
    this.stats = new BoundedCache({ ...answers, sizeOf: (c) => readyJsonBytes(c) });
    this.findings = new BoundedCache({ ...answers, sizeOf: (c) => readyJsonBytes(c) });
    this.all = [this.base, this.snapshots, this.rosters, this.duties, this.stats, this.findings];
    feed.onChange((c) => {
      if (!c.dataChanged) return;
      for (const cache of this.all) cache.dropOtherThan(feed.dataVersion);
      if (this.warmDate) this.scheduleWarm();
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
    const key = this.key(asOf);
    return this.stats.has(key) && this.findings.has(key);
  }

  /** Snapshots held now (at most the `dates` limit). */
  get heldDates(): number {
    return this.snapshots.size;
  }

  /** The context the analysis commands run in: the district, with snapshots from this cache. */
  private commandOn(today: string) {
    return { ...this.ctx, today, snapshots: (d: string) => this.snapshot(d) };
  }

  private key(asOf: string) {
    return `${this.feed.dataVersion}|${asOf}`;
  }

  private districtBase(): Promise<DistrictBase> {
    const v = this.feed.dataVersion;
    return this.base.get(String(v), () => loadDistrictBase(this.ctx), v);
  }

  /** The district on a date, read once per data version. */
  snapshot(asOf: string): Promise<Snapshot> {
    const v = this.feed.dataVersion;
    return this.snapshots.get(this.key(asOf), async () => snapshotOn(this.ctx, await this.districtBase(), asOf), v);
  }

  /** Everyone holding a post on a date, indexed for browsing. */
  roster(asOf: string): Promise<Roster> {
    return this.rosters.get(this.key(asOf), () => loadRoster(this.ctx, asOf), this.feed.dataVersion);
  }

  /** Every duty, indexed for browsing. */
  dutyCatalog(): Promise<DutyCatalog> {
    const v = this.feed.dataVersion;
    return this.duties.get(String(v), () => loadDutyCatalog(this.ctx), v);
  }

  statistics(asOf: string): Promise<CachedJson<PresentedStatistics>> {
    return this.stats.get(
      this.key(asOf),
      async () => {
        const s = await this.snapshot(asOf);
        return cachedJson(presentStatistics(await districtStatistics(this.commandOn(asOf), asOf), s));
      },
      this.feed.dataVersion,
    );
  }

  diagnostics(asOf: string): Promise<CachedJson<PresentedFindings>> {
    return this.findings.get(
      this.key(asOf),
      async () => {
        const d = await diagnoseDistrict(this.commandOn(asOf), { asOf });
        return cachedJson(presentFindings(d.findings, d.asOf));
      },
      this.feed.dataVersion,
    );
  }
}
