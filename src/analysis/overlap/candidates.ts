/**
 * Candidate pairs without comparing all pairs: an inverted index over each vector's prefix (rarest terms first, up
 * to where the rest of the vector can no longer reach the threshold — Bayardo et al., "Scaling up all pairs
 * similarity search", 2007). Two unit vectors with cosine ≥ t always share a term in both prefixes, so the prefix
 * index alone loses nothing; a cap on posting length (very common terms) trades a measured bit of recall for speed.
 */
import { cosine, type SparseVector } from './tfidf.js';

export interface PairOptions {
  threshold: number;
  /** May these two documents be compared at all (different institutions, not parent/child, …)? */
  comparable: (a: number, b: number) => boolean;
  /** Posting lists longer than this are skipped (default: no cap). */
  maxPosting?: number;
}

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

/** Length of the prefix of v after which the remaining weight's norm is below t. */
export function prefixLength(v: SparseVector, t: number): number {
  let rest = 0;
  for (let k = 0; k < v.weights.length; k++) rest += v.weights[k]! ** 2;
  let k = 0;
  while (k < v.ids.length && Math.sqrt(rest) >= t) {
    rest -= v.weights[k]! ** 2;
    k++;
  }
  return k;
}

/**
 * All comparable pairs with cosine ≥ threshold found through the prefix index (indexing as it goes). Candidates
 * accumulate their prefix-to-prefix dot product while the postings are walked (no cosine per candidate); only those
 * whose accumulated part reaches `minPrefixShare` × threshold are verified with the full cosine. The share trades a
 * measured bit of recall (bench/overlap.bench.ts reports it against the exact method) for speed.
 */
export function similarPairs(vectors: SparseVector[], opts: PairOptions & { minPrefixShare?: number }): ScoredPair[] {
  const t = opts.threshold;
  const minAcc = t * (opts.minPrefixShare ?? 0.5);
  const cap = opts.maxPosting ?? Infinity;
  const postDocs = new Map<number, number[]>();
  const postWeights = new Map<number, number[]>();
  const acc = new Float64Array(vectors.length);
  const seenBy = new Int32Array(vectors.length).fill(-1);
  const touched: number[] = [];
  const out: ScoredPair[] = [];
  for (let d = 0; d < vectors.length; d++) {
    const v = vectors[d]!;
    const p = prefixLength(v, t);
    touched.length = 0;
    for (let k = 0; k < p; k++) {
      const id = v.ids[k]!;
      const w = v.weights[k]!;
      let docs = postDocs.get(id);
      let weights = postWeights.get(id);
      if (!docs || !weights) {
        postDocs.set(id, (docs = []));
        postWeights.set(id, (weights = []));
      }
      if (docs.length <= cap) {
        for (let j = 0; j < docs.length; j++) {
          const e = docs[j]!;
          if (seenBy[e] !== d) {
            seenBy[e] = d;
            acc[e] = 0;
            touched.push(e);
          }
          acc[e] = acc[e]! + w * weights[j]!;
        }
      }
      docs.push(d);
      weights.push(w);
    }
    for (const e of touched) {
      if (acc[e]! < minAcc || !opts.comparable(e, d)) continue;
      const score = cosine(vectors[e]!, v);
      if (score >= t) out.push({ a: e, b: d, score });
    }
  }
  return out;
}

/** The exact method, for measuring: every comparable pair. */
export function allPairs(vectors: SparseVector[], opts: PairOptions): ScoredPair[] {
  const out: ScoredPair[] = [];
  for (let a = 0; a < vectors.length; a++) {
    for (let b = a + 1; b < vectors.length; b++) {
      if (!opts.comparable(a, b)) continue;
      const score = cosine(vectors[a]!, vectors[b]!);
      if (score >= opts.threshold) out.push({ a, b, score });
    }
  }
  return out;
}
