/**
 * Role × route: every route of the API, every role, allowed and denied — written out here independently of the
 * permission table in src/domain/permissions.ts, so that a change to either shows up. Plus IDOR attempts by a
 * reporter (区财政局) on another unit's (区审计局) people, duties, quotas and adjustments.
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../domain/vocabulary.js';
import { callerFor, useServerFixture, signIn } from '../../test/server-harness.js';

const f = useServerFixture();
let auditPerson = '';
let financePerson = '';
let auditAdjustment = '';
let financeAdjustment = '';
beforeAll(async () => {
  const person = async (institutionId: string) =>
    (await f.as.admin({ method: 'GET', url: `/api/people?institutionId=${institutionId}` })).json().items[0].id;
  auditPerson = await person(f.ids.audit);
  financePerson = await person(f.ids.finance);
  const draft = async (institutionId: string) =>
    (
      await f.as.admin({
        method: 'POST',
        url: '/api/adjustments',
        payload: {
          docNumber: `示编〔2026〕${institutionId.slice(0, 4)}号`,
          title: '调整编制',
          effectiveOn: '2026-11-01',
          items: [{ op: 'set_quota', institutionId, category: 'admin', approved: 11 }],
        },
      })
    ).json().id;
  auditAdjustment = await draft(f.ids.audit);
  financeAdjustment = await draft(f.ids.finance);
});

const all: Role[] = [...roles];
const district: Role[] = ['admin', 'operator', 'approver', 'leader'];
/** A scenario that does not exist: allowed roles get 404 (or 400), refused ones 403. */
const noScenario = '00000000-0000-4000-8000-000000000000';

interface RouteCase {
  method: InjectOptions['method'];
  /** The route as the OpenAPI document names it. */
  route: string;
  url: () => string;
  allowed: Role[] | 'public';
  payload?: () => unknown;
}

// The reporter's own unit is 区财政局: reads aim there, so that a denial can only come from the role.
const cases: RouteCase[] = [
  { method: 'GET', route: '/api/health', url: () => '/api/health', allowed: 'public' },
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', allowed: 'public', payload: () => ({}) },
  { method: 'POST', route: '/api/auth/token', url: () => '/api/auth/token', allowed: 'public', payload: () => ({}) },
  { method: 'GET', route: '/api/auth/me', url: () => '/api/auth/me', allowed: all },
  { method: 'POST', route: '/api/auth/password', url: () => '/api/auth/password', allowed: all, payload: () => ({}) },
  { method: 'GET', route: '/api/region', url: () => '/api/region', allowed: all },
  { method: 'GET', route: '/api/institutions', url: () => '/api/institutions', allowed: all },
  { method: 'GET', route: '/api/institutions/{id}', url: () => `/api/institutions/${f.ids.finance}`, allowed: all },
  {
    method: 'GET',
    route: '/api/institutions/{id}/history',
    url: () => `/api/institutions/${f.ids.finance}/history`,
    allowed: all,
  },
  {
    method: 'GET',
    route: '/api/institutions/{id}/quotas/{category}',
    url: () => `/api/institutions/${f.ids.finance}/quotas/admin`,
    allowed: all,
  },
  {
    method: 'PUT',
    route: '/api/institutions/{id}/quotas/{category}',
    url: () => `/api/institutions/${f.ids.finance}/quotas/admin`,
    allowed: ['admin', 'approver'],
    payload: () => ({ approved: 10, docNumber: '示编〔2026〕9号' }), // no If-Match: 428 when allowed
  },
  { method: 'GET', route: '/api/people', url: () => '/api/people', allowed: all },
  { method: 'GET', route: '/api/people/{id}', url: () => `/api/people/${financePerson}`, allowed: all },
  { method: 'GET', route: '/api/duties', url: () => '/api/duties', allowed: all },
  { method: 'GET', route: '/api/workload', url: () => '/api/workload', allowed: all },
  { method: 'GET', route: '/api/adjustments', url: () => '/api/adjustments', allowed: all },
  {
    method: 'POST',
    route: '/api/adjustments',
    url: () => '/api/adjustments',
    allowed: ['admin', 'operator', 'reporter'],
    payload: () => ({}),
  },
  {
    method: 'GET',
    route: '/api/adjustments/{id}',
    url: () => `/api/adjustments/${financeAdjustment}`,
    allowed: all,
  },
  {
    method: 'PATCH',
    route: '/api/adjustments/{id}',
    url: () => `/api/adjustments/${financeAdjustment}`,
    allowed: ['admin', 'operator', 'reporter'],
    payload: () => ({}),
  },
  {
    method: 'GET',
    route: '/api/adjustments/{id}/preview',
    url: () => `/api/adjustments/${financeAdjustment}/preview`,
    allowed: all,
  },
  ...(['submit', 'approve', 'reject', 'apply'] as const).map((t): RouteCase => ({
    method: 'POST',
    route: `/api/adjustments/{id}/${t}`,
    url: () => `/api/adjustments/${financeAdjustment}/${t}`, // no If-Match: 428 when allowed
    allowed: {
      submit: ['admin', 'operator', 'reporter'] as Role[],
      approve: ['admin', 'approver'] as Role[],
      reject: ['admin', 'approver'] as Role[],
      apply: ['admin', 'operator'] as Role[],
    }[t],
  })),
  { method: 'GET', route: '/api/imports/kinds', url: () => '/api/imports/kinds', allowed: ['admin', 'operator'] },
  { method: 'POST', route: '/api/imports/{kind}', url: () => '/api/imports/roster', allowed: ['admin', 'operator'] },
  { method: 'GET', route: '/api/templates/{kind}', url: () => '/api/templates/roster', allowed: ['admin', 'operator'] },
  { method: 'GET', route: '/api/exports/{kind}', url: () => '/api/exports/workload', allowed: district },
  { method: 'POST', route: '/api/roster/sync', url: () => '/api/roster/sync', allowed: ['admin', 'operator'] },
  {
    method: 'GET',
    route: '/api/registers/changes',
    url: () => '/api/registers/changes?month=2026-11',
    allowed: district,
  },
  {
    method: 'GET',
    route: '/api/registers/ledger',
    url: () => `/api/registers/ledger?month=2026-11&institutionId=${f.ids.finance}`,
    allowed: all,
  },
  { method: 'GET', route: '/api/statistics', url: () => '/api/statistics', allowed: district },
  { method: 'GET', route: '/api/diagnostics', url: () => '/api/diagnostics', allowed: district },
  {
    method: 'GET',
    route: '/api/reports/district.docx',
    url: () => '/api/reports/district.docx',
    allowed: district,
  },
  { method: 'GET', route: '/api/users', url: () => '/api/users', allowed: ['admin'] },
  { method: 'POST', route: '/api/users', url: () => '/api/users', allowed: ['admin'], payload: () => ({}) },
  {
    method: 'PATCH',
    route: '/api/users/{username}',
    url: () => '/api/users/nobody',
    allowed: ['admin'],
    payload: () => ({}),
  },
  {
    method: 'POST',
    route: '/api/users/{username}/reset-password',
    url: () => '/api/users/nobody/reset-password',
    allowed: ['admin'],
  },
  { method: 'GET', route: '/api/audit', url: () => '/api/audit', allowed: ['admin'] },
  { method: 'GET', route: '/api/audit/verify', url: () => '/api/audit/verify', allowed: ['admin'] },
  // 方案: drafted by the 编办 (a reporter is refused inside the commands), read by the district's roles
  { method: 'GET', route: '/api/scenarios', url: () => '/api/scenarios', allowed: district },
  {
    method: 'POST',
    route: '/api/scenarios',
    url: () => '/api/scenarios',
    allowed: ['admin', 'operator'],
    payload: () => ({ name: '权限测试方案' }),
  },
  { method: 'GET', route: '/api/scenarios/{id}', url: () => `/api/scenarios/${noScenario}`, allowed: district },
  {
    method: 'POST',
    route: '/api/scenarios/{id}/items',
    url: () => `/api/scenarios/${noScenario}/items`,
    allowed: ['admin', 'operator'],
    payload: () => ({ items: [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 5 }] }),
  },
  {
    method: 'DELETE',
    route: '/api/scenarios/{id}/items/{index}',
    url: () => `/api/scenarios/${noScenario}/items/0`,
    allowed: ['admin', 'operator'],
  },
  ...(['share', 'submit', 'approve'] as const).map((t): RouteCase => ({
    method: 'POST',
    route: `/api/scenarios/{id}/${t}`,
    url: () => `/api/scenarios/${noScenario}/${t}`,
    allowed: t === 'approve' ? ['admin', 'approver'] : ['admin', 'operator'],
  })),
  {
    method: 'POST',
    route: '/api/scenarios/{id}/apply',
    url: () => `/api/scenarios/${noScenario}/apply`,
    allowed: ['admin', 'operator'],
    payload: () => ({}),
  },
  {
    method: 'POST',
    route: '/api/scenarios/optimize',
    url: () => '/api/scenarios/optimize',
    allowed: ['admin', 'operator'],
    payload: () => ({
      name: '权限测试优化',
      category: 'admin',
      institutions: [f.ids.finance, f.ids.audit],
      indicator: '办件量',
    }),
  },
  ...(['xlsx', 'docx'] as const).map((format): RouteCase => ({
    method: 'GET',
    route: `/api/scenarios/compare.${format}`,
    url: () => `/api/scenarios/compare.${format}?ids=${noScenario},${noScenario.replace(/0$/, '1')}`,
    allowed: district,
  })),
  {
    method: 'POST',
    route: '/api/scenarios/compare',
    url: () => '/api/scenarios/compare',
    allowed: district,
    payload: () => ({}),
  },
  // 用编: a reporter drafts and reads its own unit's requests (refused for others inside the commands), only an
  // approver approves, only the 编办 records movements; requests that do not exist: 404 for the allowed roles
  { method: 'GET', route: '/api/staffing/requests', url: () => '/api/staffing/requests', allowed: all },
  {
    method: 'POST',
    route: '/api/staffing/requests',
    url: () => '/api/staffing/requests',
    allowed: ['admin', 'operator', 'reporter'],
    payload: () => ({}),
  },
  {
    method: 'GET',
    route: '/api/staffing/requests/{id}',
    url: () => `/api/staffing/requests/${noScenario}`,
    allowed: all,
  },
  ...(['submit', 'approve', 'withdraw'] as const).map((t): RouteCase => ({
    method: 'POST',
    route: `/api/staffing/requests/{id}/${t}`,
    url: () => `/api/staffing/requests/${noScenario}/${t}`,
    allowed: t === 'approve' ? ['admin', 'approver'] : ['admin', 'operator', 'reporter'],
    payload: () => (t === 'withdraw' ? { reason: '不再需要' } : {}),
  })),
  {
    method: 'GET',
    route: '/api/staffing/approvals/{id}/notice.docx',
    url: () => `/api/staffing/approvals/${noScenario}/notice.docx`,
    allowed: all,
  },
  { method: 'GET', route: '/api/staffing/overview', url: () => '/api/staffing/overview', allowed: all },
  ...(['/api/people/{id}/movements', '/api/people/{id}/movements/check'] as const).map((route): RouteCase => ({
    method: 'POST',
    route,
    url: () => route.replace('{id}', financePerson),
    allowed: ['admin', 'operator'],
    payload: () => ({}),
  })),
  ...(['/api/people/entries', '/api/people/entries/check'] as const).map((route): RouteCase => ({
    method: 'POST',
    route,
    url: () => route,
    allowed: ['admin', 'operator'],
    payload: () => ({}),
  })),
  { method: 'GET', route: '/api/forecast', url: () => '/api/forecast', allowed: district },
  { method: 'GET', route: '/api/scenarios/reviews', url: () => '/api/scenarios/reviews', allowed: district },
  {
    method: 'POST',
    route: '/api/scenarios/{id}/review',
    url: () => `/api/scenarios/${noScenario}/review`,
    allowed: ['admin', 'operator'],
  },
  // last: it ends the caller's session (each role signs in afresh for it)
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', allowed: all },
];

describe('role × route matrix', () => {
  it('Given the OpenAPI document When listing its operations Then the matrix covers every one of them', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(cases.map((c) => `${c.method} ${c.route}`).sort()).toEqual(documented);
  });

  it('Given no session When any guarded route is called Then 401 with a Chinese message', async () => {
    for (const c of cases.filter((x) => x.allowed !== 'public')) {
      const r = await f.app.inject({ method: c.method, url: c.url(), payload: c.payload?.() as object });
      expect(r.statusCode, `${c.method} ${c.route}`).toBe(401);
      expect(r.json().message).toMatch(/登录/);
    }
  });

  for (const role of roles) {
    it(`Given a signed-in ${role} When every route is called Then exactly the expected ones are refused with 403`, async () => {
      const as = f.as[role];
      for (const c of cases) {
        const call = c.route === '/api/auth/logout' ? callerFor(f.app, await signIn(f.app, role)) : as;
        const r = await call({ method: c.method, url: c.url(), payload: c.payload?.() as object });
        const allowed = c.allowed === 'public' || c.allowed.includes(role);
        if (allowed) {
          expect([401, 403], `${role} ${c.method} ${c.route} → ${r.statusCode} ${r.body.slice(0, 200)}`).not.toContain(
            r.statusCode,
          );
          expect(r.statusCode, `${role} ${c.method} ${c.route}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
        } else {
          expect(r.statusCode, `${role} ${c.method} ${c.route} should be refused`).toBe(403);
          expect(r.json().message).toMatch(/无权/);
        }
      }
    });
  }
});

describe('a reporter reaching for another unit (IDOR)', () => {
  const denied = async (opts: InjectOptions) => {
    const r = await f.as.reporter(opts);
    expect(r.statusCode, `${opts.method} ${opts.url}: ${r.body.slice(0, 200)}`).toBe(403);
    expect(r.json().message).toMatch(/无权/);
  };

  it("Given 区审计局's ids When the reporter of 区财政局 asks for them Then every read is refused", async () => {
    await denied({ method: 'GET', url: `/api/institutions/${f.ids.audit}` });
    await denied({ method: 'GET', url: `/api/institutions/${f.ids.audit}/history` });
    await denied({ method: 'GET', url: `/api/institutions/${f.ids.audit}/quotas/admin` });
    await denied({ method: 'GET', url: `/api/institutions/${f.ids.financeCenter}` }); // a 事业单位 is not an internal unit
    await denied({ method: 'GET', url: `/api/people/${auditPerson}` });
    await denied({ method: 'GET', url: `/api/people?institutionId=${f.ids.audit}` });
    await denied({ method: 'GET', url: `/api/duties?institutionId=${f.ids.audit}` });
    await denied({ method: 'GET', url: `/api/workload?institutionId=${f.ids.audit}` });
    await denied({ method: 'GET', url: `/api/adjustments/${auditAdjustment}` });
    await denied({ method: 'GET', url: `/api/adjustments/${auditAdjustment}/preview` });
  });

  it('Given the reporter When writing for another unit Then drafts, edits and submissions are refused', async () => {
    await denied({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: '示编〔2026〕77号',
        title: '越权',
        effectiveOn: '2026-11-01',
        items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 30 }],
      },
    });
    await denied({
      method: 'POST',
      url: `/api/adjustments/${auditAdjustment}/submit`,
      headers: { 'if-match': `"${auditAdjustment}.1"` },
    });
    await denied({
      method: 'PATCH',
      url: `/api/adjustments/${auditAdjustment}`,
      headers: { 'if-match': `"${auditAdjustment}.1"` },
      payload: {
        docNumber: '示编〔2026〕78号',
        title: '越权',
        effectiveOn: '2026-11-01',
        items: [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 30 }],
      },
    });
    const status = await f.pool.query(`SELECT status, version FROM adjustments WHERE id = $1`, [auditAdjustment]);
    expect(status.rows[0]).toEqual({ status: 'draft', version: 1 });
  });

  it('Given the reporter When listing Then it sees only its unit and internal units, their people and duties', async () => {
    const tree = (await f.as.reporter({ method: 'GET', url: '/api/institutions' })).json().items as { id: string }[];
    expect(new Set(tree.map((i) => i.id))).toEqual(new Set([f.ids.finance, f.ids.financeOffice, f.ids.budgetSection]));
    const people = (await f.as.reporter({ method: 'GET', url: '/api/people?pageSize=500' })).json();
    expect(people.total).toBe(5);
    expect(new Set(people.items.map((p: { institutionId: string }) => p.institutionId))).toEqual(
      new Set([f.ids.finance]),
    );
    const list = (await f.as.reporter({ method: 'GET', url: '/api/adjustments' })).json().items as { id: string }[];
    expect(list.map((a) => a.id)).toContain(financeAdjustment);
    expect(list.map((a) => a.id)).not.toContain(auditAdjustment);
  });

  it('Given the reporter When drafting for its own internal unit Then it may, and may submit it', async () => {
    const r = await f.as.reporter({
      method: 'POST',
      url: '/api/adjustments',
      payload: {
        docNumber: '示编〔2026〕80号',
        title: '设立内设机构',
        effectiveOn: '2026-11-01',
        items: [
          {
            op: 'create_institution',
            id: '0f8b7c7e-8a0e-4b9a-9d55-3d4c1a2b3c4d',
            name: '国库股',
            kind: 'internal_unit',
            parentId: f.ids.finance,
            rank: '股级',
            alsoNamed: [],
            civilServiceManaged: false,
            sortOrder: 0,
          },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const submitted = await f.as.reporter({
      method: 'POST',
      url: `/api/adjustments/${r.json().id}/submit`,
      headers: { 'if-match': r.headers.etag as string },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
  });

  it('Given the reporter When asking for whole ID numbers Then it is refused and nothing is audited', async () => {
    const before = await f.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.unmask'`);
    await denied({ method: 'GET', url: `/api/people/${financePerson}?unmask=true` });
    const masked = (await f.as.reporter({ method: 'GET', url: `/api/people/${financePerson}` })).json();
    expect(masked.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const after = await f.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'person.unmask'`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
