import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInstitutionItem } from '../../test/factories.js';
import { foldLedger } from './ledger.js';
import { itemsOutsideScope } from './permissions.js';

describe('what a unit’s reporter may put in a 编制事项', () => {
  const bureau = createInstitutionItem('区市场监督管理局');
  const office = createInstitutionItem('办公室', 'internal_unit', { parentId: bureau.id });
  const registry = foldLedger([
    { id: 'b', docNumber: '初始导入', effectiveOn: '2024-01-01', items: [bureau, office], isBaseline: true },
  ]);
  const scope = new Set([bureau.id, office.id]);

  it('Given a reporter of the unit When the items move named people, even within the unit Then it is refused in Chinese: the 编办 moves people', () => {
    const items = [{ op: 'move_people' as const, fromId: bureau.id, toId: bureau.id, personIds: [randomUUID()] }];
    expect(itemsOutsideScope(items, scope, registry.institutions)).toBe(
      '编制事项中的人员调动由编办办理，单位填报员不能调动人员',
    );
  });

  it('Given a reporter of the unit When it abolishes its internal unit Then that is within reach', () => {
    const items = [{ op: 'abolish_institution' as const, institutionId: office.id }];
    expect(itemsOutsideScope(items, scope, registry.institutions)).toBeUndefined();
  });
});
