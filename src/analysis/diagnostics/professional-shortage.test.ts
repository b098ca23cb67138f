import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findProfessionalShortage } from './professional-shortage.js';

const unit = (name: string, titled: number, untitled: number, domains?: string[]) => ({
  institutions: [{ name, kind: 'public_institution' as const, quotas: { public_service: titled + untitled } }],
  people: [
    { institution: name, category: 'public_service', titleLevel: '中级', count: titled },
    { institution: name, category: 'public_service', titleLevel: '无', count: untitled },
  ],
  duties: domains
    ? [{ institution: name, source: 'sanding' as const, title: '负责全区科技成果转化服务', domains }]
    : [],
});

describe('findProfessionalShortage', () => {
  it('Given a 科技 unit of 10 with no professional title When diagnosed Then it is high, naming the domain', () => {
    const s = makeSnapshot(unit('区科技创新服务中心', 0, 10));
    const [f, ...rest] = findProfessionalShortage(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'PROFESSIONAL_SHORTAGE',
      severity: 'high',
      measures: { people: 10, titled: 0, share: 0, domain: '科技创新', threshold: 0.5 },
    });
    // none of 10 is said in words, not as "0人，仅占10人的0%"; the threshold is a 测算口径, not a standard
    expect(f!.title).toBe('区科技创新服务中心(科技创新领域)10人中没有专业技术人员，低于50%的测算口径');
  });

  it('Given a unit whose duties lie in 科技创新 with 4 of 10 titled When diagnosed Then the key-domain bar applies: medium', () => {
    const s = makeSnapshot(unit('区生产力促进中心', 4, 6, ['科技创新']));
    expect(findProfessionalShortage(s, config).map((f) => [f.severity, f.measures.domain])).toEqual([
      ['medium', '科技创新'],
    ]);
  });

  it('Given a key-domain unit at the key bar (5 of 10) When diagnosed Then nothing is found', () => {
    expect(findProfessionalShortage(makeSnapshot(unit('区金融发展服务中心', 5, 5)), config)).toEqual([]);
  });

  it('Given an ordinary unit with 4 of 10 titled When diagnosed Then nothing (above the general 30%); with 2 of 10 it is low', () => {
    expect(findProfessionalShortage(makeSnapshot(unit('区图书馆', 4, 6)), config)).toEqual([]);
    expect(findProfessionalShortage(makeSnapshot(unit('区图书馆', 2, 8)), config).map((f) => f.severity)).toEqual([
      'low',
    ]);
  });

  it('Given an enforcement unit 承担行政职能 with no titles, and 工勤 staff When diagnosed Then neither counts', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区城市管理综合执法大队', kind: 'public_institution', quotas: { public_service: 20 } },
        { name: '区科技馆', kind: 'public_institution', quotas: { public_service: 5, worker: 10 } },
      ],
      people: [
        { institution: '区城市管理综合执法大队', category: 'public_service', count: 20 },
        { institution: '区科技馆', category: 'public_service', titleLevel: '副高', count: 3 },
        { institution: '区科技馆', category: 'public_service', titleLevel: '无', count: 2 },
        { institution: '区科技馆', category: 'worker', titleLevel: '无', count: 10 },
      ],
    });
    s.registry.institutions.get(s.idOf('区城市管理综合执法大队'))!.piClass = '承担行政职能';
    // 3 of 5 non-工勤 titled = 60%: fine although 3 of 15 people would be 20%
    expect(findProfessionalShortage(s, config)).toEqual([]);
  });

  it('Given the demo district When diagnosed Then the planted 科技/金融 units are found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findProfessionalShortage(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'PROFESSIONAL_SHORTAGE')!.institutions)
      expect(names).toContain(name);
    const clean = findProfessionalShortage(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
