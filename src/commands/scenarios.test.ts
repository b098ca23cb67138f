import { describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { readRegistry } from '../store/registry.repository.js';
import { quotaKey } from '../domain/ledger.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import {
  addScenarioItems,
  applyScenario,
  approveScenario,
  compareScenarios,
  createScenario,
  evaluateScenario,
  listScenarios,
  optimizeScenario,
  shareScenario,
  submitScenario,
} from './scenarios.js';

const { ctx, env, water, stats, as } = useScenarioDistrict();

describe('方案 on PostgreSQL', () => {
  it('Given a draft merge When evaluated Then the figures show one 党政机构 less, quota kept, and it stays private until shared', async () => {
    const drafter = as('zhangsan', 'operator');
    const created = await createScenario(drafter, { name: '水务并入生态环境', baseDate: '2026-11-27' });
    const r = await addScenarioItems(drafter, created.scenario.id, [
      { op: 'merge_institutions', sourceIds: [water.id], targetId: env.id },
    ]);
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.institutions.partyGov).toEqual({ before: 3, after: 2, cap: 3 });
    expect(r.evaluation.quota).toEqual([
      { category: 'admin', label: '行政编制', before: 23, after: 23, total: 25, poolBefore: 0, poolAfter: 0 },
    ]);
    // private: another operator neither lists nor reads it
    const other = as('lisi', 'operator');
    expect((await listScenarios(other)).map((s) => s.id)).not.toContain(created.scenario.id);
    await expect(evaluateScenario(other, created.scenario.id)).rejects.toThrow(/不存在/);
    await shareScenario(drafter, created.scenario.id);
    expect((await listScenarios(other)).map((s) => s.id)).toContain(created.scenario.id);
  });

  it('Given a scenario above the cap When submitted Then it is refused with the figures', async () => {
    const drafter = as('zhangsan', 'operator');
    const s = await createScenario(drafter, { name: '新设数据局', items: [createInstitutionItem('区数据局')] });
    expect(s.evaluation.violations).toEqual([expect.stringMatching(/党政机构将由3个增至4个,超过机构限额3个/)]);
    await expect(submitScenario(drafter, s.scenario.id)).rejects.toThrow(/不能提交.*超过机构限额3个/);
  });

  it('Given a submitted merge When its drafter approves Then refused; another approver approves and it applies as one adjustment', async () => {
    const drafter = as('zhangsan', 'operator');
    const s = await createScenario(drafter, {
      name: '统计局划出编制',
      necessity: '统计局工作量偏低',
      items: [{ op: 'move_quota', fromId: stats.id, toId: env.id, category: 'admin', amount: 2 }],
    });
    await submitScenario(drafter, s.scenario.id);
    await expect(approveScenario(as('zhangsan', 'admin'), s.scenario.id)).rejects.toThrow(/须由起草人以外的审批人批准/);
    await approveScenario(as('wangwu', 'approver'), s.scenario.id);
    const applied = await applyScenario(as('zhaoliu', 'operator'), s.scenario.id, {
      docNumber: '区编〔2026〕9号',
      effectiveOn: '2026-11-27',
    });
    expect(applied.scenario).toMatchObject({ status: 'applied', docNumber: '区编〔2026〕9号', reviewOn: '2027-11-27' });
    const registry = await readRegistry(ctx.pool, ctx.regionCode);
    expect(registry.quotas.get(quotaKey(stats.id, 'admin'))).toBe(3);
    expect(registry.quotas.get(quotaKey(env.id, 'admin'))).toBe(12);
  });

  it('Given an approved scenario touching a unit changed since its base When applied Then it is refused naming the 文号', async () => {
    const drafter = as('zhangsan', 'operator');
    const s = await createScenario(drafter, {
      name: '统计局再划出编制',
      items: [{ op: 'move_quota', fromId: stats.id, toId: water.id, category: 'admin', amount: 1 }],
    });
    await submitScenario(drafter, s.scenario.id);
    await approveScenario(as('wangwu', 'approver'), s.scenario.id);
    // meanwhile the registry changes the same unit
    const other = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕10号',
      title: '统计局更名',
      effectiveOn: '2026-11-27',
      items: [{ op: 'rename_institution', institutionId: stats.id, name: '区统计局(区普查中心)' }],
    });
    await applyAdjustment(ctx, other.id, { allowUnapproved: true });
    const before = await readRegistry(ctx.pool, ctx.regionCode);
    await expect(
      applyScenario(ctx, s.scenario.id, { docNumber: '区编〔2026〕11号', effectiveOn: '2026-11-27' }),
    ).rejects.toThrow(/区编〔2026〕10号\(区统计局\(区普查中心\)\)/);
    expect((await readRegistry(ctx.pool, ctx.regionCode)).quotas).toEqual(before.quotas);
  });

  it('Given two scenarios When compared Then both are evaluated side by side; one alone is refused', async () => {
    const list = await listScenarios(ctx);
    const r = await compareScenarios(ctx, [list[0]!.id, list[1]!.id]);
    expect(r).toHaveLength(2);
    await expect(compareScenarios(ctx, [list[0]!.id])).rejects.toThrow(/2至4个/);
  });
});

describe('编制优化 saved as a scenario', () => {
  it('Given two units with workload 3:1 and 4+4 places When optimized Then the draft moves places towards the busy one and explains each move', async () => {
    const busy = createInstitutionItem('区行政审批服务局');
    const idle = createInstitutionItem('区档案局');
    const a = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕30号',
      title: '设立',
      effectiveOn: '2026-01-01',
      items: [busy, idle, setQuotaItem(busy.id, 'admin', 4), setQuotaItem(idle.id, 'admin', 4)],
    });
    await applyAdjustment(ctx, a.id, { allowUnapproved: true });
    for (const [id, value] of [
      [busy.id, 3000],
      [idle.id, 1000],
    ] as const) {
      await ctx.pool.query(
        `INSERT INTO workload_indicators (region_code, institution_id, year, indicator, value) VALUES ($1, $2, 2025, '办件量', $3)`,
        [ctx.regionCode, id, value],
      );
    }
    const r = await optimizeScenario(as('zhangsan', 'operator'), {
      name: '按办件量调配行政编制',
      category: 'admin',
      institutions: [busy.id, idle.id],
      indicator: '办件量',
    });
    expect(r.optimization.status).toBe('optimal');
    // targets 6 and 2 (3:1 of 8); nobody is in post, so nothing holds a unit above its target
    expect(r.items).toEqual([
      { op: 'set_quota', institutionId: busy.id, category: 'admin', approved: 6 },
      { op: 'set_quota', institutionId: idle.id, category: 'admin', approved: 2 },
    ]);
    expect(r.evaluation.violations).toEqual([]);
    expect(r.scenario.basis).toContain('区行政审批服务局');
  });
});
