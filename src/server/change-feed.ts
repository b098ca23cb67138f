/**
 * What this process knows of the district's changes: the last audit sequence number (any mutation) and the data
 * version (the last mutation that changed what statistics and diagnostics read — not a login, a draft or a
 * decision). Every mutation appends an audit event and NOTIFYs it on commit, so every server process on the same
 * database learns of every change within milliseconds; a slow poll covers a dropped LISTEN connection. Caches key on
 * these versions.
 */
import type pg from 'pg';
import { changeChannel, changesData, changesSince, type ChangeNotice } from '../commands/changes.js';

export interface Change {
  seq: number;
  dataChanged: boolean;
  /** users or sessions changed (sign-ins, rights, passwords) */
  usersChanged: boolean;
}

export type ChangeListener = (change: Change) => void;

export class ChangeFeed {
  private seq = 0;
  private data = 0;
  private listenClient?: pg.PoolClient;
  private pollTimer?: ReturnType<typeof setInterval>;
  private listeners: ChangeListener[] = [];
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly regionCode: string,
    private readonly pollMs = 2000,
  ) {}

  /** Moves with every mutation. */
  get version(): number {
    return this.seq;
  }

  /** Moves only with mutations of the data the analysis reads. */
  get dataVersion(): number {
    return this.data;
  }

  onChange(listener: ChangeListener) {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    await this.refresh();
    await this.listen();
    this.pollTimer = setInterval(() => void this.refresh().catch(() => undefined), this.pollMs);
    this.pollTimer.unref();
  }

  /** Reads what changed since the last known event (after this process's own writes, so it reads them back at once). */
  async refresh(): Promise<number> {
    const c = await changesSince(this.pool, this.regionCode, this.seq);
    if (c.seq > this.seq) this.advance({ seq: c.seq, dataChanged: c.dataChanged, usersChanged: c.usersChanged });
    return this.seq;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    const c = this.listenClient;
    this.listenClient = undefined;
    if (c) {
      await c.query(`UNLISTEN ${changeChannel}`).catch(() => undefined);
      c.removeAllListeners('notification');
      c.release(true); // a dedicated connection: closed, not returned to the pool
    }
  }

  private advance(change: Change) {
    this.seq = change.seq;
    if (change.dataChanged) this.data = change.seq;
    for (const l of this.listeners) l(change);
  }

  private onNotice(n: ChangeNotice) {
    if (n.regionCode !== this.regionCode || n.seq <= this.seq) return;
    if (n.seq === this.seq + 1) {
      this.advance({
        seq: n.seq,
        dataChanged: changesData(n.action),
        usersChanged: n.entity === 'user' || n.entity === 'session',
      });
    } else {
      void this.refresh().catch(() => undefined); // a gap: ask the database what the missed events were
    }
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      const c = client;
      client.on('notification', (m) => {
        if (m.channel !== changeChannel || !m.payload) return;
        try {
          this.onNotice(JSON.parse(m.payload) as ChangeNotice);
        } catch {
          // not ours
        }
      });
      client.on('error', () => {
        // the connection broke (database restart): listen again; the poll covers the gap
        if (this.listenClient !== c) return; // already given back (closing)
        this.listenClient = undefined;
        c.release(true);
        if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
      });
      this.listenClient = client;
      await client.query(`LISTEN ${changeChannel}`);
    } catch {
      if (client && this.listenClient === client) {
        this.listenClient = undefined;
        client.release(true);
      }
      if (!this.closed) setTimeout(() => void this.listen(), 1000).unref();
    }
  }
}
