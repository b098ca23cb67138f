import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { createInstitutionItem } from '../../test/factories.js';
import { quotaTotalsOf } from '../domain/ledger.js';
import type { QuotaCategory } from '../domain/vocabulary.js';
import { diagnose } from './diagnose.js';
import { evaluateScenario } from './scenario-evaluation.js';

describe('scenario evaluation over the demo district', () => {
  const s = demoSnapshot();
  const base = { snapshot: s, findings: diagnose(s) };
  const water = s.idOf('区水务局');
  const env = s.idOf('区生态环境分局');

  it('Given a merge of 水务局 into 生态环境分局 When evaluated Then its people are listed, nobody and no quota is lost, and the 水质监测 overlap is resolved', () => {
    const r = evaluateScenario(base, [{ op: 'merge_institutions', sourceIds: [water], targetId: env }]);
    expect(r.violations).toEqual([]);
    const waterPeople = s.people.filter((p) => p.institutionId === water);
    expect(waterPeople.length).toBeGreaterThan(0);
    expect(r.peopleAffected).toHaveLength(waterPeople.length);
    expect(r.peopleAffected.every((p) => p.from === '区水务局' && p.to === '区生态环境分局')).toBe(true);
    expect(r.after.people).toHaveLength(s.people.length);
    expect(r.after.duties.filter((d) => d.institutionId === water)).toEqual([]);
    expect(r.quota.every((q) => q.before === q.after)).toBe(true);
    expect(r.institutions.partyGov.after).toBe(r.institutions.partyGov.before - 1);
    const resolvedOverlaps = r.findings.resolved.filter((f) => f.code === 'DUTY_OVERLAP');
    expect(resolvedOverlaps.some((f) => f.title.includes('区水务局') && f.title.includes('区生态环境分局'))).toBe(true);
    expect(quotaTotalsOf(r.after.registry)).toEqual(quotaTotalsOf(s.registry));
  });

  it('Given 水务局 abolished with its quota moved When its people go to 生态环境分局 Then each is listed with that destination and nobody is lost; without a destination it is a violation naming how many remain', () => {
    const moveQuota = [...s.registry.quotas]
      .filter(([k]) => k.startsWith(`${water}|`))
      .map(([k, amount]) => ({
        op: 'move_quota' as const,
        fromId: water,
        toId: env,
        category: k.split('|')[1] as QuotaCategory,
        amount,
      }));
    const waterPeople = s.people.filter((p) => p.institutionId === water).map((p) => p.personId);
    expect(waterPeople.length).toBeGreaterThan(0);

    const placed = evaluateScenario(base, [
      ...moveQuota,
      { op: 'abolish_institution', institutionId: water, peopleTo: env },
    ]);
    expect(placed.violations).toEqual([]);
    expect(placed.peopleAffected.map((p) => p.personId).sort()).toEqual([...waterPeople].sort());
    expect(
      placed.peopleAffected.every((p) => p.from === '区水务局' && p.toId === env && p.to === '区生态环境分局'),
    ).toBe(true);
    // count before = after, and the water bureau's people now count in the 生态环境分局
    expect(placed.after.people.map((p) => p.personId).sort()).toEqual(s.people.map((p) => p.personId).sort());
    expect(placed.after.people.filter((p) => p.institutionId === water)).toEqual([]);
    const envBefore = s.people.filter((p) => p.institutionId === env).length;
    expect(placed.after.people.filter((p) => p.institutionId === env)).toHaveLength(envBefore + waterPeople.length);

    const unplaced = evaluateScenario(base, [...moveQuota, { op: 'abolish_institution', institutionId: water }]);
    expect(unplaced.violations).toEqual([
      `机构"区水务局"仍有${waterPeople.length}名在编人员，撤销前须先调出、通过合并转入其他机构，或写明人员转入的机构`,
    ]);
    expect(unplaced.peopleAffected.every((p) => p.to === null)).toBe(true);
    expect(unplaced.peopleAffected).toHaveLength(waterPeople.length);
  });

  it('Given a new bureau above the cap When evaluated Then the breach is a hard violation naming the figures', () => {
    const r = evaluateScenario(base, [createInstitutionItem('区数据局')]);
    const { before, after, cap } = r.institutions.partyGov;
    expect(r.violations).toEqual([
      expect.stringContaining(`党政机构将由${before}个增至${after}个,超过机构限额${cap}个`),
    ]);
  });

  it('Given a new 三定 duty of 区统计局 that words 水质监测 again When evaluated Then it is a warning naming the 水务局 and 生态环境分局 duties, not a violation', () => {
    const stats = s.idOf('区统计局');
    const r = evaluateScenario(base, [
      {
        op: 'add_duties',
        institutionId: stats,
        duties: [
          { title: '水质监测', text: '负责全区河湖、水库及地下水水质监测，发布水质监测信息' },
          { title: '统计分析', text: '负责全区国民经济核算和统计分析' },
        ],
      },
    ]);
    expect(r.violations).toEqual([]);
    expect(r.dutyWarnings).toHaveLength(1);
    const [w] = r.dutyWarnings;
    expect(w).toMatchObject({ dutyId: null, institution: '区统计局', title: '水质监测' });
    const holders = w!.overlaps.map((o) => o.institution);
    expect(holders).toEqual(expect.arrayContaining(['区水务局', '区生态环境分局']));
    expect(w!.overlaps.every((o) => o.similarity >= 0.4 && o.dutyId! > 0)).toBe(true);
    expect(r.after.duties).toHaveLength(s.duties.length + 2);
  });

  it('Given a reworded 三定 duty When evaluated Then the rewording is checked, and a duty that does not exist is a violation', () => {
    const duty = s.duties.find((d) => d.source === 'sanding' && d.institutionId === s.idOf('区统计局'))!;
    const r = evaluateScenario(base, [
      { op: 'revise_duty', dutyId: duty.id, title: '水质监测', text: '负责全区地表水、地下水水质监测' },
    ]);
    expect(r.violations).toEqual([]);
    expect(r.dutyWarnings.map((w) => w.dutyId)).toEqual([duty.id]);
    expect(r.dutyWarnings[0]!.overlaps.some((o) => o.institution === '区水务局')).toBe(true);
    expect(r.after.duties.find((d) => d.id === duty.id)!.title).toBe('水质监测');
    const missing = evaluateScenario(base, [{ op: 'revise_duty', dutyId: 99_999_999, title: '统计' }]);
    expect(missing.violations).toEqual(['三定职责(编号99999999)不存在,不能修改']);
  });

  it('Given an abolition of a unit with people When evaluated Then it is blocked and the people are listed', () => {
    const r = evaluateScenario(base, [{ op: 'abolish_institution', institutionId: s.idOf('区统计局') }]);
    expect(r.violations.join()).toMatch(/仍有核定编制/);
  });
});
