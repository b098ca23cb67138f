/** Fixture factories: adjustment items and contexts with sensible defaults. */
import { randomUUID } from 'node:crypto';
import type { AdjustmentItem } from '../src/domain/ledger.js';
import type { InstitutionKind } from '../src/domain/vocabulary.js';

export function createInstitutionItem(
  name: string,
  kind: InstitutionKind = 'gov_dept',
  extra: Partial<Extract<AdjustmentItem, { op: 'create_institution' }>> = {},
): Extract<AdjustmentItem, { op: 'create_institution' }> {
  return {
    op: 'create_institution',
    id: randomUUID(),
    name,
    kind,
    rank: '正科',
    alsoNamed: [],
    civilServiceManaged: false,
    sortOrder: 0,
    ...extra,
  };
}

export const setQuotaItem = (
  institutionId: string,
  category: Extract<AdjustmentItem, { op: 'set_quota' }>['category'],
  approved: number,
): AdjustmentItem => ({ op: 'set_quota', institutionId, category, approved });

export const testRegionCode = '370102';
