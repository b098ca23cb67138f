import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../test/snapshot-factory.js';
import { computeStatistics } from './statistics.js';

describe('computeStatistics', () => {
  const s = makeSnapshot({
    asOf: '2026-06-30',
    institutions: [
      { name: '区财政局', quotas: { admin: 5 }, posts: [{ level: '正科', approved: 1 }] },
      { name: '区会计服务中心', kind: 'public_institution', parent: '区财政局', quotas: { public_service: 3 } },
    ],
    people: [
      { institution: '区财政局', birthDate: '1970-07-01', gender: '男', leadershipLevel: '正科' }, // 55 on asOf
      { institution: '区财政局', birthDate: '1996-01-01', gender: '女', education: '研究生' }, // 30
      {
        institution: '区会计服务中心',
        category: 'public_service',
        birthDate: '1980-06-30',
        titleLevel: '中级',
        count: 4,
      }, // 46
    ],
  });

  it('Given people and quotas When computed Then part 一 figures, age bands, education and titles agree', () => {
    const st = computeStatistics(s);
    expect(st.overview.quota.total).toEqual({ approved: 8, actual: 6, vacant: 3, over: 1 });
    expect(st.people.total).toBe(6);
    expect(st.people.ageBands).toEqual({ '35岁以下': 1, '36-45岁': 0, '46-54岁': 4, '55岁以上': 1 });
    expect(st.people.titled).toBe(4);
    expect(st.people.education['研究生']).toBe(1);
    expect(st.people.meanAge).toBe(44.8); // (55 + 30 + 4 × 46) / 6
  });

  it('Given one institution When drilled down Then its quota, posts and people are its own', () => {
    const centre = computeStatistics(s).institutions.find((i) => i.name === '区会计服务中心')!;
    expect(centre.quota).toEqual([{ category: 'public_service', approved: 3, actual: 4, vacant: 0, over: 1 }]);
    expect(centre.people.total).toBe(4);
    const bureau = computeStatistics(s).institutions.find((i) => i.name === '区财政局')!;
    expect(bureau.posts).toEqual([{ level: '正科', postClass: 'admin', approved: 1, filled: 1 }]);
  });
});
