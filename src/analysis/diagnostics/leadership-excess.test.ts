import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import { severityRank } from '../finding.js';
import { findLeadershipExcess } from './leadership-excess.js';

describe('findLeadershipExcess', () => {
  it('Given 3 approved 副科 posts and 5 holders When diagnosed Then 超职数 2, high, citing 第二十六条', () => {
    const s = makeSnapshot({
      institutions: [
        {
          name: '区卫生健康局',
          quotas: { admin: 15 },
          posts: [
            { level: '正科', approved: 1 },
            { level: '副科', approved: 3 },
          ],
        },
      ],
      people: [
        { institution: '区卫生健康局', leadershipLevel: '正科', post: '局长' },
        { institution: '区卫生健康局', leadershipLevel: '副科', post: '副局长', count: 5 },
        { institution: '区卫生健康局', count: 6 },
      ],
    });
    const [f, ...rest] = findLeadershipExcess(s, config);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({
      code: 'LEADERSHIP_EXCESS',
      severity: 'high',
      title: '区卫生健康局行政类副科领导职数核定3名，实配5名，超职数2名',
      measures: { level: '副科', postClass: 'admin', approved: 3, holders: 5, excess: 2 },
    });
    expect(f!.evidence).toContainEqual(expect.objectContaining({ kind: 'law', article: '第二十六条第(五)项' }));
  });

  it('Given holders equal to approved posts When diagnosed Then nothing is found', () => {
    const s = makeSnapshot({
      institutions: [{ name: '区审计局', posts: [{ level: '副科', approved: 2 }] }],
      people: [{ institution: '区审计局', leadershipLevel: '副科', count: 2 }],
    });
    expect(findLeadershipExcess(s, config)).toEqual([]);
  });

  it('Given posts of one class only When a leader of the other class is in post Then it is excess of that class, high', () => {
    const s = makeSnapshot({
      institutions: [
        {
          name: '区综合执法大队',
          kind: 'public_institution',
          posts: [{ level: '副科', postClass: 'public_service', approved: 1 }],
        },
      ],
      people: [
        {
          institution: '区综合执法大队',
          category: 'public_service',
          leadershipLevel: '副科',
          postClass: 'public_service',
        },
        { institution: '区综合执法大队', category: 'public_service', leadershipLevel: '副科', postClass: 'admin' },
      ],
    });
    const fs = findLeadershipExcess(s, config);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ severity: 'high', measures: { postClass: 'admin', approved: 0, holders: 1 } });
  });

  it('Given one leader over When diagnosed Then it is medium', () => {
    const s = makeSnapshot({
      institutions: [
        {
          name: '区城市管理综合执法大队',
          kind: 'public_institution',
          posts: [{ level: '副科', postClass: 'public_service', approved: 1 }],
        },
      ],
      people: [
        {
          institution: '区城市管理综合执法大队',
          category: 'public_service',
          leadershipLevel: '副科',
          postClass: 'public_service',
          count: 2,
        },
      ],
    });
    expect(findLeadershipExcess(s, config).map((f) => f.severity)).toEqual(['medium']);
  });

  it('Given the demo district When diagnosed Then the planted excess posts are found, and nothing in the clean one', () => {
    const demo = demoSnapshot();
    const names = new Set(findLeadershipExcess(demo, config).flatMap((f) => f.institutions.map((i) => i.name)));
    for (const name of demo.demo.manifest.find((m) => m.code === 'LEADERSHIP_EXCESS')!.institutions)
      expect(names).toContain(name);
    const clean = findLeadershipExcess(demoSnapshot({ planted: false }), config);
    expect(clean.filter((f) => severityRank[f.severity] >= severityRank.medium)).toEqual([]);
  });
});
