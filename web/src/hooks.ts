/** Shared queries: 总览's statistics, the institution tree (names for every page) and the "as of" date kept in the URL. */
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { call } from './api';
import type { InstitutionNode } from './types';

/** 总览's figures (as a scenario would leave them, given one); shared so the entry can start the request while the page's code is still loading. */
export const statisticsQuery = (asOf?: string, scenario?: string) => ({
  queryKey: ['statistics', asOf ?? '', scenario ?? ''],
  queryFn: () => call('GET /api/statistics', { query: { asOf, scenario } }),
  staleTime: 30_000, // not fetched again when the page mounts right after the entry's prefetch; writes invalidate it
});

export function useInstitutions(asOf?: string) {
  return useQuery({
    queryKey: ['institutions', asOf ?? ''],
    queryFn: () => call('GET /api/institutions', { query: { asOf } }),
    staleTime: 30_000,
  });
}

/** id → institution, with the display name of internal units prefixed by their parent's. */
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
  return { ...q, byId, nameOf };
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
