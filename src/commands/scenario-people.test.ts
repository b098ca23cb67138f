/**
 * People a 方案 moves, on PostgreSQL: an abolition that names where its people go moves each of them there with a 调动
 * movement of the apply (and without a destination it is refused, naming how many remain); 综合执法 moves only the
 * enforcement staff of a unit that is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { idNo, inst, rosterRow, seedDistrict } from '../../test/staffing.js';
import type { Role } from '../domain/vocabulary.js';
import type { CommandContext } from './context.js';
import { applyAdjustment, approveAdjustment, createAdjustment, submitAdjustment } from './adjustments.js';
import { applyScenario, approveScenario, createScenario, submitScenario } from './scenarios.js';

const { ctx } = useTestContext();
const as = (actor: string, role: Role): CommandContext => ({
  ...ctx,
  actor,
  access: { role, scope: async () => undefined },
});
let institutions: Record<string, string> = {};
let persons: Record<string, string> = {};

/**
 * 区市场监督管理局 (行政编制 6; 内设 办公室, 执法稽查科): 局长 钱一, 办公室 孙二, 执法稽查科 周三 and 吴四 (科员), 郑五
 * (岗位 执法队员, no internal unit); 区档案馆 (事业 2): 冯六 and 陈七; 区图书馆 (事业 4): 褚八.
 */
beforeAll(async () => {
  const market = '区市场监督管理局';
  const publicService = { category: 'public_service' as const };
  ({ institutions, persons } = await seedDistrict(ctx, {
    institutions: [
      inst(market, 'gov_dept', { rank: '正科' }),
      inst('办公室', 'internal_unit', { parent: market }),
      inst('执法稽查科', 'internal_unit', { parent: market }),
      inst('区档案馆', 'public_institution', { rank: '股级' }),
      inst('区图书馆', 'public_institution', { rank: '股级' }),
    ],
    quotas: [
      { institution: market, category: 'admin', approved: 6 },
      { institution: '区档案馆', category: 'public_service', approved: 2 },
      { institution: '区图书馆', category: 'public_service', approved: 4 },
    ],
    posts: [{ institution: market, level: '正科', postClass: 'admin', approved: 1 }],
    roster: [
      rosterRow('钱一', idNo('19750101', '001'), market, { leadershipLevel: '正科', postClass: 'admin', post: '局长' }),
      rosterRow('孙二', idNo('19800101', '002'), market, { unit: '办公室', post: '一级科员' }),
      rosterRow('周三', idNo('19850101', '003'), market, { unit: '执法稽查科', post: '一级科员' }),
      rosterRow('吴四', idNo('19900101', '004'), market, { unit: '执法稽查科', post: '二级科员' }),
      rosterRow('郑五', idNo('19920101', '005'), market, { post: '执法队员' }),
      rosterRow('冯六', idNo('19860101', '006'), '区档案馆', publicService),
      rosterRow('陈七', idNo('19880101', '007'), '区档案馆', publicService),
      rosterRow('褚八', idNo('19890101', '008'), '区图书馆', publicService),
    ],
  }));
});

async function carryOut(name: string, items: Parameters<typeof createScenario>[1]['items'], docNumber: string) {
  const drafter = as('zhangsan', 'operator');
  const s = await createScenario(drafter, { name, items });
  await submitScenario(drafter, s.scenario.id);
  await approveScenario(as('wangwu', 'approver'), s.scenario.id);
  const apply = () => applyScenario(as('zhaoliu', 'operator'), s.scenario.id, { docNumber, effectiveOn: ctx.today });
  return { evaluated: s, apply };
}

const openAssignments = async () =>
  (
    await ctx.pool.query<{ person_id: string; institution_id: string }>(
      `SELECT person_id, institution_id FROM assignments WHERE region_code = $1 AND end_on IS NULL ORDER BY person_id`,
      [ctx.regionCode],
    )
  ).rows;

const movementsOf = async (adjustmentId: string | null) =>
  (
    await ctx.pool.query<{ person_id: string; type: string; on: string; from: string; to: string }>(
      `SELECT person_id, type, "on"::text AS on, from_institution_id AS from, to_institution_id AS to
         FROM movements WHERE region_code = $1 AND adjustment_id = $2 ORDER BY person_id`,
      [ctx.regionCode, adjustmentId],
    )
  ).rows;

describe('方案 moving people on PostgreSQL', () => {
  it('Given 区档案馆 abolished with no unit for its people When evaluated and submitted Then both are listed 待安置 and it is refused, naming how many remain', async () => {
    const archive = institutions['区档案馆']!;
    const library = institutions['区图书馆']!;
    const before = await openAssignments();
    const drafter = as('zhangsan', 'operator');
    const s = await createScenario(drafter, {
      name: '撤销档案馆(未安置人员)',
      items: [
        { op: 'move_quota', fromId: archive, toId: library, category: 'public_service', amount: 2 },
        { op: 'abolish_institution', institutionId: archive },
      ],
    });
    const remain = '机构"区档案馆"仍有2名在编人员，撤销前须先调出、通过合并转入其他机构，或写明人员转入的机构';
    expect(s.evaluation.violations).toEqual([remain]);
    expect(s.evaluation.peopleAffected.map((p) => [p.name, p.to]).sort()).toEqual([
      ['冯六', null],
      ['陈七', null],
    ]);
    await expect(submitScenario(drafter, s.scenario.id)).rejects.toThrow(remain);
    expect(await openAssignments()).toEqual(before);
  });

  it('Given 区档案馆 abolished with its people to 区图书馆 When applied Then both are listed with that destination beforehand, each moves by a 调动 dated the effective date, and nobody is lost', async () => {
    const archive = institutions['区档案馆']!;
    const library = institutions['区图书馆']!;
    const before = await openAssignments();
    const { evaluated, apply } = await carryOut(
      '撤销档案馆,人员转入图书馆',
      [
        { op: 'move_quota', fromId: archive, toId: library, category: 'public_service', amount: 2 },
        { op: 'abolish_institution', institutionId: archive, peopleTo: library },
      ],
      '区编〔2026〕41号',
    );
    expect(evaluated.evaluation.violations).toEqual([]);
    expect(evaluated.evaluation.peopleAffected.map((p) => [p.name, p.from, p.to]).sort()).toEqual([
      ['冯六', '区档案馆', '区图书馆'],
      ['陈七', '区档案馆', '区图书馆'],
    ]);

    const applied = await apply();
    expect(applied.peopleMoved).toBe(2);
    const after = await openAssignments();
    expect(after.map((r) => r.person_id)).toEqual(before.map((r) => r.person_id));
    expect(after.filter((r) => r.institution_id === archive)).toEqual([]);
    expect(await movementsOf(applied.scenario.adjustmentId)).toEqual(
      [persons['冯六']!, persons['陈七']!].sort().map((id) => ({
        person_id: id,
        type: 'transfer',
        on: ctx.today,
        from: archive,
        to: library,
      })),
    );
  });

  it('Given 综合执法 taking 区市场监督管理局’s enforcement with 3 of its places When applied Then exactly 周三, 吴四 (执法稽查科) and 郑五 (执法队员) move to the team; the 局长 and 办公室 stay', async () => {
    const market = institutions['区市场监督管理局']!;
    const { evaluated, apply } = await carryOut(
      '市场监管综合执法',
      [
        {
          op: 'integrate_enforcement',
          domain: '市场监管',
          team: { name: '区市场监管综合执法大队', kind: 'gov_dept', rank: '副科' },
          institutionIds: [market],
          quota: [{ institutionId: market, category: 'admin', amount: 3 }],
        },
      ],
      '区编〔2026〕42号',
    );
    const enforcers = ['周三', '吴四', '郑五'];
    expect(evaluated.evaluation.violations).toEqual([]);
    expect(evaluated.evaluation.peopleAffected.map((p) => p.name).sort()).toEqual([...enforcers].sort());
    expect(evaluated.evaluation.peopleAffected.every((p) => p.to === '区市场监管综合执法大队' && p.reason)).toBe(true);

    const applied = await apply();
    expect(applied.peopleMoved).toBe(3);
    const moves = await movementsOf(applied.scenario.adjustmentId);
    expect(moves.map((m) => m.person_id).sort()).toEqual(enforcers.map((n) => persons[n]!).sort());
    const team = moves[0]!.to;
    expect(moves.every((m) => m.type === 'transfer' && m.from === market && m.to === team && m.on === ctx.today)).toBe(
      true,
    );
    const held = new Map((await openAssignments()).map((r) => [r.person_id, r.institution_id]));
    expect(held.get(persons['钱一']!)).toBe(market);
    expect(held.get(persons['孙二']!)).toBe(market);
    for (const n of enforcers) expect(held.get(persons[n]!)).toBe(team);
  });

  it('Given a 调动 of named people one of whom has left the unit When applied Then it is refused in Chinese and nobody moves', async () => {
    const market = institutions['区市场监督管理局']!;
    const library = institutions['区图书馆']!;
    const before = await openAssignments();
    const a = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕43号',
      title: '人员调动',
      effectiveOn: ctx.today,
      items: [{ op: 'move_people', fromId: market, toId: library, personIds: [persons['孙二']!, persons['周三']!] }],
    });
    await submitAdjustment(ctx, a.id);
    await approveAdjustment(as('wangwu', 'approver'), a.id);
    await expect(applyAdjustment(ctx, a.id)).rejects.toThrow('1名拟调动人员已不在原单位');
    expect(await openAssignments()).toEqual(before);
    expect(await movementsOf(a.id)).toEqual([]);
  });
});
