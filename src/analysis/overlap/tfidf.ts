/**
 * TF-IDF vectors of duty texts, unit length, as sparse arrays sorted by term id. Term ids are assigned in order of
 * increasing document frequency, so "rare first" is simply ascending id (what prefix filtering needs).
 */
import { segment, termFactor } from './segment.js';

export interface SparseVector {
  /** Term ids, ascending (= rarest first). */
  ids: Int32Array;
  /** Weights, same order, Euclidean norm 1. */
  weights: Float32Array;
}

export interface TfidfModel {
  terms: string[];
  df: Int32Array;
  docs: number;
  vectors: SparseVector[];
}

/** Builds the model from already segmented documents (segment once, reuse for the model and the evidence). */
export function buildTfidf(tokenized: string[][]): TfidfModel {
  const dfByTerm = new Map<string, number>();
  for (const toks of tokenized) for (const t of new Set(toks)) dfByTerm.set(t, (dfByTerm.get(t) ?? 0) + 1);
  const terms = [...dfByTerm.keys()].sort(
    (a, b) => dfByTerm.get(a)! - dfByTerm.get(b)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  const idOf = new Map(terms.map((t, i) => [t, i]));
  const df = Int32Array.from(terms, (t) => dfByTerm.get(t)!);
  const n = tokenized.length;
  const idf = Float64Array.from(df, (f) => Math.log((n + 1) / (f + 1)) + 1);
  const factor = Float64Array.from(terms, termFactor);
  const vectors = tokenized.map((toks) => {
    const tf = new Map<number, number>();
    for (const t of toks) {
      const id = idOf.get(t)!;
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const ids = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
    // sublinear tf: a word repeated in one sentence (土地…土地…土地) is not three times the evidence; objects weigh
    // more than verbs (segment.ts termFactor)
    const w = Float64Array.from(ids, (id) => (1 + Math.log(tf.get(id)!)) * idf[id]! * factor[id]!);
    const norm = Math.hypot(...w) || 1;
    return { ids, weights: Float32Array.from(w, (x) => x / norm) };
  });
  return { terms, df, docs: n, vectors };
}

/** Segments texts and builds the model. */
export function tfidfOf(texts: string[]): TfidfModel & { tokens: string[][] } {
  const tokens = texts.map(segment);
  return { ...buildTfidf(tokens), tokens };
}

/** Cosine of two unit vectors (merge of two sorted id lists). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** The shared terms of two vectors, heaviest contribution first. */
export function sharedTerms(model: TfidfModel, a: SparseVector, b: SparseVector, max = 6): string[] {
  const shared: [string, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) shared.push([model.terms[x]!, a.weights[i++]! * b.weights[j++]!]);
    else if (x < y) i++;
    else j++;
  }
  const words = shared.filter(([t]) => !t.startsWith('#') && !t.startsWith('@'));
  // 排水管网 says it all: drop 排水 and 管网 when the whole word is shared too
  return words
    .filter(([t]) => !words.some(([u]) => u !== t && u.includes(t)))
    .sort((p, q) => q[1] - p[1])
    .slice(0, max)
    .map(([t]) => t);
}
