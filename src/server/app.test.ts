/** The API's behaviour beyond access: sessions and CSRF, versions, masking and its audit, caching, errors, imports. */
import { gunzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../test/context.js';
import { signInRefused } from '../commands/users.js';
import { buildServer } from './app.js';
import { callerFor, useServerFixture, idNumber, multipart, signIn, testPassword } from '../../test/server-harness.js';

const f = useServerFixture();

describe('sessions, CSRF and login throttling', () => {
  it('Given a login When it succeeds Then the cookie is HttpOnly and SameSite=Strict, and writes need the CSRF token', async () => {
    const r = await f.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'operator', password: testPassword },
    });
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'bianzhi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const headers = { cookie: `bianzhi_session=${cookie.value}` };
    const noCsrf = await f.app.inject({ method: 'POST', url: '/api/adjustments', headers, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().message).toMatch(/CSRF/);
    const wrongCsrf = await f.app.inject({
      method: 'POST',
      url: '/api/adjustments',
      headers: { ...headers, 'x-csrf-token': 'forged' },
      payload: {},
    });
    expect(wrongCsrf.statusCode).toBe(403);
    const withCsrf = await f.app.inject({
      method: 'POST',
      url: '/api/adjustments',
      headers: { ...headers, 'x-csrf-token': r.json().csrfToken },
      payload: {},
    });
    expect(withCsrf.statusCode).toBe(400); // past the guard: the empty draft is refused on its merits
  });

  it('Given a bearer token When writing Then no CSRF token is needed (no ambient credential), and logout ends it', async () => {
    const t = await f.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { username: 'leader', password: testPassword },
    });
    expect(t.statusCode).toBe(200);
    expect(t.cookies).toHaveLength(0);
    const headers = { authorization: `Bearer ${t.json().token}` };
    expect((await f.app.inject({ method: 'GET', url: '/api/auth/me', headers })).json().user.username).toBe('leader');
    expect((await f.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('Given wrong passwords When tried five times Then the account locks, answering exactly as for an unknown user', async () => {
    await f.as.admin({ method: 'POST', url: '/api/users', payload: { username: 'victim', role: 'leader' } });
    const login = (username: string, password = 'x') =>
      f.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    const unknown = await login('no-such-user');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(signInRefused);
    for (let i = 0; i < 5; i++) {
      const r = await login('victim');
      expect({ status: r.statusCode, body: r.json() }).toEqual({ status: 401, body: unknown.json() });
    }
    const locked = await f.pool.query(`SELECT locked_until FROM users WHERE username = 'victim'`);
    expect(locked.rows[0].locked_until).not.toBeNull();
    // locked: the right password gets the same answer too, on /login and on /token
    const reset = await f.as.admin({ method: 'POST', url: '/api/users/victim/reset-password' }); // unlocks
    const otp = reset.json().oneTimePassword as string;
    for (let i = 0; i < 5; i++) await login('victim'); // locked again
    for (const url of ['/api/auth/login', '/api/auth/token']) {
      const r = await f.app.inject({ method: 'POST', url, payload: { username: 'victim', password: otp } });
      expect({ status: r.statusCode, body: r.json() }).toEqual({ status: 401, body: unknown.json() });
    }
  });

  it('Given many sign-ins from one address When over the per-minute limit across /login and /token Then 429 in Chinese', async () => {
    const strict = await buildServer({ pool: f.pool, regionCode: f.ctx.regionCode, loginAttemptsPerMinute: 3 });
    try {
      const tries = [];
      for (const url of ['/api/auth/login', '/api/auth/token', '/api/auth/login', '/api/auth/token']) {
        tries.push(await strict.inject({ method: 'POST', url, payload: { username: 'nobody', password: 'x' } }));
      }
      expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
      expect(tries[3]!.json()).toMatchObject({ error: 'too_many_requests', message: '请求过于频繁,请稍后再试' });
    } finally {
      await strict.close();
    }
  });

  it('Given password changes When tried too often Then 429, counted per user', async () => {
    const strict = await buildServer({ pool: f.pool, regionCode: f.ctx.regionCode, loginAttemptsPerMinute: 3 });
    try {
      const call = callerFor(strict, await signIn(strict, 'approver'));
      const tries = [];
      for (let i = 0; i < 4; i++) {
        // refused by the password rule before the current password is checked: nothing counts against the account
        tries.push(
          await call({ method: 'POST', url: '/api/auth/password', payload: { current: 'x', next: 'aaaaaaaaaa' } }),
        );
      }
      expect(tries.map((r) => r.statusCode)).toEqual([400, 400, 400, 429]);
      expect(tries[0]!.json().message).toMatch(/至少3类/);
      expect(tries[3]!.json().message).toBe('请求过于频繁,请稍后再试');
    } finally {
      await strict.close();
    }
  });

  it('Given two sessions When the password is changed in one Then the other ends and this one stays', async () => {
    await f.as.admin({ method: 'POST', url: '/api/users', payload: { username: 'twice', role: 'leader' } });
    const otp = (await f.as.admin({ method: 'POST', url: '/api/users/twice/reset-password' })).json()
      .oneTimePassword as string;
    const a = callerFor(f.app, await signIn(f.app, 'twice', otp));
    const b = callerFor(f.app, await signIn(f.app, 'twice', otp));
    const changed = await a({
      method: 'POST',
      url: '/api/auth/password',
      payload: { current: otp, next: 'Twice-Password-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await a({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await b({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('Given a user who must change the initial password When calling the API Then only me/password/logout work', async () => {
    const created = await f.as.admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', role: 'operator' },
    });
    expect(created.statusCode).toBe(201);
    const otp = created.json().oneTimePassword as string;
    const s = await signIn(f.app, 'newbie', otp);
    const call = callerFor(f.app, s);
    const blocked = await call({ method: 'GET', url: '/api/institutions' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toBe('请先修改初始密码');
    const changed = await call({
      method: 'POST',
      url: '/api/auth/password',
      payload: { current: otp, next: 'Newbie-Password-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/institutions' })).statusCode).toBe(200);
  });
});

describe('optimistic versions', () => {
  it('Given a draft When edited with a stale or missing If-Match Then 409 / 428 in Chinese and nothing changes', async () => {
    const draft = {
      docNumber: '示编〔2026〕31号',
      title: '调整审计局编制',
      effectiveOn: '2026-11-01',
      items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 9 }],
    };
    const created = await f.as.operator({ method: 'POST', url: '/api/adjustments', payload: draft });
    expect(created.statusCode).toBe(201);
    const etag = created.headers.etag as string;
    const id = created.json().id as string;
    const first = await f.as.operator({
      method: 'PATCH',
      url: `/api/adjustments/${id}`,
      headers: { 'if-match': etag },
      payload: { ...draft, title: '第一次修改' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    const stale = await f.as.operator({
      method: 'PATCH',
      url: `/api/adjustments/${id}`,
      headers: { 'if-match': etag },
      payload: { ...draft, title: '过时的修改' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/已被他人修改,请刷新后重试/);
    const missing = await f.as.operator({ method: 'POST', url: `/api/adjustments/${id}/submit` });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().message).toMatch(/If-Match/);
    const now = await f.as.operator({ method: 'GET', url: `/api/adjustments/${id}` });
    expect(now.json()).toMatchObject({ title: '第一次修改', version: 2, status: 'draft' });
  });

  it('Given a draft When submitted, approved and applied with its ETags Then the registry changes and 沿革 lists it', async () => {
    const created = await f.as.operator({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: '示编〔2026〕32号',
        title: '核增审计局行政编制',
        effectiveOn: '2026-11-01',
        items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 12 }],
      },
    });
    const id = created.json().id as string;
    const preview = await f.as.leader({ method: 'GET', url: `/api/adjustments/${id}/preview` });
    expect(preview.statusCode).toBe(200);
    expect(JSON.stringify(preview.json().diff)).toContain('12');
    const submitted = await f.as.operator({
      method: 'POST',
      url: `/api/adjustments/${id}/submit`,
      headers: { 'if-match': created.headers.etag as string },
    });
    const approved = await f.as.approver({
      method: 'POST',
      url: `/api/adjustments/${id}/approve`,
      headers: { 'if-match': submitted.headers.etag as string },
    });
    expect(approved.json().status).toBe('approved');
    const applied = await f.as.operator({
      method: 'POST',
      url: `/api/adjustments/${id}/apply`,
      headers: { 'if-match': approved.headers.etag as string },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().status).toBe('applied');
    const quota = await f.as.leader({ method: 'GET', url: `/api/institutions/${f.ids.audit}/quotas/admin` });
    expect(quota.json().approved).toBe(12);
    const history = await f.as.leader({ method: 'GET', url: `/api/institutions/${f.ids.audit}/history` });
    expect(history.json().items.map((a: { docNumber: string }) => a.docNumber)).toContain('示编〔2026〕32号');
  });

  it('Given a quota read When the 编委 decision is recorded with its tag Then it applies once; the same tag again is 409', async () => {
    const read = await f.as.approver({ method: 'GET', url: `/api/institutions/${f.ids.finance}/quotas/admin` });
    const tag = read.headers.etag as string;
    const put = (approved: number) =>
      f.as.approver({
        method: 'PUT',
        url: `/api/institutions/${f.ids.finance}/quotas/admin`,
        headers: { 'if-match': tag },
        payload: { approved, docNumber: `示编〔2026〕4${approved}号` },
      });
    const first = await put(read.json().approved + 1);
    expect(first.statusCode, first.body).toBe(200);
    const second = await put(read.json().approved + 2);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/区财政局.*行政编制.*已被他人修改/);
    expect(second.json().message).not.toContain('编制编制'); // the category's label already ends in 编制
    const decided = await f.pool.query(`SELECT title FROM adjustments WHERE doc_number = $1`, [
      `示编〔2026〕4${read.json().approved + 1}号`,
    ]);
    expect(decided.rows).toEqual([{ title: `核定区财政局行政编制为${read.json().approved + 1}名` }]);
    const after = await f.as.approver({ method: 'GET', url: `/api/institutions/${f.ids.finance}/quotas/admin` });
    expect(after.json().approved).toBe(read.json().approved + 1);
  });
});

describe('ID numbers', () => {
  it('Given an operator When reading a person unmasked Then the whole number is returned and the read is audited', async () => {
    const list = await f.as.operator({ method: 'GET', url: `/api/people?institutionId=${f.ids.audit}` });
    expect(list.json().items.every((p: { idNumber: string }) => /\*{8}/.test(p.idNumber))).toBe(true);
    const id = list.json().items[0].id as string;
    const r = await f.as.operator({ method: 'GET', url: `/api/people/${id}?unmask=true` });
    expect(r.json().idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(r.json().idNumberMasked).toBe(false);
    const audit = await f.pool.query(
      `SELECT actor FROM audit_events WHERE action = 'person.unmask' AND entity_id = $1`,
      [id],
    );
    expect(audit.rows).toEqual([{ actor: 'operator' }]);
    const leader = await f.as.leader({ method: 'GET', url: `/api/people/${id}?unmask=true` });
    expect(leader.statusCode).toBe(403);
  });
});

describe('cached statistics', () => {
  it('Given cached statistics When the data changes Then the next read shows it (new ETag); an unchanged read is 304', async () => {
    const a = await f.as.leader({ method: 'GET', url: '/api/statistics' });
    const etag = a.headers.etag as string;
    expect(
      (await f.as.leader({ method: 'GET', url: '/api/statistics', headers: { 'if-none-match': etag } })).statusCode,
    ).toBe(304);
    const read = await f.as.approver({
      method: 'GET',
      url: `/api/institutions/${f.ids.financeCenter}/quotas/public_service`,
    });
    await f.as.approver({
      method: 'PUT',
      url: `/api/institutions/${f.ids.financeCenter}/quotas/public_service`,
      headers: { 'if-match': read.headers.etag as string },
      payload: { approved: read.json().approved + 5, docNumber: '示编〔2026〕55号' },
    });
    const b = await f.as.leader({ method: 'GET', url: '/api/statistics' });
    expect(b.headers.etag).not.toBe(etag);
    const zipped = await f.as.leader({
      method: 'GET',
      url: '/api/statistics',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString())).toEqual(b.json());
    expect(b.json().overview.quota.public_service.approved).toBe(a.json().overview.quota.public_service.approved + 5);
  });
});

describe('errors and limits', () => {
  it('Given malformed requests When sent Then the answers are Chinese 4xx without internals, and the database is unchanged', async () => {
    const before = await databaseFingerprint(f.pool);
    const cases = [
      {
        method: 'POST' as const,
        url: '/api/adjustments',
        payload: '{"docNumber":',
        headers: { 'content-type': 'application/json' },
      },
      {
        method: 'POST' as const,
        url: '/api/adjustments',
        payload: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      {
        method: 'POST' as const,
        url: '/api/adjustments',
        payload: 'x'.repeat(2 * 1024 * 1024),
        headers: { 'content-type': 'application/json' },
      },
      { method: 'GET' as const, url: '/api/institutions/not-a-uuid' },
      { method: 'GET' as const, url: '/api/statistics?asOf=2025-02-30' },
      { method: 'GET' as const, url: '/api/people?page=-1' },
      { method: 'GET' as const, url: '/api/nowhere' },
    ];
    const statuses: number[] = [];
    for (const c of cases) {
      const r = await f.as.admin(c);
      statuses.push(r.statusCode);
      expect(r.statusCode, `${c.url} ${r.body.slice(0, 100)}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.body).not.toMatch(/node_modules|\.ts:\d+|SELECT |stack/);
    }
    expect(statuses).toEqual([400, 415, 413, 400, 400, 400, 404]);
    expect(await databaseFingerprint(f.pool)).toBe(before);
  });

  it('Given a draft item missing a field that carries no message of its own When posted Then zod says so in Chinese, not English', async () => {
    const r = await f.as.admin({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: '测〔2026〕1号',
        title: '缺少保留机构的合并',
        effectiveOn: '2026-01-01',
        items: [{ op: 'merge_institutions', sourceIds: ['0196a1b2-0000-7000-8000-000000000001'] }],
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^请求体无效:items\.0\.targetId 必须填写/);
    expect(r.body).not.toMatch(/Invalid|expected|期望|实际接收|无效输入/);
  });

  it("Given any answer Then security headers are set: a short set on API answers, helmet's full set on pages", async () => {
    for (const r of [
      await f.as.leader({ method: 'GET', url: '/api/region' }),
      await f.app.inject({ method: 'GET', url: '/api/statistics' }), // refused: 401
    ]) {
      expect(r.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-powered-by']).toBeUndefined();
    }
    const docs = await f.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['strict-transport-security']).toBeUndefined();
  });
});

describe("requests Node's HTTP parser refuses", () => {
  /** Raw bytes to the listening server (inject skips Node's parser): the whole answer until the server closes. */
  async function raw(request: string): Promise<string> {
    const { connect } = await import('node:net');
    const address = f.app.server.address() as { port: number };
    return new Promise((resolve, reject) => {
      const socket = connect(address.port, '127.0.0.1', () => socket.end(request));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  it.each([
    ['a false Content-Length', 'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n{}', 400],
    [
      'two Content-Lengths',
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      400,
    ],
    ['a broken request line', 'GET /api/health HTTP/9.x\r\n\r\n', 400],
    ['headers too large', `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ])(
    'Given %s When sent Then the answer is Chinese JSON, not Node\'s "Client Error"',
    async (_what, request, status) => {
      if (!f.app.server.listening) await f.app.listen({ host: '127.0.0.1', port: 0 });
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toMatch(/content-type: application\/json; charset=utf-8/i);
      expect(Number(/content-length: (\d+)/i.exec(head!)?.[1])).toBe(Buffer.byteLength(body!));
      const json = JSON.parse(body!) as { error: string; message: string };
      expect(json.message).toMatch(/[\u4e00-\u9fff]/);
      expect(answer).not.toMatch(/Client Error|Bad Request"/);
    },
  );
});

describe('the 调研报告 over HTTP', () => {
  it('Given a leader When downloading the report Then it is a .docx named for the district, with no 若干', async () => {
    const r = await f.as.leader({ method: 'GET', url: '/api/reports/district.docx' });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(r.headers['content-disposition'] as string)).toMatch(/示范区.*调研报告.*\.docx/);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('机构编制情况');
    expect(xml).not.toContain('若干');
  });
});

describe('imports over HTTP', () => {
  const header =
    '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
  const good = `${header}\n钱进,${idNumber(301)},男,1985-03-12,大学本科,区审计局,行政编制,科员,,,2022-07-01,`;
  const bad = `${good}\n孙亮,${idNumber(302).slice(0, 17)}0,男,1985-03-12,大学本科,区审计局,行政编制,科员,,,2022-07-01,`;

  it('Given a roster with one bad row When validated and committed Then the row error is reported and nothing is written', async () => {
    const before = await databaseFingerprint(f.pool);
    for (const dryRun of ['true', 'false']) {
      const r = await f.as.operator({
        method: 'POST',
        url: `/api/imports/roster?dryRun=${dryRun}`,
        ...multipart('人员.csv', bad),
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().ok).toBe(false);
      expect(r.json().problems[0]).toMatchObject({ row: 3, column: '公民身份号码' });
      expect(r.json().problems[0].message).toMatch(/第3行.*校验位/);
    }
    expect(await databaseFingerprint(f.pool)).toBe(before);
  });

  it('Given the fixed file When committed Then the roster changes', async () => {
    const validated = await f.as.operator({
      method: 'POST',
      url: '/api/imports/roster?dryRun=true',
      ...multipart('人员.csv', good),
    });
    expect(validated.json()).toMatchObject({ ok: true, dryRun: true });
    const committed = await f.as.operator({
      method: 'POST',
      url: '/api/imports/roster?dryRun=false',
      ...multipart('人员.csv', good),
    });
    expect(committed.json(), committed.body).toMatchObject({ ok: true, dryRun: false });
    const people = await f.as.leader({ method: 'GET', url: `/api/people?q=钱进` });
    expect(people.json().total).toBe(1);
  });

  it('Given a template and an export When downloaded Then they are xlsx workbooks with Chinese file names', async () => {
    const t = await f.as.operator({ method: 'GET', url: '/api/templates/roster' });
    expect(t.statusCode).toBe(200);
    expect(t.headers['content-type']).toContain('spreadsheetml');
    expect(t.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const e = await f.as.leader({ method: 'GET', url: '/api/exports/roster' });
    expect(e.statusCode).toBe(200);
    expect(decodeURIComponent(e.headers['content-disposition'] as string)).toContain('实名制人员.xlsx');
    expect(e.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
