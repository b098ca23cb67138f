/**
 * Raw rows → typed records through the domain's record definitions, each failure located at its sheet, row and column
 * (the Chinese header) with the definition's Chinese reason. Problems already found by the reader pass through.
 */
import {
  parseRecord,
  recordColumns,
  recordDefinition,
  type RecordContext,
  type RecordDefinition,
  type RecordKind,
  type RecordTypes,
} from '../domain/records.js';
import { isProblem, type RawRow, type TableProblem } from './table-problem.js';

export { formatProblem, isProblem, type RawRow, type TableProblem } from './table-problem.js';
export type { RecordTypes } from '../domain/records.js';
/** A valid record with where it came from (for messages about it later, e.g. an unknown institution). */
export type LocatedRecord<K extends RecordKind = RecordKind> = {
  [P in K]: {
    kind: P;
    file: string;
    sheet: string;
    row: number;
    record: RecordTypes[P];
    /** A row with field problems (already yielded): its cells that failed; the others may still be checked. */
    invalid?: string[];
  };
}[K];

type Source<T> = AsyncIterable<T> | Iterable<T>;

/** Validates rows of one record kind; rows of another kind are a programming error. */
export async function* validateRecords<K extends RecordKind>(
  kind: K,
  rows: Source<RawRow | TableProblem>,
  ctx: RecordContext,
  opts: { partial?: boolean } = {},
): AsyncGenerator<LocatedRecord<K> | TableProblem> {
  const definition = recordDefinition(kind, ctx);
  for await (const item of rows) {
    if (isProblem(item)) {
      yield item;
      continue;
    }
    if (item.kind !== kind) throw new Error(`validateRecords(${kind}) got a ${item.kind} row`);
    const checked = validateRow(kind, definition, item);
    if (!Array.isArray(checked)) yield checked;
    else {
      yield* checked;
      // the row's valid cells go on to the importer's checks across rows (unknown institution, duplicate ID …)
      if (opts.partial) {
        const parsed = parseRecord(definition, item.values);
        if (!parsed.ok) {
          const invalid = [...new Set(parsed.issues.map((i) => i.key))];
          yield {
            kind,
            file: item.file,
            sheet: item.sheet,
            row: item.row,
            record: parsed.record,
            invalid,
          } as LocatedRecord<K>;
        }
      }
    }
  }
}

/** Validates the rows of a whole file (several record kinds, e.g. a baseline workbook), each with its own schema. */
export async function* validateTable(
  items: Source<RawRow | TableProblem>,
  ctx: RecordContext,
): AsyncGenerator<LocatedRecord | TableProblem> {
  const definitions = new Map<RecordKind, RecordDefinition>();
  for await (const item of items) {
    if (isProblem(item)) {
      yield item;
      continue;
    }
    let definition = definitions.get(item.kind);
    if (!definition) definitions.set(item.kind, (definition = recordDefinition(item.kind, ctx)));
    const checked = validateRow(item.kind, definition, item);
    if (Array.isArray(checked)) yield* checked;
    else yield checked;
  }
}

/** One row: a record, or one problem per failing column. */
export function validateRow<K extends RecordKind>(
  kind: K,
  definition: RecordDefinition,
  row: RawRow,
): LocatedRecord<K> | TableProblem[] {
  const parsed = parseRecord(definition, row.values);
  if (parsed.ok) {
    return { kind, file: row.file, sheet: row.sheet, row: row.row, record: parsed.record } as LocatedRecord<K>;
  }
  const seen = new Set<string>();
  const problems: TableProblem[] = [];
  for (const { key, reason } of parsed.issues) {
    const column = row.headers?.[key] ?? recordColumns[kind].find((s) => s.key === key)?.header;
    const id = `${column}\u0000${reason}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const p: TableProblem = { file: row.file, sheet: row.sheet, row: row.row, reason };
    if (column) p.column = column;
    problems.push(p);
  }
  return problems;
}
