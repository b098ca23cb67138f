import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { applyAdjustment } from '../../domain/ledger.js';
import { defaultDiagnosticConfig } from '../config.js';
import { poolStatistics } from '../statistics.js';
import { findOverdueLoans } from './pool-loan-overdue.js';

/** A district with 8 事业编制 reclaimed into the pool and two loans from it: one due 2026-03-31, one due 2027-08-31. */
function districtWithLoans(asOf: string) {
  const s = makeSnapshot({
    asOf,
    institutions: [
      { name: '区人民医院', kind: 'public_institution', quotas: { public_service: 100 } },
      { name: '区第一中学', kind: 'public_institution', quotas: { public_service: 50 } },
    ],
  });
  const registry = applyAdjustment(s.registry, {
    id: 'pool',
    docNumber: '区编〔2025〕7号',
    effectiveOn: '2025-09-01',
    items: [
      { op: 'reclaim_to_pool', institutionId: s.idOf('区人民医院'), category: 'public_service', amount: 8 },
      {
        op: 'lend_from_pool',
        loanId: '0196a1b2-0000-7000-8000-0000000000b1',
        institutionId: s.idOf('区第一中学'),
        category: 'public_service',
        amount: 3,
        returnBy: '2026-03-31',
      },
      {
        op: 'lend_from_pool',
        loanId: '0196a1b2-0000-7000-8000-0000000000b2',
        institutionId: s.idOf('区第一中学'),
        category: 'public_service',
        amount: 2,
        returnBy: '2027-08-31',
      },
    ],
  }).state;
  return { ...s, registry };
}

describe('POOL_LOAN_OVERDUE and the pool in the statistics', () => {
  it('Given a loan past its return date When diagnosed Then it is one finding naming the unit, the amount and the days', () => {
    const s = districtWithLoans('2026-06-30');
    const findings = findOverdueLoans(s, defaultDiagnosticConfig);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'POOL_LOAN_OVERDUE',
      title: '区第一中学周转使用的事业编制3名应于2026-03-31归还编制周转池,已逾期91天',
      measures: { amount: 3, overdueDays: 91 },
    });
  });

  it('Given both loans still within their dates When diagnosed Then nothing is found', () => {
    expect(findOverdueLoans(districtWithLoans('2026-03-31'), defaultDiagnosticConfig)).toEqual([]);
  });

  it('Given the pool When counted Then the balance, the lent and the overdue amounts show per category', () => {
    expect(poolStatistics(districtWithLoans('2026-06-30'))).toEqual([
      { category: 'public_service', balance: 3, lent: 5, loans: 2, overdue: 3 },
    ]);
  });
});
