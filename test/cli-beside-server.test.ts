/**
 * The CLI while the server runs on the same embedded data folder (two processes): the server publishes its
 * PostgreSQL's port (0600, beside the lock), a CLI command connects to it instead of being refused, and a locked-out
 * admin is recovered with `bianzhi user reset admin` without stopping anything. When the server stops the file goes
 * and the CLI opens the folder itself again.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'bianzhi-beside-'));
// the embedded database: DATABASE_URL and BIANZHI_REGION of the environment must not leak in
const { DATABASE_URL: _url, BIANZHI_REGION: _region, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
const env = { ...inherited, BIANZHI_DATA: dataDir };
const published = join(dataDir, 'postgres.json');
let server: ReturnType<typeof spawn> | undefined;

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL'); // only when a test failed midway
  rmSync(dataDir, { recursive: true, force: true });
});

function bianzhi(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const otpOf = (out: string, user: string) => new RegExp(`账号 ${user} 的一次性密码:([A-Za-z2-9]{16})`).exec(out)?.[1];

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: r.status, body: (await r.json()) as { mustChangePassword?: boolean; message?: string } };
}

function serve(): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], { env });
  server = child;
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen: ${out}`)), 240_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bianzhi 已启动:(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describe('the CLI beside the running server', () => {
  it('Given the server running When an admin is locked out Then user reset admin and user add work beside it; stopped, the CLI opens the folder alone', async () => {
    const init = bianzhi('init', '--region', '370102');
    expect(init.code, init.err).toBe(0);
    const firstOtp = otpOf(init.out, 'admin')!;

    const running = await serve();
    expect(statSync(published).mode & 0o777).toBe(0o600);

    // five wrong passwords lock admin: even the right one is refused now
    for (let i = 0; i < 5; i++) expect((await login(running.url, 'admin', 'wrong-password-0')).status).not.toBe(200);
    const locked = await login(running.url, 'admin', firstOtp);
    expect(locked.status).not.toBe(200);

    // the CLI beside it: no "数据目录…正被进程…使用"
    const reset = bianzhi('user', 'reset', 'admin');
    expect(reset.code, reset.err).toBe(0);
    expect(reset.err).toContain('已连接到它的数据库');
    const newOtp = otpOf(reset.out, 'admin')!;
    expect(newOtp).toBeDefined();
    const recovered = await login(running.url, 'admin', newOtp);
    expect(recovered.status, recovered.body.message).toBe(200);
    expect(recovered.body.mustChangePassword).toBe(true);

    const added = bianzhi('user', 'add', 'zhangsan', '--role', 'operator');
    expect(added.code, added.err).toBe(0);
    expect((await login(running.url, 'zhangsan', otpOf(added.out, 'zhangsan')!)).status).toBe(200);

    // the server stops: its PostgreSQL with it, the published port goes, the CLI starts its own again
    expect(await running.stop()).toBe(0);
    expect(existsSync(published)).toBe(false);
    expect(existsSync(join(dataDir, 'bianzhi.lock'))).toBe(false);
    const alone = bianzhi('user', 'reset', 'zhangsan');
    expect(alone.code, alone.err).toBe(0);
    expect(alone.err).not.toContain('已连接到它的数据库');
    expect(otpOf(alone.out, 'zhangsan')).toBeDefined();
  }, 600_000);
});
