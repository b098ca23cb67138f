import type pg from 'pg';

export type Tx = pg.PoolClient;

/** What one open transaction holds: the districts it has locked, and the last audit link it wrote for each. */
interface TxState {
  locks: Set<string>;
  auditHeads: Map<string, { seq: number; hash: string }>;
}

const openTransactions = new WeakMap<Tx, TxState>();

async function begin(client: Tx) {
  await client.query('BEGIN');
  openTransactions.set(client, { locks: new Set(), auditHeads: new Map() });
}

/** Runs `fn` in one transaction: all or nothing. The region's advisory lock serializes ledger writes. */
export async function inTransaction<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await begin(client);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    openTransactions.delete(client);
    client.release();
  }
}

/** One writer per region at a time (ledger folds, imports, the audit chain); taken once per transaction. */
export async function lockRegion(tx: Tx, regionCode: string): Promise<void> {
  const state = openTransactions.get(tx);
  if (state?.locks.has(regionCode)) return;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bianzhi:${regionCode}`]);
  state?.locks.add(regionCode);
}

/**
 * The audit chain's last link as this transaction wrote it, when it holds the district's lock (so nobody else can
 * have appended since): saves reading it back for the next event of the same transaction.
 */
export function auditHeadWritten(tx: Tx, regionCode: string) {
  const state = openTransactions.get(tx);
  return state?.locks.has(regionCode) ? state.auditHeads.get(regionCode) : undefined;
}

export function noteAuditHead(tx: Tx, regionCode: string, head: { seq: number; hash: string }) {
  openTransactions.get(tx)?.auditHeads.set(regionCode, head);
}

interface Queued<I> {
  item: I;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The queue behind both group commits (CommitGroup, SharedBatch): items that arrive while a batch is under way wait;
 * then up to `maxItems` of them go to `commit` together, one batch at a time, in the order they came. `commit` answers
 * each item of its batch, or puts some back (`again`) at the head of the queue for the next batch.
 */
class BatchQueue<I> {
  private waiting: Queued<I>[] = [];
  private running = false;

  constructor(
    private readonly commit: (batch: Queued<I>[]) => Promise<void>,
    private readonly maxItems = 64,
  ) {}

  add<T>(item: I): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ item, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Items of the batch under way that go in the next one, before those that arrived meanwhile. */
  again(items: Queued<I>[]) {
    this.waiting.unshift(...items);
  }

  private async drain() {
    this.running = true;
    try {
      while (this.waiting.length) await this.commit(this.waiting.splice(0, this.maxItems));
    } finally {
      this.running = false;
    }
  }
}

type Write = (tx: Tx) => Promise<unknown>;

/**
 * Group commit for small independent writes (a new draft 编制事项). Every write of a district appends to its audit
 * chain under the district's lock, and a commit holds that lock while PostgreSQL flushes its WAL, so one write per
 * commit caps a district at one disk flush per write and makes writers queue. Writes that arrive while a commit is
 * under way share the next one, one after the other on one connection (the lock and the chain's last link are read
 * once per group); all are answered only after the shared COMMIT, so nothing is acknowledged before it is durable.
 * A write that fails is refused with its own error and the group's other writes run again without it (a write must
 * therefore do nothing outside the database).
 */
class CommitGroup {
  private readonly queue: BatchQueue<Write>;

  constructor(
    private readonly pool: pg.Pool,
    maxWrites = 64,
  ) {
    this.queue = new BatchQueue((group) => this.commit(group), maxWrites);
  }

  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.queue.add(fn);
  }

  private async commit(group: Queued<Write>[]) {
    if (group.length === 1) {
      const w = group[0]!;
      await inTransaction(this.pool, w.item).then(w.resolve, w.reject);
      return;
    }
    let client: Tx;
    try {
      client = await this.pool.connect();
    } catch (e) {
      for (const w of group) w.reject(e);
      return;
    }
    const values: unknown[] = [];
    let failed: number | undefined;
    try {
      await begin(client);
      for (const [i, w] of group.entries()) {
        failed = i;
        values.push(await w.item(client));
      }
      failed = undefined;
      await client.query('COMMIT');
      for (const [i, w] of group.entries()) w.resolve(values[i]);
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (failed === undefined) for (const w of group) w.reject(e);
      else {
        // the write that failed is refused with its own error; the others did nothing yet and run again
        group[failed]!.reject(e);
        this.queue.again(group.filter((_, i) => i !== failed));
      }
    } finally {
      openTransactions.delete(client);
      client.release();
    }
  }
}

const commitGroups = new WeakMap<pg.Pool, CommitGroup>();

/** Like inTransaction, for small independent writes that may share a commit with others (see CommitGroup). */
export function inSharedCommit<T>(pool: pg.Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let group = commitGroups.get(pool);
  if (!group) commitGroups.set(pool, (group = new CommitGroup(pool)));
  return group.run(fn);
}

/**
 * What a shared batch answers for one of its items: a value, the error that item alone is refused with, or `again`:
 * the item is decided in the next batch (after this one's commit, so it sees what this one wrote).
 */
export type Outcome<T> = { value: T } | { error: unknown } | { again: true };

/**
 * Group commit for writes that are decided together (approvals): like CommitGroup, items that arrive while a batch
 * is under way share the next transaction, but `run` gets the whole batch at once, so it reads what the batch needs
 * in a few round trips instead of a few per item, and answers each item on its own (a refused item does not undo
 * the others; an item that must see another's write first is put off to the next batch). All are answered only after
 * the shared COMMIT. When `run` throws (a database error), the batch is rolled back and each of its items runs again
 * alone, so each gets its own answer.
 */
export class SharedBatch<I, T> {
  private readonly queue: BatchQueue<I>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly run: (tx: Tx, items: I[]) => Promise<Outcome<T>[]>,
    maxItems = 64,
  ) {
    this.queue = new BatchQueue((batch) => this.commit(batch), maxItems);
  }

  submit(item: I): Promise<T> {
    return this.queue.add(item);
  }

  private async commit(batch: Queued<I>[]): Promise<void> {
    let outcomes: Outcome<T>[];
    try {
      outcomes = await inTransaction(this.pool, (tx) =>
        this.run(
          tx,
          batch.map((w) => w.item),
        ),
      );
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else for (const w of batch) await this.commit([w]);
      return;
    }
    const again: Queued<I>[] = [];
    for (const [i, w] of batch.entries()) {
      const o = outcomes[i]!;
      if ('value' in o) w.resolve(o.value);
      else if ('error' in o) w.reject(o.error);
      else again.push(w);
    }
    this.queue.again(again);
  }
}
