import { describe, expect, it } from 'vitest';
import { defaultDiagnosticConfig } from '../config.js';
import type { ScenarioReviewFact } from '../snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { findOverdueReviews } from './scenario-review-overdue.js';

const review = (over: Partial<ScenarioReviewFact> = {}): ScenarioReviewFact => ({
  scenarioId: 's1',
  name: '区水务局并入方案',
  docNumber: '示编〔2025〕4号',
  effectiveOn: '2025-01-01',
  reviewOn: '2026-01-01',
  reviewedOn: null,
  institutions: ['区生态环境分局'],
  ...over,
});

const at = (asOf: string) => makeSnapshot({ asOf, institutions: [{ name: '区生态环境分局', kind: 'gov_dept' }] });

describe('SCENARIO_REVIEW_OVERDUE', () => {
  const config = defaultDiagnosticConfig;

  it('Given a review 75 days past its date and not carried out When diagnosed Then it is a medium finding in Chinese naming the 文号 and the days', () => {
    const s = { ...at('2026-03-17'), scenarioReviews: [review()] };
    const [f, ...rest] = findOverdueReviews(s, config);
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('medium');
    expect(f!.title).toBe('方案"区水务局并入方案"(示编〔2025〕4号)应于2026年1月1日开展执行情况评估,已逾期75天尚未评估');
    expect(f!.measures.overdueDays).toBe(75);
    expect(f!.institutions.map((i) => i.name)).toEqual(['区生态环境分局']);
  });

  it('Given a review within the grace days, one carried out, and one not yet in force When diagnosed Then nothing is found', () => {
    const s = {
      ...at('2026-01-20'),
      scenarioReviews: [
        review(),
        review({ scenarioId: 's2', reviewOn: '2025-06-01', reviewedOn: '2025-06-10' }),
        review({ scenarioId: 's3', effectiveOn: '2026-02-01', reviewOn: '2025-01-01' }),
      ],
    };
    expect(findOverdueReviews(s, config)).toEqual([]);
  });

  it('Given a review carried out after the date asked about When diagnosed on that date Then it was still overdue; over 180 days is high', () => {
    const s = {
      ...at('2026-08-01'),
      scenarioReviews: [review({ reviewedOn: '2026-09-01' })],
    };
    const [f] = findOverdueReviews(s, config);
    expect(f!.severity).toBe('high');
  });
});
