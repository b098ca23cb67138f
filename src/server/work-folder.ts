/**
 * Work folders for uploads and generated downloads (they hold personal data: ID numbers). All of them live under one
 * bianzhi-only folder in the system's temp folder, readable by this user only, and are named after the process that
 * made them (`<pid>-<random>`), so that a start removes exactly what a crashed bianzhi left behind and nothing of a
 * bianzhi process still running, nor anyone else's files.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../store/database.js';

/** The bianzhi-only temp folder (per OS user, so that users of one machine never share it). */
export const workRoot = () => join(tmpdir(), `bianzhi-work-${userInfo().uid}`);

/** A fresh folder of this process; the caller removes it (see inWorkFolder). */
export async function makeWorkFolder(): Promise<string> {
  await mkdir(workRoot(), { recursive: true, mode: 0o700 });
  return mkdtemp(join(workRoot(), `${process.pid}-`));
}

/** Runs `fn` in a fresh work folder that is removed whatever happens (success, refusal, error, client abort). */
export async function inWorkFolder<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await makeWorkFolder();
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Removes the work folders of bianzhi processes that no longer run (killed mid-import). Returns their names. */
export async function removeStaleWorkFolders(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(workRoot());
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const stale = names.filter((n) => {
    const pid = Number(/^(\d+)-/.exec(n)?.[1]);
    return pid > 0 && pid !== process.pid && !isAlive(pid);
  });
  await Promise.all(stale.map((n) => rm(join(workRoot(), n), { recursive: true, force: true })));
  return stale;
}
