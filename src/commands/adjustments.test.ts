import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { bypassingTriggers, useTestContext } from '../../test/context.js';
import {
  applyAdjustment,
  approveAdjustment,
  createAdjustment,
  previewAdjustment,
  quotaTag,
  rebuildRegistry,
  recordLimits,
  recordQuotaDecision,
  registryAsOf,
  rejectAdjustment,
  submitAdjustment,
  updateAdjustmentDraft,
} from './adjustments.js';
import { quotaKey, registryRows } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { approvalWaits, verifyAuditChain } from '../store/audit.repository.js';
import { AppError } from '../domain/errors.js';
import { diagnose } from '../analysis/diagnose.js';
import { loadSnapshot } from './snapshot.js';

const { ctx } = useTestContext();

/** The 编委 member who decides: someone other than the drafter (`ctx.actor`). */
const approver = () => ({ ...ctx, actor: 'approver' });

async function approveAndApply(
  docNumber: string,
  effectiveOn: string,
  items: Parameters<typeof createAdjustment>[1]['items'],
) {
  const a = await createAdjustment(ctx, { docNumber, title: docNumber, effectiveOn, items });
  await submitAdjustment(ctx, a.id);
  await approveAdjustment(approver(), a.id);
  return applyAdjustment(ctx, a.id);
}

describe('the adjustment ledger on PostgreSQL', () => {
  const env = createInstitutionItem('区生态环境分局');
  const water = createInstitutionItem('区水务局');
  const agri = createInstitutionItem('区农业农村局');

  it('Given a history of adjustments When folded Then the materialized tables equal a rebuild and as-of reads show each date', async () => {
    // Given
    await approveAndApply('初始导入', '2024-01-01', [
      env,
      water,
      agri,
      setQuotaItem(env.id, 'admin', 10),
      setQuotaItem(water.id, 'admin', 8),
      setQuotaItem(agri.id, 'admin', 12),
    ]);
    await approveAndApply('某编〔2025〕3号', '2025-03-01', [
      { op: 'move_quota', fromId: agri.id, toId: env.id, category: 'admin', amount: 2 },
    ]);
    await approveAndApply('某编〔2025〕9号', '2025-09-01', [
      { op: 'rename_institution', institutionId: water.id, name: '区水利局' },
      { op: 'set_posts', institutionId: water.id, level: '正科', postClass: 'admin', approved: 1 },
    ]);
    // a back-dated adjustment folds in its place, not at the end
    await approveAndApply('某编〔2025〕1号', '2025-01-15', [setQuotaItem(water.id, 'worker', 2)]);

    // Then
    const current = await readRegistry(ctx.pool, ctx.regionCode);
    expect(current.quotas.get(quotaKey(env.id, 'admin'))).toBe(12);
    expect(current.institutions.get(water.id)!.name).toBe('区水利局');
    const rebuilt = await rebuildRegistry(ctx);
    // the four above and the region's 上级核定 limits (test/context.ts)
    expect(rebuilt).toMatchObject({ adjustments: 5, identical: true, changes: 0 });
    expect(registryRows(await readRegistry(ctx.pool, ctx.regionCode))).toEqual(registryRows(current));

    const early = await registryAsOf(ctx, '2025-02-01');
    expect(early.quotas.get(quotaKey(env.id, 'admin'))).toBe(10);
    expect(early.quotas.get(quotaKey(water.id, 'worker'))).toBe(2);
    expect(early.institutions.get(water.id)!.name).toBe('区水务局');
    expect((await registryAsOf(ctx, '2023-12-31')).institutions.size).toBe(0);
  });

  it('Given the materialized tables were tampered with When rebuilt Then the ledger restores them', async () => {
    await ctx.pool.query(`UPDATE quotas SET approved = 999 WHERE institution_id = $1`, [env.id]);
    const r = await rebuildRegistry(ctx);
    expect(r.identical).toBe(false);
    expect((await readRegistry(ctx.pool, ctx.regionCode)).quotas.get(quotaKey(env.id, 'admin'))).toBe(12);
  });

  it('Given a draft When applied before approval, or approved twice Then it is refused with a Chinese message', async () => {
    const a = await createAdjustment(ctx, {
      docNumber: '某编〔2025〕20号',
      title: 't',
      effectiveOn: '2025-10-01',
      items: [setQuotaItem(env.id, 'worker', 1)],
    });
    await expect(applyAdjustment(ctx, a.id)).rejects.toThrow(/尚未批准/);
    await submitAdjustment(ctx, a.id);
    await expect(submitAdjustment(ctx, a.id)).rejects.toThrow(/不能提交/);
    await rejectAdjustment(ctx, a.id);
    await expect(approveAdjustment(ctx, a.id)).rejects.toThrow(/已驳回/);
  });

  it('Given a submitted draft When its drafter approves it Then it is refused in Chinese; another approver may, and the rule can be turned off', async () => {
    const draft = (n: number) =>
      createAdjustment(ctx, {
        docNumber: `某编〔2025〕${n}号`,
        title: 't',
        effectiveOn: '2025-10-01',
        items: [setQuotaItem(env.id, 'worker', 1)],
      }).then(async (a) => (await submitAdjustment(ctx, a.id), a));
    const own = await draft(23);
    const err = await approveAdjustment(ctx, own.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/由您拟稿,须由拟稿人以外的审批人批准/),
    });
    expect((await approveAdjustment(approver(), own.id)).status).toBe('approved');
    expect((await approveAdjustment({ ...ctx, approverMustDiffer: false }, (await draft(24)).id)).status).toBe(
      'approved',
    );
  });

  it('Given a stale version When a decision is made Then it is a conflict', async () => {
    const a = await createAdjustment(ctx, {
      docNumber: '某编〔2025〕21号',
      title: 't',
      effectiveOn: '2025-10-01',
      items: [setQuotaItem(env.id, 'worker', 1)],
    });
    await submitAdjustment(ctx, a.id, a.version);
    const err = await approveAdjustment(ctx, a.id, a.version).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
  });

  it('Given a draft that breaks an invariant When submitted Then it is refused and the registry is unchanged', async () => {
    const before = registryRows(await readRegistry(ctx.pool, ctx.regionCode));
    const a = await createAdjustment(ctx, {
      docNumber: '某编〔2025〕22号',
      title: 't',
      effectiveOn: '2025-10-01',
      items: [{ op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 100 }],
    });
    await expect(submitAdjustment(ctx, a.id)).rejects.toThrow(/不足以划出100名/);
    expect(registryRows(await readRegistry(ctx.pool, ctx.regionCode))).toEqual(before);
  });

  it('Given a draft with its 必要性和依据 When created and edited Then the evaluation is stored, and a blank one is none', async () => {
    const draft = {
      docNumber: '某编〔2026〕88号',
      title: 't',
      effectiveOn: '2026-01-01',
      items: [setQuotaItem(env.id, 'worker', 3)],
    };
    const a = await createAdjustment(ctx, { ...draft, evaluation: '承担新增河湖长制任务,依据区委文件' });
    expect(a.evaluation).toBe('承担新增河湖长制任务,依据区委文件');
    await updateAdjustmentDraft(ctx, a.id, { ...draft, evaluation: '  ' }, a.version);
    const row = await ctx.pool.query(`SELECT evaluation FROM adjustments WHERE region_code = $1 AND id = $2`, [
      ctx.regionCode,
      a.id,
    ]);
    expect(row.rows[0].evaluation).toBeNull();
  });

  it('Given an adjustment effective in the future When applied Then it waits for its date', async () => {
    const a = await createAdjustment(ctx, {
      docNumber: '某编〔2027〕1号',
      title: 't',
      effectiveOn: '2027-01-01',
      items: [setQuotaItem(env.id, 'worker', 3)],
    });
    await submitAdjustment(ctx, a.id);
    await approveAdjustment(approver(), a.id);
    await expect(applyAdjustment(ctx, a.id)).rejects.toThrow(/尚未到来/);
  });

  it('Given people and duties in a unit When it is merged Then they move with nothing dropped and the preview shows the diff', async () => {
    // Given two people in 农业农村局 and one duty
    const agriId = agri.id;
    await ctx.pool.query(
      `INSERT INTO persons (region_code, id, id_number, name) VALUES ($1, 'a0000000-0000-7000-8000-000000000001', '11010519491231002X', '张三'),
                                                                     ($1, 'a0000000-0000-7000-8000-000000000002', '110105194912310037', '李四')`,
      [ctx.regionCode],
    );
    // each assignment with the 入编 that opens it: the roster is the fold of its movements
    await ctx.pool.query(
      `WITH a AS (
         INSERT INTO assignments (region_code, person_id, institution_id, category, start_on) VALUES
           ($1, 'a0000000-0000-7000-8000-000000000001', $2, 'admin', '2020-01-01'), ($1, 'a0000000-0000-7000-8000-000000000002', $2, 'admin', '2021-01-01')
         RETURNING *)
       INSERT INTO movements (region_code, person_id, type, "on", to_institution_id, category, assignment_id)
       SELECT region_code, person_id, 'enter', start_on, institution_id, category, id FROM a`,
      [ctx.regionCode, agriId],
    );
    await ctx.pool.query(
      `INSERT INTO duties (region_code, institution_id, source, title) VALUES ($1, $2, 'sanding', '负责农业面源污染防治')`,
      [ctx.regionCode, agriId],
    );
    const totalBefore = [...(await readRegistry(ctx.pool, ctx.regionCode)).quotas.values()].reduce((a, b) => a + b, 0);

    // When
    const draft = await createAdjustment(ctx, {
      docNumber: '某编〔2025〕30号',
      title: '合并',
      effectiveOn: '2025-11-01',
      items: [{ op: 'merge_institutions', sourceIds: [agriId], targetId: env.id }],
    });
    const preview = await previewAdjustment(ctx, draft.id);
    expect(preview.diff.abolished).toEqual(['区农业农村局']);
    await submitAdjustment(ctx, draft.id);
    await approveAdjustment(approver(), draft.id);
    const applied = await applyAdjustment(ctx, draft.id);

    // Then
    expect(applied).toMatchObject({ peopleMoved: 2, dutiesMoved: 1 });
    // the change it made stays readable once carried out (what 执行后的变化 shows after 执行)
    expect((await previewAdjustment(ctx, draft.id)).diff).toEqual(preview.diff);
    // asked for by its id in upper case (a uuid matches either way): the same change, not a crash
    expect((await previewAdjustment(ctx, draft.id.toUpperCase())).diff).toEqual(preview.diff);
    const open = await ctx.pool.query(
      `SELECT institution_id FROM assignments WHERE region_code = $1 AND end_on IS NULL`,
      [ctx.regionCode],
    );
    expect(open.rows.every((r) => r.institution_id === env.id)).toBe(true);
    const moves = await ctx.pool.query(`SELECT count(*)::int n FROM movements WHERE adjustment_id = $1`, [draft.id]);
    expect(moves.rows[0].n).toBe(2);
    const after = await readRegistry(ctx.pool, ctx.regionCode);
    expect([...after.quotas.values()].reduce((a, b) => a + b, 0)).toBe(totalBefore);
    expect((await rebuildRegistry(ctx)).identical).toBe(true);
    // history: as of before the merge the bureau still exists with its people counted in the overview of that date
    expect((await registryAsOf(ctx, '2025-10-31')).institutions.get(agriId)!.status).toBe('active');
  });

  it('Given an institution with people When abolished outright Then it is refused', async () => {
    await expect(
      approveAndApply('某编〔2025〕31号', '2025-11-02', [
        { op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 22 },
        { op: 'abolish_institution', institutionId: env.id },
      ]),
    ).rejects.toThrow(/仍有2名在编人员/);
  });

  it('Given an institution with people When abolished with a unit for its people Then each moves there by a 调动 dated the effective date and nobody is lost', async () => {
    // Given
    const open = async () =>
      (
        await ctx.pool.query<{ person_id: string; institution_id: string }>(
          `SELECT person_id, institution_id FROM assignments WHERE region_code = $1 AND end_on IS NULL`,
          [ctx.regionCode],
        )
      ).rows;
    const before = await open();
    const leaving = before.filter((r) => r.institution_id === env.id).map((r) => r.person_id);
    expect(leaving.length).toBeGreaterThan(0);

    // When
    const applied = await approveAndApply('某编〔2025〕32号', '2025-11-03', [
      { op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 22 },
      { op: 'abolish_institution', institutionId: env.id, peopleTo: water.id },
    ]);

    // Then
    expect(applied.peopleMoved).toBe(leaving.length);
    const after = await open();
    expect(after.map((r) => r.person_id).sort()).toEqual(before.map((r) => r.person_id).sort());
    expect(after.filter((r) => r.institution_id === env.id)).toEqual([]);
    const moves = await ctx.pool.query<{ person_id: string; type: string; on: string; from: string; to: string }>(
      `SELECT person_id, type, "on"::text AS on, from_institution_id AS from, to_institution_id AS to
         FROM movements WHERE adjustment_id = $1`,
      [applied.adjustment.id],
    );
    expect(moves.rows.map((m) => m.person_id).sort()).toEqual([...leaving].sort());
    expect(moves.rows.every((m) => m.type === 'transfer' && m.on === '2025-11-03')).toBe(true);
    expect(moves.rows.every((m) => m.from === env.id && m.to === water.id)).toBe(true);
    expect((await readRegistry(ctx.pool, ctx.regionCode)).institutions.get(env.id)!.status).toBe('abolished');
    expect((await rebuildRegistry(ctx)).identical).toBe(true);
  });

  it('Given all these mutations When the audit chain is verified Then it is intact', async () => {
    const v = await verifyAuditChain(ctx.pool, ctx.regionCode);
    expect(v.ok).toBe(true);
    expect(v.checked).toBeGreaterThan(10);
  });

  it('Given an audit row edited or deleted with SQL past the triggers When verified Then the first broken link is named', async () => {
    await bypassingTriggers(ctx.pool, `UPDATE audit_events SET actor = 'mallory' WHERE region_code = $1 AND seq = 3`, [
      ctx.regionCode,
    ]);
    expect((await verifyAuditChain(ctx.pool, ctx.regionCode)).brokenAt).toEqual({
      seq: 3,
      reason: expect.stringMatching(/篡改/),
    });
    await bypassingTriggers(ctx.pool, `UPDATE audit_events SET actor = 'test' WHERE region_code = $1 AND seq = 3`, [
      ctx.regionCode,
    ]);
    expect((await verifyAuditChain(ctx.pool, ctx.regionCode)).ok).toBe(true);
    await bypassingTriggers(ctx.pool, `DELETE FROM audit_events WHERE region_code = $1 AND seq = 5`, [ctx.regionCode]);
    expect((await verifyAuditChain(ctx.pool, ctx.regionCode)).brokenAt).toEqual({
      seq: 5,
      reason: expect.stringMatching(/缺失/),
    });
  });
});

describe('how long 编制事项 wait for approval, read from the audit trail', () => {
  it('Given one approved and one only submitted When the waits are read Then only the approved one counts, from its submission', async () => {
    // Given
    const unit = createInstitutionItem('区审批时长测试局');
    const approved = await createAdjustment(ctx, {
      docNumber: '某编〔2026〕41号',
      title: '审批时长',
      effectiveOn: '2026-01-01',
      items: [unit],
    });
    await submitAdjustment(ctx, approved.id);
    await approveAdjustment(approver(), approved.id);
    const waiting = await createAdjustment(ctx, {
      docNumber: '某编〔2026〕42号',
      title: '待批',
      effectiveOn: '2026-01-01',
      items: [createInstitutionItem('区待批测试局')],
    });
    await submitAdjustment(ctx, waiting.id);

    // When
    const waits = await approvalWaits(ctx.pool, ctx.regionCode);

    // Then
    const mine = waits.find((w) => w.adjustmentId === approved.id);
    expect(mine).toBeDefined();
    expect(mine!.days).toBeGreaterThanOrEqual(0);
    expect(mine!.days).toBeLessThan(1);
    expect(mine!.submittedAt <= mine!.approvedAt).toBe(true);
    expect(waits.some((w) => w.adjustmentId === waiting.id)).toBe(false);
  });
});

describe('hard limits on PostgreSQL', () => {
  it('Given a 编制总额 recorded by 上级核定 When a draft goes above it Then submit refuses it in Chinese, and a rebuild keeps the limits', async () => {
    // Given
    const unit = createInstitutionItem('区统计局');
    await approveAndApply('区编〔2026〕1号', '2026-01-01', [unit, setQuotaItem(unit.id, 'admin', 5)]);
    const { limits } = await recordLimits(ctx, { approvalDocNumber: '市编〔2026〕3号', quotaTotals: { admin: 40 } });
    expect(limits.quotaTotals).toEqual({ admin: 40 });
    const total = [...(await readRegistry(ctx.pool, ctx.regionCode)).quotas]
      .filter(([k]) => k.endsWith('|admin'))
      .reduce((a, [, v]) => a + v, 0);
    // When
    const over = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕2号',
      title: '增加编制',
      effectiveOn: '2026-02-01',
      items: [setQuotaItem(unit.id, 'admin', 5 + 41 - total)],
    });
    // Then
    await expect(submitAdjustment(ctx, over.id)).rejects.toThrow(
      new RegExp(`行政编制总数将由${total}名增至41名,超过编制总额40名`),
    );
    expect((await findRegionLimits()).quotaTotals).toEqual({ admin: 40 });
    expect(await rebuildRegistry(ctx)).toMatchObject({ identical: true, changes: 0 });
  });
});

async function findRegionLimits() {
  const r = await ctx.pool.query('SELECT limits FROM regions WHERE region_code = $1', [ctx.regionCode]);
  return r.rows[0].limits as { quotaTotals?: Record<string, number> };
}

describe('编制周转池 on PostgreSQL', () => {
  it('Given a unit with 2 of 3 places filled When 2 are reclaimed Then it is refused; 1 vacant place goes to the pool, is kept by a rebuild', async () => {
    // Given
    const unit = createInstitutionItem('区妇幼保健院', 'public_institution');
    await approveAndApply('区编〔2026〕5号', '2026-01-01', [unit, setQuotaItem(unit.id, 'public_service', 3)]);
    for (const [n, idNumber] of ['44030519800101001X', '440305198001010028'].entries()) {
      const person = await ctx.pool.query<{ id: string }>(
        `INSERT INTO persons (region_code, id_number, name) VALUES ($1, $2, $3) RETURNING id`,
        [ctx.regionCode, idNumber, `医生${n}`],
      );
      await ctx.pool.query(
        `INSERT INTO assignments (region_code, person_id, institution_id, category, start_on)
         VALUES ($1, $2, $3, 'public_service', '2026-01-01')`,
        [ctx.regionCode, person.rows[0]!.id, unit.id],
      );
    }
    const reclaim = (amount: number) => ({
      op: 'reclaim_to_pool' as const,
      institutionId: unit.id,
      category: 'public_service' as const,
      amount,
    });
    // When / Then
    await expect(approveAndApply('区编〔2026〕6号', '2026-02-01', [reclaim(2)])).rejects.toThrow(
      /"区妇幼保健院"事业编制实有2人,收回或归还后只剩1名编制:只能收回空编/,
    );
    await approveAndApply('区编〔2026〕7号', '2026-02-01', [reclaim(1)]);
    const registry = await readRegistry(ctx.pool, ctx.regionCode);
    expect(registry.pool).toEqual({ balance: { public_service: 1 }, loans: [] });
    expect(registry.quotas.get(quotaKey(unit.id, 'public_service'))).toBe(2);
    expect(await rebuildRegistry(ctx)).toMatchObject({ identical: true, changes: 0 });
  });
});

describe('a quota decision recorded directly, with its 必要性和依据 (申请事项评估)', () => {
  it('Given three raises recorded with, without and with a blank 必要性和依据 When diagnosed Then only the two without one are APPROVAL_WITHOUT_EVALUATION', async () => {
    // Given: one unit, its 事业编制 raised three times by 编委 decisions recorded in one step
    const unit = createInstitutionItem('区档案馆', 'public_institution');
    await approveAndApply('区编〔2026〕60号', '2026-01-01', [unit, setQuotaItem(unit.id, 'worker', 5)]);
    const raise = (approved: number, docNumber: string, evaluation?: string) =>
      recordQuotaDecision(
        ctx,
        { institutionId: unit.id, category: 'worker', expectedTag: quotaTag(unit.id, 'worker', approved - 1) },
        { approved, docNumber, ...(evaluation !== undefined && { evaluation }) },
      );
    const withIt = await raise(6, '区编〔2026〕61号', '  承担新增档案数字化任务；依据区委办公室文件  ');
    const withoutIt = await raise(7, '区编〔2026〕62号');
    const blank = await raise(8, '区编〔2026〕63号', '   ');

    // When
    const snapshot = await loadSnapshot(ctx, ctx.today);
    const findings = diagnose(snapshot).filter((x) => x.code === 'APPROVAL_WITHOUT_EVALUATION');

    // Then: the text is stored trimmed, a blank one as none
    expect(withIt.adjustment.evaluation).toBe('承担新增档案数字化任务；依据区委办公室文件');
    expect(withoutIt.adjustment.evaluation).toBeNull();
    expect(blank.adjustment.evaluation).toBeNull();
    const fact = (id: string) => snapshot.approvals?.find((a) => a.adjustmentId === id);
    expect(fact(withIt.adjustment.id)).toMatchObject({ changes: ['quota_increase'], evaluated: true });
    expect(fact(withoutIt.adjustment.id)).toMatchObject({ changes: ['quota_increase'], evaluated: false });
    expect(fact(blank.adjustment.id)).toMatchObject({ changes: ['quota_increase'], evaluated: false });
    expect(findings).toHaveLength(1);
    const listed = findings[0]!.evidence.map((e) => (e as { text: string }).text).join('\n');
    expect(listed).toContain('区编〔2026〕62号');
    expect(listed).toContain('区编〔2026〕63号');
    expect(listed).not.toContain('区编〔2026〕61号');
  });

  it('Given a 必要性和依据 longer than a drafted 编制事项 allows When a quota decision is recorded Then it is refused and nothing changes', async () => {
    const unit = createInstitutionItem('区地方志办公室', 'public_institution');
    await approveAndApply('区编〔2026〕64号', '2026-01-01', [unit, setQuotaItem(unit.id, 'worker', 3)]);
    await expect(
      recordQuotaDecision(
        ctx,
        { institutionId: unit.id, category: 'worker', expectedTag: quotaTag(unit.id, 'worker', 3) },
        { approved: 4, docNumber: '区编〔2026〕65号', evaluation: '依'.repeat(4001) },
      ),
    ).rejects.toThrow();
    expect((await readRegistry(ctx.pool, ctx.regionCode)).quotas.get(quotaKey(unit.id, 'worker'))).toBe(3);
  });
});
