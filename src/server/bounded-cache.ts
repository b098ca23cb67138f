/**
 * Bounded memory for what the server computes from the data: a least-recently-used map limited in entries and bytes
 * whose values are computed at most once at a time per key (requests arriving together share one computation), and
 * a gate that lets only a few expensive computations run at once (the others wait their turn in order), so that odd
 * reads — a hundred distinct dates — neither fill the memory nor starve the event loop.
 */

/** At most `limit` tasks run at once; the others wait in arrival order. */
export class Gate {
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next task
      else this.running--;
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}

export interface BoundedCacheOptions<V> {
  maxEntries: number;
  /** Upper bound of the bytes held (as `sizeOf` counts them); undefined = entries only. */
  maxBytes?: number;
  sizeOf?: (value: V) => number;
  /** Runs the computations of missing keys (undefined = no limit). */
  gate?: Gate;
}

interface Held<V> {
  value: V;
  bytes: number;
  tag: number;
}

export class BoundedCache<V> {
  private held = new Map<string, Held<V>>();
  private pending = new Map<string, { promise: Promise<V>; tag: number }>();
  private bytes = 0;

  constructor(private readonly opts: BoundedCacheOptions<V>) {}

  /**
   * The value of `key`, computed by `compute` when missing. `tag` (a data version) goes with the entry so that
   * `dropOtherThan` can free what a change made stale. A failed computation is not kept.
   */
  get(key: string, compute: () => Promise<V>, tag = 0): Promise<V> {
    const hit = this.held.get(key);
    if (hit) {
      this.held.delete(key); // most recently used goes last
      this.held.set(key, hit);
      return Promise.resolve(hit.value);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight.promise;
    const run = this.opts.gate ? () => this.opts.gate!.run(compute) : compute;
    const promise = run().then(
      (value) => {
        if (this.pending.get(key)?.promise === promise) {
          this.pending.delete(key);
          this.keep(key, { value, bytes: this.opts.sizeOf?.(value) ?? 0, tag });
        }
        return value;
      },
      (error: unknown) => {
        if (this.pending.get(key)?.promise === promise) this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, { promise, tag });
    return promise;
  }

  /** Whether `key` is held or being computed. */
  has(key: string): boolean {
    return this.held.has(key) || this.pending.has(key);
  }

  /** Forgets every entry made for another tag (in-flight computations finish for their callers but are not kept). */
  dropOtherThan(tag: number) {
    for (const [k, e] of this.held) if (e.tag !== tag) this.remove(k);
    for (const [k, p] of this.pending) if (p.tag !== tag) this.pending.delete(k);
  }

  clear() {
    this.held.clear();
    this.pending.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.held.size;
  }

  get heldBytes(): number {
    return this.bytes;
  }

  private keep(key: string, entry: Held<V>) {
    const max = this.opts.maxBytes ?? Infinity;
    if (entry.bytes > max) return; // larger than the whole budget: served, not kept
    this.remove(key);
    this.held.set(key, entry);
    this.bytes += entry.bytes;
    while (this.held.size > this.opts.maxEntries || this.bytes > max) {
      this.remove(this.held.keys().next().value!);
    }
  }

  private remove(key: string) {
    const e = this.held.get(key);
    if (!e) return;
    this.held.delete(key);
    this.bytes -= e.bytes;
  }
}
