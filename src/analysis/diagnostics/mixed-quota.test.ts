import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findMixedQuota } from './mixed-quota.js';

describe('findMixedQuota', () => {
  it('Given a government bureau with people on 事业编制 When diagnosed Then it is mixed, high, citing 第十五条', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区交通运输局', quotas: { admin: 10 } }],
      people: [
        { institution: '区交通运输局', category: 'admin', count: 10 },
        { institution: '区交通运输局', category: 'public_service', count: 4 },
      ],
    });
    const [f, ...rest] = findMixedQuota(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'MIXED_QUOTA',
      severity: 'high',
      institutions: [{ name: '区交通运输局' }],
      measures: { category: 'public_service', people: 4, kind: 'gov_dept' },
    });
    expect(f!.title).toContain('区交通运输局(政府工作部门)有4名事业编制人员');
    expect(f!.evidence).toContainEqual(expect.objectContaining({ kind: 'law', article: '第十五条' }));
  });

  it('Given a public institution on 事业编制 and 工勤编制, and a street on 乡镇行政编制 When diagnosed Then nothing is mixed', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区图书馆', kind: 'public_institution', quotas: { public_service: 10, worker: 1 } },
        { name: '东风街道办事处', kind: 'street', quotas: { township_admin: 30 } },
      ],
      people: [
        { institution: '区图书馆', category: 'public_service', count: 10 },
        { institution: '区图书馆', category: 'worker' },
        { institution: '东风街道办事处', category: 'township_admin', count: 30 },
      ],
    });
    expect(findMixedQuota(s, config)).toEqual([]);
  });

  it('Given a public institution with people on 行政编制 and a bureau on 乡镇行政编制 When diagnosed Then both are 挤占', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区图书馆', kind: 'public_institution', quotas: { public_service: 10 } },
        { name: '区民政局', quotas: { admin: 10 } },
      ],
      people: [
        { institution: '区图书馆', category: 'admin', count: 2 },
        { institution: '区民政局', category: 'township_admin', count: 1 },
      ],
    });
    const fs = findMixedQuota(s, config);
    expect(fs.map((f) => [f.institutions[0]!.name, f.measures.category]).sort()).toEqual([
      ['区图书馆', 'admin'],
      ['区民政局', 'township_admin'],
    ]);
  });

  it('Given the demo district When diagnosed Then the planted mixed units are found, and nothing in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findMixedQuota(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'MIXED_QUOTA')!.institutions)
      expect(names).toContain(name);
    const clean = findMixedQuota(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
