/** A user's file → reader → row validation → the import command of its kind. All or nothing; --dry-run writes nothing. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ImportKind } from '../domain/records.js';
import { readTableFile } from '../io/table-reader.js';
import { validateRecords, validateTable, type LocatedRecord } from '../io/validate-rows.js';
import type { CommandContext } from './context.js';
import { importBaseline } from './import-baseline.js';
import { importDuties } from './import-duties.js';
import { importRegionIndicators, importWorkload } from './import-indicators.js';
import { importRoster } from './import-roster.js';
import { isProblem, type ImportProblem, type ImportResult } from './import-types.js';

export interface ImportFileOptions {
  fileName?: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
  docNumber?: string;
  effectiveOn?: string;
}

async function sha256(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch {
    return ''; // the reader reports the unreadable file in Chinese
  }
  return h.digest('hex');
}

export async function importFile(
  ctx: CommandContext,
  path: string,
  kind: ImportKind,
  opts: ImportFileOptions = {},
): Promise<ImportResult> {
  const fileName = opts.fileName ?? basename(path);
  const fileSha256 = await sha256(path);
  const common = { fileName, fileSha256, dryRun: opts.dryRun, onProgress: opts.onProgress };
  const rows = readTableFile(path, { kind, fileName });
  const recordCtx = { today: ctx.today };
  switch (kind) {
    case 'baseline': {
      const input = { institutions: [], quotas: [], posts: [] } as Parameters<typeof importBaseline>[1];
      const readProblems: ImportProblem[] = [];
      const dataRows = new Set<string>(); // the file's rows, valid or not: 共 N 行 counts them all
      for await (const item of validateTable(rows, recordCtx)) {
        if (isProblem(item)) readProblems.push(item);
        else pushBaseline(input, item);
        if (item.row) dataRows.add(`${item.sheet}\u0000${item.row}`);
      }
      if (readProblems.length) {
        return {
          ok: false,
          dryRun: !!opts.dryRun,
          rows: dataRows.size,
          problems: readProblems.slice(0, 1000),
          problemCount: readProblems.length,
          warnings: [],
          summary: {},
        };
      }
      return importBaseline(ctx, input, { ...common, docNumber: opts.docNumber, effectiveOn: opts.effectiveOn });
    }
    case 'roster':
      return importRoster(ctx, validateRecords('roster', rows, recordCtx, { partial: true }), common);
    case 'duties':
      return importDuties(ctx, validateRecords('duties', rows, recordCtx, { partial: true }), common);
    case 'workload':
      return importWorkload(ctx, validateRecords('workload', rows, recordCtx), common);
    case 'indicators':
      return importRegionIndicators(ctx, validateRecords('indicators', rows, recordCtx), common);
  }
}

function pushBaseline(input: Parameters<typeof importBaseline>[1], item: LocatedRecord) {
  if (item.kind === 'institutions') input.institutions.push(item);
  else if (item.kind === 'quotas') input.quotas.push(item);
  else if (item.kind === 'posts') input.posts.push(item);
}
