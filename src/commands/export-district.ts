/**
 * Export writes the import templates, filled: importing them into an empty database reproduces the same registry,
 * roster, duties and indicators (round-trip test). The roster follows the rule of every read (commands/people.ts): a
 * role that may not see whole ID numbers gets them masked and no birth dates (such a file is for reading, not for
 * importing back). Every export is audited with who, which files, how many rows and how many whole numbers.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstitutionState } from '../domain/ledger.js';
import { registryRows } from '../domain/ledger.js';
import {
  dutyRoleLabels,
  dutySourceLabels,
  institutionKindLabels,
  postClassLabels,
  quotaCategoryLabels,
  type PostClass,
  type QuotaCategory,
} from '../domain/vocabulary.js';
import { maskIdNumber } from '../domain/codes.js';
import { exportFileName, importKinds, type ImportKind } from '../domain/records.js';
import { writeRecordsWorkbook } from '../io/table-writer.js';
import { auditDisclosure, mayUnmask, requirePermission } from './access.js';
import {
  dutiesForExport,
  regionIndicatorsForExport,
  rosterForExport,
  workloadForExport,
} from '../store/export.repository.js';
import { readRegistry } from '../store/registry.repository.js';
import type { CommandContext } from './context.js';

export const exportFileNames = Object.fromEntries(importKinds.map((k) => [k, exportFileName(k)])) as Record<
  ImportKind,
  string
>;

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

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

/** Writes the chosen files (default: all) into `dir`; see the module comment for what a role gets. */
export async function exportDistrict(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'actor' | 'access'>,
  dir: string,
  opts: { kinds?: readonly ImportKind[] } = {},
) {
  requirePermission(ctx, 'exportData');
  const kinds = new Set<ImportKind>(opts.kinds ?? importKinds);
  const reveal = mayUnmask(ctx);
  let idNumbersRevealed = 0;
  await mkdir(dir, { recursive: true });
  const registry = await readRegistry(ctx.pool, ctx.regionCode);
  const active = [...registry.institutions.values()].filter((i) => i.status === 'active');
  const name = (id: string | null) => (id ? (registry.institutions.get(id)?.name ?? '') : '');
  const rows = registryRows(registry);
  const counts: Record<string, number> = {};
  const write = async (kind: ImportKind, sheets: Parameters<typeof writeRecordsWorkbook>[2]) =>
    Object.assign(counts, await writeRecordsWorkbook(join(dir, exportFileNames[kind]), kind, sheets));

  if (kinds.has('baseline')) {
    await write('baseline', {
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
    });
  }

  async function* roster() {
    for await (const r of rosterForExport(ctx.pool, ctx.regionCode)) {
      if (reveal) idNumbersRevealed++;
      yield {
        name: r.name,
        idNumber: reveal ? r.id_number : maskIdNumber(r.id_number),
        gender: s(r.gender),
        birthDate: reveal ? s(r.birth_date) : '',
        education: s(r.education),
        degree: s(r.degree),
        titleLevel: s(r.title_level),
        politicalStatus: s(r.political_status),
        joinedWorkOn: s(r.joined_work_on),
        institution: name(r.institution_id),
        category: quotaCategoryLabels[r.category as QuotaCategory],
        post: s(r.post),
        leadershipLevel: s(r.leadership_level),
        postClass: r.post_class ? postClassLabels[r.post_class as PostClass] : '',
        startOn: r.start_on,
        unit: name(r.unit_id),
      };
    }
  }
  if (kinds.has('roster')) {
    await write('roster', { roster: roster() });
  }

  async function* duties() {
    for await (const d of dutiesForExport(ctx.pool, ctx.regionCode)) {
      yield {
        institution: name(d.institution_id),
        source: dutySourceLabels[d.source as keyof typeof dutySourceLabels],
        category: s(d.category),
        title: d.title,
        text: s(d.text),
        legalBasis: s(d.legal_basis),
        domains: d.domains.join('、'),
        role: dutyRoleLabels[d.role as keyof typeof dutyRoleLabels],
        itemCode: s(d.item_code),
      };
    }
  }
  if (kinds.has('duties')) {
    await write('duties', { duties: duties() });
  }

  if (kinds.has('workload')) {
    const workload = await workloadForExport(ctx.pool, ctx.regionCode);
    await write('workload', {
      workload: workload.map((w) => ({
        institution: name(w.institution_id),
        year: String(w.year),
        indicator: w.indicator,
        value: String(w.value),
        unit: s(w.unit),
      })),
    });
  }
  if (kinds.has('indicators')) {
    const indicators = await regionIndicatorsForExport(ctx.pool, ctx.regionCode);
    await write('indicators', {
      indicators: indicators.map((x) => ({
        scope: name(x.scope_institution_id),
        year: String(x.year),
        indicator: x.indicator,
        value: s(x.value),
        text: s(x.text_value),
      })),
    });
  }
  const files = [...kinds].map((k) => exportFileNames[k]);
  await auditDisclosure(ctx, {
    action: 'district.export',
    entity: 'export',
    after: { files, rows: counts, idNumbersMasked: kinds.has('roster') && !reveal, idNumbersRevealed },
  });
  return { dir, files, counts, idNumbersRevealed };
}
