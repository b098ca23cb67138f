/**
 * Export writes the import templates, filled (each kind's sheets come from its exporter, src/commands/import-kinds.ts):
 * importing them into an empty database reproduces the same registry, roster, duties and indicators (round-trip
 * test). The roster follows the rule of every read (commands/people.ts): a
 * role that may not see whole ID numbers gets them masked and no birth dates (such a file is for reading, not for
 * importing back). Every export is audited with who, which files, how many rows and how many whole numbers.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportFileName, importKinds, type ImportKind } from '../domain/records.js';
import { writeRecordsWorkbook } from '../io/table-writer.js';
import { registryAsOf } from './adjustments.js';
import { auditDisclosure, mayUnmask, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { importKindCommands } from './import-kinds.js';
import type { ExportEnv } from './import-types.js';

export const exportFileNames = Object.fromEntries(importKinds.map((k) => [k, exportFileName(k)])) as Record<
  ImportKind,
  string
>;

/**
 * Writes the chosen files (default: all) into `dir`, as the district stands today or, given `asOf`, as it stood on
 * that date (institutions, quota and posts folded to it; the roster held that day); see the module comment for what a
 * role gets.
 */
export async function exportDistrict(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'actor' | 'access'>,
  dir: string,
  opts: { kinds?: readonly ImportKind[]; asOf?: string } = {},
) {
  requirePermission(ctx, 'exportData');
  const kinds = new Set<ImportKind>(opts.kinds ?? importKinds);
  const reveal = mayUnmask(ctx);
  let idNumbersRevealed = 0;
  await mkdir(dir, { recursive: true });
  // as of a date: the registry folded to it and the people holding a place that day (the movements' fold)
  const registry = await registryAsOf(ctx, opts.asOf);
  const env: ExportEnv = {
    ctx,
    registry,
    asOf: opts.asOf,
    name: (id) => (id ? (registry.institutions.get(id)?.name ?? '') : ''),
    reveal,
    revealed: () => void idNumbersRevealed++,
  };
  const counts: Record<string, number> = {};
  for (const kind of importKinds) {
    if (!kinds.has(kind)) continue;
    const sheets = await importKindCommands[kind].exportSheets(env);
    Object.assign(counts, await writeRecordsWorkbook(join(dir, exportFileNames[kind]), kind, sheets));
  }
  const files = [...kinds].map((k) => exportFileNames[k]);
  await auditDisclosure(ctx, {
    action: 'district.export',
    entity: 'export',
    after: {
      files,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      rows: counts,
      idNumbersMasked: kinds.has('roster') && !reveal,
      idNumbersRevealed,
    },
  });
  return { dir, files, counts, idNumbersRevealed };
}
