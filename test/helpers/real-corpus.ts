/**
 * The real duty corpus (test/fixtures/real/, contract in ../CORPUS-FORMAT.md): loading it, turning one source into a
 * snapshot, and scoring findings against its labelled domain groups the way the hidden evaluations do (a group is
 * found when a DUTY_OVERLAP finding pairs two of its duties held by different institutions, or a DOMAIN_FRAGMENTED
 * finding names two of its institutions; pair precision = flagged cross-department pairs inside a group / all flagged
 * cross-department pairs). Shared by bench/overlap.bench.ts and the end-to-end test.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/analysis/finding.js';
import type { InstitutionKind } from '../../src/domain/vocabulary.js';

/** The corpus folder; REAL_CORPUS_DIR points elsewhere (a newer copy) for the bench. */
export const realDir = process.env.REAL_CORPUS_DIR ?? 'test/fixtures/real'; // eslint-disable-line no-restricted-properties

export interface RealDuty {
  id: string;
  source: 'sanding' | 'power_list';
  category?: string;
  text: string;
}
export interface RealSource {
  id: string;
  title: string;
  level: string;
  year: number;
  url: string;
  institutions: { name: string; kind: InstitutionKind; duties: RealDuty[] }[];
}
export interface RealPair {
  source: string;
  a: string;
  b: string;
  label: 'overlap' | 'same_domain' | 'negative';
  object?: string;
  reason: string;
}
export interface DomainGroup {
  source: string;
  domain: string;
  duties: string[];
  reason: string;
}

export function hasRealCorpus(): boolean {
  return existsSync(join(realDir, 'pairs.json')) && existsSync(join(realDir, 'sources'));
}

export function loadRealCorpus(dir = realDir) {
  const sources = new Map<string, RealSource>();
  for (const f of readdirSync(join(dir, 'sources')).filter((x) => x.endsWith('.json'))) {
    const s = JSON.parse(readFileSync(join(dir, 'sources', f), 'utf8')) as RealSource;
    sources.set(s.id, s);
  }
  const pairs = JSON.parse(readFileSync(join(dir, 'pairs.json'), 'utf8')) as RealPair[];
  const groupsFile = join(dir, 'domain-groups.json');
  const groups = existsSync(groupsFile) ? (JSON.parse(readFileSync(groupsFile, 'utf8')) as DomainGroup[]) : [];
  return { sources, pairs, groups };
}

/** "<institution>#<duty id>" → the institution and duty, or undefined. */
export function resolveRef(source: RealSource, ref: string) {
  const at = ref.lastIndexOf('#');
  const name = ref.slice(0, at);
  const id = ref.slice(at + 1);
  const inst = source.institutions.find((i) => i.name === name);
  const duty = inst?.duties.find((d) => d.id === id);
  return inst && duty ? { institution: inst.name, duty } : undefined;
}

/**
 * Scores findings on one source's groups. Duties are recognised in a finding's evidence by their institution and
 * text (the evidence shows each duty's text as imported).
 */
export function scoreGroups(source: RealSource, groups: readonly DomainGroup[], findings: readonly Finding[]) {
  const refOf = new Map<string, string>();
  for (const i of source.institutions) for (const d of i.duties) refOf.set(`${i.name}|${d.text}`, `${i.name}#${d.id}`);
  const groupOf = new Map<string, number[]>();
  groups.forEach((g, k) => {
    for (const r of g.duties) groupOf.set(r, [...(groupOf.get(r) ?? []), k]);
  });
  const found = new Set<number>();
  const byOverlap = new Set<number>();
  let flagged = 0;
  let inside = 0;
  for (const f of findings) {
    if (f.code === 'DUTY_OVERLAP') {
      const refs = f.evidence.flatMap((e) => {
        if (e.kind !== 'text') return [];
        const r = refOf.get(`${e.institution}|${e.text}`) ?? findRef(source, e.institution, e.text);
        return r ? [{ inst: e.institution, ref: r }] : [];
      });
      for (let x = 0; x < refs.length; x++) {
        for (let y = x + 1; y < refs.length; y++) {
          if (refs[x]!.inst === refs[y]!.inst) continue;
          flagged++;
          const shared = (groupOf.get(refs[x]!.ref) ?? []).filter((k) => (groupOf.get(refs[y]!.ref) ?? []).includes(k));
          if (shared.length) inside++;
          for (const k of shared) {
            found.add(k);
            byOverlap.add(k);
          }
        }
      }
    } else if (f.code === 'DOMAIN_FRAGMENTED') {
      const names = new Set(f.institutions.map((i) => i.name));
      groups.forEach((g, k) => {
        const holders = new Set(g.duties.map((r) => r.slice(0, r.lastIndexOf('#'))).filter((n) => names.has(n)));
        if (holders.size >= 2) found.add(k);
      });
    }
  }
  return {
    groups: groups.length,
    found: found.size,
    byOverlap: byOverlap.size,
    flaggedPairs: flagged,
    pairPrecision: flagged ? inside / flagged : 1,
    missed: groups.filter((_, k) => !found.has(k)).map((g) => g.domain),
  };
}

/** Evidence may prefix a title to the text ("title：text"): find the duty whose text the evidence ends with. */
function findRef(source: RealSource, institution: string, text: string): string | undefined {
  const inst = source.institutions.find((i) => i.name === institution);
  const d = inst?.duties.find((x) => text === x.text || text.endsWith(x.text) || x.text.startsWith(text));
  return d && inst ? `${inst.name}#${d.id}` : undefined;
}

/** FNV-1a of a string: a fixed, seedable order for the held-out split. */
export function hash32(s: string, seed = 2166136261): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * The held-out split: within each source, pairs ordered by a fixed-seed hash of their refs; the first half (rounded
 * up) is for choosing the threshold, the rest is held out. Stratified by source, so every source is in both halves.
 */
export function splitPairs<T extends { source: string; a: string; b: string }>(pairs: readonly T[], seed = 17) {
  const bySource = new Map<string, T[]>();
  for (const p of pairs) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p]);
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const list of bySource.values()) {
    const sorted = [...list].sort((x, y) => hash32(`${x.a}|${x.b}`, seed) - hash32(`${y.a}|${y.b}`, seed));
    const half = Math.ceil(sorted.length / 2);
    train.push(...sorted.slice(0, half));
    heldOut.push(...sorted.slice(half));
  }
  return { train, heldOut };
}
