import { describe, expect, it } from 'vitest';
import { tagDomains, dutyDomains } from '../domains.js';
import { allPairs, similarPairs } from './candidates.js';
import { detectOverlaps, scoreDocPairs } from './detect.js';
import { segment } from './segment.js';
import { tfidfOf } from './tfidf.js';

describe('segment', () => {
  it('Given a duty sentence, When segmented, Then boilerplate is dropped and domain verbs and objects stay', () => {
    const t = segment('负责全区林地、林木确权登记和林权证核发工作');
    expect(t).toEqual(expect.arrayContaining(['林地', '确权登记', '登记', '核发']));
    expect(t).not.toContain('负责');
    expect(t).not.toContain('全区');
    expect(t).not.toContain('工作');
  });
});

describe('similarPairs', () => {
  it('Given random duty texts, When the prefix index is used, Then it finds exactly the pairs all-pairs cosine finds', () => {
    const objects = ['水质监测', '排水管网', '公共停车场', '确权登记', '森林防火', '食品安全', '道路运输', '违法建设'];
    const places = ['河湖', '城区', '农村', '园区', '水库', '街巷'];
    const texts = Array.from(
      { length: 300 },
      (_, i) => `负责${places[i % 6]}${objects[(i * 7) % 8]}和${objects[(i * 3) % 8]}工作`,
    );
    const m = tfidfOf(texts);
    const opts = { threshold: 0.5, comparable: () => true };
    const key = (p: { a: number; b: number }) => `${Math.min(p.a, p.b)}-${Math.max(p.a, p.b)}`;
    expect(new Set(similarPairs(m.vectors, opts).map(key))).toEqual(new Set(allPairs(m.vectors, opts).map(key)));
  });
});

describe('detectOverlaps', () => {
  it('Given three institutions holding 排水管网 and one unrelated duty, When detected, Then one cluster spans the three', () => {
    const docs = [
      { institutionId: 'a', title: '负责城区排水管网的建设、维护和运行管理', text: null },
      { institutionId: 'b', title: '负责城区排水设施和排水管网的建设管理', text: null },
      { institutionId: 'c', title: '负责城区排水管网日常维护管理和排水许可', text: null },
      { institutionId: 'd', title: '负责全区义务教育学校招生管理', text: null },
    ];
    const r = detectOverlaps(docs, { threshold: 0.4 });
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0]!.institutions.sort()).toEqual(['a', 'b', 'c']);
    expect(r.clusters[0]!.topTerms[0]).toBe('排水管网');
  });

  it('Given two duties of one institution, When detected, Then they never form a cluster', () => {
    const docs = [
      { institutionId: 'a', title: '负责城区排水管网的建设', text: null },
      { institutionId: 'a', title: '负责城区排水管网的维护', text: null },
    ];
    expect(detectOverlaps(docs, { threshold: 0.4 }).clusters).toEqual([]);
  });
});

describe('domains', () => {
  it('Given untagged duties worded differently, When tagged, Then 防汛 and 森林防火 are both 防灾减灾', () => {
    expect(tagDomains('负责全区防汛抗旱工作')).toContain('防灾减灾');
    expect(tagDomains('负责全区森林防火工作')).toContain('防灾减灾');
  });

  it('Given import tags, When asked for domains, Then the tags win over the dictionary', () => {
    expect(dutyDomains({ domains: ['水资源'], title: '负责全区森林防火工作', text: null })).toEqual(['水资源']);
    expect(dutyDomains({ domains: [], title: '负责全区幼儿园监督管理', text: null })).toContain('学前教育');
  });
});

describe('scoreDocPairs', () => {
  const doc = (institutionId: string, title: string) => ({
    institutionId,
    title,
    text: null,
    kind: 'sanding' as const,
  });
  const background = [
    doc('甲', '负责全区道路运输管理'),
    doc('乙', '负责全区森林防火工作'),
    doc('丙', '负责食品安全监督'),
  ];

  it('Given two units ending their 三定 with 交办事项 and their own 党建, When scored, Then those pairs score 0', () => {
    const scores = scoreDocPairs(background, [
      [
        doc('农业农村委', '承办区委、区政府和上级业务主管部门交办的其他事项'),
        doc('生态环境局', '完成区委、区政府交办的其他任务。'),
      ],
      [
        doc('农业农村委', '负责机关、所属事业单位和行业社会组织党建工作'),
        doc('生态环境局', '负责机关和直属单位党建工作。'),
      ],
    ]);
    expect(scores).toEqual([0, 0]);
  });

  it('Given 职业卫生 named by most duties of a list, When two units both supervise it, Then the pair still scores', () => {
    const list = ['卫生部', '安监局', '煤监局', '劳动部'].map((u) => doc(u, `负责${u}职业卫生有关工作`));
    const [score] = scoreDocPairs(list, [
      [doc('卫生部', '负责对用人单位职业健康监护情况进行监督检查'), doc('安监局', '负责作业场所职业卫生的监督检查')],
    ]);
    expect(score).toBeGreaterThanOrEqual(0.4);
  });
});

describe('scoreDocPairs on a list whose duties are labelled in many pairs', () => {
  const doc = (institutionId: string, title: string) => ({
    institutionId,
    title,
    text: null,
    kind: 'sanding' as const,
  });
  it('Given the same duty pair labelled once or twenty times, When scored, Then the score is the same (each duty counted once)', () => {
    const list = [
      doc('建设厅', '组织力量抢修损毁的供水、供气、供电、供暖和水利等设施,并保障其正常运行'),
      doc('水利厅', '组织力量抢修损毁的供水、供气、供电、供暖和水利等设施,并保障其正常运行'),
      doc('国土厅', '负责地质灾害的监测和预警'),
    ];
    const pair: [ReturnType<typeof doc>, ReturnType<typeof doc>] = [list[0]!, list[1]!];
    const [once] = scoreDocPairs(list, [pair]);
    const many = scoreDocPairs(
      list,
      Array.from({ length: 20 }, () => pair),
    );
    expect(once).toBeGreaterThanOrEqual(0.4);
    expect(many.every((x) => Math.abs(x - once!) < 1e-9)).toBe(true);
  });
});
