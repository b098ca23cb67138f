/** 职能 reads: the district's duties (三定 and 权责清单) filtered and paged over a catalogue kept per data version. */
import { GroupIndex, intersectionOf, pageOf, SubstringIndex } from '../analysis/text-index.js';
import { dutyCatalog, type DutyListRow } from '../store/duties.repository.js';
import { reachOf } from './access.js';
import type { CommandContext } from './context.js';
import { ensureInScope, type Scope } from './institutions.js';

export interface DutyCatalog {
  rows: DutyListRow[];
  /** title and text, searched together */
  texts: SubstringIndex;
  institutions: GroupIndex;
}

export async function loadDutyCatalog(ctx: Pick<CommandContext, 'pool' | 'regionCode'>): Promise<DutyCatalog> {
  const rows = await dutyCatalog(ctx.pool, ctx.regionCode);
  return {
    rows,
    // U+0000 cannot be stored, so a fragment never spans title and text
    texts: new SubstringIndex(rows.map((d) => `${d.title}\u0000${d.text ?? ''}`)),
    institutions: new GroupIndex(rows.length, (i) => [rows[i]!.institutionId]),
  };
}

/** Roughly what a catalogue holds in memory (for cache budgets). */
export const dutyCatalogBytes = (c: DutyCatalog) =>
  c.rows.reduce((n, d) => n + 600 + 6 * (d.title.length + (d.text?.length ?? 0)), 0);

export interface DutyQuery {
  institutionId?: string;
  scope?: Scope;
  source?: string;
  category?: string;
  domain?: string;
  /** a fragment of the title or the text */
  q?: string;
  offset: number;
  limit: number;
}

/** One page of duties; reads the catalogue kept by `ctx.dutyCatalog` (the server's, per data version) if any. */
export async function browseDuties(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'dutyCatalog' | 'access'>,
  f: DutyQuery,
): Promise<{ total: number; rows: DutyListRow[] }> {
  const scope = f.scope ?? (await reachOf(ctx));
  if (f.institutionId) ensureInScope(scope, f.institutionId);
  const catalog = await (ctx.dutyCatalog?.() ?? loadDutyCatalog(ctx));
  const places = f.institutionId ? [f.institutionId] : scope;
  let candidates = places && catalog.institutions.find(places);
  if (f.q) {
    const found = catalog.texts.find(f.q);
    candidates = candidates ? intersectionOf(candidates, found) : found;
  }
  return pageOf(
    catalog.rows,
    candidates,
    (d) =>
      (!f.source || d.source === f.source) &&
      (!f.category || d.category === f.category) &&
      (!f.domain || d.domains.includes(f.domain)),
    f,
  );
}

export type { DutyListRow } from '../store/duties.repository.js';
