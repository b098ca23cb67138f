import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { computeOverview } from '../analysis/overview.js';
import { foldLedger } from '../domain/ledger.js';
import { overviewText } from './overview.presenter.js';

describe('overviewText', () => {
  it('Given an overview When printed Then part 一 reads like the report with real figures and no 若干', () => {
    const a = createInstitutionItem('区委组织部', 'party_dept');
    const b = createInstitutionItem('区财政局', 'gov_dept');
    const registry = foldLedger([
      { id: 'x', docNumber: 'x', effectiveOn: '2024-01-01', items: [a, b, setQuotaItem(b.id, 'admin', 12)] },
    ]);
    const text = overviewText(
      computeOverview(registry, { actual: new Map([[`${b.id}|admin`, 9]]), leaders: new Map() }),
      '示范区',
      '2026-06-30',
    );
    expect(text).not.toContain('若干');
    expect(text).toContain('全区有各类机构2个。其中,党政机构2个(党委部门1个、政府工作部门1个)');
    expect(text).toContain('全区有各类编制12名,实有9人。其中,行政编制12名,实有9人');
    expect(text).toContain('空编3名,超编0名');
  });
});
