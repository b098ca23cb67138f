import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { createInstitutionItem } from '../../test/factories.js';
import { quotaTotalsOf } from '../domain/ledger.js';
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

  it('Given a new bureau above the cap When evaluated Then the breach is a hard violation naming the figures', () => {
    const r = evaluateScenario(base, [createInstitutionItem('区数据局')]);
    const { before, after, cap } = r.institutions.partyGov;
    expect(r.violations).toEqual([
      expect.stringContaining(`党政机构将由${before}个增至${after}个,超过机构限额${cap}个`),
    ]);
  });

  it('Given an abolition of a unit with people When evaluated Then it is blocked and the people are listed', () => {
    const r = evaluateScenario(base, [{ op: 'abolish_institution', institutionId: s.idOf('区统计局') }]);
    expect(r.violations.join()).toMatch(/仍有核定编制/);
  });
});
