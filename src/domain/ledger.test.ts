import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import {
  adjustmentItemSchema,
  applyAdjustment,
  emptyRegistry,
  foldLedger,
  LedgerError,
  quotaKey,
  quotaTotalsOf,
  type LedgerAdjustment,
  type RegistryState,
} from './ledger.js';

const adj = (docNumber: string, effectiveOn: string, items: LedgerAdjustment['items']): LedgerAdjustment => ({
  id: docNumber,
  docNumber,
  effectiveOn,
  items,
});

describe('ledger fold', () => {
  const env = createInstitutionItem('区生态环境分局');
  const water = createInstitutionItem('区水务局');
  const baseline = adj('初始导入', '2024-01-01', [
    env,
    water,
    setQuotaItem(env.id, 'admin', 10),
    setQuotaItem(water.id, 'admin', 8),
  ]);

  it('Given a baseline When folded Then institutions and quotas are materialized', () => {
    const s = foldLedger([baseline]);
    expect(s.institutions.size).toBe(2);
    expect(s.quotas.get(quotaKey(env.id, 'admin'))).toBe(10);
  });

  it('Given a history When read as of a date Then later adjustments are not folded', () => {
    const move = adj('某编〔2025〕3号', '2025-03-01', [
      { op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 2 },
    ]);
    expect(foldLedger([baseline, move], '2025-02-28').quotas.get(quotaKey(water.id, 'admin'))).toBe(8);
    expect(foldLedger([baseline, move], '2025-03-01').quotas.get(quotaKey(water.id, 'admin'))).toBe(10);
  });

  it('Given a merge When applied Then quota and posts move to the target and people/duties effects are emitted', () => {
    const s = foldLedger([baseline]);
    const r = applyAdjustment(
      s,
      adj('合并', '2025-01-01', [{ op: 'merge_institutions', sourceIds: [water.id], targetId: env.id }]),
    );
    expect(r.state.quotas.get(quotaKey(env.id, 'admin'))).toBe(18);
    expect(r.state.institutions.get(water.id)!.status).toBe('abolished');
    expect(r.effects).toEqual([
      { type: 'move_people', fromId: water.id, toId: env.id, on: '2025-01-01' },
      { type: 'move_duties', fromId: water.id, toId: env.id },
    ]);
    // the total never changes in a merge
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    expect(total(r.state.quotas)).toBe(total(s.quotas));
  });

  it('Given units with their 三定 When merged, then given a new 三定 Then the merged body keeps its own until the new one replaces it', () => {
    // Given
    const sanding = adj('初始导入', '2024-01-01', [
      { ...env, sandingDocNumber: '示政办〔2019〕8号', sandingOn: '2019-05-01' },
      { ...water, sandingDocNumber: '示政办〔2019〕9号', sandingOn: '2019-05-02' },
    ]);
    // When merged: the target's 三定 is the one on record
    const merged = foldLedger([
      sanding,
      adj('合并', '2025-01-01', [{ op: 'merge_institutions', sourceIds: [water.id], targetId: env.id }]),
    ]);
    expect(merged.institutions.get(env.id)).toMatchObject({
      sandingDocNumber: '示政办〔2019〕8号',
      sandingOn: '2019-05-01',
    });
    // When a new 三定 is issued: a change of the institution
    const revised = applyAdjustment(
      merged,
      adj('示政办〔2025〕2号', '2025-02-01', [
        {
          op: 'change_institution',
          institutionId: env.id,
          changes: { sandingDocNumber: '示政办〔2025〕2号', sandingOn: '2025-02-01' },
        },
      ]),
    );
    // Then
    expect(revised.state.institutions.get(env.id)).toMatchObject({
      sandingDocNumber: '示政办〔2025〕2号',
      sandingOn: '2025-02-01',
    });
    expect(() =>
      adjustmentItemSchema.parse({
        op: 'change_institution',
        institutionId: env.id,
        changes: { sandingOn: '2025-02-30' },
      }),
    ).toThrow();
  });

  it('Given a public institution When it is given 行政编制 Then the fold refuses (条例第15条)', () => {
    const pi = createInstitutionItem('区水文站', 'public_institution');
    expect(() => foldLedger([adj('x', '2024-01-01', [pi, setQuotaItem(pi.id, 'admin', 3)])])).toThrow(/条例第15条/);
  });

  it('Given a coordination body When it is given quota Then the fold refuses (条例第19条)', () => {
    const c = createInstitutionItem('区防汛抗旱指挥部', 'coordination');
    expect(() => foldLedger([adj('x', '2024-01-01', [c, setQuotaItem(c.id, 'admin', 1)])])).toThrow(/议事协调机构/);
  });

  it('Given a quota move larger than the source holds When applied Then it is refused and nothing goes negative', () => {
    const s = foldLedger([baseline]);
    expect(() =>
      applyAdjustment(
        s,
        adj('x', '2025-01-01', [{ op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 11 }]),
      ),
    ).toThrow(LedgerError);
    expect(s.quotas.get(quotaKey(env.id, 'admin'))).toBe(10); // the input state is untouched
  });

  it('Given an institution holding quota When abolished Then it is refused until the quota is moved', () => {
    const s = foldLedger([baseline]);
    expect(() =>
      applyAdjustment(s, adj('x', '2025-01-01', [{ op: 'abolish_institution', institutionId: water.id }])),
    ).toThrow(/仍有核定编制/);
    const ok = applyAdjustment(
      s,
      adj('x', '2025-01-01', [
        { op: 'move_quota', fromId: water.id, toId: env.id, category: 'admin', amount: 8 },
        { op: 'abolish_institution', institutionId: water.id },
      ]),
    );
    expect(ok.state.institutions.get(water.id)!.abolishedOn).toBe('2025-01-01');
    expect(ok.effects).toContainEqual({ type: 'require_empty', institutionId: water.id, name: '区水务局' });
  });

  it('Given an abolition that names where its people go When folded Then they move there on the date and nothing requires it empty', () => {
    const s = foldLedger([baseline]);
    const r = applyAdjustment(
      s,
      adj('x', '2025-01-01', [
        { op: 'move_quota', fromId: water.id, toId: env.id, category: 'admin', amount: 8 },
        { op: 'abolish_institution', institutionId: water.id, peopleTo: env.id },
      ]),
    );
    expect(r.state.institutions.get(water.id)!.status).toBe('abolished');
    expect(r.effects).toEqual([{ type: 'move_people', fromId: water.id, toId: env.id, on: '2025-01-01' }]);
    expect(quotaTotalsOf(r.state)).toEqual(quotaTotalsOf(s));
  });

  it('Given an abolition whose people would go to itself, to its own internal unit or to an abolished unit When folded Then it is refused in Chinese', () => {
    const office = createInstitutionItem('办公室', 'internal_unit', { parentId: water.id });
    const envOffice = createInstitutionItem('办公室', 'internal_unit', { parentId: env.id });
    const s = foldLedger([baseline, adj('内设', '2024-06-01', [office, envOffice])]);
    const abolishing = (peopleTo: string) =>
      applyAdjustment(
        s,
        adj('x', '2025-01-01', [
          { op: 'move_quota', fromId: water.id, toId: env.id, category: 'admin', amount: 8 },
          { op: 'abolish_institution', institutionId: water.id, peopleTo },
        ]),
      );
    expect(() => abolishing(water.id)).toThrow(/人员转入机构"区水务局"已撤销/);
    expect(() => abolishing(office.id)).toThrow(/人员转入机构"办公室"已撤销/);
    expect(() => abolishing(envOffice.id)).toThrow(/"办公室"是内设机构，不单独核定编制，人员应转入其所属机构/);
    const gone = applyAdjustment(
      s,
      adj('y', '2024-12-01', [
        { op: 'move_quota', fromId: env.id, toId: water.id, category: 'admin', amount: 10 },
        { op: 'abolish_institution', institutionId: env.id },
      ]),
    ).state;
    expect(() =>
      applyAdjustment(
        gone,
        adj('x', '2025-01-01', [
          { op: 'set_quota', institutionId: water.id, category: 'admin', approved: 0 },
          { op: 'abolish_institution', institutionId: water.id, peopleTo: env.id },
        ]),
      ),
    ).toThrow(/人员转入机构"区生态环境分局"已撤销/);
  });

  it('Given named people moved between two units When folded Then only they are in the effect, once each, with how they were chosen', () => {
    const s = foldLedger([baseline]);
    const [a, b] = [randomUUID(), randomUUID()];
    const r = applyAdjustment(
      s,
      adj('x', '2025-01-01', [
        { op: 'move_people', fromId: water.id, toId: env.id, personIds: [a, b, a], reason: '岗位为执法' },
      ]),
    );
    expect(r.effects).toEqual([
      {
        type: 'move_people',
        fromId: water.id,
        toId: env.id,
        on: '2025-01-01',
        personIds: [a, b],
        reason: '岗位为执法',
      },
    ]);
    expect(r.state.quotas).toEqual(s.quotas);
    expect(() =>
      applyAdjustment(
        s,
        adj('x', '2025-01-01', [{ op: 'move_people', fromId: water.id, toId: water.id, personIds: [a] }]),
      ),
    ).toThrow(/不能转入其自身/);
  });

  it('Given a split with abolished source When applied Then carved quota goes to the parts and the rest to the successor', () => {
    const s = foldLedger([baseline]);
    const a = createInstitutionItem('区水资源管理中心', 'gov_dept');
    const b = createInstitutionItem('区河道管理局', 'gov_dept');
    const { op: _a, ...pa } = a;
    const { op: _b, ...pb } = b;
    const r = applyAdjustment(
      s,
      adj('拆分', '2025-06-01', [
        {
          op: 'split_institution',
          sourceId: water.id,
          parts: [
            { ...pa, quotas: [{ category: 'admin', amount: 3 }], posts: [] },
            { ...pb, quotas: [{ category: 'admin', amount: 2 }], posts: [] },
          ],
          abolishSource: true,
          successor: 1,
        },
      ]),
    );
    expect(r.state.quotas.get(quotaKey(a.id, 'admin'))).toBe(3);
    expect(r.state.quotas.get(quotaKey(b.id, 'admin'))).toBe(5);
    expect(r.state.quotas.has(quotaKey(water.id, 'admin'))).toBe(false);
  });

  it('Given duplicate names or a parent cycle When applied Then the fold explains it in Chinese', () => {
    const dup = createInstitutionItem('区水务局');
    expect(() => applyAdjustment(foldLedger([baseline]), adj('x', '2025-01-01', [dup]))).toThrow(
      /名称"区水务局"与现有机构重复/,
    );
    const s = foldLedger([baseline]);
    expect(() =>
      applyAdjustment(
        s,
        adj('x', '2025-01-01', [
          { op: 'change_institution', institutionId: env.id, changes: { parentId: water.id } },
          { op: 'change_institution', institutionId: water.id, changes: { parentId: env.id } },
        ]),
      ),
    ).toThrow(/循环/);
  });

  it('Given an internal unit When created without parent Then it is refused', () => {
    expect(() =>
      applyAdjustment(emptyRegistry(), adj('x', '2025-01-01', [createInstitutionItem('办公室', 'internal_unit')])),
    ).toThrow(/必须有所属机构/);
  });
});

describe('adjustment items as received', () => {
  const unit = '0196a1b2-0000-7000-8000-000000000001';
  const host = '0196a1b2-0000-7000-8000-000000000002';
  it('Given a change of 挂靠 only When parsed Then it names only that field: 参公, 加挂牌子 and order are not reset', () => {
    const item = adjustmentItemSchema.parse({
      op: 'change_institution',
      institutionId: unit,
      changes: { hostedById: host },
    });
    expect(item).toEqual({ op: 'change_institution', institutionId: unit, changes: { hostedById: host } });
  });
  it('Given a parsed change When folded over a 参公 unit with 加挂牌子 Then those stay as they were', () => {
    const created = {
      ...createInstitutionItem('区档案馆', 'public_institution'),
      civilServiceManaged: true,
      alsoNamed: ['区史志办'],
    };
    const base = foldLedger([adj('设立', '2020-01-01', [created])]);
    const change = adjustmentItemSchema.parse({
      op: 'change_institution',
      institutionId: created.id,
      changes: { rank: '副处' },
    });
    const after = applyAdjustment(base, adj('调整', '2025-01-01', [change])).state.institutions.get(created.id)!;
    expect(after).toMatchObject({ rank: '副处', civilServiceManaged: true, alsoNamed: ['区史志办'] });
  });
  it('Given a new institution When parsed Then what it does not say takes its default', () => {
    const item = adjustmentItemSchema.parse({
      op: 'create_institution',
      id: unit,
      name: '区档案馆',
      kind: 'public_institution',
    });
    expect(item).toMatchObject({ alsoNamed: [], civilServiceManaged: false, sortOrder: 0 });
  });
});

describe('hard limits in the fold (机构限额, 编制总额, 只减不增, 条例第十五条)', () => {
  const env = createInstitutionItem('区生态环境局');
  const water = createInstitutionItem('区水务局');
  const court = createInstitutionItem('区司法局');
  const school = createInstitutionItem('区实验小学', 'public_institution');
  const baseline: LedgerAdjustment = {
    ...adj('初始导入', '2024-01-01', [
      env,
      water,
      court,
      school,
      setQuotaItem(env.id, 'admin', 10),
      setQuotaItem(water.id, 'admin', 8),
      setQuotaItem(court.id, 'political_legal', 5),
      setQuotaItem(school.id, 'public_service', 40),
    ]),
    isBaseline: true,
  };
  const limits = (fields: Omit<Extract<LedgerAdjustment['items'][number], { op: 'set_limits' }>, 'op'>) =>
    adj('市编〔2024〕2号', '2024-01-01', [{ op: 'set_limits', ...fields }]);
  const district = foldLedger([
    baseline,
    limits({
      approvalDocNumber: '市编〔2024〕2号',
      partyGovInstitutionCap: 3,
      quotaTotals: { admin: 20, political_legal: 6 },
      noIncrease: ['public_service'],
    }),
  ]);
  const approval = { op: 'higher_approval' as const, docNumber: '市编办〔2025〕8号' };

  it('Given limits set by a 上级核定 adjustment When folded Then they are part of the registry', () => {
    expect(district.limits).toEqual({
      partyGovInstitutionCap: 3,
      quotaTotals: { admin: 20, political_legal: 6 },
      noIncrease: ['public_service'],
    });
  });

  it('Given 3 党政机构 at a cap of 3 When a fourth is created Then the fold refuses, naming the figures', () => {
    expect(() =>
      applyAdjustment(district, adj('区编〔2025〕1号', '2025-01-01', [createInstitutionItem('区数据局')])),
    ).toThrow(/党政机构将由3个增至4个,超过机构限额3个/);
  });

  it('Given the same creation with the higher level approval and its 文号 When folded Then it is accepted', () => {
    const r = applyAdjustment(
      district,
      adj('区编〔2025〕1号', '2025-01-01', [createInstitutionItem('区数据局'), approval]),
    );
    expect([...r.state.institutions.values()].filter((i) => i.kind === 'gov_dept')).toHaveLength(4);
  });

  it('Given 行政编制 at 18 of a total of 20 When 3 more are approved Then the fold refuses with the figures', () => {
    expect(() =>
      applyAdjustment(district, adj('区编〔2025〕2号', '2025-01-01', [setQuotaItem(env.id, 'admin', 13)])),
    ).toThrow(/行政编制总数将由18名增至21名,超过编制总额20名/);
    // 2 more fit
    const ok = applyAdjustment(district, adj('区编〔2025〕2号', '2025-01-01', [setQuotaItem(env.id, 'admin', 12)]));
    expect(ok.state.quotas.get(quotaKey(env.id, 'admin'))).toBe(12);
  });

  it('Given 事业编制 set to 只减不增 When a unit gains one Then the fold refuses; a reduction passes', () => {
    expect(() =>
      applyAdjustment(district, adj('区编〔2025〕3号', '2025-01-01', [setQuotaItem(school.id, 'public_service', 41)])),
    ).toThrow(/事业编制只减不增,总数不能由40名增至41名/);
    const less = applyAdjustment(
      district,
      adj('区编〔2025〕3号', '2025-01-01', [setQuotaItem(school.id, 'public_service', 38)]),
    );
    expect(less.state.quotas.get(quotaKey(school.id, 'public_service'))).toBe(38);
  });

  it('Given 行政编制 moved as 政法专项编制 When folded Then it is refused (条例第十五条)', () => {
    expect(() =>
      applyAdjustment(
        district,
        adj('区编〔2025〕4号', '2025-01-01', [
          {
            op: 'move_quota',
            fromId: env.id,
            toId: court.id,
            category: 'admin',
            toCategory: 'political_legal',
            amount: 1,
          },
        ]),
      ),
    ).toThrow(/不能将行政编制划转为政法专项编制.*第十五条/);
  });

  it('Given a district already above its cap When it abolishes one unit Then that passes, growing does not', () => {
    const tight = applyAdjustment(
      district,
      limits({ approvalDocNumber: '市编〔2025〕1号', partyGovInstitutionCap: 1 }),
    ).state;
    const move = { op: 'move_quota' as const, fromId: water.id, toId: env.id, category: 'admin' as const, amount: 8 };
    const shrink = applyAdjustment(
      tight,
      adj('区编〔2025〕5号', '2025-02-01', [move, { op: 'abolish_institution', institutionId: water.id }]),
    );
    expect(shrink.state.institutions.get(water.id)!.status).toBe('abolished');
    expect(() => applyAdjustment(shrink.state, adj('x', '2025-03-01', [createInstitutionItem('区数据局')]))).toThrow(
      /党政机构将由2个增至3个,超过机构限额1个/,
    );
  });

  it('Given limits When a later 上级核定 lifts a total Then only the named total changes', () => {
    const lifted = applyAdjustment(
      district,
      limits({ approvalDocNumber: '市编〔2025〕2号', quotaTotals: { admin: null } }),
    ).state;
    expect(lifted.limits).toEqual({
      partyGovInstitutionCap: 3,
      quotaTotals: { political_legal: 6 },
      noIncrease: ['public_service'],
    });
  });

  it('Given a baseline above the cap When folded Then it is recorded as it is (the diagnostics report it)', () => {
    const capFirst = limits({ approvalDocNumber: '市编〔2024〕2号', partyGovInstitutionCap: 1 });
    const s = foldLedger([capFirst, baseline]);
    expect(s.institutions.size).toBe(4);
    expect(() => foldLedger([capFirst, { ...baseline, isBaseline: false }])).toThrow(/超过机构限额1个/);
  });
});

describe('编制周转池 (收回空编入池, 周转使用, 归还)', () => {
  const school = createInstitutionItem('区第一中学', 'public_institution');
  const hospital = createInstitutionItem('区人民医院', 'public_institution');
  const district = foldLedger([
    adj('初始导入', '2024-01-01', [
      school,
      hospital,
      setQuotaItem(school.id, 'public_service', 60),
      setQuotaItem(hospital.id, 'public_service', 200),
    ]),
  ]);
  const loanId = '0196a1b2-0000-7000-8000-0000000000aa';
  const total = (s: RegistryState) => quotaTotalsOf(s).get('public_service');

  it('Given vacant quota reclaimed into the pool and lent, When returned Then every step keeps the district total', () => {
    const reclaimed = applyAdjustment(
      district,
      adj('区编〔2025〕1号', '2025-01-01', [
        { op: 'reclaim_to_pool', institutionId: hospital.id, category: 'public_service', amount: 10 },
      ]),
    );
    expect(reclaimed.state.pool.balance).toEqual({ public_service: 10 });
    expect(reclaimed.state.quotas.get(quotaKey(hospital.id, 'public_service'))).toBe(190);
    // the store checks that the quota taken back was vacant
    expect(reclaimed.effects).toContainEqual(
      expect.objectContaining({ type: 'require_within_quota', institutionId: hospital.id, approved: 190 }),
    );
    const lent = applyAdjustment(
      reclaimed.state,
      adj('区编〔2025〕2号', '2025-02-01', [
        {
          op: 'lend_from_pool',
          loanId,
          institutionId: school.id,
          category: 'public_service',
          amount: 6,
          returnBy: '2027-08-31',
        },
      ]),
    ).state;
    expect(lent.pool.balance).toEqual({ public_service: 4 });
    expect(lent.pool.loans).toEqual([
      {
        id: loanId,
        institutionId: school.id,
        category: 'public_service',
        amount: 6,
        lentOn: '2025-02-01',
        returnBy: '2027-08-31',
      },
    ]);
    expect(lent.quotas.get(quotaKey(school.id, 'public_service'))).toBe(66);
    const returned = applyAdjustment(
      lent,
      adj('区编〔2027〕5号', '2027-08-31', [{ op: 'return_to_pool', loanId }]),
    ).state;
    expect(returned.pool).toEqual({ balance: { public_service: 10 }, loans: [] });
    expect(returned.quotas.get(quotaKey(school.id, 'public_service'))).toBe(60);
    for (const s of [reclaimed.state, lent, returned]) expect(total(s)).toBe(total(district));
  });

  it('Given a pool of 4 When 5 are lent Then the fold refuses: lending never exceeds the pool', () => {
    const reclaimed = applyAdjustment(
      district,
      adj('x', '2025-01-01', [
        { op: 'reclaim_to_pool', institutionId: hospital.id, category: 'public_service', amount: 4 },
      ]),
    ).state;
    expect(() =>
      applyAdjustment(
        reclaimed,
        adj('y', '2025-02-01', [
          {
            op: 'lend_from_pool',
            loanId,
            institutionId: school.id,
            category: 'public_service',
            amount: 5,
            returnBy: '2026-01-31',
          },
        ]),
      ),
    ).toThrow(/编制周转池中事业编制只有4名,不足以周转使用5名/);
  });

  it('Given a merge of a borrowing unit When folded Then its loan follows to the target', () => {
    const lent = foldLedger([
      adj('初始导入', '2024-01-01', [
        school,
        hospital,
        setQuotaItem(school.id, 'public_service', 60),
        setQuotaItem(hospital.id, 'public_service', 200),
      ]),
      adj('a', '2025-01-01', [
        { op: 'reclaim_to_pool', institutionId: hospital.id, category: 'public_service', amount: 3 },
        {
          op: 'lend_from_pool',
          loanId,
          institutionId: school.id,
          category: 'public_service',
          amount: 3,
          returnBy: '2026-01-31',
        },
      ]),
      adj('b', '2025-06-01', [{ op: 'merge_institutions', sourceIds: [school.id], targetId: hospital.id }]),
    ]);
    expect(lent.pool.loans[0]!.institutionId).toBe(hospital.id);
  });
});

describe('周转池核拨编制 (allocate_from_pool)', () => {
  const school = createInstitutionItem('区第一中学', 'public_institution');
  const hospital = createInstitutionItem('区人民医院', 'public_institution');
  const water = createInstitutionItem('区水务局');
  // 事业编制 10 and 行政编制 2 in the pool; 事业编制总额 exactly what the district holds
  const district = foldLedger([
    adj('初始导入', '2024-01-01', [
      school,
      hospital,
      water,
      setQuotaItem(school.id, 'public_service', 60),
      setQuotaItem(hospital.id, 'public_service', 200),
      setQuotaItem(water.id, 'admin', 8),
    ]),
    adj('上级核定', '2024-02-01', [
      { op: 'set_limits', approvalDocNumber: '市编〔2024〕1号', quotaTotals: { public_service: 260, admin: 8 } },
    ]),
    adj('收回', '2024-03-01', [
      { op: 'reclaim_to_pool', institutionId: hospital.id, category: 'public_service', amount: 10 },
      { op: 'reclaim_to_pool', institutionId: water.id, category: 'admin', amount: 2 },
    ]),
  ]);
  const allocate = (institutionId: string, category: 'public_service' | 'admin', amount: number) =>
    applyAdjustment(
      district,
      adj('区编〔2025〕9号', '2025-01-01', [{ op: 'allocate_from_pool', institutionId, category, amount }]),
    );

  it('Given 10 事业编制 in the pool When 7 are allocated to the school Then the pool holds 3, the school 67, for good', () => {
    // When
    const { state, effects } = allocate(school.id, 'public_service', 7);
    // Then: the pool falls, the unit rises, no loan is recorded and the district total (under its 总额) is unchanged
    expect(state.pool.balance).toEqual({ public_service: 3, admin: 2 });
    expect(state.pool.loans).toEqual([]);
    expect(state.quotas.get(quotaKey(school.id, 'public_service'))).toBe(67);
    expect(quotaTotalsOf(state).get('public_service')).toBe(260);
    expect(effects).toEqual([]);
  });

  it('Given 10 in the pool When all 10 are allocated Then the category leaves the pool and the other category stays', () => {
    const { state } = allocate(school.id, 'public_service', 10);
    expect(state.pool.balance).toEqual({ admin: 2 });
    expect(state.quotas.get(quotaKey(school.id, 'public_service'))).toBe(70);
    expect(state.quotas.get(quotaKey(water.id, 'admin'))).toBe(6);
  });

  it('Given 10 in the pool When 11 are allocated Then the fold refuses, naming both figures', () => {
    expect(() => allocate(school.id, 'public_service', 11)).toThrow(
      /周转池核拨编制.*编制周转池中事业编制只有10名,不足以核拨11名/,
    );
  });

  it('Given 行政编制 in the pool When allocated to a 事业单位 Then refused: categories are never mixed', () => {
    // the school may hold no 行政编制; the pool's 行政编制 stays 行政编制
    expect(() => allocate(school.id, 'admin', 1)).toThrow(/不能使用行政编制/);
    // and a category the pool does not hold cannot be drawn on another's balance
    expect(() =>
      applyAdjustment(
        district,
        adj('x', '2025-01-01', [{ op: 'allocate_from_pool', institutionId: school.id, category: 'worker', amount: 1 }]),
      ),
    ).toThrow(/编制周转池中工勤编制只有0名/);
  });

  it('Given an amount of 0 When parsed Then refused by the schema', () => {
    const r = adjustmentItemSchema.safeParse({
      op: 'allocate_from_pool',
      institutionId: school.id,
      category: 'public_service',
      amount: 0,
    });
    expect(r.error?.issues[0]?.message).toBe('核拨数量至少为1');
  });
});
