/**
 * The 必要性和依据 of a 编制事项 (申请事项评估) through the API, and what the analysis reads of it: a raise approved and
 * carried out without one is an APPROVAL_WITHOUT_EVALUATION finding; with one, it is not.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../analysis/diagnose.js';
import { loadSnapshot } from '../commands/snapshot.js';
import { useServerFixture } from '../../test/server-harness.js';

const f = useServerFixture();

/** A draft raising the audit office's 行政编制 to `approved`, carried through submit, approve and apply. */
async function carriedOut(docNumber: string, approved: number, evaluation?: string) {
  const created = await f.as.operator({
    method: 'POST',
    url: '/api/adjustments',
    payload: {
      docNumber,
      title: '核增审计局行政编制',
      effectiveOn: f.ctx.today,
      items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved }],
      ...(evaluation && { evaluation }),
    },
  });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const submitted = await f.as.operator({
    method: 'POST',
    url: `/api/adjustments/${id}/submit`,
    headers: { 'if-match': created.headers.etag as string },
  });
  const approvedAnswer = await f.as.approver({
    method: 'POST',
    url: `/api/adjustments/${id}/approve`,
    headers: { 'if-match': submitted.headers.etag as string },
  });
  const applied = await f.as.operator({
    method: 'POST',
    url: `/api/adjustments/${id}/apply`,
    headers: { 'if-match': approvedAnswer.headers.etag as string },
  });
  expect(applied.statusCode).toBe(200);
  return id;
}

describe('必要性和依据 of a 编制事项', () => {
  it('Given a draft with its 必要性和依据 When created, read and edited Then the text round-trips, and a blank one is none', async () => {
    const draft = {
      docNumber: '示编〔2026〕41号',
      title: '调整审计局编制',
      effectiveOn: f.ctx.today,
      items: [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 20 }],
      evaluation: '承担新增经济责任审计任务；依据区委审计委员会年度工作要点',
    };
    const created = await f.as.operator({ method: 'POST', url: '/api/adjustments', payload: draft });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const read = await f.as.leader({ method: 'GET', url: `/api/adjustments/${id}` });
    expect(read.json().evaluation).toBe(draft.evaluation);
    const edited = await f.as.operator({
      method: 'PATCH',
      url: `/api/adjustments/${id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { ...draft, evaluation: '   ' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await f.as.leader({ method: 'GET', url: `/api/adjustments/${id}` })).json().evaluation).toBeNull();
  });

  it('Given a raise carried out without 必要性和依据 and one with it When the district is diagnosed Then only the first is found', async () => {
    // Given
    const without = await carriedOut('示编〔2026〕42号', 30);
    await carriedOut('示编〔2026〕43号', 31, '新增审计任务，依据区委文件');
    // When: the audit log dates the approval by the clock, which may be past the fixture's `today`
    const clock = new Date().toISOString().slice(0, 10);
    const snapshot = await loadSnapshot(f.ctx, clock > f.ctx.today ? clock : f.ctx.today);
    const findings = diagnose(snapshot).filter((x) => x.code === 'APPROVAL_WITHOUT_EVALUATION');
    // Then
    expect(snapshot.approvals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          adjustmentId: without,
          status: 'applied',
          changes: ['quota_increase'],
          evaluated: false,
        }),
        expect.objectContaining({ docNumber: '示编〔2026〕43号', changes: ['quota_increase'], evaluated: true }),
      ]),
    );
    // one finding; the fixture's own set-up (created as a plain 编制事项, not a baseline) is among them too
    expect(findings).toHaveLength(1);
    const listed = findings[0]!.evidence.map((e) => (e as { text: string }).text).join('\n');
    expect(listed).toContain('示编〔2026〕42号');
    expect(listed).not.toContain('示编〔2026〕43号');
    expect(findings[0]!.institutions.map((i) => i.id)).toContain(f.ids.audit);
  });

  it('Given a 编委 quota decision recorded through PUT with its 必要性和依据 When the adjustment is read Then the text is stored and shown, and a blank one is none', async () => {
    const url = `/api/institutions/${f.ids.finance}/quotas/admin`;
    const decide = async (approved: number, docNumber: string, evaluation: string) => {
      const tag = (await f.as.approver({ method: 'GET', url })).headers.etag as string;
      const r = await f.as.approver({
        method: 'PUT',
        url,
        headers: { 'if-match': tag },
        payload: { approved, docNumber, evaluation },
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { before: number; approved: number; adjustment: { id: string; evaluation: string | null } };
    };
    // Given / When: a raise with its reasons (surrounding blanks trimmed), then one with a blank text
    const before = (await f.as.approver({ method: 'GET', url })).json().approved as number;
    const withIt = await decide(before + 2, '示编〔2026〕44号', ' 承担新增政府债务管理任务；依据区委财经委员会决定 ');
    const blank = await decide(before + 3, '示编〔2026〕45号', '  ');
    // Then
    expect(withIt.before).toBe(before);
    expect(withIt.adjustment.evaluation).toBe('承担新增政府债务管理任务；依据区委财经委员会决定');
    const read = await f.as.leader({ method: 'GET', url: `/api/adjustments/${withIt.adjustment.id}` });
    expect(read.json()).toMatchObject({
      status: 'applied',
      evaluation: '承担新增政府债务管理任务；依据区委财经委员会决定',
    });
    expect(blank.adjustment.evaluation).toBeNull();
    expect(
      (await f.as.leader({ method: 'GET', url: `/api/adjustments/${blank.adjustment.id}` })).json().evaluation,
    ).toBeNull();
  });

  it('Given a 必要性和依据 over the length a draft allows When a quota decision is PUT Then 400 and the quota is unchanged', async () => {
    const url = `/api/institutions/${f.ids.finance}/quotas/admin`;
    const read = await f.as.approver({ method: 'GET', url });
    const r = await f.as.approver({
      method: 'PUT',
      url,
      headers: { 'if-match': read.headers.etag as string },
      payload: { approved: read.json().approved + 1, docNumber: '示编〔2026〕46号', evaluation: '依'.repeat(4001) },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toMatch(/4000/);
    expect((await f.as.approver({ method: 'GET', url })).json().approved).toBe(read.json().approved);
  });
});
