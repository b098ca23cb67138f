/**
 * The import kinds and the command that writes each (DESIGN §6). A kind's code, label and sheets are in
 * src/domain/records.ts (`importKindSpecs`, with its columns and record definitions); its command file exports its
 * importer and exporter; one line here joins them. The CLI's `--kind` choices, the API's kinds, templates and exports follow.
 */
import {
  exportFileName,
  importKindSpecs,
  importKinds,
  importTemplateFileName,
  recordSheetNames,
  type ImportKind,
  type ImportKindSpec,
} from '../domain/records.js';
import { requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { baselineExporter, baselineImporter } from './import-baseline.js';
import { dutiesExporter, dutiesImporter } from './import-duties.js';
import { indicatorsExporter, indicatorsImporter, workloadExporter, workloadImporter } from './import-indicators.js';
import { rosterExporter, rosterImporter } from './import-roster.js';
import type { FileImporter, KindExporter } from './import-types.js';

/** Each kind's way in (a file's rows → its command) and way out (its sheets, ready to import back). */
export const importKindCommands: Record<ImportKind, { importFile: FileImporter; exportSheets: KindExporter }> = {
  baseline: { importFile: baselineImporter, exportSheets: baselineExporter },
  roster: { importFile: rosterImporter, exportSheets: rosterExporter },
  duties: { importFile: dutiesImporter, exportSheets: dutiesExporter },
  workload: { importFile: workloadImporter, exportSheets: workloadExporter },
  indicators: { importFile: indicatorsImporter, exportSheets: indicatorsExporter },
};

/** The kinds a user may import, as the import page offers them: label, sheets, template and export file names. */
export function listImportKinds(ctx: Pick<CommandContext, 'access'>) {
  requirePermission(ctx, 'importData');
  return importKinds.map((kind) => {
    const spec: ImportKindSpec = importKindSpecs[kind];
    return {
      kind,
      label: spec.label,
      sheets: spec.sheets.map((s) => recordSheetNames[s]),
      asAdjustment: spec.asAdjustment ?? false,
      templateFileName: importTemplateFileName(kind),
      exportFileName: exportFileName(kind),
    };
  });
}

export type ImportKindInfo = ReturnType<typeof listImportKinds>[number];
