import { describe, expect, it } from 'vitest';
import { approvalFacts, substantiveChanges, type DecidedAdjustment } from './adjustment-substance.js';
import type { AdjustmentWaitFact } from './facts.js';
import { foldLedger, type AdjustmentItem, type LedgerAdjustment } from './ledger.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const create = (id: string, name: string): AdjustmentItem => ({
  op: 'create_institution',
  id,
  name,
  kind: 'gov_dept',
  alsoNamed: [],
  civilServiceManaged: false,
  sortOrder: 0,
});
const baseline: LedgerAdjustment = {
  id: 'base',
  docNumber: '示编〔2019〕1号',
  effectiveOn: '2019-03-01',
  isBaseline: true,
  items: [
    create(A, '区数据局'),
    create(B, '区统计局'),
    { op: 'set_quota', institutionId: A, category: 'admin', approved: 10 },
    { op: 'set_posts', institutionId: A, level: '正科', postClass: 'admin', approved: 1 },
  ],
};
const adj = (id: string, effectiveOn: string, items: AdjustmentItem[]): LedgerAdjustment => ({
  id,
  docNumber: `示编〔2025〕${id}号`,
  effectiveOn,
  items,
});
const decided = (a: LedgerAdjustment, over: Partial<DecidedAdjustment> = {}): DecidedAdjustment => ({
  id: a.id,
  docNumber: a.docNumber,
  title: `关于${a.id}的批复`,
  effectiveOn: a.effectiveOn,
  status: 'applied',
  evaluation: null,
  items: a.items,
  ...over,
});

describe('substantiveChanges', () => {
  it('Given a quota raised, lowered, a rename and a new unit When measured Then only the raise and the new unit count', () => {
    const before = foldLedger([baseline]);
    expect(
      substantiveChanges(before, [{ op: 'set_quota', institutionId: A, category: 'admin', approved: 12 }]),
    ).toEqual({ changes: ['quota_increase'], institutions: ['区数据局'] });
    expect(substantiveChanges(before, [{ op: 'set_quota', institutionId: A, category: 'admin', approved: 8 }])).toEqual(
      { changes: [], institutions: [] },
    );
    expect(substantiveChanges(before, [{ op: 'rename_institution', institutionId: A, name: '区大数据局' }])).toEqual({
      changes: [],
      institutions: [],
    });
    expect(
      substantiveChanges(before, [
        create(C, '区人工智能发展中心'),
        { op: 'set_quota', institutionId: C, category: 'admin', approved: 5 },
      ]),
    ).toEqual({ changes: ['create', 'quota_increase'], institutions: ['区人工智能发展中心'] });
    expect(substantiveChanges(before, [{ op: 'merge_institutions', sourceIds: [B], targetId: A }])).toEqual({
      changes: ['merge'],
      institutions: ['区数据局', '区统计局'],
    });
  });
});

describe('approvalFacts', () => {
  it('Given applied and approved 编制事项 When assembled Then each is measured against the registry before it, dated by its approval', () => {
    // Given: 2 raises A's quota to 12; 3 sets it back to 12 (no change); 4 (approved, not applied) raises the posts
    const two = adj('2', '2025-03-01', [{ op: 'set_quota', institutionId: A, category: 'admin', approved: 12 }]);
    const three = adj('3', '2025-06-01', [{ op: 'set_quota', institutionId: A, category: 'admin', approved: 12 }]);
    const four = adj('4', '2026-01-10', [
      { op: 'set_posts', institutionId: A, level: '正科', postClass: 'admin', approved: 2 },
    ]);
    const waits: AdjustmentWaitFact[] = [
      {
        adjustmentId: '2',
        docNumber: two.docNumber,
        title: 't',
        institutions: [],
        submittedOn: '2025-02-01',
        decidedOn: '2025-02-20',
        decision: 'approved',
      },
    ];
    // When
    const facts = approvalFacts(
      [decided(two), decided(three, { evaluation: '  ' }), decided(four, { status: 'approved', evaluation: '必要' })],
      [baseline, two, three],
      waits,
    );
    // Then
    expect(facts).toEqual([
      expect.objectContaining({
        adjustmentId: '2',
        approvedOn: '2025-02-20',
        changes: ['quota_increase'],
        evaluated: false,
      }),
      expect.objectContaining({ adjustmentId: '3', approvedOn: '2025-06-01', changes: [], evaluated: false }),
      expect.objectContaining({
        adjustmentId: '4',
        status: 'approved',
        changes: ['posts_increase'],
        institutions: ['区数据局'],
        evaluated: true,
      }),
    ]);
  });

  it('Given nothing decided When assembled Then there are no facts', () => {
    expect(approvalFacts([], [baseline], [])).toEqual([]);
  });
});
