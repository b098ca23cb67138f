/** A user's file → reader → row validation → the import command of its kind. All or nothing; --dry-run writes nothing. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ImportKind } from '../domain/records.js';
import { readTableFile } from '../io/table-reader.js';
import type { CommandContext } from './context.js';
import { importKindCommands } from './import-kinds.js';
import type { ImportResult } from './import-types.js';

export interface ImportFileOptions {
  fileName?: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
  docNumber?: string;
  effectiveOn?: string;
}

/** The file's SHA-256 (recorded with the import); '' for an unreadable file, which the reader reports. */
export async function sha256(path: string): Promise<string> {
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
  const rows = readTableFile(path, { kind, fileName });
  return importKindCommands[kind].importFile(ctx, rows, {
    fileName,
    fileSha256,
    dryRun: opts.dryRun,
    onProgress: opts.onProgress,
    docNumber: opts.docNumber,
    effectiveOn: opts.effectiveOn,
  });
}
