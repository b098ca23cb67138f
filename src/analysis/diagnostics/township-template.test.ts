import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import type { Snapshot } from '../snapshot.js';
import { findTownshipTemplates } from './township-template.js';

const template = ['党政综合办公室', '经济发展办公室', '便民服务中心'];

/** Places with their internal units (added to the registry directly: unit names repeat across places). */
function district(
  places: { name: string; kind?: 'township' | 'street'; units: string[]; economy?: string; population?: number }[],
): Snapshot & { idOf: (n: string) => string } {
  const s = makeSnapshot({
    institutions: places.map((p) => ({ name: p.name, kind: p.kind ?? 'township' })),
    indicators: places.flatMap((p) => [
      ...(p.economy ? [{ scope: p.name, year: 2025, indicator: '经济类型', value: null, textValue: p.economy }] : []),
      ...(p.population
        ? [{ scope: p.name, year: 2025, indicator: '常住人口', value: p.population, textValue: null }]
        : []),
    ]),
  });
  for (const p of places) {
    for (const u of p.units) {
      const id = randomUUID();
      s.registry.institutions.set(id, {
        ...s.registry.institutions.get(s.idOf(p.name))!,
        id,
        name: u,
        kind: 'internal_unit',
        parentId: s.idOf(p.name),
        code: null,
      });
    }
  }
  return s;
}

describe('findTownshipTemplates', () => {
  it('Given all townships share one structure but differ in economy and population When diagnosed Then one high finding lists them with the shared units and profiles', () => {
    const s = district([
      { name: '甲镇', units: template, economy: '工业强镇', population: 60000 },
      { name: '乙镇', units: template, economy: '农业镇', population: 25000 },
      { name: '丙镇', units: [...template].reverse(), economy: '旅游镇', population: 20000 },
    ]);
    const f = findTownshipTemplates(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'TOWNSHIP_TEMPLATE', section: '机构设置', severity: 'high' });
    expect(f[0]!.institutions.map((i) => i.name).sort()).toEqual(['丙镇', '乙镇', '甲镇']);
    expect(f[0]!.title).toContain('二办一中心');
    expect(f[0]!.title).toContain('工业强镇');
    expect(f[0]!.measures).toMatchObject({ places: 3, economyTypes: 3, populationRatio: 3 });
    expect(f[0]!.evidence.some((e) => e.kind === 'text' && e.text.includes('便民服务中心'))).toBe(true);
    expect(f[0]!.evidence.some((e) => e.kind === 'law')).toBe(true);
    expect(f[0]!.measure).toContain('一乡一策');
  });

  it('Given townships with the same structure and the same profile When diagnosed Then nothing fires (near miss)', () => {
    const s = district([
      { name: '甲镇', units: template, economy: '农业镇', population: 30000 },
      { name: '乙镇', units: template, economy: '农业镇', population: 26000 },
    ]);
    expect(findTownshipTemplates(s, config)).toEqual([]);
  });

  it('Given townships whose structures differ with their profiles When diagnosed Then nothing fires', () => {
    const s = district([
      { name: '甲镇', units: [...template, '安全生产办公室'], economy: '工业强镇', population: 60000 },
      { name: '乙镇', units: [...template, '农业综合服务中心'], economy: '农业镇', population: 25000 },
    ]);
    expect(findTownshipTemplates(s, config)).toEqual([]);
  });

  it('Given a template shared by only a minority of townships When diagnosed Then it is low', () => {
    const s = district([
      { name: '甲镇', units: template, economy: '工业强镇', population: 60000 },
      { name: '乙镇', units: template, economy: '农业镇', population: 25000 },
      { name: '丙镇', units: ['党政综合办公室'], economy: '旅游镇', population: 20000 },
      { name: '丁镇', units: ['党政综合办公室', '旅游服务中心'], economy: '旅游镇', population: 21000 },
    ]);
    const f = findTownshipTemplates(s, config);
    expect(f.map((x) => x.severity)).toEqual(['low']);
  });

  it('Given streets and townships with the same units When diagnosed Then streets are judged apart and never mixed in', () => {
    const s = district([
      { name: '甲镇', units: template, economy: '工业强镇', population: 60000 },
      { name: '乙镇', units: template, economy: '农业镇', population: 25000 },
      { name: '东街道', kind: 'street', units: template, economy: '商贸型', population: 70000 },
    ]);
    const f = findTownshipTemplates(s, config);
    expect(f).toHaveLength(1);
    expect(f[0]!.institutions.map((i) => i.name).sort()).toEqual(['乙镇', '甲镇']);
  });
});

describe('findTownshipTemplates on the demo district', () => {
  it('Given the planted demo When diagnosed Then every township of the manifest is in a finding', () => {
    const s = demoSnapshot();
    const planted = s.demo.manifest.filter((m) => m.code === 'TOWNSHIP_TEMPLATE').flatMap((m) => m.institutions);
    const found = new Set(findTownshipTemplates(s, config).flatMap((f) => f.institutions.map((i) => i.name)));
    expect(planted.length).toBeGreaterThan(0);
    expect(planted.filter((n) => !found.has(n))).toEqual([]);
  });

  it('Given the demo without planted problems When diagnosed Then no finding reaches medium', () => {
    const f = findTownshipTemplates(demoSnapshot({ planted: false }), config);
    expect(f.filter((x) => x.severity !== 'low')).toEqual([]);
  });
});
