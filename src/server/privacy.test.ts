/**
 * Personal data and secrets, route by route: every GET operation of the OpenAPI document (path parameters filled
 * from the test district, every person and adjustment, every file kind), plus the writes whose answers carry users
 * or sessions, called by every role. No role that may not unmask gets a whole ID number of the roster or a birth date
 * (from which the masked digits follow); no role gets a password hash, a session token or its hash, or another
 * user's CSRF token. Downloads (.xlsx, .docx) are unzipped and read whole.
 */
import { unzipSync, strFromU8 } from 'fflate';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { can } from '../domain/permissions.js';
import { importKinds } from '../domain/records.js';
import { roles, type Role } from '../domain/vocabulary.js';
import {
  callerFor,
  useServerFixture,
  signIn,
  testPassword,
  type Caller,
  type SignedIn,
} from '../../test/server-harness.js';

const f = useServerFixture();
const sessions = {} as Record<Role, SignedIn>;
const callers = {} as Record<Role, Caller>;
let people: { id: string; idNumber: string; birthDate: string }[] = [];
let adjustments: string[] = [];
let staffingRequests: string[] = [];
const bearerTokens: string[] = [];

beforeAll(async () => {
  for (const role of roles) {
    sessions[role] = await signIn(f.app, role);
    callers[role] = callerFor(f.app, sessions[role]);
    const t = await f.app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { username: role, password: testPassword },
    });
    bearerTokens.push(t.json().token);
  }
  // an adjustment by the 编办 naming the reporter's unit, and one by the reporter itself
  for (const role of ['operator', 'reporter'] as const) {
    const r = await callers[role]({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: `示编〔2026〕${role.length}号`,
        title: '调整编制',
        effectiveOn: '2026-11-01',
        items: [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 11 }],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  // a 用编申请 of the reporter's unit, approved: its request and its 核准通知单 are read by every role
  const drafted = await callers.operator({
    method: 'POST',
    url: '/api/staffing/requests',
    payload: { institutionId: f.ids.finance, category: 'admin', count: 1, channel: 'exam', reason: '补充科员' },
  });
  expect(drafted.statusCode, drafted.body).toBe(201);
  const requestId = drafted.json().id as string;
  expect(
    (await callers.operator({ method: 'POST', url: `/api/staffing/requests/${requestId}/submit` })).statusCode,
  ).toBe(200);
  expect(
    (await callers.approver({ method: 'POST', url: `/api/staffing/requests/${requestId}/approve` })).statusCode,
  ).toBe(200);
  staffingRequests = [requestId];
  people = (
    await f.pool.query(`SELECT id, id_number AS "idNumber", birth_date::text AS "birthDate" FROM persons ORDER BY id`)
  ).rows;
  adjustments = (await f.pool.query(`SELECT id::text FROM adjustments ORDER BY created_at`)).rows.map((r) => r.id);
});

/** The text of an answer; a download (zip: .xlsx, .docx) is unpacked and every part read. */
function textOf(r: LightMyRequestResponse): string {
  const body = r.rawPayload;
  if (body.length > 4 && body[0] === 0x50 && body[1] === 0x4b) {
    return Object.values(unzipSync(new Uint8Array(body)))
      .map((part) => strFromU8(part))
      .join('\n');
  }
  return r.body;
}

/** Every value a path parameter takes: every person, every adjustment, every file kind, reachable or not. */
function urlsOf(path: string): string[] {
  const fill: Record<string, string[]> = {
    '/api/institutions/{id}': [f.ids.finance, f.ids.financeOffice, f.ids.financeCenter, f.ids.audit],
    '/api/institutions/{id}/history': [f.ids.finance, f.ids.audit],
    '/api/people/{id}': people.map((p) => p.id),
    '/api/adjustments/{id}': adjustments,
    '/api/adjustments/{id}/preview': adjustments,
    '/api/staffing/requests/{id}': staffingRequests,
    '/api/staffing/approvals/{id}/notice.docx': staffingRequests,
  };
  const queries: Record<string, string[]> = {
    '/api/people': ['', '?pageSize=500', `?q=${people[0]!.idNumber.slice(0, 8)}`, '?q=张'],
    '/api/people/{id}': ['', '?unmask=true'],
    '/api/institutions/{id}': ['', '?asOf=2025-01-01'],
    '/api/diagnostics': ['', `?institutionId=${f.ids.finance}`],
    // months with the roster's 入编 (the registers list them with their ID numbers)
    '/api/registers/changes': ['?month=2018-07', '?month=2019-07'],
    '/api/registers/ledger': [
      `?month=2018-07&institutionId=${f.ids.finance}`,
      '?month=2018-07',
      `?month=2019-07&institutionId=${f.ids.audit}`,
    ],
  };
  let urls = [path];
  if (fill[path]) urls = fill[path].map((id) => path.replace('{id}', id));
  urls = urls.flatMap((u) =>
    u.includes('{category}') ? ['admin', 'public_service'].map((c) => u.replace('{category}', c)) : [u],
  );
  urls = urls.flatMap((u) => (u.includes('{id}') ? [u.replace('{id}', f.ids.finance)] : [u]));
  urls = urls.flatMap((u) => (u.includes('{kind}') ? importKinds.map((k) => u.replace('{kind}', k)) : [u]));
  return urls.flatMap((u) => (queries[path] ?? ['']).map((q) => u + q));
}

/** What must never reach `role`: secrets always; whole ID numbers and birth dates unless it may unmask. */
async function forbiddenFor(role: Role): Promise<{ what: string; value: string }[]> {
  const out: { what: string; value: string }[] = [{ what: 'password hash', value: '$argon2' }];
  const hashes = await f.pool.query<{ password_hash: string }>('SELECT password_hash FROM users');
  for (const h of hashes.rows) out.push({ what: 'password hash', value: h.password_hash });
  const stored = await f.pool.query<{ token_hash: string; csrf_token: string }>(
    'SELECT token_hash, csrf_token FROM sessions',
  );
  for (const s of stored.rows) {
    out.push({ what: 'session token hash', value: s.token_hash });
    if (s.csrf_token !== sessions[role].csrfToken) out.push({ what: "another user's CSRF token", value: s.csrf_token });
  }
  for (const r of roles) {
    const token = sessions[r].cookie.split('=')[1]!;
    if (r !== role) out.push({ what: `${r}'s session token`, value: token });
  }
  for (const t of bearerTokens) out.push({ what: 'bearer token', value: t });
  if (!can(role, 'unmaskIdNumbers')) {
    for (const p of people) {
      out.push({ what: 'whole ID number', value: p.idNumber });
      out.push({ what: 'birth date', value: p.birthDate });
      out.push({ what: 'birth date', value: p.birthDate.replaceAll('-', '') });
    }
  }
  return out;
}

describe('no answer leaks personal data or secrets', () => {
  for (const role of roles) {
    it(`Given a signed-in ${role} When every GET route of the API is called with every parameter Then no whole ID number it may not see, no birth date, hash, token or another's CSRF token is in any answer`, async () => {
      // Given
      const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const gets = Object.entries(doc.paths)
        .filter(([, ops]) => 'get' in ops)
        .map(([path]) => path);
      expect(gets.length).toBeGreaterThan(20);
      const forbidden = await forbiddenFor(role);

      // When
      let answered = 0;
      for (const path of gets) {
        for (const url of urlsOf(path)) {
          expect(url, 'every path parameter is filled').not.toMatch(/[{}]/);
          const r = await callers[role]({ method: 'GET', url });
          expect(r.statusCode, `${role} GET ${url}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
          if (r.statusCode === 200) answered++;
          const text = textOf(r);
          // Then
          for (const x of forbidden)
            expect(text.includes(x.value), `${role} GET ${url} carries a ${x.what}`).toBe(false);
        }
      }
      expect(answered).toBeGreaterThan(10);
    });
  }

  it('Given the admin When changing, creating and resetting users and signing in Then no answer carries a hash or another session', async () => {
    const list = await callers.admin({ method: 'GET', url: '/api/users' });
    const leader = (list.json().items as { id: string; username: string; version: number }[]).find(
      (u) => u.username === 'leader',
    )!;
    const answers = [
      await callers.admin({
        method: 'PATCH',
        url: '/api/users/leader',
        headers: { 'if-match': `"${leader.id}.${leader.version}"` },
        payload: { displayName: '领导甲' },
      }),
      await callers.admin({ method: 'POST', url: '/api/users', payload: { username: 'newcomer', role: 'leader' } }),
      await callers.admin({ method: 'POST', url: '/api/users/newcomer/reset-password' }),
      await f.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: testPassword },
      }),
      await callers.admin({ method: 'GET', url: '/api/audit?limit=500' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 201, 200, 200, 200]);
    const patched = answers[0]!.json();
    expect(Object.keys(patched).sort()).toEqual(
      [
        'disabled',
        'displayName',
        'id',
        'institutionId',
        'lastLoginAt',
        'locked',
        'mustChangePassword',
        'role',
        'roleLabel',
        'status',
        'statusLabel',
        'username',
        'version',
      ].sort(),
    );
    expect(patched.displayName).toBe('领导甲');
    const forbidden = (await forbiddenFor('admin')).filter((x) => !x.value.startsWith(answers[3]!.json().csrfToken));
    for (const r of answers) {
      for (const x of forbidden) {
        if (x.value === answers[3]!.json().csrfToken) continue; // the new session's own token, given to its owner
        expect(r.body.includes(x.value), `${r.raw.req.method} ${r.raw.req.url} carries a ${x.what}`).toBe(false);
      }
    }
  });
});

describe('masked ID numbers reveal nothing else', () => {
  it('Given a leader When reading a person Then the number is masked, no birth date is given, only the age', async () => {
    const p = people[0]!;
    const r = (await callers.leader({ method: 'GET', url: `/api/people/${p.id}` })).json();
    expect(r.idNumber).toBe(`${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`);
    expect(r.idNumberMasked).toBe(true);
    expect(r.birthDate).toBeNull();
    expect(r.age).toBe(41); // born 1985-03-12, today 2026-11-27
    const rows = (await callers.leader({ method: 'GET', url: '/api/people?pageSize=500' })).json().items;
    expect(rows.every((x: { birthDate: unknown; age: number }) => x.birthDate === null && x.age === 41)).toBe(true);
  });

  it('Given an operator When unmasking Then the whole number and birth date come together, audited with the count', async () => {
    const p = people[0]!;
    const r = (await callers.operator({ method: 'GET', url: `/api/people/${p.id}?unmask=true` })).json();
    expect(r).toMatchObject({ idNumber: p.idNumber, birthDate: p.birthDate, idNumberMasked: false });
    const audit = await f.pool.query(
      `SELECT actor, entity_id, after FROM audit_events WHERE action = 'person.unmask' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({ actor: 'operator', entity_id: p.id, after: { idNumbersRevealed: 1 } });
    const masked = (await callers.operator({ method: 'GET', url: `/api/people/${p.id}` })).json();
    expect(masked.birthDate).toBeNull();
  });

  it('Given the start of an ID number When searched Then only roles that may unmask find by it; others search names only', async () => {
    const prefix = people[0]!.idNumber.slice(0, 10); // region + birth year + month: shared by the whole test roster
    const total = async (role: Role) =>
      (await callers[role]({ method: 'GET', url: `/api/people?q=${prefix}` })).json().total as number;
    expect(await total('admin')).toBe(12);
    expect(await total('operator')).toBe(12);
    for (const role of ['approver', 'leader', 'reporter'] as const) expect(await total(role), role).toBe(0);
    expect(
      (await callers.leader({ method: 'GET', url: `/api/people?q=${encodeURIComponent('张')}` })).json().total,
    ).toBe(1);
  });
});

describe('exports follow the masking rule and are audited', () => {
  const rosterOf = async (role: Role) => {
    const r = await callers[role]({ method: 'GET', url: '/api/exports/roster' });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    return textOf(r);
  };
  const lastExport = async () =>
    (
      await f.pool.query(
        `SELECT actor, after FROM audit_events WHERE action = 'district.export' ORDER BY seq DESC LIMIT 1`,
      )
    ).rows[0];

  it('Given a leader and an approver When exporting the roster Then every number is masked, no birth date, and it is audited', async () => {
    for (const role of ['leader', 'approver'] as const) {
      const text = await rosterOf(role);
      for (const p of people) {
        expect(text).toContain(`${p.idNumber.slice(0, 6)}********${p.idNumber.slice(-4)}`);
        expect(text).not.toContain(p.idNumber);
        expect(text).not.toContain(p.birthDate);
      }
      expect(await lastExport()).toEqual({
        actor: role,
        after: { files: ['实名制人员.xlsx'], rows: { roster: 12 }, idNumbersMasked: true, idNumbersRevealed: 0 },
      });
    }
  });

  it('Given an operator When exporting the roster Then the numbers are whole, and the audit counts them', async () => {
    const text = await rosterOf('operator');
    for (const p of people) expect(text).toContain(p.idNumber);
    expect(await lastExport()).toEqual({
      actor: 'operator',
      after: { files: ['实名制人员.xlsx'], rows: { roster: 12 }, idNumbersMasked: false, idNumbersRevealed: 12 },
    });
  });

  it('Given a leader When exporting the duties Then that export is audited too, with no ID numbers to count', async () => {
    const r = await callers.leader({ method: 'GET', url: '/api/exports/duties' });
    expect(r.statusCode).toBe(200);
    expect(await lastExport()).toMatchObject({
      actor: 'leader',
      after: { files: ['职能与权责清单.xlsx'], idNumbersRevealed: 0 },
    });
  });
});
