import type { RegistryState } from '../domain/ledger.js';
import type { RecordKind } from '../domain/records.js';
import { formatProblem, isProblem, type RawRow, type TableProblem } from '../io/table-problem.js';
import type { RowSource } from '../io/table-writer.js';
import type { CommandContext } from './context.js';

/** Records or problems, as the readers stream them. */
export type RecordStream<T> = AsyncIterable<Located<T> | ImportProblem> | Iterable<Located<T> | ImportProblem>;

/** Shapes shared by every import: where a record came from, and what is wrong with it (in Chinese). */
export interface SourceLocation {
  file: string;
  sheet: string;
  row: number;
}

export interface Located<T> extends SourceLocation {
  record: T;
  /**
   * Set on a row whose cells failed (those problems already reported): the failed cells' keys. Its other cells are
   * still checked across rows, so that one pass reports every problem of a file; such a row is never written.
   */
  invalid?: readonly string[];
}

/** A problem of an imported file (the reader's shape): file, sheet, row, Chinese column header, Chinese reason. */
export type ImportProblem = TableProblem;
export { formatProblem, isProblem };

export interface ImportOptions {
  fileName: string;
  fileSha256: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
  /** Stop collecting details after this many problems (all are still counted). */
  maxProblems?: number;
  /** Rows per COPY batch of a roster import (tests use small batches to cross batch boundaries). */
  batchRows?: number;
  /** The date the file's list was published (a 权责清单's 公布日期); absent = the day of the import. */
  publishedOn?: string;
}

export interface ImportResult {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  problems: ImportProblem[];
  problemCount: number;
  warnings: ImportProblem[];
  importId?: number;
  adjustmentId?: string;
  summary: Record<string, number>;
}

export class ProblemList {
  readonly items: ImportProblem[] = [];
  count = 0;
  constructor(private readonly max = 1000) {}
  add(p: ImportProblem) {
    this.count++;
    if (this.items.length < this.max) this.items.push(p);
  }
  at(loc: SourceLocation, column: string | undefined, reason: string) {
    this.add({ file: loc.file, sheet: loc.sheet, row: loc.row, ...(column ? { column } : {}), reason });
  }

  /** The outcome of an import: ok only when no problem was found. */
  result(
    opts: { dryRun?: boolean },
    rows: number,
    summary: Record<string, number>,
    warnings: ImportProblem[] = [],
  ): ImportResult {
    return {
      ok: this.count === 0,
      dryRun: !!opts.dryRun,
      rows,
      problems: this.items,
      problemCount: this.count,
      warnings,
      summary,
    };
  }

  /** A problem about the whole file. */
  file(file: string, reason: string) {
    this.add({ file, sheet: '', reason });
  }
}

/** What one import kind takes from a file: options beyond every import's (文号 and 生效日期 of a baseline). */
export interface FileImportOptions extends ImportOptions {
  docNumber?: string;
  effectiveOn?: string;
}

/** A kind's way in from a file: its rows validated as its records, then its command (src/commands/import-kinds.ts). */
export type FileImporter = (
  ctx: CommandContext,
  rows: AsyncIterable<RawRow | TableProblem>,
  opts: FileImportOptions,
) => Promise<ImportResult>;

/** What the export of a kind reads from: the registry (names by id), and whether whole ID numbers may be shown. */
export interface ExportEnv {
  ctx: Pick<CommandContext, 'pool' | 'regionCode'>;
  registry: RegistryState;
  /** The date the export describes (absent: today's roster). */
  asOf?: string;
  /** An institution's name by its id ('' for none). */
  name(id: string | null): string;
  reveal: boolean;
  /** Counts one whole ID number handed out (the export's audit event says how many). */
  revealed(): void;
}

/** A kind's way out to a file: its sheets' rows, in the template's columns, ready to import back. */
export type KindExporter = (env: ExportEnv) => Promise<Partial<Record<RecordKind, RowSource>>>;

/** An empty cell for a missing value; any other value as text. */
export const exportCell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
