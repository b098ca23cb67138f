import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot, type SnapshotSpec } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findVagueDuties, vagueWordOf } from './vague-duty.js';

const institutions = [
  { name: '区交通运输局' },
  { name: '区发展和改革局' },
  { name: '区红十字会', kind: 'mass_org' as const },
];
const snap = (duties: SnapshotSpec['duties']) => makeSnapshot({ institutions, duties });

describe('vagueWordOf', () => {
  it('Given duties opening with 参与, 负责协助, or firm wording When read Then only the vague opening word is returned', () => {
    expect(vagueWordOf({ title: '参与低空飞行服务保障体系建设', text: null }, config.vagueWords)).toBe('参与');
    expect(vagueWordOf({ title: '负责协助开展碳达峰相关工作', text: null }, config.vagueWords)).toBe('协助');
    expect(
      vagueWordOf({ title: '负责统筹推进低空经济发展，协调解决重大问题', text: null }, config.vagueWords),
    ).toBeNull();
  });
});

describe('findVagueDuties', () => {
  it('Given two bureaus only 参与/配合 低空经济 and no lead When diagnosed Then one high finding with both texts side by side', () => {
    const s = snap([
      {
        institution: '区交通运输局',
        source: 'sanding',
        role: 'assist',
        title: '参与低空飞行服务保障体系建设',
        domains: ['低空经济'],
      },
      {
        institution: '区发展和改革局',
        source: 'sanding',
        role: 'assist',
        title: '配合做好低空经济相关工作',
        domains: ['低空经济'],
      },
    ]);
    const [f, ...rest] = findVagueDuties(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'VAGUE_DUTY',
      severity: 'high',
      measures: { domain: '低空经济', duties: 2, institutions: 2 },
    });
    expect(f!.institutions.map((i) => i.name).sort()).toEqual(['区交通运输局', '区发展和改革局'].sort());
    expect(f!.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'text',
        institution: '区交通运输局',
        text: '参与低空飞行服务保障体系建设',
        highlight: ['参与'],
      }),
    );
    expect(f!.title).toContain('低空经济领域2项职责');
    expect(f!.measure).toContain('明确低空经济的牵头单位');
  });

  it('Given the same vague duties plus a firm lead elsewhere When diagnosed Then the domain has a lead: nothing', () => {
    const s = snap([
      {
        institution: '区交通运输局',
        source: 'sanding',
        role: 'assist',
        title: '参与低空飞行服务保障体系建设',
        domains: ['低空经济'],
      },
      {
        institution: '区发展和改革局',
        source: 'sanding',
        role: 'lead',
        title: '负责拟订全区低空经济发展规划',
        domains: ['低空经济'],
      },
    ]);
    expect(findVagueDuties(s, config)).toEqual([]);
  });

  it('Given the only lead-role duty is worded 指导 When diagnosed Then it is no firm lead: found', () => {
    const s = snap([
      {
        institution: '区发展和改革局',
        source: 'sanding',
        role: 'lead',
        title: '指导全区低空经济产业发展相关工作',
        domains: ['低空经济'],
      },
    ]);
    // one holder, but an emerging domain: medium
    expect(findVagueDuties(s, config).map((f) => [f.severity, f.measures.domain])).toEqual([['medium', '低空经济']]);
  });

  it('Given a single 配合 item in an ordinary domain without lead When diagnosed Then it is low', () => {
    const s = snap([
      {
        institution: '区红十字会',
        source: 'sanding',
        role: 'assist',
        title: '配合开展灾害事故的人道救助',
        domains: ['人道救助'],
      },
    ]);
    expect(findVagueDuties(s, config).map((f) => f.severity)).toEqual(['low']);
  });

  it('Given the demo district When diagnosed Then every planted vague holder is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findVagueDuties(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'VAGUE_DUTY')!.institutions)
      expect(names).toContain(name);
    const clean = findVagueDuties(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
