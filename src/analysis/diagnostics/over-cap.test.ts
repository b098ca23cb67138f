import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findOverCap } from './over-cap.js';

const departments = (n: number) =>
  Array.from({ length: n }, (_, k) => ({
    name: `区第${k + 1}局`,
    kind: k < 2 ? ('party_dept' as const) : ('gov_dept' as const),
  }));

describe('findOverCap', () => {
  it('Given six departments under a cap of five When diagnosed Then a high finding names the one past the cap', () => {
    const s = makeSnapshot({ limits: { partyGovInstitutionCap: 5 }, institutions: departments(6) });
    const f = findOverCap(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'OVER_CAP', severity: 'high' });
    expect(f[0]!.measures).toMatchObject({ partyGovCount: 6, cap: 5, excess: 1, partyDepts: 2 });
    expect(f[0]!.institutions.map((i) => i.name)).toEqual(['区第6局']);
    expect(f[0]!.title).toContain('超过机构限额5个');
  });

  it('Given departments at the cap, public institutions beside them and no cap set When diagnosed Then nothing fires (near miss)', () => {
    const atCap = makeSnapshot({
      limits: { partyGovInstitutionCap: 6 },
      institutions: [...departments(6), { name: '区某中心', kind: 'public_institution' }],
    });
    expect(findOverCap(atCap, config)).toEqual([]);
    expect(findOverCap(makeSnapshot({ institutions: departments(50) }), config)).toEqual([]);
  });

  it('Given a coordination body holding quota (forced past the ledger) When diagnosed Then a high finding cites 第十九条', () => {
    const s = makeSnapshot({ institutions: [{ name: '区某领导小组', kind: 'coordination' }] });
    // The factory's ledger starts in 2019, which caps founding dates; set a recent one directly.
    s.registry.institutions.get(s.idOf('区某领导小组'))!.establishedOn = '2024-01-01';
    s.registry.quotas.set(`${s.idOf('区某领导小组')}|admin`, 3);
    const f = findOverCap(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'high', measures: { bodies: 1, quota: 3 } });
    expect(f[0]!.evidence).toContainEqual(expect.objectContaining({ kind: 'law', article: '第十九条' }));
  });

  it('Given a special-task 指挥部 set up long ago When diagnosed Then it is high and cites 第十一条', () => {
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [{ name: '区防治非典型肺炎工作指挥部', kind: 'coordination', establishedOn: '2003-04-25' }],
    });
    const f = findOverCap(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'high', measures: { years: 23 } });
    expect(f[0]!.title).toContain('设立于2003年4月25日'); // a date as a reader writes it
    expect(f[0]!.evidence).toContainEqual(expect.objectContaining({ kind: 'law', article: '第十一条' }));
    expect(f[0]!.measure).toContain('撤销区防治非典型肺炎工作指挥部');
  });

  it('Given a recent special body and an old standing committee When diagnosed Then only a low review finding remains', () => {
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [
        { name: '区创建全国文明城市工作指挥部', kind: 'coordination' },
        { name: '区防汛抗旱指挥部', kind: 'coordination', establishedOn: '2010-01-01' },
      ],
    });
    s.registry.institutions.get(s.idOf('区创建全国文明城市工作指挥部'))!.establishedOn = '2024-05-01';
    const f = findOverCap(s, config);
    expect(f.map((x) => x.severity)).toEqual(['low']);
    expect(f[0]!.institutions.map((i) => i.name)).toEqual(['区防汛抗旱指挥部']);
  });
});

describe('standing bodies set by the Party centre', () => {
  it('Given the 区委机构编制委员会 and 深改委 set up long ago beside an old 防汛 body When diagnosed Then only the 防汛 body is asked for review', () => {
    const s = makeSnapshot({
      asOf: '2026-06-30',
      institutions: [
        { name: '区委机构编制委员会', kind: 'coordination', establishedOn: '1991-01-01' },
        { name: '区委全面深化改革委员会', kind: 'coordination', establishedOn: '2014-03-01' },
        { name: '区防汛抗旱指挥部', kind: 'coordination', establishedOn: '2010-01-01' },
      ],
    });
    const f = findOverCap(s, config);
    expect(f.flatMap((x) => x.institutions.map((i) => i.name))).toEqual(['区防汛抗旱指挥部']);
    expect(f.map((x) => x.title).join()).not.toMatch(/机构编制委员会|深化改革委员会/);
  });
});

describe('findOverCap on the demo district', () => {
  it('Given the planted demo When diagnosed Then the extra bureau and the expired body are in findings', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'OVER_CAP').flatMap((m) => m.institutions);
    const f = findOverCap(s, config);
    const found = new Set(f.filter((x) => x.severity === 'high').flatMap((x) => x.institutions.map((i) => i.name)));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((n) => !found.has(n))).toEqual([]);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findOverCap(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
