/**
 * Shared hooks: 总览's statistics, the institution tree (names for every page), the "as of" date and other filters kept
 * in the URL, and a form's submission.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { call, errorMessage } from './api';
import type { InstitutionNode } from './types';

/** 总览's figures (as a scenario would leave them, given one); shared so the entry can start the request while the page's code is still loading. */
export const statisticsQuery = (asOf?: string, scenario?: string) => ({
  queryKey: ['statistics', asOf ?? '', scenario ?? ''],
  queryFn: () => call('GET /api/statistics', { query: { asOf, scenario } }),
  staleTime: 30_000, // not fetched again when the page mounts right after the entry's prefetch; writes invalidate it
});

/** What the 编制周转池 holds of a category today (undefined while loading or when no category is chosen). */
export function usePoolBalance(category?: string): number | undefined {
  const stats = useQuery(statisticsQuery());
  if (!category || !stats.data) return undefined;
  return stats.data.pool.find((p) => p.category === category)?.balance ?? 0;
}

export function useInstitutions(asOf?: string) {
  return useQuery({
    queryKey: ['institutions', asOf ?? ''],
    queryFn: () => call('GET /api/institutions', { query: { asOf } }),
    staleTime: 30_000,
  });
}

/** id → institution, with the display name of internal units prefixed by their parent's; the pickable ones as options. */
export function useInstitutionNames(asOf?: string) {
  const q = useInstitutions(asOf);
  const byId = new Map<string, InstitutionNode>();
  for (const i of q.data?.items ?? []) byId.set(i.id, i);
  const nameOf = (id: string | null | undefined) => {
    if (!id) return '';
    const i = byId.get(id);
    if (!i) return id.slice(0, 8);
    if (i.kind === 'internal_unit' && i.parentId) return `${byId.get(i.parentId)?.name ?? ''}/${i.name}`;
    return i.name;
  };
  /** The active institutions to pick from: by name, internal units aside; `withUnits`, units too, under their parent. */
  const options = (withUnits = false) =>
    (q.data?.items ?? [])
      .filter((i) => i.status === 'active' && (withUnits || i.kind !== 'internal_unit'))
      .map((i) => ({ value: i.id, label: withUnits ? nameOf(i.id) : i.name }));
  return { ...q, byId, nameOf, options };
}

/** A search parameter as state: ?asOf=…, ?institutionId=…; with `allowed`, a value outside it reads as absent. */
export function useParam<T extends string = string>(
  name: string,
  allowed?: readonly T[],
): [T | undefined, (v: T | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(name) ?? undefined;
  const value = raw === undefined || (allowed && !allowed.includes(raw as T)) ? undefined : (raw as T);
  const set = (v: T | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(name, v);
        else n.delete(name);
        if (name !== 'page') n.delete('page');
        return n;
      },
      { replace: true },
    );
  return [value, set];
}

/**
 * A form's submission: `busy` while `run`'s action is under way, its failure as the Chinese message to show (cleared
 * when it runs again; `onFailure` runs after it is set). `setError` shows a problem found before sending.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<unknown>, onFailure?: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(errorMessage(e));
      await onFailure?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
