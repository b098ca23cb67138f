import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig } from '../config.js';
import { findFragmentedDomains } from './domain-fragmented.js';

const config = defaultDiagnosticConfig;
const lead = (institution: string, text: string) => ({
  institution,
  title: text,
  text,
  source: 'sanding' as const,
  role: 'lead' as const,
});

describe('findFragmentedDomains', () => {
  it('Given 防灾 leads worded differently in four bureaus, When diagnosed, Then 防灾减灾 is fragmented with each lead as evidence', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区水务局' },
        { name: '区农业农村局' },
        { name: '区自然资源局' },
        { name: '区应急管理局' },
      ],
      duties: [
        lead('区水务局', '负责全区防汛抗旱工作'),
        lead('区农业农村局', '负责全区森林防火工作'),
        lead('区自然资源局', '负责全区地质灾害防治工作'),
        lead('区应急管理局', '负责全区自然灾害救助工作'),
      ],
    });
    const f = findFragmentedDomains(s, config).find((x) => x.measures.domain === '防灾减灾');
    expect(f?.institutions).toHaveLength(4);
    expect(f?.severity).toBe('medium');
    expect(f?.evidence.filter((e) => e.kind === 'text')).toHaveLength(4);
  });

  it("Given leads in three bureaus plus a coordination body, a street and a bureau's own 事业单位, When diagnosed, Then none of those count", () => {
    const s = makeSnapshot({
      institutions: [
        { name: '区水务局' },
        { name: '区农业农村局' },
        { name: '区应急管理局' },
        { name: '区防汛抗旱指挥部', kind: 'coordination' },
        { name: '东风街道', kind: 'street' },
        { name: '区防汛服务中心', kind: 'public_institution', parent: '区水务局' },
      ],
      duties: [
        lead('区水务局', '负责全区防汛抗旱工作'),
        lead('区农业农村局', '负责全区森林防火工作'),
        lead('区应急管理局', '负责全区自然灾害救助工作'),
        lead('区防汛抗旱指挥部', '负责统一指挥全区防汛抗旱和抢险救灾工作'),
        lead('东风街道', '负责辖区防汛和应急预案工作'),
        lead('区防汛服务中心', '承担防汛抢险物资管理'),
      ],
    });
    // the three bureaus alone are below the general minimum (4); the 2018 precedent (应急管理) names exactly them
    const f = findFragmentedDomains(s, config);
    expect(f.map((x) => x.measures.domain)).toEqual(['应急管理']);
    expect(f[0]!.institutions.map((i) => i.name).sort()).toEqual(['区农业农村局', '区应急管理局', '区水务局'].sort());
  });

  it('Given the planted demo, When diagnosed, Then 防灾减灾 is found with its five institutions', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.find((m) => m.code === 'DOMAIN_FRAGMENTED')!;
    const d = planted.details as { domain: string; leads: { institution: string }[] };
    const f = findFragmentedDomains(s, config).find((x) => x.measures.domain === d.domain);
    expect(f?.institutions.map((i) => i.name).sort()).toEqual(d.leads.map((l) => l.institution).sort());
    expect(f?.severity).not.toBe('low');
  });

  it('Given the demo without planted problems, When diagnosed, Then no domain reaches medium severity', () => {
    const findings = findFragmentedDomains(demoSnapshot({ planted: false }), config);
    expect(findings.filter((f) => f.severity !== 'low').map((f) => f.title)).toEqual([]);
  });
});
