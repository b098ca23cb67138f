/** Shapes shared by every import: where a record came from, and what is wrong with it (in Chinese). */
export interface SourceLocation {
  file: string;
  sheet: string;
  row: number;
}

export interface Located<T> extends SourceLocation {
  record: T;
}

export interface ImportProblem {
  file: string;
  sheet?: string;
  row?: number;
  /** The column's Chinese header. */
  column?: string;
  reason: string;
}

export interface ImportOptions {
  fileName: string;
  fileSha256: string;
  dryRun?: boolean;
  onProgress?: (rows: number) => void;
  /** Stop collecting details after this many problems (all are still counted). */
  maxProblems?: number;
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

export function formatProblem(p: ImportProblem): string {
  const parts = [`文件 ${p.file}`];
  if (p.sheet) parts.push(`工作表"${p.sheet}"`);
  if (p.row) parts.push(`第${p.row}行`);
  if (p.column) parts.push(`"${p.column}"列`);
  return `${parts.join(',')}:${p.reason}`;
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
    this.add({ file: loc.file, sheet: loc.sheet, row: loc.row, column, reason });
  }
}
