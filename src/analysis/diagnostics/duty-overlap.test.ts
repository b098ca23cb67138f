import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig } from '../config.js';
import { recommendedOverlapThreshold } from '../overlap/scope.js';
import { isGenericAction } from '../thesaurus.js';
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

  it('Given real 三定 template clauses and each field’s own reform (重庆 districts), When diagnosed, Then nothing is found', () => {
    // texts as the Chongqing districts' 三定 word them (test/fixtures/real/sources/cq-districts-2019-2023-sanding.json)
    const s = makeSnapshot({
      institutions: [{ name: '区农业农村委员会' }, { name: '区生态环境局' }, { name: '区发展和改革委员会' }],
      duties: [
        sanding('区农业农村委员会', '承办区委、区政府和上级业务主管部门交办的其他事项'),
        sanding('区生态环境局', '完成区委、区政府交办的其他任务。'),
        sanding('区农业农村委员会', '负责机关、所属事业单位和行业社会组织党建工作'),
        sanding('区生态环境局', '负责机关和直属单位党建工作。'),
        sanding('区农业农村委员会', '拟订地方深化农村经济体制改革和巩固完善农村基本经营制度的政策'),
        sanding('区发展和改革委员会', '指导推进和综合协调经济体制改革有关工作，提出相关改革建议'),
      ],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
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

describe('findDutyOverlaps where the same task is worded differently', () => {
  // pre-2018 county 三定 wording (2018 reform consolidated each pair into one body)
  const cases: [string, string, string, string, string][] = [
    [
      '县环境保护局',
      '负责主要污染物排放总量控制和减排工作',
      '县发展和改革局',
      '负责应对气候变化和节能减排有关工作',
      '污染减排',
    ],
    [
      '县安全生产监督管理局',
      '负责职业卫生监督检查，查处职业危害事故',
      '县卫生和计划生育局',
      '负责职业病防治和放射卫生的监督管理',
      '职业健康',
    ],
    [
      '县文化广电新闻出版局',
      '负责文化市场综合执法，查处文化市场违法经营活动',
      '县旅游局',
      '负责旅游市场秩序的监督管理和旅游投诉处理',
      '文化和旅游市场执法',
    ],
    [
      '县发展和改革局',
      '负责农业投资项目的审核和管理',
      '县农业局',
      '负责农业综合开发和高标准农田建设项目管理',
      '农业投资项目',
    ],
  ];
  for (const [ia, ta, ib, tb, object] of cases) {
    it(`Given ${ia} and ${ib} on ${object} in different words, When diagnosed, Then one finding names the object and both units`, () => {
      const s = makeSnapshot({
        institutions: [{ name: ia }, { name: ib }, { name: '县教育局' }],
        duties: [sanding(ia, ta), sanding(ib, tb), sanding('县教育局', '负责全县义务教育学校招生管理')],
      });
      const f = findDutyOverlaps(s, config);
      expect(f).toHaveLength(1);
      expect(f[0]!.measures.object).toBe(object);
      expect(f[0]!.title).toContain(`${object}`);
      expect(f[0]!.title).toContain(`由${ia}、${ib}两个单位同时承担`);
      expect(f[0]!.title).not.toMatch(/相似度|0\.\d/);
    });
  }

  it('Given each bureau holding 本行业安全生产 and the 应急 bureau the comprehensive one, When diagnosed, Then nothing is found', () => {
    const s = makeSnapshot({
      institutions: [{ name: '县交通运输局' }, { name: '县商务局' }, { name: '县应急管理局' }],
      duties: [
        sanding('县交通运输局', '负责本行业安全生产监督管理'),
        sanding('县商务局', '负责商贸流通领域安全生产监督管理'),
        sanding('县应急管理局', '负责全县安全生产综合监督管理'),
      ],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given 权责清单 items sharing only a verb of the template (明令淘汰, 毁弃, 发布, 挪用), When diagnosed, Then nothing is found', () => {
    const item = (institution: string, title: string) => ({
      institution,
      title,
      category: '行政处罚',
      source: 'power_list' as const,
    });
    const s = makeSnapshot({
      institutions: [
        { name: '区市场监督管理局' },
        { name: '区工业和信息化局' },
        { name: '区统计局' },
        { name: '区审计局' },
        { name: '区财政局' },
        { name: '区住房和城乡建设局' },
      ],
      duties: [
        item('区市场监督管理局', '对电梯使用单位使用国家明令淘汰的特种设备的处罚'),
        item('区工业和信息化局', '对用能单位使用国家明令淘汰的用能设备的处罚'),
        item('区统计局', '对统计调查对象转移、隐匿、篡改、毁弃原始记录和凭证的处罚'),
        item('区审计局', '对被审计单位转移、隐匿、篡改、毁弃会计资料的处罚'),
        item('区财政局', '对截留、挪用国家建设资金行为的行政处罚'),
        item('区住房和城乡建设局', '对挪用住宅专项维修资金的处罚'),
      ],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given the same 违法行为 punished by two units, When diagnosed, Then it is 多头执法 on that object', () => {
    const item = (institution: string) => ({
      institution,
      title: '对政府投资项目未按规定履行审批程序的处罚',
      category: '行政处罚',
      source: 'power_list' as const,
    });
    const s = makeSnapshot({
      institutions: [{ name: '区发展和改革局' }, { name: '区审计局' }],
      duties: [item('区发展和改革局'), item('区审计局')],
    });
    const f = findDutyOverlaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.title).toContain(
      '对“政府投资项目未按规定履行审批程序”的处罚由区发展和改革局、区审计局两个单位分别实施',
    );
  });
});

describe('findDutyOverlaps on the demo district', () => {
  it('Given the planted demo, When diagnosed, Then every group is a cross-department overlap on a named object: one duty per institution, never a generic verb', () => {
    const s = demoSnapshot();
    const findings = findDutyOverlaps(s, config);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const texts = f.evidence.filter((e) => e.kind === 'text');
      const holders = texts.map((e) => (e.kind === 'text' ? e.institutionId : ''));
      // a one-institution cluster, or one institution named several times, fails here
      expect(new Set(holders).size, f.title).toBe(holders.length);
      expect(holders.length, f.title).toBeGreaterThanOrEqual(2);
      expect(new Set(f.institutions.map((i) => i.id)).size, f.title).toBe(f.institutions.length);
      const object = String(f.measures.object);
      expect(object.length, f.title).toBeGreaterThanOrEqual(2);
      expect(isGenericAction(object), f.title).toBe(false);
      expect(f.title).not.toMatch(/相似度/);
    }
  });

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

describe('findDutyOverlaps on the parts of one reform-consolidated domain', () => {
  const diagnose = (duties: [string, string][]) =>
    findDutyOverlaps(
      makeSnapshot({
        institutions: [...new Set(duties.map(([i]) => i)), '县教育局'].map((name) => ({ name })),
        duties: [...duties.map(([i, t]) => sanding(i, t)), sanding('县教育局', '负责全县义务教育学校招生管理')],
      }),
      config,
    );

  it('Given 人社 holding 医疗保险 and 民政 医疗救助 (both merged into 医疗保障 in 2018), When diagnosed, Then one finding names the domain, both parts and the reform', () => {
    const f = diagnose([
      ['县人力资源和社会保障局', '负责城镇职工和城镇居民基本医疗保险、生育保险工作'],
      ['县民政局', '负责城乡医疗救助工作'],
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]!.measures.matchedBy).toBe('同一整合领域');
    expect(f[0]!.measures.domain).toBe('医疗保障');
    expect(f[0]!.title).toContain('医疗保障领域的医疗保险、医疗救助由县人力资源和社会保障局、县民政局两个单位分别承担');
    expect(f[0]!.title).toContain('《深化党和国家机构改革方案》(2018年)已将其整合由医疗保障部门统一承担');
    expect(f[0]!.title).not.toMatch(/相似度|0\.\d/);
  });

  it('Given 财政 funding 救灾 and 宣传 reporting on 防汛, When diagnosed with 水利 holding 防汛, Then the service lines are not the domain’s parts', () => {
    const f = diagnose([
      ['县财政局', '负责救灾资金的筹集、拨付'],
      ['县委宣传部', '负责防汛抗旱的宣传报道工作'],
      ['县水利局', '负责全县防汛抗旱工作'],
    ]);
    expect(f.filter((x) => x.institutions.some((i) => i.name !== '县水利局'))).toEqual([]);
  });

  it('Given 消防 at the 消防救援大队 and 安全生产 at the 应急管理局, When diagnosed, Then 消防 is not counted a part of 应急管理', () => {
    expect(
      diagnose([
        ['县消防救援大队', '负责全县消防监督检查和火灾扑救'],
        ['县应急管理局', '负责全县安全生产综合监督管理'],
      ]),
    ).toEqual([]);
  });
});

describe('findDutyOverlaps on short and sectoral duties', () => {
  it('Given two units each holding 所属系统及行业节能, When diagnosed, Then nothing is found (each its own sector)', () => {
    const s = makeSnapshot({
      institutions: [{ name: '市农业局' }, { name: '市林业局' }],
      duties: [sanding('市农业局', '负责所属系统及行业节能'), sanding('市林业局', '负责所属系统及行业节能')],
    });
    expect(findDutyOverlaps(s, config)).toEqual([]);
  });

  it('Given the same short duty word for word in two units, When diagnosed, Then it is one overlap', () => {
    const s = makeSnapshot({
      institutions: [{ name: '市发展和改革委员会' }, { name: '市经济贸易委员会' }, { name: '市教育局' }],
      duties: [
        sanding('市发展和改革委员会', '对全市能源和节能工作总负责、总协调'),
        sanding('市经济贸易委员会', '对全市能源和节能工作总负责、总协调'),
        sanding('市教育局', '负责全市义务教育学校招生管理'),
      ],
    });
    const f = findDutyOverlaps(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.institutions.map((i) => i.name).sort()).toEqual(['市发展和改革委员会', '市经济贸易委员会']);
  });
});
