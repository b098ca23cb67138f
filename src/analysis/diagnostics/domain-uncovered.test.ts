import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig } from '../config.js';
import { severityRank } from '../finding.js';
import { findUncoveredDomains } from './domain-uncovered.js';

const config = { ...defaultDiagnosticConfig, emergingDomains: ['数字经济', '人工智能'] };
const institutions = [
  { name: '区工业和信息化局' },
  { name: '区科学技术局' },
  { name: '区委网络安全和信息化委员会办公室', kind: 'party_dept' as const },
];
const snap = (duties: SnapshotSpec['duties']) => makeSnapshot({ institutions, duties });
const firmAi = {
  institution: '区科学技术局',
  source: 'sanding' as const,
  title: '负责统筹推进全区人工智能技术研发和产业集聚',
  domains: ['人工智能'],
};

describe('findUncoveredDomains', () => {
  it('Given 数字经济 held only as 参与/协助 by two units When diagnosed Then it is uncovered, high, naming both', () => {
    const s = snap([
      {
        institution: '区工业和信息化局',
        source: 'sanding',
        role: 'assist',
        title: '参与全区数字经济发展相关工作',
        domains: ['数字经济'],
      },
      {
        institution: '区委网络安全和信息化委员会办公室',
        source: 'sanding',
        role: 'assist',
        title: '协助推进数字政府建设',
        domains: ['数字经济'],
      },
      firmAi,
    ]);
    const [f, ...rest] = findUncoveredDomains(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'DOMAIN_UNCOVERED',
      severity: 'high',
      measures: { domain: '数字经济', vagueDuties: 2, institutions: 2 },
    });
    expect(f!.institutions.map((i) => i.name).sort()).toEqual(
      ['区委网络安全和信息化委员会办公室', '区工业和信息化局'].sort(),
    );
    expect(f!.title).toContain('数字经济领域没有明确的牵头职责');
    expect(f!.evidence.filter((e) => e.kind === 'text')).toHaveLength(2);
  });

  it('Given no duty at all in an emerging domain When diagnosed Then it is uncovered, high, with no institution to name', () => {
    const [f, ...rest] = findUncoveredDomains(snap([firmAi]), config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ severity: 'high', institutions: [], title: '数字经济领域没有任何单位承担相关职责' });
  });

  it('Given both emerging domains with a firm lead When diagnosed Then nothing is uncovered', () => {
    const s = snap([
      firmAi,
      {
        institution: '区工业和信息化局',
        source: 'sanding',
        title: '负责拟订全区数字经济发展规划和政策措施并组织实施',
        domains: ['数字经济'],
      },
      {
        institution: '区科学技术局',
        source: 'sanding',
        role: 'assist',
        title: '配合做好数字经济有关工作',
        domains: ['数字经济'],
      },
    ]);
    expect(findUncoveredDomains(s, config)).toEqual([]);
  });

  it('Given the only lead-role duty is worded 指导 When diagnosed Then it is uncovered but medium (a lead on paper)', () => {
    const s = snap([
      firmAi,
      {
        institution: '区工业和信息化局',
        source: 'sanding',
        role: 'lead',
        title: '指导全区数字经济发展相关工作',
        domains: ['数字经济'],
      },
    ]);
    expect(findUncoveredDomains(s, config).map((f) => f.severity)).toEqual(['medium']);
  });

  it('Given the demo district When diagnosed Then every planted holder is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const found = findUncoveredDomains(demo, defaultDiagnosticConfig);
    const names = new Set(found.flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'DOMAIN_UNCOVERED')!.institutions)
      expect(names).toContain(name);
    expect(found.map((f) => f.measures.domain)).toEqual(expect.arrayContaining(['数字经济', '人工智能']));
    const clean = findUncoveredDomains(demoSnapshot({ planted: false }), defaultDiagnosticConfig);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
