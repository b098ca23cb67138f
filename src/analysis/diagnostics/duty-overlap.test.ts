import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig } from '../config.js';
import { recommendedOverlapThreshold } from '../overlap/scope.js';
import { findDutyOverlaps } from './duty-overlap.js';

const config = { ...defaultDiagnosticConfig, overlapThreshold: recommendedOverlapThreshold };
const sanding = (institution: string, text: string) => ({
  institution,
  title: text.split('，')[0]!,
  text,
  source: 'sanding' as const,
});

describe('findDutyOverlaps', () => {
  it('Given 环保 and 水利 both monitoring water quality, When diagnosed, Then one finding names both with the shared terms highlighted and 条例第十条', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区生态环境分局' }, { name: '区水务局' }, { name: '区教育局' }],
      duties: [
        sanding('区生态环境分局', '负责全区地表水、地下水水质监测，发布水环境质量信息'),
        sanding('区水务局', '负责全区河湖、水库及地下水水质监测，发布水质监测信息'),
        sanding('区教育局', '负责全区义务教育学校布局规划和招生管理'),
      ],
    });
    const f = findDutyOverlaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.institutions.map((i) => i.name).sort()).toEqual(['区水务局', '区生态环境分局']);
    const texts = f[0]!.evidence.filter((e) => e.kind === 'text');
    expect(texts).toHaveLength(2);
    expect(texts[0]!.kind === 'text' && texts[0]!.highlight).toContain('水质监测');
    expect(f[0]!.evidence.some((e) => e.kind === 'law' && e.article === '第十条')).toBe(true);
    expect(f[0]!.measure).toContain('一件事由一个部门负责');
  });

  it('Given two 执法 duties sharing only boilerplate, When diagnosed, Then nothing is found', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区交通运输局' }, { name: '区城市管理局' }],
      duties: [
        sanding('区交通运输局', '负责交通运输执法，查处道路运输违法行为'),
        sanding('区城市管理局', '负责城市管理执法，查处违法建设行为'),
      ],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given a 局 and its own 事业单位 with the same duty, When diagnosed, Then it is not an overlap', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区水务局' }, { name: '区水文站', kind: 'public_institution', parent: '区水务局' }],
      duties: [sanding('区水务局', '负责全区水文监测和水质监测'), sanding('区水文站', '承担全区水文监测和水质监测')],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given two streets with the same provincial 赋权 list, When diagnosed, Then it is not an overlap', () => {
    const s = makeSnapshot({
      institutions: [
        { name: '东风街道', kind: 'street' },
        { name: '新华街道', kind: 'street' },
      ],
      duties: ['东风街道', '新华街道'].map((institution) => ({
        institution,
        title: '高龄津贴申请受理',
        text: '依据有关法律法规办理高龄津贴申请受理事项。',
        category: '公共服务',
      })),
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given a 审批局 licence and a 局 inspection of the same object, When diagnosed, Then categories do not meet', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区行政审批服务局' }, { name: '区文化和旅游局' }],
      duties: [
        { institution: '区行政审批服务局', title: '旅行社业务经营许可', category: '行政许可' },
        { institution: '区文化和旅游局', title: '对旅行社的行政检查', category: '行政检查' },
      ],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });
});

describe('findDutyOverlaps on the demo district', () => {
  it('Given the planted demo, When diagnosed, Then every DUTY_OVERLAP cluster of the manifest is inside one finding (recall 1.0)', () => {
    const s = demoSnapshot();
    const findings = findDutyOverlaps(s, config);
    const planted = s.demo.manifest.find((m) => m.code === 'DUTY_OVERLAP')!;
    const clusters = (planted.details as { clusters: { topic: string; institutions: string[] }[] }).clusters;
    for (const c of clusters) {
      const hit = findings.find((f) => c.institutions.every((n) => f.institutions.some((i) => i.name === n)));
      expect(hit, c.topic).toBeDefined();
    }
  });

  it('Given the demo without planted problems, When diagnosed, Then no overlap reaches medium severity', () => {
    const findings = findDutyOverlaps(demoSnapshot({ planted: false }), config);
    expect(findings.filter((f) => f.severity !== 'low').map((f) => f.title)).toEqual([]);
  });
});
