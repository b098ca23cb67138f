/**
 * 方案 carried out on PostgreSQL: new 三定 duties written on apply, a merge's people moved with their 调动 movements in
 * the apply's transaction, and the 执行情况评估 on its date finding which of the findings it was meant to resolve are
 * gone (an undone one overdue is a finding).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { seedStaffingDistrict } from '../../test/staffing.js';
import type { Role } from '../domain/vocabulary.js';
import { loadMovements } from '../store/movements.repository.js';
import type { CommandContext } from './context.js';
import { diagnoseDistrict } from './diagnose.js';
import {
  applyScenario,
  approveScenario,
  createScenario,
  listScenarioReviews,
  reviewScenario,
  submitScenario,
} from './scenarios.js';

const { ctx } = useTestContext();
let ids: Awaited<ReturnType<typeof seedStaffingDistrict>>;
const as = (actor: string, role: Role, today = ctx.today): CommandContext => ({
  ...ctx,
  today,
  actor,
  access: { role, scope: async () => undefined },
});

beforeAll(async () => {
  ids = await seedStaffingDistrict(ctx);
});

async function carryOut(
  name: string,
  items: Parameters<typeof createScenario>[1]['items'],
  docNumber: string,
  reviewOn?: string,
) {
  const drafter = as('zhangsan', 'operator');
  const s = await createScenario(drafter, { name, items });
  await submitScenario(drafter, s.scenario.id);
  await approveScenario(as('wangwu', 'approver'), s.scenario.id);
  const applied = await applyScenario(as('zhaoliu', 'operator'), s.scenario.id, {
    docNumber,
    effectiveOn: ctx.today,
    reviewOn,
  });
  return { evaluated: s, applied };
}

describe('方案 applied and reviewed', () => {
  const finance = () => ids.institutions['区财政局']!;
  const audit = () => ids.institutions['区审计局']!;

  it('Given a scenario with its necessity and basis When applied Then its 编制事项 records them as its evaluation', async () => {
    const drafter = as('zhangsan', 'operator');
    const s = await createScenario(drafter, {
      name: '审计局增加审计整改督促职责',
      necessity: '审计整改督促缺少承担单位',
      basis: '区委审计委员会会议纪要',
      items: [
        { op: 'add_duties', institutionId: audit(), duties: [{ title: '审计整改督促', text: '负责督促审计整改' }] },
      ],
    });
    await submitScenario(drafter, s.scenario.id);
    await approveScenario(as('wangwu', 'approver'), s.scenario.id);
    await applyScenario(as('zhaoliu', 'operator'), s.scenario.id, {
      docNumber: '区编〔2026〕31号',
      effectiveOn: ctx.today,
    });
    const row = await ctx.pool.query(`SELECT evaluation FROM adjustments WHERE region_code = $1 AND doc_number = $2`, [
      ctx.regionCode,
      '区编〔2026〕31号',
    ]);
    expect(row.rows[0].evaluation).toBe('必要性:审计整改督促缺少承担单位\n依据:区委审计委员会会议纪要');
  });

  it('Given a scenario writing the same 三定 duty for two bureaus When applied Then the duties are stored and DUTY_OVERLAP finds them', async () => {
    const duty = { title: '水质监测', text: '负责全区河湖、水库及地下水水质监测，发布水质监测信息' };
    const { evaluated, applied } = await carryOut(
      '两局增加水质监测职责',
      [
        { op: 'add_duties', institutionId: finance(), duties: [duty] },
        { op: 'add_duties', institutionId: audit(), duties: [duty] },
      ],
      '区编〔2026〕21号',
    );
    // each warned of the other before submission
    expect(evaluated.evaluation.dutyWarnings.map((w) => w.institution).sort()).toEqual(['区审计局', '区财政局']);
    expect(applied.scenario.status).toBe('applied');
    const stored = await ctx.pool.query(
      `SELECT institution_id FROM duties WHERE region_code = $1 AND source = 'sanding' AND title = '水质监测'`,
      [ctx.regionCode],
    );
    expect(stored.rows.map((r) => r.institution_id).sort()).toEqual([finance(), audit()].sort());
    const { findings } = await diagnoseDistrict(ctx, { codes: ['DUTY_OVERLAP'] });
    expect(findings.map((f) => f.institutions.map((i) => i.name).sort())).toEqual([['区审计局', '区财政局']]);
  });

  it('Given a merge of 区审计局 into 区财政局 When applied Then 王五 is listed beforehand and moves with a 调动 movement of the apply', async () => {
    const { evaluated, applied } = await carryOut(
      '审计局并入财政局',
      [{ op: 'merge_institutions', sourceIds: [audit()], targetId: finance() }],
      '区编〔2026〕22号',
      '2026-12-27',
    );
    expect(evaluated.evaluation.peopleAffected).toEqual([
      {
        personId: ids.persons['王五'],
        name: '王五',
        fromId: audit(),
        from: '区审计局',
        toId: finance(),
        to: '区财政局',
      },
    ]);
    expect(evaluated.evaluation.findings.resolved.map((f) => f.code)).toContain('DUTY_OVERLAP');
    expect(applied.peopleMoved).toBe(1);
    const moves = await ctx.pool.query(
      `SELECT type, "on", from_institution_id AS "from", to_institution_id AS "to", adjustment_id AS "adjustmentId"
         FROM movements WHERE region_code = $1 AND adjustment_id IS NOT NULL ORDER BY id`,
      [ctx.regionCode],
    );
    expect(moves.rows).toEqual([
      { type: 'transfer', on: ctx.today, from: audit(), to: finance(), adjustmentId: applied.scenario.adjustmentId },
    ]);
    const held = await loadMovements(ctx.pool, ctx.regionCode, ids.persons['王五']);
    expect(held[held.length - 1]!.place?.institutionId).toBe(finance());
    expect(applied.scenario.reviewOn).toBe('2026-12-27');
  });

  it('Given the review date passed by 40 days When diagnosed Then the undone review is a finding; reviewed Then the overlap is found gone and the finding ends', async () => {
    const later = '2027-02-05';
    const before = await listScenarioReviews(as('zhangsan', 'operator'));
    expect(before).toEqual([]); // not yet due on 2026-11-27
    const due = await listScenarioReviews(as('zhangsan', 'operator', later));
    expect(due.map((r) => [r.scenario.name, r.due, r.overdue, r.daysLate])).toEqual([
      ['审计局并入财政局', true, true, 40],
    ]);
    const overdue = await diagnoseDistrict({ ...ctx, today: later }, { codes: ['SCENARIO_REVIEW_OVERDUE'] });
    expect(overdue.findings.map((f) => f.title)).toEqual([
      '方案"审计局并入财政局"(区编〔2026〕22号)应于2026年12月27日开展执行情况评估,已逾期40天尚未评估',
    ]);

    const id = due[0]!.scenario.id;
    await expect(reviewScenario(as('zhangsan', 'operator'), id)).rejects.toThrow(/评估日期为2026-12-27,尚未到期/);
    const r = await reviewScenario(as('zhangsan', 'operator', later), id);
    const overlap = r.review.findings.find((f) => f.code === 'DUTY_OVERLAP')!;
    expect(overlap).toMatchObject({ resolved: true, now: null });
    expect(r.review.remaining).toBe(r.review.findings.filter((f) => !f.resolved).length);
    expect(r.scenario).toMatchObject({ reviewedOn: later, reviewedBy: 'zhangsan' });
    await expect(reviewScenario(as('zhangsan', 'operator', later), id)).rejects.toThrow(/已于2027-02-05完成/);
    expect(await listScenarioReviews(as('zhangsan', 'operator', later))).toEqual([]);
    const after = await diagnoseDistrict({ ...ctx, today: later }, { codes: ['SCENARIO_REVIEW_OVERDUE'] });
    expect(after.findings).toEqual([]);
  });
});
