import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findOverQuota } from './over-quota.js';

describe('findOverQuota', () => {
  it('Given a bureau with 12 people on 10 行政编制 When diagnosed Then it is over by 2, high, citing 第二十六条', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区人力资源和社会保障局', quotas: { admin: 10 } }],
      people: [{ institution: '区人力资源和社会保障局', category: 'admin', count: 12 }],
    });
    const [f, ...rest] = findOverQuota(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'OVER_QUOTA',
      section: '人员结构',
      severity: 'high',
      title: '区人力资源和社会保障局行政编制核定10名，实有12人，超编2名',
      institutions: [{ id: s.idOf('区人力资源和社会保障局'), name: '区人力资源和社会保障局' }],
      measures: { category: 'admin', approved: 10, actual: 12, excess: 2 },
    });
    expect(f!.evidence).toContainEqual(expect.objectContaining({ kind: 'law', article: '第二十六条第(四)项' }));
    expect(f!.measure).toContain('区人力资源和社会保障局');
  });

  it('Given quota exactly full When diagnosed Then nothing is over', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区财政局', quotas: { admin: 10, worker: 2 } }],
      people: [
        { institution: '区财政局', category: 'admin', count: 10 },
        { institution: '区财政局', category: 'worker', count: 2 },
      ],
    });
    expect(findOverQuota(s, config)).toEqual([]);
  });

  it('Given one unit over and another under When diagnosed Then they are not netted: only the over unit is found', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区甲局', quotas: { admin: 10 } },
        { name: '区乙局', quotas: { admin: 10 } },
      ],
      people: [
        { institution: '区甲局', category: 'admin', count: 11 },
        { institution: '区乙局', category: 'admin', count: 8 },
      ],
    });
    expect(findOverQuota(s, config).map((f) => f.institutions[0]!.name)).toEqual(['区甲局']);
  });

  it('Given people on a category the kind may not use When diagnosed Then that is left to MIXED_QUOTA, not counted over', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区住房和城乡建设局', quotas: { admin: 10 } }],
      people: [
        { institution: '区住房和城乡建设局', category: 'admin', count: 10 },
        { institution: '区住房和城乡建设局', category: 'public_service', count: 3 },
      ],
    });
    expect(findOverQuota(s, config)).toEqual([]);
  });

  it('Given one person over 20 When diagnosed Then it is low; five over 20 is high', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区甲局', quotas: { admin: 20 } },
        { name: '区乙中心', kind: 'public_institution', quotas: { public_service: 20 } },
      ],
      people: [
        { institution: '区甲局', category: 'admin', count: 21 },
        { institution: '区乙中心', category: 'public_service', count: 25 },
      ],
    });
    const sev = Object.fromEntries(findOverQuota(s, config).map((f) => [f.institutions[0]!.name, f.severity]));
    expect(sev).toEqual({ 区甲局: 'low', 区乙中心: 'high' });
  });

  it('Given the demo district When diagnosed Then every planted over-quota unit is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const found = findOverQuota(demo, config);
    const names = new Set(found.flatMap((f) => f.institutions.map((i) => i.name)));
    const planted = demo.demo.manifest.find((m) => m.code === 'OVER_QUOTA')!;
    for (const name of planted.institutions) expect(names).toContain(name);
    expect(found.find((f) => f.institutions[0]!.name === '区人力资源和社会保障局')!.title).toBe(
      '区人力资源和社会保障局行政编制核定18名，实有23人，超编5名',
    );
    const clean = findOverQuota(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
