/**
 * Overlap detection benchmark: quality on the labelled pairs (test/fixtures/overlap-pairs.json), scale on 200,000
 * generated duty items, candidate recall and speed against exact all-pairs cosine on a 20,000 sample, and the
 * PostgreSQL pg_trgm peer on the same pairs and a sample. Uses the diagnostic's own scoring and threshold.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { demoSnapshot } from '../test/demo-snapshot.js';
import { allPairs, similarPairs } from '../src/analysis/overlap/candidates.js';
import { detectOverlaps, scoreTextPairs } from '../src/analysis/overlap/detect.js';
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
  return { precision: p, recall: r, f1: (2 * p * r) / (p + r || 1) };
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

// 1. quality on labelled pairs
let t0 = performance.now();
const scores = scoreTextPairs(
  background,
  pairs.map((p) => [p.a.text, p.b.text] as [string, string]),
);
const oursMs = performance.now() - t0;
const labels = pairs.map((p) => p.overlap);
console.log(`labelled pairs: ${pairs.length} (${labels.filter(Boolean).length} overlaps)`);
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
const N = Number(process.env.OVERLAP_BENCH_N ?? 200_000);
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
  `scale: ${N} items  detection ${(detectMs / 1000).toFixed(1)} s (target ≤ 60 s)  pairs ≥${threshold}: ${detected.pairs.length}  clusters: ${detected.clusters.length}  peak RSS ${rssMb.toFixed(0)} MB (target ≤ 2048 MB)`,
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
