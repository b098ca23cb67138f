import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import type { InstitutionKind } from '../../domain/vocabulary.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findTooBroadDuties } from './duty-too-broad.js';

const areas = [
  '商贸流通',
  '招商引资',
  '对外开放',
  '金融服务',
  '交通运输',
  '农业农村',
  '生态环境',
  '文化旅游',
  '市场监管',
  '安全生产',
  '就业创业',
  '科技创新',
];

function unit(opts: {
  kind?: InstitutionKind;
  staff: number;
  domains: number;
  source?: 'sanding' | 'power_list';
  role?: 'lead' | 'assist';
}) {
  return makeSnapshot({
    institutions: [
      {
        name: '区商务局',
        kind: opts.kind ?? 'gov_dept',
        quotas: opts.kind === 'township' ? { township_admin: opts.staff } : { admin: opts.staff },
      },
    ],
    people: [{ institution: '区商务局', count: opts.staff }],
    duties: areas.slice(0, opts.domains).map((d) => ({
      institution: '区商务局',
      source: opts.source ?? 'sanding',
      role: opts.role ?? 'lead',
      title: `负责全区${d}相关工作`,
      domains: [d],
    })),
  });
}

describe('findTooBroadDuties', () => {
  it('Given a bureau of 5 with lead duties in 9 domains When diagnosed Then it is too broad, medium, with one duty per domain', () => {
    const [f, ...rest] = findTooBroadDuties(unit({ staff: 5, domains: 9 }), config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'DUTY_TOO_BROAD',
      section: '职能配置',
      severity: 'medium',
      institutions: [{ name: '区商务局' }],
      measures: { domains: 9, staff: 5, approved: 5, domainsPerStaff: 1.8 },
    });
    expect(f!.title).toContain('区商务局实有5人(核定编制5名)，三定牵头职责却涉及9个领域');
    expect(f!.evidence.filter((e) => e.kind === 'text')).toHaveLength(9);
  });

  it('Given 12 domains on 6 people When diagnosed Then it is high (both measures 1.5× their thresholds)', () => {
    expect(findTooBroadDuties(unit({ staff: 6, domains: 12 }), config).map((f) => f.severity)).toEqual(['high']);
  });

  it('Given domains below broadDomainsMin, or as many domains as people When diagnosed Then nothing is found', () => {
    expect(findTooBroadDuties(unit({ staff: 3, domains: 7 }), config)).toEqual([]);
    expect(findTooBroadDuties(unit({ staff: 9, domains: 9 }), config)).toEqual([]);
  });

  it('Given a township, or 权责清单 items, or assist duties spread over 12 domains When diagnosed Then none counts', () => {
    expect(findTooBroadDuties(unit({ kind: 'township', staff: 5, domains: 12 }), config)).toEqual([]);
    expect(findTooBroadDuties(unit({ staff: 5, domains: 12, source: 'power_list' }), config)).toEqual([]);
    expect(findTooBroadDuties(unit({ staff: 5, domains: 12, role: 'assist' }), config)).toEqual([]);
  });

  it('Given the demo district When diagnosed Then the planted bureau is found, and nothing medium in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findTooBroadDuties(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'DUTY_TOO_BROAD')!.institutions)
      expect(names).toContain(name);
    const clean = findTooBroadDuties(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
