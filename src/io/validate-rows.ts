/**
 * Raw rows → typed records through the domain's zod schemas, each failure located at its sheet, row and column
 * (the Chinese header) with the schema's Chinese reason. Problems already found by the reader pass through.
 */
import type { z } from 'zod';
import {
  recordColumns,
  recordSchema,
  type DutyRecord,
  type IndicatorRecord,
  type InstitutionRecord,
  type PostRecord,
  type QuotaRecord,
  type RecordContext,
  type RecordKind,
  type RosterRecord,
  type WorkloadRecord,
} from '../domain/records.js';
import { isProblem, type RawRow, type TableProblem } from './table-problem.js';

export { formatProblem, isProblem, type RawRow, type TableProblem } from './table-problem.js';

export interface RecordTypes {
  institutions: InstitutionRecord;
  quotas: QuotaRecord;
  posts: PostRecord;
  roster: RosterRecord;
  duties: DutyRecord;
  workload: WorkloadRecord;
  indicators: IndicatorRecord;
}

/** A valid record with where it came from (for messages about it later, e.g. an unknown institution). */
export type LocatedRecord<K extends RecordKind = RecordKind> = {
  [P in K]: { kind: P; file: string; sheet: string; row: number; record: RecordTypes[P] };
}[K];

type Source<T> = AsyncIterable<T> | Iterable<T>;

/** Validates rows of one record kind; rows of another kind are a programming error. */
export async function* validateRecords<K extends RecordKind>(
  kind: K,
  rows: Source<RawRow | TableProblem>,
  ctx: RecordContext,
): AsyncGenerator<LocatedRecord<K> | TableProblem> {
  const schema = recordSchema(kind, ctx);
  for await (const item of rows) {
    if (isProblem(item)) {
      yield item;
      continue;
    }
    if (item.kind !== kind) throw new Error(`validateRecords(${kind}) got a ${item.kind} row`);
    yield* validateRow(kind, schema, item);
  }
}

/** Validates the rows of a whole file (several record kinds, e.g. a baseline workbook), each with its own schema. */
export async function* validateTable(
  items: Source<RawRow | TableProblem>,
  ctx: RecordContext,
): AsyncGenerator<LocatedRecord | TableProblem> {
  const schemas = new Map<RecordKind, ReturnType<typeof recordSchema>>();
  for await (const item of items) {
    if (isProblem(item)) {
      yield item;
      continue;
    }
    let schema = schemas.get(item.kind);
    if (!schema) schemas.set(item.kind, (schema = recordSchema(item.kind, ctx)));
    yield* validateRow(item.kind, schema, item);
  }
}

/** One row: a record, or one problem per failing column. */
export function validateRow<K extends RecordKind>(
  kind: K,
  schema: ReturnType<typeof recordSchema>,
  row: RawRow,
): (LocatedRecord<K> | TableProblem)[] {
  // Every column present as a string: blank optional cells are '' (the schemas treat '' as empty), and a required
  // one gets the schema's Chinese "不能为空" rather than zod's English type error.
  const input: Record<string, string> = {};
  for (const spec of recordColumns[kind]) input[spec.key] = row.values[spec.key] ?? '';
  const parsed = schema.safeParse(input);
  if (parsed.success) {
    return [{ kind, file: row.file, sheet: row.sheet, row: row.row, record: parsed.data } as LocatedRecord<K>];
  }
  const seen = new Set<string>();
  const problems: TableProblem[] = [];
  for (const issue of parsed.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    const column = key ? (row.headers?.[key] ?? recordColumns[kind].find((s) => s.key === key)?.header) : undefined;
    const reason = chineseReason(issue);
    const id = `${column}\u0000${reason}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const p: TableProblem = { file: row.file, sheet: row.sheet, row: row.row, reason };
    if (column) p.column = column;
    problems.push(p);
  }
  return problems;
}

/** The schemas give Chinese messages; zod's own (English) ones only appear for inputs of the wrong type. */
function chineseReason(issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' || /[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_type') return '格式不正确';
  if (issue.code === 'too_big') return '内容过长';
  if (issue.code === 'too_small') return '不能为空';
  return '内容无效';
}
