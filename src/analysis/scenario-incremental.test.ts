/**
 * The incremental evaluation (the base's DUTY_OVERLAP pairs reused, refiltered by who holds each duty after the
 * scenario) answers exactly what the full evaluation answers, for random scenarios over the demo district.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../test/demo-snapshot.js';
import type { AdjustmentItem } from '../domain/ledger.js';
import { defaultDiagnosticConfig } from './config.js';
import { diagnose } from './diagnose.js';
import type { DiagnosticContext } from './finding.js';
import { diagnosticCodes } from './diagnostics/registry.js';
import { evaluateScenario, scenarioBase } from './scenario-evaluation.js';

describe('incremental scenario evaluation', () => {
  const s = demoSnapshot();
  const incremental = scenarioBase(s);
  const full = { snapshot: s, findings: diagnose(s) };
  const active = [...s.registry.institutions.values()].filter(
    (i) => i.status === 'active' && i.kind !== 'internal_unit',
  );
  const inst = fc.constantFrom(...active.map((i) => i.id));
  // two different institutions of one kind (a merge across kinds is mostly refused: categories never mix)
  const kinds = [...new Set(active.map((i) => i.kind))].filter((k) => active.filter((i) => i.kind === k).length > 1);
  const sameKind = fc
    .constantFrom(...kinds)
    .chain((k) => {
      const of = active.filter((i) => i.kind === k).map((i) => i.id);
      return fc.tuple(fc.constantFrom(...of), fc.constantFrom(...of));
    })
    .filter(([a, b]) => a !== b);
  const item: fc.Arbitrary<AdjustmentItem> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(inst, inst)
        .map(([a, b]) => ({ op: 'merge_institutions', sourceIds: [a], targetId: b }) as AdjustmentItem),
    },
    {
      weight: 2,
      arbitrary: sameKind.map(([a, b]) => ({ op: 'move_duties', fromId: a, toId: b }) as AdjustmentItem),
    },
    // a new family: duties of one 局 and its former 事业单位 may now overlap, or no longer
    {
      weight: 2,
      arbitrary: fc
        .tuple(inst, inst)
        .map(
          ([a, b]) => ({ op: 'change_institution', institutionId: a, changes: { hostedById: b } }) as AdjustmentItem,
        ),
    },
    // out of the overlap scope: the group's texts change and it is detected afresh
    // a new 三定 duty: the 三定 group's texts change and it is detected afresh
    {
      weight: 1,
      arbitrary: inst.map(
        (a) =>
          ({
            op: 'add_duties',
            institutionId: a,
            duties: [{ title: '水质监测', text: '负责全区地表水、地下水水质监测' }],
          }) as AdjustmentItem,
      ),
    },
    {
      weight: 1,
      arbitrary: inst.map(
        (a) => ({ op: 'change_institution', institutionId: a, changes: { kind: 'coordination' } }) as AdjustmentItem,
      ),
    },
    {
      weight: 1,
      arbitrary: inst.map(
        (a) => ({ op: 'rename_institution', institutionId: a, name: '区改名后的局' }) as AdjustmentItem,
      ),
    },
  );

  it('Given random scenarios When evaluated with the base index and without Then the evaluations and the findings after are equal', () => {
    let folded = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 2 }), (items) => {
        const a = evaluateScenario(incremental, items);
        const b = evaluateScenario(full, items);
        expect(a).toEqual(b);
        if (a.after.registry !== s.registry) folded++;
        const context = { overlapIndex: incremental.overlapIndex };
        expect(diagnose(a.after, defaultDiagnosticConfig, diagnosticCodes, context)).toEqual(diagnose(b.after));
      }),
      { numRuns: 12, seed: 2026 },
    );
    // at least half the random scenarios fold (a refused one leaves the registry as it was, which would prove little)
    expect(folded).toBeGreaterThanOrEqual(6);
  });

  it('Given a merge When evaluated with an index whose 三定 pairs were emptied Then no 三定 overlap is found: the index is what the evaluation reads', () => {
    const water = s.idOf('区水务局');
    const env = s.idOf('区生态环境分局');
    const items: AdjustmentItem[] = [{ op: 'merge_institutions', sourceIds: [water], targetId: env }];
    const sanding = incremental.overlapIndex.get('sanding')!;
    expect(sanding.pairs.length).toBeGreaterThan(0);
    const emptied = new Map(incremental.overlapIndex).set('sanding', { ...sanding, pairs: [] });
    const after = evaluateScenario(incremental, items).after;
    const overlaps = (context?: DiagnosticContext) =>
      diagnose(after, defaultDiagnosticConfig, ['DUTY_OVERLAP'], context).filter((f) => f.measures.source === '三定');
    expect(overlaps().length).toBeGreaterThan(0);
    expect(overlaps({ overlapIndex: incremental.overlapIndex })).toEqual(overlaps());
    expect(overlaps({ overlapIndex: emptied })).toEqual([]);
  });
});
