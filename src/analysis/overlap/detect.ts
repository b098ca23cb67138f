/**
 * Duty-overlap detection: segment, add the thesaurus objects a duty names (src/analysis/thesaurus.ts), weight
 * (TF-IDF, objects over verbs), find candidate pairs through the prefix index, score by cosine, keep only pairs whose
 * similarity comes mostly from what the work is about (a shared object, never only shared verbs or shapes), and group
 * them per shared object into clusters that span different institutions.
 */
import { similarPairs, type ScoredPair } from './candidates.js';
import { dutyText, isObjectTerm, objectPrefix, overlapTerms, powerItemObject } from './segment.js';
import { buildTfidf, type SparseVector, type TfidfModel } from './tfidf.js';
import { broaderOf } from '../thesaurus.js';

export interface OverlapDoc {
  institutionId: string;
  title: string;
  text: string | null;
  /** 三定 duties are compared on their whole text and thesaurus objects; 权责清单 items on their object phrase. */
  kind?: 'sanding' | 'power';
  /** A duty held in support (配合) of another's lead is the division of labour, not an overlap. */
  role?: 'lead' | 'assist';
}

export interface OverlapOptions {
  threshold: number;
  /** May duties of these two institutions overlap at all? Default: any two different institutions. */
  comparable?: (institutionA: string, institutionB: string) => boolean;
  maxPosting?: number;
}

export interface OverlapPair extends ScoredPair {
  /** The shared object: a thesaurus object, else the heaviest shared object word. */
  object: string;
  /** Whether `object` is a thesaurus object (same task worded differently) rather than a shared word. */
  thesaurus: boolean;
  /** Every shared thesaurus object (a pair can share two: 地下水 and 水质监测); the pair joins each one's cluster. */
  objects: string[];
  /** Shared object words, heaviest first (the highlight). */
  terms: string[];
  /** Matched on a broader term only: `object` is the broader term, the duties name different objects under it. */
  broader: boolean;
}

export interface OverlapCluster {
  /** What the member duties share: the cluster's label. */
  object: string;
  thesaurus: boolean;
  /** The members name different objects under the broader term `object` (医疗保险 / 医疗救助 under 医疗保障). */
  broader: boolean;
  /** Indices of the duties in the input, in input order. */
  members: number[];
  pairs: OverlapPair[];
  maxScore: number;
  meanScore: number;
  /** Distinct institutions, in order of first appearance. */
  institutions: string[];
  /** Shared object words, most shared (then heaviest) first. */
  topTerms: string[];
}

export interface OverlapResult {
  clusters: OverlapCluster[];
  pairs: OverlapPair[];
  model: TfidfModel & { tokens: string[][] };
}

/** The least score of two duties sharing a thesaurus object (above the default threshold 0.4). */
export const objectFloor = 0.45;

/**
 * The score of two duties naming different thesaurus objects under one broader term (医疗保险 and 医疗救助, both work
 * a reform consolidated into 医疗保障): above the default threshold, below a shared object.
 */
export const broaderFloor = 0.42;

/**
 * A broader term or object named by more duties than this is everywhere in the list: no pairs enumerated from it (the
 * demo district's largest is 应急管理 with 17 duties; at 400 the 50,000-item bench tripled its time and passed 1 GB).
 */
export const maxSharedHolders = 100;

/** A cosine at which two duties say the same thing in nearly the same words. */
export const nearlyVerbatim = 0.95;

/** Share of a pair's cosine that must come from object terms for the pair to count. */
export const minObjectShare = 0.5;

/** The text a duty is compared on, by kind. */
export function comparedText(d: OverlapDoc): string {
  return d.kind === 'power' ? powerItemObject(d.title) : dutyText(d);
}

export function overlapModel(docs: readonly OverlapDoc[]): TfidfModel & { tokens: string[][] } {
  const tokens = docs.map((d) => overlapTerms(comparedText(d), d.kind !== 'power'));
  return { ...buildTfidf(tokens), tokens };
}

/**
 * What a pair shares, and its score: the cosine when at least `minObjectShare` of it comes from object terms
 * (thesaurus objects, concept classes, nouns), else 0.
 */
export function explainPair(
  model: TfidfModel,
  a: SparseVector,
  b: SparseVector,
): { score: number; object: string; thesaurus: boolean; objects: string[]; terms: string[]; broader: boolean } {
  let i = 0;
  let j = 0;
  let total = 0;
  let objectPart = 0;
  const shared: [string, number, number][] = [];
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      const w = a.weights[i++]! * b.weights[j++]!;
      total += w;
      const t = model.terms[x]!;
      if (isObjectTerm(t)) {
        objectPart += w;
        shared.push([t, w, x]);
      }
    } else if (x < y) i++;
    else j++;
  }
  shared.sort((p, q) => q[1] - p[1]);
  // a thesaurus object named by many of a list's duties is still the same task held twice (职业卫生 at 卫生 and 安监 in
  // a list about 职业卫生): dropping such "theme" objects cost recall 0.65 → 0.37 on the real pairs at equal precision
  const objects = shared.filter(([t]) => t.startsWith(objectPrefix)).map(([t]) => t.slice(objectPrefix.length));
  const words = shared.map(([t]) => t).filter((t) => !t.startsWith(objectPrefix) && !t.startsWith('#'));
  // 排水管网 says it all: drop 排水 and 管网 when the whole word is shared too
  const terms = words.filter((t) => !words.some((u) => u !== t && u.includes(t)));
  // sharing a thesaurus object is the same task whatever the other words (a long duty dilutes the cosine): such a
  // pair scores at least objectFloor, rising with the cosine
  const score = objects.length
    ? objectFloor + (1 - objectFloor) * total
    : total > 0 && objectPart >= minObjectShare * total
      ? total
      : 0;
  // without a thesaurus object, one short shared word (草案, 市场, 政务) is too little to name one task
  // (a duty copied word for word into two lists is the same task however short: 对全市能源和节能工作总负责)
  const enough = objects.length > 0 || terms.length >= 2 || (terms[0]?.length ?? 0) >= 3 || total >= nearlyVerbatim;
  const object = objects[0] ?? terms[0] ?? '';
  return { score: object && enough ? score : 0, object, thesaurus: objects.length > 0, objects, terms, broader: false };
}

/** The thesaurus objects among a duty's terms. */
function objectsOf(tokens: readonly string[]): string[] {
  return [...new Set(tokens.filter((t) => t.startsWith(objectPrefix)).map((t) => t.slice(objectPrefix.length)))];
}

/**
 * A service line every domain draws on (财政 funding it, 广电 reporting on it, 公安 investigating its cases): such a
 * duty shares a task only by its own object, never by the broader term of what it funds or reports on.
 */
export const serviceLine =
  /宣传报道|新闻报道|(筹集|拨付|落实).{0,8}(资金|经费)|(资金|经费)的?(筹集|拨付)|对.{0,8}(资金|经费)的?使用|(查处|侦办|侦查).{0,4}案件/;

/**
 * Reporting on a task or investigating its cases is the media's or the police's own line, not a share of the task:
 * such a duty does not overlap the task's holder even on the task's own object (防汛抗旱的宣传报道 / 防汛抗旱).
 */
export const reportingLine = /宣传报道|新闻报道|(查处|侦办|侦查).{0,4}案件/;

/** What the pair tests need of one duty, worked out once per duty (a list of 50,000 meets each duty many times). */
interface DocFacts {
  text: string;
  boilerplate: boolean;
  reporting: boolean;
  /** The broader terms of its objects; none for a service line. */
  broader: readonly string[];
}
const factsCache = new WeakMap<readonly OverlapDoc[], DocFacts[]>();
function factsOf(docs: readonly OverlapDoc[], tokens: readonly string[][], i: number): DocFacts {
  let all = factsCache.get(docs);
  if (!all) factsCache.set(docs, (all = []));
  let f = all[i];
  if (!f) {
    const text = comparedText(docs[i]!);
    f = all[i] = {
      text,
      boilerplate: boilerplateDuty.test(text),
      reporting: reportingLine.test(text),
      broader: serviceLine.test(text) ? [] : [...new Set(objectsOf(tokens[i]!).flatMap(broaderOf))],
    };
  }
  return f;
}

/** Held in support of another unit's lead: role 配合, or worded so (配合…, 协助…, 参与…). */
export function supporting(d: OverlapDoc): boolean {
  return d.role === 'assist' || /^(配合|协助|参与)/.test(d.title);
}

/** Duties every 三定 ends with (交办的其他事项, the unit's own 党建): they name no task of the unit's field. */
export const boilerplateDuty = /交办的其他|(机关|直属单位|所属单位|事业单位).{0,12}(党建|党的建设)/;

/** 权责清单 object phrases are short: two items count as one only when nearly the whole phrase is shared. */
export const powerThreshold = 0.65;

/** explainPair, and two 权责清单 items naming the very same object phrase are the same item held twice. */
function explainDocs(
  docs: readonly OverlapDoc[],
  model: TfidfModel & { tokens: string[][] },
  a: number,
  b: number,
): ReturnType<typeof explainPair> {
  const fa = factsOf(docs, model.tokens, a);
  const fb = factsOf(docs, model.tokens, b);
  if (fa.boilerplate || fb.boilerplate || (docs[a]!.kind !== 'power' && fa.reporting !== fb.reporting))
    return { score: 0, object: '', thesaurus: false, objects: [], terms: [], broader: false };
  const e = explainPair(model, model.vectors[a]!, model.vectors[b]!);
  if (e.score < broaderFloor && !e.objects.length && fa.broader.length && fb.broader.length) {
    // a broader term both duties' objects fall under (see PolicyObject.broader in thesaurus.ts)
    const broader = fb.broader.find((x) => fa.broader.includes(x));
    if (broader) return { ...e, score: broaderFloor, object: broader, thesaurus: false, broader: true };
  }
  if (docs[a]!.kind === 'power' && e.score === 0) {
    const phrase = fa.text;
    if (phrase.length >= 2 && phrase === fb.text) return { ...e, score: 1, object: phrase };
  }
  return e;
}

/**
 * Candidate pairs (the prefix index, plus duties sharing a thesaurus object or broader term), explained and kept at or
 * above the threshold (power items: powerThreshold).
 */
function scoredPairs(
  docs: readonly OverlapDoc[],
  model: ReturnType<typeof overlapModel>,
  opts: Pick<OverlapOptions, 'threshold' | 'maxPosting'>,
  comparable: (a: number, b: number) => boolean,
): OverlapPair[] {
  const pairable = (a: number, b: number) => comparable(a, b) && !supporting(docs[a]!) && !supporting(docs[b]!);
  const candidates = similarPairs(model.vectors, {
    threshold: opts.threshold,
    maxPosting: opts.maxPosting,
    comparable: pairable,
  });
  // duties naming one thesaurus object, or objects under one broader term, are compared whatever their cosine (a long
  // duty dilutes it below the index's reach)
  const seen = new Set(candidates.map((p) => Math.min(p.a, p.b) * docs.length + Math.max(p.a, p.b)));
  const holders = new Map<string, number[]>();
  model.tokens.forEach((tokens, i) => {
    const objects = objectsOf(tokens);
    const { broader } = factsOf(docs, model.tokens, i);
    for (const key of new Set([...objects.map((o) => `@${o}`), ...broader.map((b) => `^${b}`)]))
      holders.set(key, [...(holders.get(key) ?? []), i]);
  });
  for (const list of holders.values()) {
    if (list.length > maxSharedHolders) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const k = list[x]! * docs.length + list[y]!;
        if (seen.has(k) || !pairable(list[x]!, list[y]!)) continue;
        seen.add(k);
        candidates.push({ a: list[x]!, b: list[y]!, score: 0 });
      }
  }
  const pairs: OverlapPair[] = [];
  for (const p of candidates) {
    const e = explainDocs(docs, model, p.a, p.b);
    const t = docs[p.a]!.kind === 'power' ? Math.max(opts.threshold, powerThreshold) : opts.threshold;
    if (e.score >= t) pairs.push({ ...p, ...e, score: e.score });
  }
  return pairs;
}

const institutionsComparable = (docs: readonly OverlapDoc[], opts: OverlapOptions) => {
  const comparable = opts.comparable ?? ((x: string, y: string) => x !== y);
  return (a: number, b: number) => {
    const x = docs[a]!.institutionId;
    const y = docs[b]!.institutionId;
    return x !== y && comparable(x, y);
  };
};

export function detectOverlaps(docs: readonly OverlapDoc[], opts: OverlapOptions): OverlapResult {
  const model = overlapModel(docs);
  const pairs = scoredPairs(docs, model, opts, institutionsComparable(docs, opts));
  return { clusters: clustersOf(docs, pairs), pairs, model };
}

/**
 * What detectOverlaps finds for a set of duty texts whoever holds them: every pair at or above the threshold, the
 * institutions not yet considered. A pair's score depends only on the two texts and the corpus (the TF-IDF weights),
 * and whether two institutions may overlap only filters the pairs found (similarPairs applies it after scoring a
 * candidate's prefix), so for the same texts in the same order `detectOverlapsFrom` gives what detectOverlaps gives,
 * whatever the holders are now: a reform scenario moves duties between institutions, it does not reword them.
 */
export interface OverlapTextIndex {
  threshold: number;
  maxPosting?: number;
  /** The texts compared, in order (what must be unchanged for the index to hold). */
  docs: readonly Pick<OverlapDoc, 'title' | 'text' | 'kind' | 'role'>[];
  pairs: OverlapPair[];
}

export function overlapTextIndex(
  docs: readonly OverlapDoc[],
  opts: Pick<OverlapOptions, 'threshold' | 'maxPosting'>,
): OverlapTextIndex {
  const pairs = scoredPairs(docs, overlapModel(docs), opts, () => true);
  return {
    threshold: opts.threshold,
    maxPosting: opts.maxPosting,
    docs: docs.map(({ title, text, kind, role }) => ({ title, text, kind, role })),
    pairs,
  };
}

/** Does the index hold for these docs: the same texts, kinds and roles in the same order, at the same threshold? */
export function indexHolds(index: OverlapTextIndex, docs: readonly OverlapDoc[], opts: OverlapOptions): boolean {
  if (index.threshold !== opts.threshold || index.maxPosting !== opts.maxPosting) return false;
  if (index.docs.length !== docs.length) return false;
  return docs.every((d, k) => {
    const b = index.docs[k]!;
    return b.title === d.title && b.text === d.text && b.kind === d.kind && b.role === d.role;
  });
}

/** detectOverlaps from an index of the same texts (see OverlapTextIndex): the pairs refiltered by their holders now. */
export function detectOverlapsFrom(
  index: OverlapTextIndex,
  docs: readonly OverlapDoc[],
  opts: OverlapOptions,
): Omit<OverlapResult, 'model'> {
  const comparable = institutionsComparable(docs, opts);
  const pairs = index.pairs.filter((p) => comparable(p.a, p.b));
  return { clusters: clustersOf(docs, pairs), pairs };
}

/**
 * Clusters per shared object: pairs are grouped by the object they share, and each group's connected components are
 * the clusters, so one broad word cannot chain unrelated duties together. Only clusters spanning two or more
 * institutions are kept (a pair always does; a component always contains one).
 */
export function clustersOf(docs: readonly OverlapDoc[], pairs: OverlapPair[]): OverlapCluster[] {
  const byObject = new Map<string, OverlapPair[]>();
  for (const p of pairs) {
    // a broader term is keyed apart from a shared word that happens to read the same
    for (const key of p.objects.length ? p.objects : [p.broader ? `^${p.object}` : p.object]) {
      const g = byObject.get(key);
      if (g) g.push(p);
      else byObject.set(key, [p]);
    }
  }
  const clusters: OverlapCluster[] = [];
  for (const [key, group] of byObject) {
    const object = key.replace(/^\^/, '');
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    for (const p of group) {
      const ra = find(p.a);
      const rb = find(p.b);
      if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
    }
    const components = new Map<number, OverlapPair[]>();
    for (const p of group) {
      const r = find(p.a);
      const g = components.get(r);
      if (g) g.push(p);
      else components.set(r, [p]);
    }
    for (const g of components.values()) {
      const members = [...new Set(g.flatMap((p) => [p.a, p.b]))].sort((a, b) => a - b);
      const institutions = [...new Set(members.map((m) => docs[m]!.institutionId))];
      if (institutions.length < 2) continue;
      const termCount = new Map<string, number>();
      for (const p of g) p.terms.forEach((t, rank) => termCount.set(t, (termCount.get(t) ?? 0) + 1 - rank / 100));
      clusters.push({
        object,
        thesaurus: g.some((p) => p.objects.includes(object)),
        broader: key.startsWith('^'),
        members,
        pairs: g,
        maxScore: g.reduce((m, p) => Math.max(m, p.score), 0), // no spread: a cluster can hold millions of pairs
        meanScore: g.reduce((s, p) => s + p.score, 0) / g.length,
        institutions,
        topTerms: [...termCount].sort((a, b) => b[1] - a[1]).map(([t]) => t),
      });
    }
  }
  clusters.sort(
    (a, b) =>
      b.institutions.length - a.institutions.length || b.members.length - a.members.length || b.maxScore - a.maxScore,
  );
  // one finding per set of duties: a cluster whose duties all lie in a larger (or equal, earlier) one is the same story
  const kept: OverlapCluster[] = [];
  for (const c of clusters) {
    if (!kept.some((k) => c.members.every((m) => k.members.includes(m)))) kept.push(c);
  }
  return kept;
}

/**
 * Scores duty pairs the way the diagnostic does (same terms, weights, object gate), with the weights learnt from a
 * background corpus plus the pairs themselves: for measuring on labelled pairs.
 */
export function scoreDocPairs(background: readonly OverlapDoc[], pairs: readonly [OverlapDoc, OverlapDoc][]): number[] {
  // a duty of the background is counted once, as in a district's model: a duty labelled in many pairs would otherwise
  // weigh its words as common and its object share would fall
  const key = (d: OverlapDoc) => `${d.institutionId}\u0000${d.kind ?? ''}\u0000${comparedText(d)}`;
  const docs = [...background];
  const index = new Map(docs.map((d, i) => [key(d), i]));
  const at = (d: OverlapDoc) => {
    let i = index.get(key(d));
    if (i === undefined) {
      i = docs.push(d) - 1;
      index.set(key(d), i);
    }
    return i;
  };
  const refs = pairs.map(([a, b]) => [at(a), at(b)] as const);
  const model = overlapModel(docs);
  return refs.map(([a, b]) => explainDocs(docs, model, a, b).score);
}

/** As scoreDocPairs, for plain 三定-style texts. */
export function scoreTextPairs(background: readonly string[], pairs: readonly [string, string][]): number[] {
  const doc = (text: string): OverlapDoc => ({ institutionId: '', title: text, text: null, kind: 'sanding' });
  return scoreDocPairs(
    background.map(doc),
    pairs.map(([a, b]) => [doc(a), doc(b)]),
  );
}
