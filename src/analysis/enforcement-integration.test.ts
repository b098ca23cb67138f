import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import { quotaTotalsOf, quotaKey } from '../domain/ledger.js';
import { integrateEnforcementSchema } from '../domain/scenario.js';
import { dutyDomains } from './domains.js';
import { integrateEnforcementItems } from './enforcement-integration.js';
import { evaluateScenario, scenarioBase } from './scenario-evaluation.js';

describe('综合执法: a domain’s enforcement integrated into one team', () => {
  const s = demoSnapshot();
  const base = scenarioBase(s);
  const brigade = s.idOf('区城市管理综合执法大队');
  const housing = s.idOf('区住房和城乡建设局');
  const transport = s.idOf('区交通运输局');
  const op = integrateEnforcementSchema.parse({
    op: 'integrate_enforcement',
    domain: '城市管理',
    team: {
      name: '区城市管理综合行政执法支队',
      kind: 'public_institution',
      rank: '正科',
      hostedById: s.idOf('区城市管理局'),
    },
    institutionIds: [brigade, housing, transport],
  });

  it('Given the 城管 brigade and two bureaus When integrated Then the brigade is merged whole and the bureaus’ 城市管理 处罚/检查 items move; every person, duty and quota unit is kept', () => {
    const teamId = randomUUID();
    const items = integrateEnforcementItems(s, op, teamId);
    expect(items.map((i) => i.op)).toEqual(['create_institution', 'move_duties', 'move_duties', 'merge_institutions']);
    const r = evaluateScenario(base, items);
    expect(r.violations).toEqual([]);

    // every person kept, the brigade's people now in the team
    expect(r.after.people.map((p) => p.personId).sort()).toEqual(s.people.map((p) => p.personId).sort());
    const brigadePeople = s.people.filter((p) => p.institutionId === brigade).map((p) => p.personId);
    expect(brigadePeople.length).toBeGreaterThan(0);
    expect(
      r.after.people
        .filter((p) => p.institutionId === teamId)
        .map((p) => p.personId)
        .sort(),
    ).toEqual(brigadePeople.sort());
    expect(r.peopleAffected.map((p) => p.personId).sort()).toEqual(brigadePeople.sort());

    // every duty kept; the team holds the brigade's and the bureaus' 城市管理 enforcement items, nothing else moved
    expect(r.after.duties.map((d) => d.id).sort()).toEqual(s.duties.map((d) => d.id).sort());
    const expected = s.duties.filter(
      (d) =>
        d.institutionId === brigade ||
        ([housing, transport].includes(d.institutionId) &&
          d.source === 'power_list' &&
          ['行政处罚', '行政检查'].includes(d.category ?? '') &&
          dutyDomains(d).includes('城市管理')),
    );
    expect(
      r.after.duties
        .filter((d) => d.institutionId === teamId)
        .map((d) => d.id)
        .sort(),
    ).toEqual(expected.map((d) => d.id).sort());
    expect(expected.filter((d) => d.institutionId !== brigade).length).toBeGreaterThan(0);

    // every quota unit kept: the district totals are unchanged and the team holds the brigade's quota
    expect(quotaTotalsOf(r.after.registry)).toEqual(quotaTotalsOf(s.registry));
    expect(r.after.registry.quotas.get(quotaKey(teamId, 'public_service'))).toBe(
      s.registry.quotas.get(quotaKey(brigade, 'public_service')),
    );
    expect(r.after.registry.institutions.get(brigade)!.status).toBe('abolished');
  });

  it('Given a bureau with quota stated but of a category the team may not use When integrated Then the evaluation refuses it: categories never mix', () => {
    const withQuota = integrateEnforcementSchema.parse({
      ...op,
      quota: [{ institutionId: housing, category: 'admin', amount: 1 }],
    });
    const r = evaluateScenario(base, integrateEnforcementItems(s, withQuota, randomUUID()));
    expect(r.violations.join()).toMatch(/编制不得混用|不能使用行政编制/);
  });

  it('Given the 城市管理局 kept with its 执法监督科 When integrated Then only the people whose post or internal unit says 执法 move to the team, listed with the reason; the others stay', () => {
    const bureau = s.idOf('区城市管理局');
    const teamId = randomUUID();
    const items = integrateEnforcementItems(s, { ...op, institutionIds: [brigade, bureau] }, teamId);
    const bureauPeople = s.people.filter((p) => p.institutionId === bureau);
    const unitOf = (id: string | null) => (id ? s.registry.institutions.get(id)!.name : '');
    const enforcers = bureauPeople.filter((p) => unitOf(p.unitId) === '执法监督科' || (p.post ?? '').includes('执法'));
    expect(enforcers.length).toBeGreaterThan(0);
    expect(enforcers.length).toBeLessThan(bureauPeople.length);
    expect(items).toContainEqual({
      op: 'move_people',
      fromId: bureau,
      toId: teamId,
      personIds: enforcers.map((p) => p.personId),
      reason: '岗位或内设机构为执法、稽查',
    });

    const r = evaluateScenario(base, items);
    expect(r.violations).toEqual([]);
    const moved = r.peopleAffected.filter((p) => p.fromId === bureau);
    expect(moved.map((p) => p.personId).sort()).toEqual(enforcers.map((p) => p.personId).sort());
    expect(moved.every((p) => p.toId === teamId && p.to === op.team.name && p.reason)).toBe(true);
    const stayed = r.after.people.filter((p) => p.institutionId === bureau).map((p) => p.personId);
    expect(stayed.sort()).toEqual(
      bureauPeople
        .filter((p) => !enforcers.includes(p))
        .map((p) => p.personId)
        .sort(),
    );
    expect(r.after.people).toHaveLength(s.people.length);
  });

  it('Given a bureau where no post or internal unit says 执法 but quota moves When integrated Then as many people as the quota moved go, non-leaders placed last first, marked to be checked', () => {
    const teamId = randomUUID();
    const items = integrateEnforcementItems(
      s,
      { ...op, institutionIds: [housing], quota: [{ institutionId: housing, category: 'admin', amount: 2 }] },
      teamId,
    );
    const move = items.find((i) => i.op === 'move_people');
    expect(move).toMatchObject({ fromId: housing, toId: teamId, reason: expect.stringMatching(/行政编制2名.*请核对/) });
    const ids = move?.op === 'move_people' ? move.personIds : [];
    expect(ids).toHaveLength(2);
    const candidates = s.people.filter(
      (p) => p.institutionId === housing && p.category === 'admin' && !p.leadershipLevel,
    );
    const chosen = candidates.filter((p) => ids.includes(p.personId));
    expect(chosen).toHaveLength(2);
    const latestLeft = Math.max(
      ...candidates.filter((p) => !ids.includes(p.personId)).map((p) => Date.parse(p.startOn)),
    );
    expect(chosen.every((p) => Date.parse(p.startOn) >= latestLeft)).toBe(true);
    // the same answer every time
    expect(
      integrateEnforcementItems(
        s,
        { ...op, institutionIds: [housing], quota: [{ institutionId: housing, category: 'admin', amount: 2 }] },
        teamId,
      ),
    ).toEqual(items);
  });

  it('Given a unit with no enforcement item of the domain and no quota stated When integrated Then it is refused in Chinese', () => {
    const stats = s.idOf('区统计局');
    expect(() => integrateEnforcementItems(s, { ...op, institutionIds: [brigade, stats] }, randomUUID())).toThrow(
      /"区统计局"在城市管理领域没有行政处罚、行政检查事项/,
    );
  });
});
