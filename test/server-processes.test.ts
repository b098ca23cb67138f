/**
 * Real `bianzhi serve` processes on one PostgreSQL: concurrent quota edits through two processes lose no update, and a
 * server killed with SIGKILL in the middle of a commit leaves the database as it was, the retry then succeeding.
 *
 * The kill lands at a known point without any failpoint in the production code: a test trigger makes the audit append
 * (the last write of an import commit or an adjustment apply) sleep, so the server's transaction has written all its
 * data and waits, uncommitted, when the process dies.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/store/audit.repository.js';
import { useTestContext, databaseFingerprint } from './context.js';
import { buildSmallDistrict, createRoleUsers, idNumber, testPassword, type SmallDistrict } from './server-harness.js';

const t = useTestContext();
let ids: SmallDistrict;
/** Whether PostgreSQL ends a backend whose client has gone (client_connection_check_interval, Linux). */
let backendsNoticeDeadClients = false;
const workDir = mkdtempSync(join(tmpdir(), 'bianzhi-procs-'));
const running = new Set<ServerProcess>();
/** Two serve processes on the test database; a test that kills one puts its restarted successor in its place. */
let servers: ServerProcess[];

interface ServerProcess {
  url: string;
  pid: number;
  /** SIGTERM, then the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, then the exit. */
  kill(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** `bianzhi serve --port 0` on the test database; resolves once it listens. */
function serve(): Promise<ServerProcess> {
  const { DATABASE_URL: _url, BIANZHI_REGION: _region, PORT: _port, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'], {
    // TMPDIR: the upload work folder a killed server cannot remove stays in the test's own folder
    env: { ...inherited, DATABASE_URL: t.database.url, HOST: '127.0.0.1', TMPDIR: workDir, BIANZHI_DATA: workDir },
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server: ServerProcess = {
    url: '',
    pid: child.pid!,
    exited,
    stop: () => (alive() && child.kill('SIGTERM'), exited),
    kill: () => (alive() && child.kill('SIGKILL'), exited),
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not listen: ${out}\n${err}`));
    }, 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bianzhi 已启动:(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m && !server.url) {
        clearTimeout(timer);
        server.url = m[1]!;
        resolve(server);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out}\n${err}`)); // ignored once resolved
    });
  });
}

interface Answer {
  status: number;
  body: Record<string, unknown> & { message?: string };
  etag: string | null;
}

async function call(
  server: ServerProcess,
  token: string,
  method: string,
  path: string,
  opts: { json?: unknown; form?: FormData; ifMatch?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: opts.json !== undefined ? JSON.stringify(opts.json) : opts.form,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  return { status: r.status, body: (await r.json()) as Answer['body'], etag: r.headers.get('etag') };
}

async function tokenFor(server: ServerProcess, username: string): Promise<string> {
  const r = await fetch(`${server.url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: testPassword }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const chinese = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  ids = await buildSmallDistrict(t.ctx);
  await createRoleUsers(t.ctx);
  // servers started from now on get it: a backend whose client process died ends (and rolls back) by itself
  try {
    await t.ctx.pool.query(`ALTER DATABASE "${t.database.name}" SET client_connection_check_interval = '200ms'`);
    backendsNoticeDeadClients = true;
  } catch {
    backendsNoticeDeadClients = false; // not supported on this platform: the test ends the orphaned backend itself
  }
  servers = await Promise.all([serve(), serve()]);
}, 180_000);

afterAll(async () => {
  await Promise.all(
    [...running].map(async (s) => {
      const code = await Promise.race([s.stop(), sleep(5_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') await s.kill();
    }),
  );
  rmSync(workDir, { recursive: true, force: true });
}, 30_000);

describe('two server processes on the same PostgreSQL', () => {
  const quotaPath = () => `/api/institutions/${ids.audit}/quotas/admin`;

  const sqlApproved = async () =>
    (
      await t.ctx.pool.query<{ approved: number }>(
        `SELECT approved FROM quotas WHERE region_code = $1 AND institution_id = $2 AND category = 'admin'`,
        [t.ctx.regionCode, ids.audit],
      )
    ).rows[0]!.approved;

  const adjustmentsNamed = async (prefix: string) =>
    (
      await t.ctx.pool.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM adjustments WHERE region_code = $1 AND doc_number LIKE $2 GROUP BY status`,
        [t.ctx.regionCode, `${prefix}%`],
      )
    ).rows;

  it('Given two serve processes When 50 conflicting 编制 edits all read before any writes Then exactly one is accepted, the other 49 get 409 in Chinese, and nothing is lost', async () => {
    const token = await tokenFor(servers[0]!, 'approver');
    const on = (i: number) => servers[i % 2]!;

    const initial = await call(on(0), token, 'GET', quotaPath());
    expect(initial.status).toBe(200);
    const before = initial.body.approved as number;
    expect(before).toBe(await sqlApproved());

    // every editor reads first (on either process) ...
    const reads = await Promise.all(Array.from({ length: 50 }, (_, i) => call(on(i), token, 'GET', quotaPath())));
    for (const r of reads) {
      expect(r.status).toBe(200);
      expect(r.etag).toBe(`"${r.body.tag as string}"`);
    }
    // ... then all 50 write at once, read on one process and written through the other for half of them
    const deltas = Array.from({ length: 50 }, (_, i) => 1 + (i % 3));
    const writes = await Promise.all(
      reads.map((r, i) =>
        call(on(Math.floor(i / 2)), token, 'PUT', quotaPath(), {
          ifMatch: r.etag!,
          json: { approved: (r.body.approved as number) + deltas[i]!, docNumber: `并发一〔2026〕${i + 1}号` },
        }),
      ),
    );

    const statuses = writes.map((w) => w.status);
    expect(
      statuses.filter((s) => s !== 200 && s !== 409),
      JSON.stringify(writes.filter((w) => w.status >= 500)),
    ).toEqual([]);
    const accepted = writes.map((w, i) => ({ w, delta: deltas[i]! })).filter(({ w }) => w.status === 200);
    // everyone read the same number, so only the first write can still match it
    expect(accepted).toHaveLength(1);
    for (const w of writes.filter((x) => x.status === 409)) {
      expect(w.body.message).toMatch(chinese);
      expect(w.body.message).toContain('已被他人修改');
    }
    const sum = accepted.reduce((s, a) => s + a.delta, 0);
    expect(await sqlApproved()).toBe(before + sum);
    for (const s of servers) expect((await call(s, token, 'GET', quotaPath())).body.approved).toBe(before + sum);
    expect(await adjustmentsNamed('并发一')).toEqual([{ status: 'applied', n: accepted.length }]);
    expect(await verifyAuditChain(t.ctx.pool, t.ctx.regionCode)).toMatchObject({ ok: true });
  }, 60_000);

  it('Given two serve processes When 50 editors retry on 409 until accepted Then the 编制数 is the initial number plus all 50 changes', async () => {
    const token = await tokenFor(servers[1]!, 'approver');
    const before = await sqlApproved();
    const deltas = Array.from({ length: 50 }, (_, i) => 1 + ((i * 7) % 5));
    let rejected = 0;

    const editor = async (i: number) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        const read = await call(servers[(i + attempt) % 2]!, token, 'GET', quotaPath());
        expect(read.status).toBe(200);
        const write = await call(servers[(i + attempt + 1) % 2]!, token, 'PUT', quotaPath(), {
          ifMatch: read.etag!,
          json: { approved: (read.body.approved as number) + deltas[i]!, docNumber: `并发二〔2026〕${i + 1}号` },
        });
        if (write.status === 200) return write.body as { before: number; approved: number };
        expect(write.status, JSON.stringify(write.body)).toBe(409);
        expect(write.body.message).toContain('已被他人修改');
        rejected++;
        await sleep(Math.random() * Math.min(1500, 40 * 2 ** attempt)); // back off, with jitter
      }
      throw new Error(`editor ${i} never got through`);
    };
    const accepted = await Promise.all(deltas.map((_, i) => editor(i)));

    const total = deltas.reduce((a, b) => a + b, 0);
    expect(await sqlApproved()).toBe(before + total);
    for (const s of servers) expect((await call(s, token, 'GET', quotaPath())).body.approved).toBe(before + total);
    // the accepted edits form one unbroken chain: each started from the number the previous one left
    const chain = [...accepted].sort((a, b) => a.before - b.before);
    expect(chain[0]!.before).toBe(before);
    for (let k = 1; k < chain.length; k++) expect(chain[k]!.before).toBe(chain[k - 1]!.approved);
    expect(chain.at(-1)!.approved).toBe(before + total);
    // one applied set_quota adjustment per accepted edit; a refused edit leaves nothing behind
    expect(await adjustmentsNamed('并发二')).toEqual([{ status: 'applied', n: 50 }]);
    expect(rejected).toBeGreaterThan(0);
    expect(await verifyAuditChain(t.ctx.pool, t.ctx.regionCode)).toMatchObject({ ok: true });
  }, 90_000);
});

describe('a server killed with SIGKILL in the middle of a commit', () => {
  /** Makes the audit append of `action` sleep, so a request doing it waits there with its data written, uncommitted. */
  const stallAuditOf = async (action: string) => {
    await t.ctx.pool.query(`CREATE OR REPLACE FUNCTION test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$`);
    await t.ctx.pool.query(`DROP TRIGGER IF EXISTS test_stall ON audit_events`);
    await t.ctx.pool.query(`CREATE TRIGGER test_stall BEFORE INSERT ON audit_events FOR EACH ROW
      WHEN (NEW.action = '${action}') EXECUTE FUNCTION test_stall()`);
  };
  const unstall = () => t.ctx.pool.query(`DROP TRIGGER IF EXISTS test_stall ON audit_events`);

  const stalledBackend = (timeoutMs = 20_000) =>
    waitFor(
      'the server backend to stall in the audit append',
      async () =>
        (
          await t.ctx.pool.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
          )
        ).rows[0]?.pid,
      timeoutMs,
    );

  const backendGone = async (pid: number, timeoutMs: number) =>
    waitFor(
      `backend ${pid} to end`,
      async () =>
        (await t.ctx.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount ? undefined : true,
      timeoutMs,
    );

  /**
   * Sends `request` to servers[0], kills that process with SIGKILL once its transaction is stalled before the commit,
   * checks that the database is exactly as before, and restarts the server in its place. Returns the fingerprint.
   */
  async function killMidCommit(
    action: string,
    token: string,
    request: (server: ServerProcess) => Promise<unknown>,
    afterKill: () => void = () => undefined,
    stallTimeoutMs?: number,
  ) {
    const [server, other] = servers as [ServerProcess, ServerProcess];
    await stallAuditOf(action);
    const before = await databaseFingerprint(t.ctx.pool);
    const pending = request(server).then(
      () => 'answered',
      () => 'connection lost',
    );
    try {
      const pid = await stalledBackend(stallTimeoutMs);
      // the other process still answers reads while this transaction holds the district's write lock
      expect((await call(other, token, 'GET', '/api/region')).status).toBe(200);
      expect(await server.kill()).toBeNull(); // died of the signal
      expect(await pending).toBe('connection lost');
      if (backendsNoticeDeadClients) {
        await backendGone(pid, 10_000); // PostgreSQL saw the client go and rolled back on its own
      } else {
        await t.ctx.pool.query('SELECT pg_terminate_backend($1)', [pid]);
        await backendGone(pid, 10_000);
      }
    } finally {
      // whatever happened above, no stalled backend may outlive the test (it would hold the district's write lock)
      await t.ctx.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'`,
      );
      await unstall();
    }
    expect(await databaseFingerprint(t.ctx.pool)).toBe(before);
    afterKill();
    servers[0] = await serve(); // the restart
    return before;
  }

  it('Given an import of 实名制人员 When the server is killed before its commit Then nothing was written, and after a restart the same upload succeeds', async () => {
    const header =
      '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
    const people = [
      ['钱进', idNumber(201), '男', '1985-03-12', '大学本科', '区审计局', '行政编制', '科员', '', '', '2022-07-01', ''],
      ['郑洁', idNumber(202), '女', '1985-03-12', '研究生', '区审计局', '行政编制', '科员', '', '', '2023-07-01', ''],
    ];
    const csv = [header, ...people.map((r) => r.join(','))].join('\n');
    const upload = (server: ServerProcess, token: string) => {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), '实名制人员.csv');
      return call(server, token, 'POST', '/api/imports/roster?dryRun=false', { form });
    };
    const imported = async () =>
      (
        await t.ctx.pool.query(`SELECT 1 FROM persons WHERE region_code = $1 AND id_number = ANY($2)`, [
          t.ctx.regionCode,
          people.map((p) => p[1]),
        ])
      ).rowCount;

    const token = await tokenFor(servers[0]!, 'operator');
    // the killed server's upload (ID numbers) stays on disk until the next start removes it
    const killedPid = servers[0]!.pid;
    const workRoot = join(workDir, `bianzhi-work-${userInfo().uid}`);
    const foldersOfKilled = () => readdirSync(workRoot).filter((n) => n.startsWith(`${killedPid}-`));
    const before = await killMidCommit(
      'import.roster',
      token,
      (server) => upload(server, token),
      () => expect(foldersOfKilled()).toHaveLength(1),
    );
    expect(foldersOfKilled()).toEqual([]);
    expect(await imported()).toBe(0);

    const retry = await upload(servers[0]!, token);
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toMatchObject({ ok: true, dryRun: false, rows: 2, problemCount: 0 });
    expect(await imported()).toBe(2);
    expect(await databaseFingerprint(t.ctx.pool)).not.toBe(before);
    expect(await verifyAuditChain(t.ctx.pool, t.ctx.regionCode)).toMatchObject({ ok: true });
  }, 60_000);

  it('Given an approved 编制事项 When the server is killed while applying it Then the registry is unchanged, and after a restart the apply succeeds', async () => {
    const financeQuota = async () =>
      (
        await t.ctx.pool.query<{ approved: number }>(
          `SELECT approved FROM quotas WHERE region_code = $1 AND institution_id = $2 AND category = 'admin'`,
          [t.ctx.regionCode, ids.finance],
        )
      ).rows[0]!.approved;
    const first = servers[0]!;
    const operator = await tokenFor(first, 'operator');
    const approver = await tokenFor(first, 'approver');
    const draft = await call(first, operator, 'POST', '/api/adjustments', {
      json: {
        docNumber: '示编〔2025〕3号',
        title: '调整区财政局行政编制',
        effectiveOn: '2025-01-01',
        items: [{ op: 'set_quota', institutionId: ids.finance, category: 'admin', approved: 11 }],
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id as string;
    const submitted = await call(first, operator, 'POST', `/api/adjustments/${id}/submit`, { ifMatch: draft.etag! });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const approved = await call(first, approver, 'POST', `/api/adjustments/${id}/approve`, {
      ifMatch: submitted.etag!,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe('approved');
    const quotaBefore = await financeQuota();
    expect(quotaBefore).toBe(10);

    const before = await killMidCommit('adjustment.apply', operator, (server) =>
      call(server, operator, 'POST', `/api/adjustments/${id}/apply`, { ifMatch: approved.etag! }),
    );
    expect(await financeQuota()).toBe(quotaBefore);

    const second = servers[0]!;
    const after = await call(second, operator, 'GET', `/api/adjustments/${id}`);
    expect(after.body).toMatchObject({ status: 'approved' });
    expect(after.etag).toBe(approved.etag); // the same version: the killed apply left no trace
    const retry = await call(second, operator, 'POST', `/api/adjustments/${id}/apply`, { ifMatch: approved.etag! });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body.status).toBe('applied');
    expect(await financeQuota()).toBe(11);
    expect(await databaseFingerprint(t.ctx.pool)).not.toBe(before);
    expect(await verifyAuditChain(t.ctx.pool, t.ctx.regionCode)).toMatchObject({ ok: true });
  }, 60_000);

  it('Given an approved large 方案 (120 new units with quota, one taking over a unit and its people) When the server is killed while applying it Then the registry and the roster are as before, and after a restart the apply succeeds with the 调动 movements', async () => {
    const first = servers[0]!;
    const operator = await tokenFor(first, 'operator');
    const approver = await tokenFor(first, 'approver');
    const units = Array.from({ length: 120 }, (_, n) => ({
      op: 'create_institution',
      id: randomUUID(),
      name: `区改革试点服务中心${n + 1}`,
      kind: 'public_institution',
      rank: '股级',
      parentId: ids.finance,
      piClass: '公益一类',
      funding: '全额',
    }));
    const items = [
      ...units,
      ...units.map((u) => ({ op: 'set_quota', institutionId: u.id, category: 'public_service', approved: 2 })),
      // 区财政服务中心 and its people into the first new centre (区审计局 is edited by the tests above on later dates)
      { op: 'merge_institutions', sourceIds: [ids.financeCenter], targetId: units[0]!.id },
    ];
    const slow = 180_000; // every answer evaluates the scenario: all diagnostics over the district, 120 units more
    const created = await call(first, operator, 'POST', '/api/scenarios', {
      json: { name: '设立改革试点服务中心', items },
      timeoutMs: slow,
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const id = (created.body.scenario as { id: string }).id;
    const mustMove = (created.body.evaluation as { peopleAffected: unknown[] }).peopleAffected.length;
    expect(mustMove).toBeGreaterThan(0);
    expect((await call(first, operator, 'POST', `/api/scenarios/${id}/submit`, { timeoutMs: slow })).status).toBe(200);
    expect((await call(first, approver, 'POST', `/api/scenarios/${id}/approve`)).status).toBe(200);
    const transfers = async () =>
      (
        await t.ctx.pool.query(`SELECT 1 FROM movements WHERE region_code = $1 AND note = '机构调整随迁'`, [
          t.ctx.regionCode,
        ])
      ).rowCount;
    const transfersBefore = await transfers();
    let answered: Answer | undefined;
    const apply = async (server: ServerProcess) =>
      (answered = await call(server, operator, 'POST', `/api/scenarios/${id}/apply`, {
        json: { docNumber: '示编〔2026〕30号', effectiveOn: '2026-11-27' },
        timeoutMs: slow,
      }));

    // the apply evaluates the scenario first (the findings it is meant to resolve): on a loaded machine that takes a while
    const before = await killMidCommit('scenario.apply', operator, apply, undefined, 120_000).catch((e: Error) => {
      throw new Error(`${e.message}; the apply answered ${JSON.stringify(answered?.body ?? null).slice(0, 500)}`);
    });
    expect(await transfers()).toBe(transfersBefore);

    const second = servers[0]!;
    expect(
      (await call(second, operator, 'GET', `/api/scenarios/${id}`, { timeoutMs: slow })).body.scenario,
    ).toMatchObject({
      status: 'approved',
    });
    const retry = await apply(second);
    expect(retry.status, JSON.stringify(retry.body).slice(0, 300)).toBe(200);
    expect(retry.body).toMatchObject({ peopleMoved: mustMove });
    expect(await transfers()).toBe(transfersBefore! + mustMove);
    expect(await databaseFingerprint(t.ctx.pool)).not.toBe(before);
    expect(await verifyAuditChain(t.ctx.pool, t.ctx.regionCode)).toMatchObject({ ok: true });
  }, 300_000);
});
