/** The API contract: every route in the OpenAPI document declares its answer, and the answers keep to it. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { useServerFixture } from '../../../test/server-harness.js';
import { presentUser } from '../presenters/registry.presenter.js';
import { apiContract, type RouteKey } from './contract.js';

const f = useServerFixture();

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const openApiPath = (key: string) => key.replace(/:(\w+)/g, '{$1}');

describe('response contract', () => {
  it('Given /api/docs/json When walking every operation Then each declares a success answer with its shape', async () => {
    // Given
    const doc = (await f.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    // When
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    // Then
    expect(operations.length).toBeGreaterThan(30);
    const withoutAnswer = operations.filter(({ op }) => {
      const success = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
      const schemas = Object.values(success?.content ?? {}).map((c) => c.schema);
      // a shape says what it is: a type (object, array, a file's string) or its alternatives; `{}` says nothing
      return !schemas.length || schemas.some((s) => !s || !('type' in s || 'anyOf' in s || 'oneOf' in s));
    });
    expect(withoutAnswer.map((o) => o.name)).toEqual([]);
    // and the document and the contract name the same routes, both ways
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(apiContract).map(openApiPath).sort());
  });

  it('Given the small district When an admin reads every JSON route Then each answer parses with its declared schema, without unknown fields', async () => {
    // Given
    const adjustmentId = (
      await f.as.operator({
        method: 'POST',
        url: '/api/adjustments',
        payload: {
          docNumber: '示编〔2026〕9号',
          title: '调整编制',
          effectiveOn: '2026-11-01',
          items: [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 11 }],
        },
      })
    ).json().id as string;
    const personId = (await f.as.admin({ method: 'GET', url: '/api/people' })).json().items[0].id as string;
    const scenarioId = (
      await f.as.admin({
        method: 'POST',
        url: '/api/scenarios',
        payload: {
          name: '契约测试方案',
          items: [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 11 }],
        },
      })
    ).json().scenario.id as string;
    const staffingId = (
      await f.as.operator({
        method: 'POST',
        url: '/api/staffing/requests',
        payload: { institutionId: f.ids.finance, category: 'admin', count: 1, channel: 'exam', reason: '补充科员' },
      })
    ).json().id as string;
    const idFor = (key: string) =>
      key.includes('/people/')
        ? personId
        : key.includes('/adjustments/')
          ? adjustmentId
          : key.includes('/scenarios/')
            ? scenarioId
            : key.includes('/staffing/')
              ? staffingId
              : f.ids.finance;
    const reads = (Object.keys(apiContract) as RouteKey[]).filter((k) => k.startsWith('GET '));
    // When
    let checked = 0;
    for (const key of reads) {
      const schema = apiContract[key].response;
      if (!('safeParse' in schema)) continue; // a download
      const url = key.slice(4).replace(':id', idFor(key)).replace(':category', 'admin');
      const r = await f.as.admin({ method: 'GET', url });
      expect(r.statusCode, `${key}: ${r.body.slice(0, 200)}`).toBe(200);
      // Then
      const body = r.json();
      const parsed = (schema as z.ZodType).safeParse(body);
      expect(parsed.error?.issues ?? [], key).toEqual([]);
      expect(JSON.parse(JSON.stringify(parsed.data)), `${key}: every field is declared`).toEqual(body);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
  });
});

describe('用户: status, last login and unit', () => {
  it('Given users who signed in, one new and one disabled When the admin lists them Then each shows its status, its last sign-in (or none) and its unit', async () => {
    // Given: every role signed in when the fixture started; a new account has not yet
    const created = await f.as.admin({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'newbie', role: 'leader' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = async () =>
      (await f.as.admin({ method: 'GET', url: '/api/users' })).json().items as z.infer<
        (typeof apiContract)['GET /api/users']['response']
      >['items'];
    const leader = (await list()).find((u) => u.username === 'leader')!;
    const patched = await f.as.admin({
      method: 'PATCH',
      url: '/api/users/leader',
      headers: { 'if-match': `"${leader.id}.${leader.version}"` },
      payload: { disabled: true },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    // When
    const users = new Map((await list()).map((u) => [u.username, u]));

    // Then
    expect(users.get('newbie')).toMatchObject({ status: 'must_change_password', lastLoginAt: null, locked: false });
    expect(users.get('leader')).toMatchObject({ status: 'disabled', statusLabel: '已停用' });
    const reporter = users.get('reporter')!;
    expect(reporter.status).toBe('active');
    expect(Date.parse(reporter.lastLoginAt!)).toBeGreaterThan(Date.now() - 3_600_000);
    expect(reporter.institutionId).toBeTruthy(); // the page names the unit from it
    expect(users.get('admin')!.institutionId).toBeNull();
  });

  it('Given a locked account When presented Then its status is 已锁定 unless it is disabled', () => {
    const u = {
      username: 'x',
      displayName: 'X',
      role: 'operator' as const,
      institutionId: null,
      disabled: false,
      mustChangePassword: true,
      locked: true,
    };
    expect(presentUser(u)).toMatchObject({ status: 'locked', statusLabel: '已锁定', lastLoginAt: null });
    expect(presentUser({ ...u, disabled: true }).status).toBe('disabled');
    expect(presentUser({ ...u, locked: false, mustChangePassword: false }).status).toBe('active');
  });
});
