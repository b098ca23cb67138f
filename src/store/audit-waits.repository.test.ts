import { describe, expect, it } from 'vitest';
import { bypassingTriggers, useTestContext, seedInstitutions } from '../../test/context.js';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { findApprovalDelays } from '../analysis/diagnostics/approval-delay.js';
import { defaultDiagnosticConfig } from '../analysis/config.js';
import { approveAdjustment, createAdjustment, submitAdjustment } from '../commands/adjustments.js';
import { todayIso } from '../commands/context.js';
import { loadSnapshot } from '../commands/snapshot.js';
import { readRegistry } from './registry.repository.js';
import { loadAdjustmentWaits } from './audit.repository.js';

const { ctx } = useTestContext();

describe('loadAdjustmentWaits', () => {
  it('Given 编制事项 drafted, submitted and approved through the commands When the facts are read Then each shows when it was submitted and decided', async () => {
    // Given: a baseline applied without submission, one approved, one still waiting, one left as a draft
    await seedInstitutions(ctx, ['区数据局']);
    const registry = await readRegistry(ctx.pool, ctx.regionCode);
    const data = [...registry.institutions.values()].find((i) => i.name === '区数据局')!;
    const approved = await createAdjustment(ctx, {
      docNumber: '示编〔2026〕5号',
      title: '关于核定区数据局行政编制的通知',
      effectiveOn: '2026-01-01',
      items: [setQuotaItem(data.id, 'admin', 12)],
    });
    await submitAdjustment(ctx, approved.id);
    await approveAdjustment({ ...ctx, actor: 'approver' }, approved.id);
    const waiting = await createAdjustment(ctx, {
      docNumber: '示编〔2026〕6号',
      title: '关于设立区低空经济发展中心的通知',
      effectiveOn: '2026-01-01',
      items: [createInstitutionItem('区低空经济发展中心', 'public_institution')],
    });
    await submitAdjustment(ctx, waiting.id);
    await createAdjustment(ctx, {
      docNumber: '示编〔2026〕7号',
      title: '草稿',
      effectiveOn: '2026-01-01',
      items: [setQuotaItem(data.id, 'admin', 13)],
    });

    // When
    const facts = await loadAdjustmentWaits(ctx.pool, ctx.regionCode);

    // Then: the audit log's dates (UTC, as `today` is written); the draft and the baseline were never submitted
    const today = todayIso();
    expect(facts).toHaveLength(2);
    expect(facts.find((f) => f.adjustmentId === approved.id)).toEqual({
      adjustmentId: approved.id,
      docNumber: '示编〔2026〕5号',
      title: '关于核定区数据局行政编制的通知',
      institutions: ['区数据局'],
      submittedOn: today,
      decidedOn: today,
      decision: 'approved',
    });
    expect(facts.find((f) => f.adjustmentId === waiting.id)).toMatchObject({
      institutions: ['区低空经济发展中心'],
      submittedOn: today,
      decidedOn: null,
      decision: null,
    });
  });

  it('Given the waiting one submitted 40 days ago When the snapshot is diagnosed Then APPROVAL_DELAY reports the 40-day wait', async () => {
    // Given: its submission moved back 40 days (as if it had been submitted then)
    const [waiting] = (await loadAdjustmentWaits(ctx.pool, ctx.regionCode)).filter((f) => !f.decidedOn);
    await bypassingTriggers(
      ctx.pool,
      `UPDATE audit_events SET at = at - interval '40 days' WHERE region_code = $1 AND entity_id = $2 AND action = 'adjustment.submit'`,
      [ctx.regionCode, waiting!.adjustmentId],
    );
    // When
    const snapshot = await loadSnapshot(ctx, todayIso());
    const findings = findApprovalDelays(snapshot, defaultDiagnosticConfig);
    // Then: the pending one trips; the approved one (decided the day it was submitted) gives no median finding
    expect(findings).toHaveLength(1);
    expect(findings[0]!.measures).toMatchObject({ check: 'pending', adjustments: 1, longestDays: 40 });
    expect(findings[0]!.evidence.map((e) => (e as { text: string }).text).join()).toContain('区低空经济发展中心');
  });
});
