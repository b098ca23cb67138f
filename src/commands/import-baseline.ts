/**
 * Institutions, quotas and leadership posts enter the registry only as an adjustment: a workbook becomes one baseline
 * adjustment (文号 "初始导入" unless given) whose items create or change institutions and set quota and posts.
 */
import { randomUUID } from 'node:crypto';
import {
  applyAdjustment as foldAdjustment,
  LedgerError,
  type AdjustmentItem,
  registryRows,
  type InstitutionState,
  type RegistryState,
} from '../domain/ledger.js';
import type { InstitutionRecord, PostRecord, QuotaRecord } from '../domain/records.js';
import { recordColumns } from '../domain/records.js';
import {
  allowedQuotaCategories,
  institutionKindLabels,
  postClassLabels,
  quotaCategoryLabels,
} from '../domain/vocabulary.js';
import { validateTable, type LocatedRecord } from '../io/validate-rows.js';
import { setImportAdjustment } from '../store/imports.repository.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import type { CommandContext } from './context.js';
import { runRowImport, type InstitutionNames } from './import-run.js';
import {
  exportCell as s,
  isProblem,
  ProblemList,
  type FileImporter,
  type KindExporter,
  type ImportOptions,
  type ImportResult,
  type Located,
  type SourceLocation,
} from './import-types.js';

export interface BaselineInput {
  institutions: Located<InstitutionRecord>[];
  quotas: Located<QuotaRecord>[];
  posts: Located<PostRecord>[];
}

const header = (kind: 'institutions' | 'quotas' | 'posts', key: string) =>
  recordColumns[kind].find((c) => c.key === key)?.header;

type BaselineOptions = ImportOptions & { docNumber?: string; title?: string; effectiveOn?: string };

/**
 * Imports a workbook as one baseline adjustment, through the skeleton every import shares (import-run.ts): the
 * workbook is checked as a whole (names may point forward, across sheets) once all its rows are in.
 */
export async function importBaseline(
  ctx: CommandContext,
  input: BaselineInput,
  opts: BaselineOptions,
): Promise<ImportResult> {
  const effectiveOn = opts.effectiveOn ?? ctx.today;
  const docNumber = opts.docNumber ?? '初始导入';
  const rows: Located<InstitutionRecord | QuotaRecord | PostRecord>[] = [
    ...input.institutions,
    ...input.quotas,
    ...input.posts,
  ];
  return runRowImport(ctx, rows, opts, {
    kind: 'baseline',
    open: async (tx, { registry, names, problems, importId }) => {
      let plan: ReturnType<typeof planBaseline> | undefined;
      let adjustmentId: string | undefined;
      return {
        row: () => {}, // the rows are taken together, from `input`
        close: () => {
          plan = planBaseline(registry, names, input, problems, opts, { docNumber, effectiveOn });
          return plan;
        },
        write: async () => {
          const { items, summary } = plan!;
          const title = opts.title ?? `机构编制基础数据导入(${opts.fileName})`;
          const adj = await createAdjustment(ctx, { docNumber, title, effectiveOn, items }, { isBaseline: true, tx });
          await applyAdjustment(ctx, adj.id, { tx, allowUnapproved: true });
          await setImportAdjustment(tx, ctx.regionCode, importId, adj.id);
          adjustmentId = adj.id;
          return summary;
        },
        adjustmentId: () => adjustmentId,
      };
    },
  });
}

/**
 * The workbook's rows as the items of one adjustment, every problem located at its row: names resolved (the file's
 * new institutions first), duplicates and categories a kind may not have refused, then the items folded onto the
 * registry as a preview so that the ledger's refusals come back with their row.
 */
function planBaseline(
  current: RegistryState,
  { byName, internalByKey }: InstitutionNames,
  input: BaselineInput,
  problems: ProblemList,
  opts: BaselineOptions,
  { docNumber, effectiveOn }: { docNumber: string; effectiveOn: string },
) {
  const items: AdjustmentItem[] = [];
  const itemSource: (SourceLocation | undefined)[] = [];
  const push = (item: AdjustmentItem, loc?: SourceLocation) => {
    items.push(item);
    itemSource.push(loc);
  };

  // Names → ids: existing active institutions, then the file's new ones (references may point forward in the file).
  const fileIds = new Map<string, { id: string; kind: string; existing?: InstitutionState }>();
  for (const l of input.institutions) {
    const r = l.record;
    if (r.kind === 'internal_unit') continue;
    if (fileIds.has(r.name)) {
      problems.at(l, header('institutions', 'name'), `机构名称"${r.name}"在文件中重复`);
      continue;
    }
    const existing = byName.get(r.name);
    fileIds.set(r.name, { id: existing?.id ?? randomUUID(), kind: r.kind, existing });
  }
  const resolve = (name: string) =>
    fileIds.get(name) ?? (byName.get(name) ? { id: byName.get(name)!.id, kind: byName.get(name)!.kind } : undefined);
  const seenInternal = new Set<string>();

  input.institutions.forEach((l, index) => {
    const r = l.record;
    let parentId: string | null = null;
    let hostedById: string | null = null;
    if (r.parent) {
      const p = resolve(r.parent);
      if (!p)
        problems.at(l, header('institutions', 'parent'), `上级机构"${r.parent}"不存在(既不在文件中,也不在现有机构中)`);
      else parentId = p.id;
    } else if (r.kind === 'internal_unit') {
      problems.at(l, header('institutions', 'parent'), '内设机构必须填写上级机构');
    }
    if (r.host) {
      const h = resolve(r.host);
      if (!h) problems.at(l, header('institutions', 'host'), `挂靠单位"${r.host}"不存在`);
      else if (h.id === resolve(r.name)?.id) problems.at(l, header('institutions', 'host'), '不能挂靠在自身');
      else hostedById = h.id;
    }
    const fields = {
      name: r.name,
      kind: r.kind,
      rank: r.rank ?? null,
      parentId,
      hostedById,
      code: r.code ?? null,
      alsoNamed: r.alsoNamed,
      piClass: r.piClass ?? null,
      funding: r.funding ?? null,
      civilServiceManaged: r.civilServiceManaged,
      sortOrder: index,
      establishedOn: r.establishedOn ?? null,
      sandingDocNumber: r.sandingDocNumber ?? null,
      sandingOn: r.sandingOn ?? null,
    };
    let existing: InstitutionState | undefined;
    let id: string;
    if (r.kind === 'internal_unit') {
      const key = `${parentId}/${r.name}`;
      if (seenInternal.has(key)) {
        problems.at(l, header('institutions', 'name'), `内设机构"${r.name}"在同一上级机构下重复`);
        return;
      }
      seenInternal.add(key);
      existing = internalByKey.get(key);
      id = existing?.id ?? randomUUID();
    } else {
      const f = fileIds.get(r.name);
      if (!f) return; // duplicate, reported above
      existing = f.existing;
      id = f.id;
    }
    if (!existing) {
      push({ op: 'create_institution', id, ...fields }, l);
    } else {
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(fields)) {
        // no date (or 三定) given: keep the known one
        if (k === 'name' || (keptWhenBlank.has(k) && v == null)) continue;
        if (JSON.stringify((existing as unknown as Record<string, unknown>)[k] ?? null) !== JSON.stringify(v ?? null))
          changes[k] = v;
      }
      if (Object.keys(changes).length) push({ op: 'change_institution', institutionId: id, changes }, l);
    }
  });

  const kindOf = (name: string) => {
    const inFile = fileIds.get(name);
    if (inFile) return inFile.kind as InstitutionState['kind'];
    return byName.get(name)?.kind;
  };
  /** A quota or post row's institution, the first time its key comes: an unknown one or a repeat is a problem. */
  const firstOf = (
    seen: Set<string>,
    sheet: 'quotas' | 'posts',
    l: Located<{ institution: string }>,
    key: (id: string) => string,
    repeated: { column: string; reason: string },
  ) => {
    const target = resolve(l.record.institution);
    if (!target) {
      problems.at(l, header(sheet, 'institution'), `机构"${l.record.institution}"不存在`);
      return undefined;
    }
    if (seen.has(key(target.id))) {
      problems.at(l, header(sheet, repeated.column), repeated.reason);
      return undefined;
    }
    seen.add(key(target.id));
    return target;
  };
  const seenQuota = new Set<string>();
  for (const l of input.quotas) {
    const r = l.record;
    const target = firstOf(seenQuota, 'quotas', l, (id) => `${id}|${r.category}`, {
      column: 'category',
      reason: `"${r.institution}"的${quotaCategoryLabels[r.category]}重复填写`,
    });
    if (!target) continue;
    const kind = kindOf(r.institution)!;
    if (!allowedQuotaCategories[kind].includes(r.category)) {
      const why =
        kind === 'coordination'
          ? '议事协调机构不单独核定编制(条例第19条)'
          : `${institutionKindLabels[kind]}不能核定${quotaCategoryLabels[r.category]}(条例第15条)`;
      problems.at(l, header('quotas', 'category'), why);
      continue;
    }
    push({ op: 'set_quota', institutionId: target.id, category: r.category, approved: r.approved }, l);
  }
  const seenPost = new Set<string>();
  for (const l of input.posts) {
    const r = l.record;
    const target = firstOf(seenPost, 'posts', l, (id) => `${id}|${r.level}|${r.postClass}`, {
      column: 'level',
      reason: `"${r.institution}"的${r.level}职数重复填写`,
    });
    if (!target) continue;
    // the ledger refuses it too, but only after the fold, without the row
    if (kindOf(r.institution) === 'coordination') {
      problems.at(l, header('posts', 'institution'), `"${r.institution}"是议事协调机构,不单独核定领导职数`);
      continue;
    }
    push(
      { op: 'set_posts', institutionId: target.id, level: r.level!, postClass: r.postClass, approved: r.approved },
      l,
    );
  }

  const summary = {
    institutions: items.filter((i) => i.op === 'create_institution').length,
    changedInstitutions: items.filter((i) => i.op === 'change_institution').length,
    quotas: items.filter((i) => i.op === 'set_quota').length,
    posts: items.filter((i) => i.op === 'set_posts').length,
  };
  // the baseline's date matters (长期空编 counts from it): a date left out is said, never silently today's
  const warnings = opts.effectiveOn
    ? []
    : [
        {
          file: opts.fileName,
          sheet: '',
          reason: `未指定生效日期,机构编制基础数据按导入当天 ${effectiveOn} 生效;如实际更早生效(如三定印发日期),请指定生效日期(命令行 --effective-on)`,
        },
      ];
  if (problems.count === 0 && items.length === 0) {
    problems.file(opts.fileName, '文件中没有需要导入的机构、编制或领导职数');
  }
  if (problems.count === 0) {
    try {
      foldAdjustment(current, { id: 'preview', docNumber, effectiveOn, isBaseline: true, items });
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      const loc = e.itemIndex !== undefined ? itemSource[e.itemIndex] : undefined;
      problems.add({
        file: opts.fileName,
        sheet: loc?.sheet ?? '',
        ...(loc ? { row: loc.row } : {}),
        reason: e.message.replace(/^第\d+项\([^)]*\):/, ''),
      });
    }
  }
  return { items, summary, warnings };
}

/**
 * A baseline workbook: every sheet's rows are read and checked before anything else (a bad cell stops the import
 * before the ledger is consulted), then the whole workbook is one adjustment.
 */
export const baselineImporter: FileImporter = async (ctx, rows, opts) => {
  const input: BaselineInput = { institutions: [], quotas: [], posts: [] };
  const readProblems = new ProblemList();
  const dataRows = new Set<string>(); // the file's rows, valid or not: 共 N 行 counts them all
  for await (const item of validateTable(rows, { today: ctx.today })) {
    if (isProblem(item)) readProblems.add(item);
    else pushBaseline(input, item);
    if (item.row) dataRows.add(`${item.sheet}\u0000${item.row}`);
  }
  if (readProblems.count) return readProblems.result(opts, dataRows.size, {});
  return importBaseline(ctx, input, opts);
};

function pushBaseline(input: BaselineInput, item: LocatedRecord) {
  if (item.kind === 'institutions') input.institutions.push(item);
  else if (item.kind === 'quotas') input.quotas.push(item);
  else if (item.kind === 'posts') input.posts.push(item);
}

/** Optional columns a baseline may leave blank without clearing what the registry knows. */
const keptWhenBlank = new Set(['establishedOn', 'sandingDocNumber', 'sandingOn']);

/** The registry as a baseline workbook: importing it into an empty district gives the same registry. */
export const baselineExporter: KindExporter = async ({ registry, name }) => {
  const active = [...registry.institutions.values()].filter((i) => i.status === 'active');
  const rows = registryRows(registry);
  return {
    institutions: treeOrder(active).map((i) => ({
      name: i.name,
      kind: institutionKindLabels[i.kind],
      rank: s(i.rank),
      parent: name(i.parentId),
      host: name(i.hostedById),
      code: s(i.code),
      alsoNamed: i.alsoNamed.join('、'),
      piClass: s(i.piClass),
      funding: s(i.funding),
      civilServiceManaged: i.civilServiceManaged ? '是' : '否',
      establishedOn: s(i.establishedOn),
      sandingDocNumber: s(i.sandingDocNumber),
      sandingOn: s(i.sandingOn),
    })),
    quotas: rows.quotas.map((q) => ({
      institution: name(q.institutionId),
      category: quotaCategoryLabels[q.category],
      approved: String(q.approved),
    })),
    posts: rows.posts.map((p) => ({
      institution: name(p.institutionId),
      level: p.level,
      postClass: postClassLabels[p.postClass],
      approved: String(p.approved),
    })),
  };
};

/** Parents before children, then the original order: what the importer needs to resolve names in one pass. */
function treeOrder(all: InstitutionState[]): InstitutionState[] {
  const byParent = new Map<string | null, InstitutionState[]>();
  const ids = new Set(all.map((i) => i.id));
  for (const i of all) {
    const key = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), i]);
  }
  const out: InstitutionState[] = [];
  const visit = (parent: string | null) => {
    for (const i of (byParent.get(parent) ?? []).sort(
      (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
    )) {
      out.push(i);
      visit(i.id);
    }
  };
  visit(null);
  return out;
}
