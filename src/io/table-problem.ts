/** Problems found in an imported file, located the way the user sees the file (sheet name, Excel row, header). */
import type { RecordKind } from '../domain/records.js';

export interface TableProblem {
  /** File name as the user knows it (not the temp path). */
  file: string;
  /** Sheet name; '' for CSV and for problems about the whole file. */
  sheet: string;
  /** 1-based row as Excel shows it (for CSV: the record number, header included). */
  row?: number;
  /** Chinese column header as found in the file (or the canonical header). */
  column?: string;
  /** Chinese reason. */
  reason: string;
}

/** One data row, values keyed by column key (every matched column present, '' when blank). */
export interface RawRow {
  kind: RecordKind;
  file: string;
  /** Sheet name; '' for CSV. */
  sheet: string;
  row: number;
  values: Record<string, string>;
  /** Column key → header as written in the file (one object shared by the sheet's rows), for messages. */
  headers?: Record<string, string>;
}

export function isProblem(item: object): item is TableProblem {
  return 'reason' in item;
}

/** One Chinese line: `文件 a.xlsx,工作表"人员",第12行,"公民身份号码"列:身份证号码校验位错误(GB 11643)`. */
export function formatProblem(p: TableProblem): string {
  const where = [`文件 ${p.file}`];
  if (p.sheet) where.push(`工作表"${p.sheet}"`);
  if (p.row !== undefined) where.push(`第${p.row}行`);
  if (p.column) where.push(`"${p.column}"列`);
  return `${where.join(',')}:${p.reason}`;
}
