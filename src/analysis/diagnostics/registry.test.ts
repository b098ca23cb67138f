import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDiagnosticConfig } from '../config.js';
import { reportSections } from '../finding.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { diagnosticCodes, diagnosticRegistry } from './registry.js';

const diagnosticsDoc = readFileSync(new URL('../../../docs/DIAGNOSTICS.md', import.meta.url), 'utf8');

describe('the diagnostic registry', () => {
  it('Given the registry When its codes are listed Then no code and no descriptor is registered twice', () => {
    expect(new Set(diagnosticCodes).size).toBe(diagnosticRegistry.length);
    expect(new Set(diagnosticRegistry).size).toBe(diagnosticRegistry.length);
    for (const code of diagnosticCodes) expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
  });

  it.each(diagnosticRegistry.map((d) => [d.code, d] as const))(
    'Given %s When its descriptor is read Then label, section, severity rule, report prose and function are there',
    (code, d) => {
      expect(reportSections).toContain(d.section);
      // what readers see is Chinese: the label and the report's effect sentence
      expect(d.label).toMatch(/^[\u4e00-\u9fa5"“”()（）、]+$/u);
      expect(d.effect).toMatch(/[\u4e00-\u9fa5]{4,}/u);
      expect(d.effect).not.toMatch(/[A-Za-z]/u);
      expect(d.severity.length).toBeGreaterThan(20);
      expect(typeof d.find).toBe('function');
      // its function runs on a one-unit district and answers findings of its own code and section only
      const found = d.find(makeSnapshot({ institutions: [{ name: '区财政局' }] }), defaultDiagnosticConfig);
      for (const f of found) expect(f).toMatchObject({ code, section: d.section });
      // and docs/DIAGNOSTICS.md lists it
      expect(diagnosticsDoc).toContain(`\`${code}\``);
    },
  );

  it('Given every threshold When the registry is read Then each is declared once, documented, and in the default config', () => {
    const seen = new Map<string, string>();
    for (const d of diagnosticRegistry)
      for (const [name, t] of Object.entries(d.thresholds)) {
        expect(seen.get(name), `${name} declared by ${seen.get(name)} and ${d.code}`).toBeUndefined();
        seen.set(name, d.code);
        expect(t.doc.length, name).toBeGreaterThan(15);
        expect(t.default, name).toBeDefined();
        expect(defaultDiagnosticConfig[name as keyof typeof defaultDiagnosticConfig]).toEqual(t.default);
        expect(diagnosticsDoc, `docs/DIAGNOSTICS.md names ${name}`).toContain(`\`${name}\``);
      }
    expect(Object.keys(defaultDiagnosticConfig).sort()).toEqual([...seen.keys()].sort());
  });
});
