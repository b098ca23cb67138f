/**
 * `npm start` under a process manager (systemd, Docker, a CI runner): the manager signals the npm process only. The
 * whole real process tree (npm → node server → embedded PostgreSQL and its backends) must end, freeing the port and
 * the data folder. The folder is prepared with `bianzhi init`, so the start skips the (slow) demo build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'bianzhi-npm-start-'));
const seen = new Set<number>();

// the embedded database: DATABASE_URL and BIANZHI_REGION of the environment must not leak in
const { DATABASE_URL: _url, BIANZHI_REGION: _region, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
const env = { ...inherited, BIANZHI_DATA: dataDir };

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie has ended
  } catch {
    return false;
  }
};

/** Every live descendant of `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* ended meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

async function until(what: string, ok: () => boolean | Promise<boolean>, seconds: number) {
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await new Promise((r) => setTimeout(r, 250)))
    if (await ok()) return;
  throw new Error(`not within ${seconds} s: ${what}`);
}

/** `npm start` in its own process group, as a manager runs it; resolves once the server answers. */
async function npmStart(): Promise<{ npm: ChildProcess; port: number; tree: number[]; output: () => string }> {
  const port = await freePort();
  const npm = spawn('npm', ['start'], { cwd: root, env: { ...env, PORT: String(port) }, detached: true });
  let output = '';
  npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  seen.add(npm.pid!);
  await until(
    `npm start serving on ${port}\n${output}`,
    async () => {
      if (npm.exitCode !== null) throw new Error(`npm start exited ${npm.exitCode}:\n${output}`);
      return fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
    },
    240,
  );
  const tree = descendants(npm.pid!);
  tree.forEach((p) => seen.add(p));
  return { npm, port, tree, output: () => output };
}

async function expectAllGone(started: Awaited<ReturnType<typeof npmStart>>) {
  const { npm, port, tree } = started;
  await until('npm exits', () => npm.exitCode !== null || npm.signalCode !== null, 120);
  await until(`every process of the tree ends (${tree.filter(alive).join(' ')})`, () => !tree.some(alive), 120);
  expect(await portIsFree(port)).toBe(true);
  expect(existsSync(join(dataDir, 'bianzhi.lock'))).toBe(false);
  expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  expect(started.output()).toContain('正在停止');
}

beforeAll(() => {
  const init = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'init', '--region', '370102'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (init.status !== 0) throw new Error(`init failed: ${init.stdout}\n${init.stderr}`);
  // web/dist as `npm start`'s prestart wants it: the starts below then only check it
  const build = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (build.status !== 0) throw new Error(`web build failed: ${build.stdout}\n${build.stderr}`);
}, 660_000);

afterAll(() => {
  for (const pid of seen) if (alive(pid)) process.kill(pid, 'SIGKILL'); // only what a failed test left behind
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start under a process manager', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`Given npm start serving When the npm process alone gets ${signal} Then no process of its tree survives and the port and data folder are free`, async () => {
      const started = await npmStart();
      expect(started.tree.length).toBeGreaterThanOrEqual(2); // the node server and its PostgreSQL at least
      process.kill(started.npm.pid!, signal);
      await expectAllGone(started);
      expect(started.output()).not.toContain('npm 进程已结束'); // the signal itself reached the server
    }, 600_000);
  }

  it('Given npm start serving When the npm process is killed with -9 Then the server notices and stops its PostgreSQL too', async () => {
    const started = await npmStart();
    process.kill(started.npm.pid!, 'SIGKILL');
    await expectAllGone(started);
    expect(started.output()).toContain('npm 进程已结束');
  }, 600_000);
});
