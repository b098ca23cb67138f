/**
 * Issue 3's acceptance on the demo district: every planted problem of the manifest is found by its code (recall 1.0),
 * and the demo generated without planted problems gives no finding of medium or high severity.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/analysis/diagnose.js';
import { diagnosticCodes } from '../src/analysis/diagnostics/registry.js';
import { severityRank } from '../src/analysis/finding.js';
import { demoSnapshot } from './demo-snapshot.js';

describe('diagnostics on the demo district', () => {
  const planted = demoSnapshot();
  const findings = diagnose(planted);

  it('Given the manifest When the demo is diagnosed Then every planted problem is found with its institutions', () => {
    const missed: string[] = [];
    for (const problem of planted.demo.manifest) {
      const found = new Set(
        findings.filter((f) => f.code === problem.code).flatMap((f) => f.institutions.map((i) => i.name)),
      );
      for (const name of problem.institutions) if (!found.has(name)) missed.push(`${problem.code}: ${name}`);
    }
    expect(missed).toEqual([]);
    expect(new Set(planted.demo.manifest.map((m) => m.code))).toEqual(new Set(diagnosticCodes));
  });

  it.each([7, 42, 2025])(
    'Given the demo generated with seed %i When diagnosed Then every planted problem is still found',
    (seed) => {
      const other = demoSnapshot({ seed });
      const all = diagnose(other);
      const missed = other.demo.manifest.flatMap((problem) => {
        const found = new Set(
          all.filter((f) => f.code === problem.code).flatMap((f) => f.institutions.map((i) => i.name)),
        );
        return problem.institutions.filter((name) => !found.has(name)).map((name) => `${problem.code}: ${name}`);
      });
      expect(missed).toEqual([]);
    },
  );

  it('Given the demo without planted problems When diagnosed Then nothing reaches medium severity', () => {
    const clean = diagnose(demoSnapshot({ planted: false }));
    const serious = clean
      .filter((f) => severityRank[f.severity] >= severityRank.medium)
      .map((f) => `${f.code}: ${f.title}`);
    expect(serious).toEqual([]);
  });

  it('Given any finding When read Then it carries institutions, evidence and a measure in Chinese', () => {
    for (const f of findings) {
      expect(f.title).toMatch(/[\u4e00-\u9fff]/);
      expect(f.measure).toMatch(/[\u4e00-\u9fff]/);
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.title).not.toContain('若干');
    }
  });
});
