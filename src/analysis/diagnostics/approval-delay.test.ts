import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import type { AdjustmentWaitFact } from '../snapshot.js';
import { findApprovalDelays } from './approval-delay.js';

const wait = (over: Partial<AdjustmentWaitFact> & { submittedOn: string }): AdjustmentWaitFact => ({
  adjustmentId: over.adjustmentId ?? over.submittedOn,
  docNumber: '示编〔2026〕3号',
  title: '关于调整区数据局编制的通知',
  institutions: ['区数据局'],
  decidedOn: null,
  decision: null,
  ...over,
});

const district = (adjustmentWaits: AdjustmentWaitFact[]) =>
  makeSnapshot({ asOf: '2026-06-30', institutions: [{ name: '区数据局' }], adjustmentWaits });

describe('findApprovalDelays', () => {
  it('Given no 编制事项 ever submitted When diagnosed Then it is silent (no finding on absent data)', () => {
    expect(findApprovalDelays(district([]), config)).toEqual([]);
  });

  it('Given the demo districts When diagnosed Then the planted one shows its undecided 编制事项 and the clean one (decided within weeks) is silent', () => {
    const planted = demoSnapshot();
    const [f, ...rest] = findApprovalDelays(planted, config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'low', measures: { check: 'pending', adjustments: 1, longestDays: 50 } });
    expect(f!.institutions.map((i) => i.name)).toEqual(
      planted.demo.manifest.find((m) => m.code === 'APPROVAL_DELAY')!.institutions,
    );
    expect(findApprovalDelays(demoSnapshot({ planted: false }), config)).toEqual([]);
  });

  it('Given one submitted 45 days ago and undecided When diagnosed Then a low finding says who, since when, how many days', () => {
    // Given: 2026-05-16 → 2026-06-30 is 45 days, over the 30-day limit but under three times it
    const s = district([wait({ submittedOn: '2026-05-16' })]);
    // When
    const [f, ...rest] = findApprovalDelays(s, config);
    // Then
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'APPROVAL_DELAY', section: '管理体制', severity: 'low' });
    expect(f!.measures).toMatchObject({ check: 'pending', adjustments: 1, longestDays: 45, limitDays: 30 });
    expect(f!.title).toContain('1件编制事项提交后超过30天仍未审批,最长的已等待45天');
    expect((f!.evidence[0] as { text: string }).text).toContain(
      '"关于调整区数据局编制的通知"(示编〔2026〕3号)(涉及区数据局)于2026年5月16日提交',
    );
    expect(f!.evidence[0]).toMatchObject({ kind: 'text', institution: '区数据局' });
    expect(f!.institutions).toEqual([{ id: s.idOf('区数据局'), name: '区数据局' }]);
    expect((f!.evidence[0] as { text: string }).text).toContain('截至2026年6月30日已等待45天');
    expect(f!.measure).toContain('建立编制事项办理时限制度');
    expect(JSON.stringify(f)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('Given two overdue, or one pending 60 days When diagnosed Then it is medium', () => {
    const two = [
      wait({ adjustmentId: 'a', submittedOn: '2026-05-16' }),
      wait({ adjustmentId: 'b', submittedOn: '2026-05-20' }),
    ];
    expect(findApprovalDelays(district(two), config)[0]).toMatchObject({
      severity: 'medium',
      measures: { adjustments: 2 },
    });
    expect(findApprovalDelays(district([wait({ submittedOn: '2026-05-01' })]), config)[0]!.severity).toBe('medium');
  });

  it('Given one pending for over 90 days When diagnosed Then it is high', () => {
    const [f] = findApprovalDelays(district([wait({ submittedOn: '2026-03-01' })]), config);
    expect(f).toMatchObject({ severity: 'high', measures: { longestDays: 121 } });
  });

  it('Given one submitted 20 days ago, or one decided within the limit When diagnosed Then nothing fires (near miss)', () => {
    const s = district([
      wait({ adjustmentId: 'a', submittedOn: '2026-06-10' }),
      wait({ adjustmentId: 'b', submittedOn: '2026-01-05', decidedOn: '2026-01-25', decision: 'approved' }),
    ]);
    expect(findApprovalDelays(s, config)).toEqual([]);
  });

  it('Given a threshold of 10 days When the same 20-day wait is diagnosed Then it trips', () => {
    const s = district([wait({ submittedOn: '2026-06-10' })]);
    expect(findApprovalDelays(s, { ...config, approvalWaitDays: 10 })).toHaveLength(1);
  });

  it('Given decided ones with a median wait of 50 days When diagnosed Then a district-wide finding gives the median', () => {
    const s = district([
      wait({ adjustmentId: 'a', submittedOn: '2026-01-01', decidedOn: '2026-01-11', decision: 'approved' }),
      wait({ adjustmentId: 'b', submittedOn: '2026-02-01', decidedOn: '2026-03-23', decision: 'rejected' }),
      wait({ adjustmentId: 'c', submittedOn: '2026-03-01', decidedOn: '2026-05-10', decision: 'approved' }),
    ]);
    const [f, ...rest] = findApprovalDelays(s, config);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'low', measures: { check: 'median', decided: 3, medianDays: 50, slow: 2 } });
    expect(f!.title).toContain('2026年1月1日以来已审批的3件编制事项');
    expect(f!.title).toContain('中位用时为50天');
  });

  it('Given a snapshot dated before a submission, or before its decision When diagnosed Then it reads the 编制事项 as it stood then', () => {
    const later = wait({ submittedOn: '2026-07-05' });
    expect(findApprovalDelays(district([later]), config)).toEqual([]);
    // decided on 2026-07-20, but on 2026-06-30 it had been waiting 60 days
    const decidedLater = wait({ submittedOn: '2026-05-01', decidedOn: '2026-07-20', decision: 'approved' });
    expect(findApprovalDelays(district([decidedLater]), config)[0]!.measures).toMatchObject({
      check: 'pending',
      longestDays: 60,
    });
  });
});
