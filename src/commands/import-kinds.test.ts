import { describe, expect, it } from 'vitest';
import { importKindLabels, importKinds, recordColumns, recordSheetNames } from '../domain/records.js';
import { importKindCommands, listImportKinds } from './import-kinds.js';

describe('import kinds', () => {
  it('Given the kinds When listed for an operator Then each has its label, sheets, template and export file and a command', () => {
    const kinds = listImportKinds({ access: { role: 'operator', scope: async () => undefined } as never });
    expect(kinds.map((k) => k.kind)).toEqual([...importKinds]);
    for (const k of kinds) {
      expect(k.label).toBe(importKindLabels[k.kind]);
      expect(k.sheets.length).toBeGreaterThan(0);
      expect(k.templateFileName).toMatch(/^[\u4e00-\u9fa5]+模板\.xlsx$/u);
      expect(k.exportFileName).toMatch(/^[\u4e00-\u9fa5]+\.xlsx$/u);
      expect(typeof importKindCommands[k.kind].importFile).toBe('function');
      expect(typeof importKindCommands[k.kind].exportSheets).toBe('function');
    }
    // every sheet a kind names is a record kind with its columns
    const sheetKinds = new Map(Object.entries(recordSheetNames).map(([kind, sheet]) => [sheet, kind]));
    for (const sheet of kinds.flatMap((k) => k.sheets))
      expect(recordColumns[sheetKinds.get(sheet) as keyof typeof recordColumns]?.length).toBeGreaterThan(0);
    expect(kinds.find((k) => k.kind === 'baseline')).toMatchObject({
      sheets: ['机构', '编制', '领导职数'],
      asAdjustment: true,
      templateFileName: '机构编制模板.xlsx',
      exportFileName: '机构编制.xlsx',
    });
    expect(kinds.filter((k) => k.asAdjustment).map((k) => k.kind)).toEqual(['baseline']);
  });

  it('Given a reporter When the kinds are asked for Then it is refused (reporters do not import)', () => {
    expect(() => listImportKinds({ access: { role: 'reporter', scope: async () => undefined } as never })).toThrow(
      /无权/,
    );
  });
});
