import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { findHostedMismatches } from './hosted-mismatch.js';

const sanding = (institution: string, title: string, domains: string[]) => ({
  institution,
  title,
  text: title,
  source: 'sanding' as const,
  domains,
});

function district(host: string, extra: SnapshotSpec['duties'] = []) {
  return makeSnapshot({
    institutions: [
      { name: '区文化和旅游局', kind: 'gov_dept' },
      { name: '区应急管理局', kind: 'gov_dept' },
      { name: '区地震监测中心', kind: 'public_institution', host },
    ],
    duties: [
      sanding('区文化和旅游局', '负责公共文化服务体系建设', ['文化旅游']),
      sanding('区文化和旅游局', '负责文物保护工作', ['文化旅游']),
      sanding('区应急管理局', '负责安全生产综合监督管理', ['安全生产']),
      sanding('区应急管理局', '负责自然灾害防治和防灾减灾救灾工作', ['防灾减灾']),
      sanding('区地震监测中心', '承担地震监测台网运行维护和地震速报', ['防灾减灾']),
      ...extra,
    ],
  });
}

describe('findHostedMismatches', () => {
  it('Given an earthquake centre hosted by the culture bureau When diagnosed Then a high finding suggests the emergency bureau', () => {
    const s = district('区文化和旅游局');
    const f = findHostedMismatches(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'HOSTED_MISMATCH', severity: 'high' });
    expect(f[0]!.institutions.map((i) => i.name)).toEqual(['区地震监测中心', '区文化和旅游局', '区应急管理局']);
    expect(f[0]!.measures).toMatchObject({ jaccard: 0, suggestedHost: '区应急管理局', unitDomains: '防灾减灾' });
    const texts = f[0]!.evidence.filter((e) => e.kind === 'text').map((e) => e.text);
    expect(texts.some((t) => t.includes('地震速报'))).toBe(true);
    expect(texts.some((t) => t.includes('文物保护'))).toBe(true);
    expect(f[0]!.measure).toContain('调整为挂靠区应急管理局');
  });

  it('Given the centre hosted by the emergency bureau whose domains it shares When diagnosed Then nothing fires (near miss)', () => {
    expect(findHostedMismatches(district('区应急管理局'), config)).toEqual([]);
  });

  it('Given a broad host holding the unit domain among many When diagnosed Then containment keeps it quiet', () => {
    const many = [
      '安全生产',
      '消防',
      '森林防火',
      '救灾',
      '物资储备',
      '应急指挥',
      '地质灾害',
      '水旱灾害',
      '危化品',
      '矿山',
      '工贸',
    ];
    const s = district(
      '区应急管理局',
      many.map((dm, n) => sanding('区应急管理局', `负责第${n}项工作`, [dm])),
    );
    expect(findHostedMismatches(s, config)).toEqual([]);
  });

  it('Given tags that differ but the host holds the unit named work When diagnosed Then it is linked and nothing fires', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区住房和城乡建设局', kind: 'gov_dept' },
        { name: '区人民防空指挥信息保障中心', kind: 'public_institution', host: '区住房和城乡建设局' },
      ],
      duties: [
        sanding('区住房和城乡建设局', '负责建筑市场监督管理', ['住房城乡建设']),
        sanding('区住房和城乡建设局', '负责人民防空工程建设', ['人民防空']),
        sanding('区人民防空指挥信息保障中心', '承担警报设施运行维护', ['公共安全']),
      ],
    });
    expect(findHostedMismatches(s, config)).toEqual([]);
  });

  it('Given a mismatch with no other department holding the unit domains When diagnosed Then it is low', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区委组织部', kind: 'party_dept' },
        { name: '区老干部服务中心', kind: 'public_institution', host: '区委组织部' },
      ],
      duties: [
        sanding('区委组织部', '负责党的组织建设', ['党的建设']),
        sanding('区老干部服务中心', '承担离退休干部服务', ['老干部工作']),
      ],
    });
    const f = findHostedMismatches(s, config);
    expect(f.map((x) => x.severity)).toEqual(['low']);
    expect(f[0]!.measures.suggestedHost).toBe('');
  });

  it('Given a hosted unit without duties When diagnosed Then nothing is judged', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区文化和旅游局', kind: 'gov_dept' },
        { name: '区地震监测中心', kind: 'public_institution', host: '区文化和旅游局' },
      ],
      duties: [sanding('区文化和旅游局', '负责文物保护工作', ['文化旅游'])],
    });
    expect(findHostedMismatches(s, config)).toEqual([]);
  });
});

describe('findHostedMismatches on the demo district', () => {
  it('Given the planted demo When diagnosed Then the manifest unit and host are in a finding, with the fitting host', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'HOSTED_MISMATCH');
    const f = findHostedMismatches(s, config);
    const found = new Set(f.flatMap((x) => x.institutions.map((i) => i.name)));
    expect(planted.flatMap((m) => m.institutions).filter((n) => !found.has(n))).toEqual([]);
    const fit = planted[0]!.details!.fittingHost as string;
    expect(f.some((x) => x.severity === 'high' && x.measures.suggestedHost === fit)).toBe(true);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findHostedMismatches(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
