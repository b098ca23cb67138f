/**
 * What the reader and the writer must agree on about a sheet's layout: the header text (required columns start with
 * `*`, which normalizeHeader drops), the hint row under it (the reader recognises and skips it), the enumerations
 * offered as drop-down lists, and which columns must stay text or may be written as numbers.
 */
import { recordColumns, recordKinds, type ColumnSpec, type RecordKind } from '../domain/records.js';

type KeyMap<T> = Partial<Record<RecordKind, Record<string, T>>>;

/** One column property of every record kind, keyed by kind and column (the columns in src/domain/records.ts say it). */
function byColumn<T>(value: (spec: ColumnSpec) => T | undefined): KeyMap<T> {
  const out: KeyMap<T> = {};
  for (const kind of recordKinds)
    for (const spec of recordColumns[kind]) {
      const v = value(spec);
      if (v !== undefined) (out[kind] ??= {})[spec.key] = v;
    }
  return out;
}

/** Header cell text; `*` marks a required column. */
export function headerLabel(spec: ColumnSpec): string {
  return spec.required ? `*${spec.header}` : spec.header;
}

/** The hint row's text for a column; the reader skips a row made only of these texts. */
export function hintText(kind: RecordKind, spec: ColumnSpec): string {
  const hint = spec.hint ?? spec.templateHint;
  const need = spec.required ? '必填' : '选填';
  return hint ? `${need}:${hint}` : need;
}

/** True when the row (keyed values) is the template's hint row. */
export function isHintRow(kind: RecordKind, values: Record<string, string>): boolean {
  let seen = 0;
  for (const spec of recordColumns[kind]) {
    const v = values[spec.key];
    if (!v) continue;
    if (v !== hintText(kind, spec) && v !== spec.hint) return false;
    seen++;
  }
  return seen > 0;
}

/** Drop-down lists (Excel data validation) per column. */
export const enumerations: KeyMap<readonly string[]> = byColumn((s) => s.options);

/**
 * Columns whose values must be stored as text: Excel turns an 18-digit number into 1.10105E+17 and loses digits.
 * The value is the Chinese reason given when such a cell is numeric.
 */
export const textOnlyColumns: KeyMap<string> = byColumn((s) => s.textOnly);

/** Columns written as numbers (so Excel can sum them) when the text is a plain number. */
export const numericColumns: KeyMap<true> = byColumn((s) => s.numeric);

/** Column width in Excel units: CJK characters count double; hints are capped so columns stay readable. */
export function columnWidth(kind: RecordKind, spec: ColumnSpec): number {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  const fit = Math.max(width(headerLabel(spec)) + 2, Math.min(width(hintText(kind, spec)), 36));
  return Math.min(Math.max(fit, 10), 40);
}
