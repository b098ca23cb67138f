import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { foldLedger } from '../domain/ledger.js';
import { computeOverview } from './overview.js';

describe('computeOverview', () => {
  const bureau = createInstitutionItem('区财政局', 'gov_dept');
  const office = createInstitutionItem('办公室', 'internal_unit', { parentId: bureau.id });
  const centre = createInstitutionItem('区会计服务中心', 'public_institution', {
    parentId: bureau.id,
    hostedById: bureau.id,
  });
  const street = createInstitutionItem('东城街道办事处', 'street');
  const registry = foldLedger([
    {
      id: 'b',
      docNumber: '初始导入',
      effectiveOn: '2024-01-01',
      items: [
        bureau,
        office,
        centre,
        street,
        setQuotaItem(bureau.id, 'admin', 10),
        setQuotaItem(centre.id, 'public_service', 5),
        setQuotaItem(street.id, 'township_admin', 20),
        { op: 'set_posts', institutionId: bureau.id, level: '正科', postClass: 'admin', approved: 1 },
        { op: 'set_posts', institutionId: bureau.id, level: '副科', postClass: 'admin', approved: 2 },
      ],
    },
  ]);

  it('Given quota and staff When summarized Then vacant and over are counted per unit, not netted across units', () => {
    const o = computeOverview(registry, {
      actual: new Map([
        [`${bureau.id}|admin`, 12],
        [`${street.id}|township_admin`, 15],
        [`${centre.id}|public_service`, 5],
      ]),
      leaders: new Map([
        [`${bureau.id}|正科|admin`, 1],
        [`${bureau.id}|副科|admin`, 3],
      ]),
    });
    expect(o.institutions).toMatchObject({ total: 3, partyGov: 1, hosted: 1, internalUnits: 1 });
    expect(o.quota.admin).toEqual({ approved: 10, actual: 12, vacant: 0, over: 2 });
    expect(o.quota.township_admin).toEqual({ approved: 20, actual: 15, vacant: 5, over: 0 });
    expect(o.quota.total).toEqual({ approved: 35, actual: 32, vacant: 5, over: 2 });
    expect(o.posts['副科'].admin).toEqual({ approved: 2, filled: 3 });
    expect(o.posts['正科'].total).toEqual({ approved: 1, filled: 1 });
  });

  it('Given people on a category the unit has no quota for When summarized Then they count as over, never lost', () => {
    const o = computeOverview(registry, { actual: new Map([[`${bureau.id}|public_service`, 2]]), leaders: new Map() });
    expect(o.quota.public_service).toEqual({ approved: 5, actual: 2, vacant: 5, over: 2 });
  });
});
