import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { districtContent } from '../../test/context.js';
import { generateDemoDistrict } from '../demo/demo-district.js';
import type { CommandContext } from './context.js';
import { buildDemoDistrict } from './demo.js';
import { exportDistrict, exportFileNames } from './export-district.js';
import { importFile } from './import-file.js';
import { districtOverview } from './overview.js';
import { defineRegion } from './regions.js';
import { rebuildRegistry } from './adjustments.js';
import { loadSnapshot } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'bianzhi-export-'));
const dbs: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
let source: CommandContext;
let target: CommandContext;
const demo = generateDemoDistrict();

beforeAll(async () => {
  const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  dbs.push(a!, b!);
  const base = { regionCode: demo.regionCode, actor: 'test', today: '2026-11-27' };
  source = { ...base, pool: a!.pool };
  target = { ...base, pool: b!.pool };
  await buildDemoDistrict(source, demo);
}, 180_000);
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** Every duty as unit|title|listedOn, sorted. */
async function listedOn(ctx: CommandContext) {
  const s = await loadSnapshot(ctx, ctx.today);
  const name = (id: string) => s.registry.institutions.get(id)?.name ?? id;
  return s.duties.map((d) => `${name(d.institutionId)}|${d.title}|${d.listedOn}`).sort();
}

describe('export → import round trip', () => {
  it('Given the demo district When exported and imported into an empty database Then the same registry, roster, duties and indicators come back', async () => {
    // When
    const exported = await exportDistrict(source, dir);
    expect(exported.counts.institutions).toBe(demo.institutions.length);
    await defineRegion(target, { regionCode: demo.regionCode, name: demo.regionName, limits: demo.limits });
    for (const kind of ['baseline', 'roster', 'duties', 'workload', 'indicators'] as const) {
      const r = await importFile(target, join(dir, exportFileNames[kind]), kind, { effectiveOn: '2019-03-01' });
      expect(r.problems, kind).toEqual([]);
      expect(r.ok).toBe(true);
    }

    // Then
    const [a, b] = await Promise.all([
      districtContent(source.pool, demo.regionCode),
      districtContent(target.pool, demo.regionCode),
    ]);
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(b[key], key).toEqual(a[key]);
    // each list keeps its 公布日期 (the export's 公布日期 column wins over the import's date)
    const [listedA, listedB] = await Promise.all([listedOn(source), listedOn(target)]);
    expect(new Set(listedA.map((x) => x.split('|')[2])).size).toBeGreaterThan(1);
    expect(listedB).toEqual(listedA);
    expect(await districtOverview(target)).toEqual(await districtOverview(source));
    expect((await rebuildRegistry(target)).identical).toBe(true);
  }, 180_000);
});
