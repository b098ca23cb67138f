/** 方案 over HTTP: a merge drafted by the operator, private until submitted, approved by the approver, applied. */
import { describe, expect, it } from 'vitest';
import { useServerFixture } from '../../test/server-harness.js';

const f = useServerFixture();

describe('/api/scenarios', () => {
  it('Given an operator’s draft When others ask Then it is private; submitted, approved by the approver and applied it merges the units', async () => {
    // Given
    const created = await f.as.operator({
      method: 'POST',
      url: '/api/scenarios',
      payload: { name: '审计局并入财政局', necessity: '职能相近' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().scenario.id as string;
    const added = await f.as.operator({
      method: 'POST',
      url: `/api/scenarios/${id}/items`,
      payload: { items: [{ op: 'merge_institutions', sourceIds: [f.ids.audit], targetId: f.ids.finance }] },
    });
    expect(added.statusCode, added.body).toBe(200);
    const evaluation = added.json().evaluation;
    expect(evaluation.violations).toEqual([]);
    expect(evaluation.institutions.partyGov.after).toBe(evaluation.institutions.partyGov.before - 1);
    expect(added.json().items[0].opLabel).toBe('合并机构');
    // When: the approver looks before it is submitted
    expect((await f.as.approver({ method: 'GET', url: `/api/scenarios/${id}` })).statusCode).toBe(404);
    expect((await f.as.reporter({ method: 'GET', url: `/api/scenarios` })).statusCode).toBe(403);
    // Then
    const submitted = await f.as.operator({ method: 'POST', url: `/api/scenarios/${id}/submit` });
    expect(submitted.json()).toMatchObject({ status: 'submitted', statusLabel: '已提交', shared: true });
    expect((await f.as.approver({ method: 'GET', url: `/api/scenarios/${id}` })).statusCode).toBe(200);
    expect((await f.as.approver({ method: 'POST', url: `/api/scenarios/${id}/approve` })).json().status).toBe(
      'approved',
    );
    const applied = await f.as.operator({
      method: 'POST',
      url: `/api/scenarios/${id}/apply`,
      payload: { docNumber: '区编〔2026〕20号', effectiveOn: f.ctx.today },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().scenario).toMatchObject({ status: 'applied', docNumber: '区编〔2026〕20号' });
    const audit = await f.pool.query(`SELECT status FROM institutions WHERE id = $1`, [f.ids.audit]);
    expect(audit.rows[0].status).toBe('abolished');
  });

  it('Given one scenario When compared alone Then the request is refused in Chinese', async () => {
    const r = await f.as.operator({
      method: 'POST',
      url: '/api/scenarios/compare',
      payload: { ids: ['0196a1b2-0000-7000-8000-000000000001'] },
    });
    expect(r.statusCode).toBe(400);
  });
});
