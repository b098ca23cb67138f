/**
 * Duty-overlap detection: segment, weight (TF-IDF), find candidate pairs through the prefix index, score by cosine,
 * and group pairs that hold across different institutions into clusters (connected components over duties), each
 * labelled by the terms its duties share.
 */
import { similarPairs, type ScoredPair } from './candidates.js';
import { dutyText } from './segment.js';
import { cosine, sharedTerms, tfidfOf, type TfidfModel } from './tfidf.js';

export interface OverlapDoc {
  institutionId: string;
  title: string;
  text: string | null;
}

export interface OverlapOptions {
  threshold: number;
  /** May duties of these two institutions overlap at all? Default: any two different institutions. */
  comparable?: (institutionA: string, institutionB: string) => boolean;
  maxPosting?: number;
}

export interface OverlapCluster {
  /** Indices of the duties in the input, in input order. */
  members: number[];
  pairs: ScoredPair[];
  maxScore: number;
  meanScore: number;
  /** Distinct institutions, in order of first appearance. */
  institutions: string[];
  /** Shared terms, most shared (then heaviest) first: the label and the highlight. */
  topTerms: string[];
}

export interface OverlapResult {
  clusters: OverlapCluster[];
  pairs: ScoredPair[];
  model: TfidfModel & { tokens: string[][] };
}

export function detectOverlaps(docs: readonly OverlapDoc[], opts: OverlapOptions): OverlapResult {
  const model = tfidfOf(docs.map(dutyText));
  const comparable = opts.comparable ?? ((x, y) => x !== y);
  const pairs = similarPairs(model.vectors, {
    threshold: opts.threshold,
    maxPosting: opts.maxPosting,
    comparable: (a, b) => {
      const x = docs[a]!.institutionId;
      const y = docs[b]!.institutionId;
      return x !== y && comparable(x, y);
    },
  });
  return { clusters: clustersOf(docs, model, pairs), pairs, model };
}

/** Connected components of the pair graph, with their labels. */
export function clustersOf(docs: readonly OverlapDoc[], model: TfidfModel, pairs: ScoredPair[]): OverlapCluster[] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const p of pairs) {
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, ScoredPair[]>();
  for (const p of pairs) {
    const r = find(p.a);
    const g = groups.get(r);
    if (g) g.push(p);
    else groups.set(r, [p]);
  }
  const clusters: OverlapCluster[] = [];
  for (const g of groups.values()) {
    const members = [...new Set(g.flatMap((p) => [p.a, p.b]))].sort((a, b) => a - b);
    const termCount = new Map<string, number>();
    for (const p of g) {
      sharedTerms(model, model.vectors[p.a]!, model.vectors[p.b]!).forEach((t, rank) =>
        termCount.set(t, (termCount.get(t) ?? 0) + 1 - rank / 100),
      );
    }
    clusters.push({
      members,
      pairs: g,
      maxScore: g.reduce((m, p) => Math.max(m, p.score), 0), // no spread: a cluster can hold millions of pairs
      meanScore: g.reduce((s, p) => s + p.score, 0) / g.length,
      institutions: [...new Set(members.map((m) => docs[m]!.institutionId))],
      topTerms: [...termCount].sort((a, b) => b[1] - a[1]).map(([t]) => t),
    });
  }
  return clusters.sort((a, b) => b.institutions.length - a.institutions.length || b.maxScore - a.maxScore);
}

/**
 * Scores text pairs the way the diagnostic does (same segmentation, weights and cosine), with the weights learnt
 * from a background corpus plus the texts themselves: for measuring on labelled pairs.
 */
export function scoreTextPairs(background: readonly string[], pairs: readonly [string, string][]): number[] {
  const texts = [...background, ...pairs.flat()];
  const model = tfidfOf(texts);
  const at = background.length;
  return pairs.map((_, k) => cosine(model.vectors[at + 2 * k]!, model.vectors[at + 2 * k + 1]!));
}
