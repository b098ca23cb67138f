/**
 * DUTY_OVERLAP (九龙治水): the same object and action held by different institutions. 三定 duties are compared on
 * their words and on the thesaurus objects they name (the same task worded differently: 主要污染物减排 /
 * 应对气候变化和节能减排 are both 污染减排), 权责清单 items per category on their object phrase (the same 违法行为
 * punished by two units is 多头执法; a shared verb is not). One finding per shared object, naming it and the action
 * in words, with one duty per institution side by side.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding, type Severity } from '../finding.js';
import type { DiagnosticConfig } from '../config.js';
import { laws } from '../laws.js';
import {
  comparedText,
  detectOverlaps,
  detectOverlapsFrom,
  indexHolds,
  overlapTextIndex,
  type OverlapCluster,
  type OverlapDoc,
  type OverlapTextIndex,
} from '../overlap/detect.js';
import { overlapScope, recommendedOverlapThreshold } from '../overlap/scope.js';
import type { DutyFact, Snapshot } from '../snapshot.js';
import { broaderOf, consolidatedDomains, objectsIn, thesaurusObjects } from '../thesaurus.js';

/** Actions named in a finding when every member duty states one (most specific first). */
const actionWords = [
  '确权登记',
  '监督检查',
  '行政执法',
  '综合执法',
  '监测',
  '登记',
  '执法',
  '审批',
  '许可',
  '备案',
  '调查',
  '编制',
  '编纂',
  '防治',
  '治理',
  '整治',
  '救助',
  '安置',
  '征收',
  '评估',
  '验收',
  '建设',
  '维护',
  '保护',
  '统筹',
];

const categoryActions: Record<string, string> = {
  行政处罚: '处罚',
  行政检查: '检查',
  行政许可: '许可',
  行政强制: '强制',
  行政征收: '征收',
  行政给付: '给付',
  行政确认: '确认',
  行政奖励: '奖励',
  行政裁决: '裁决',
};

const cnNumbers = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnCount = (n: number) => cnNumbers[n] ?? String(n);

/**
 * Severity by how many administrative units (党政部门, 部门管理机构, 派出机构, 群团: not the 事业单位 delivering a
 * department's work) hold the object and how central it is to them (centrality: the share of the holders for which
 * the duty lies in one of their own main domains), for a close match (similarity ≥ 0.6 on a thesaurus object, ≥ 0.73
 * on shared words only, the medium cut of the word-only matcher before the thesaurus):
 * high from three administrative units with the duty central to most; medium from three, or from two for both of
 * which it is core work; low otherwise. 权责清单 duplicates (多头执法, weighed by ENFORCEMENT_SCATTERED) are medium
 * from four units on, else low.
 */
export function overlapSeverity(
  adminUnits: number,
  centrality: number,
  powerList: boolean,
  close: boolean,
  units = adminUnits,
): Severity {
  if (powerList) return units >= 4 ? 'medium' : 'low';
  if (!close) return 'low';
  if (adminUnits >= 3 && centrality >= 2 / 3) return 'high';
  if (adminUnits >= 3 || (adminUnits >= 2 && centrality >= 1)) return 'medium';
  return 'low';
}

const administrative = new Set(['party_dept', 'gov_dept', 'dept_managed', 'dispatched', 'mass_org']);

/** Each institution's main domains: the three holding most of its duties. */
function mainDomains(s: Snapshot): Map<string, Set<string>> {
  const counts = new Map<string, Map<string, number>>();
  for (const d of s.duties) {
    if (d.source !== 'sanding') continue;
    const c = counts.get(d.institutionId) ?? new Map<string, number>();
    for (const x of dutyDomains(d)) c.set(x, (c.get(x) ?? 0) + 1);
    counts.set(d.institutionId, c);
  }
  const out = new Map<string, Set<string>>();
  for (const [id, c] of counts)
    out.set(
      id,
      new Set(
        [...c]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([x]) => x),
      ),
    );
  return out;
}

/** One duty per institution: the member in the most (then strongest) pairs of the cluster. */
function representatives(c: OverlapCluster, duties: readonly DutyFact[]): DutyFact[] {
  const weight = new Map<number, number>();
  for (const p of c.pairs) {
    weight.set(p.a, (weight.get(p.a) ?? 0) + 1 + p.score);
    weight.set(p.b, (weight.get(p.b) ?? 0) + 1 + p.score);
  }
  const best = new Map<string, number>();
  for (const m of c.members) {
    const inst = duties[m]!.institutionId;
    const cur = best.get(inst);
    if (cur === undefined || weight.get(m)! > weight.get(cur)!) best.set(inst, m);
  }
  return c.institutions.map((id) => duties[best.get(id)!]!);
}

/** The duties compared, per group (三定, and 权责清单 per category), in snapshot order. */
function overlapGroups(s: Snapshot, scope: ReturnType<typeof overlapScope>) {
  const groups = new Map<string, DutyFact[]>();
  for (const d of s.duties) {
    if (!scope.included(d)) continue;
    const g = scope.group(d);
    const list = groups.get(g);
    if (list) list.push(d);
    else groups.set(g, [d]);
  }
  return groups;
}

const docsOf = (group: string, duties: DutyFact[]): OverlapDoc[] =>
  duties.map((d) => ({ ...d, kind: group !== 'sanding' ? 'power' : 'sanding' }));

/**
 * The base snapshot's overlap pairs per group, whoever holds the duties (see OverlapTextIndex): a scenario's
 * evaluation passes it in, and every group whose texts the scenario left as they were is only refiltered by the
 * holders after the scenario; a group with a duty added, dropped (its holder abolished or out of scope) or reworded
 * is detected afresh, since the TF-IDF weights of every text depend on the whole group.
 */
export type DutyOverlapIndex = ReadonlyMap<string, OverlapTextIndex>;

export function dutyOverlapIndex(s: Snapshot, config: DiagnosticConfig): DutyOverlapIndex {
  const out = new Map<string, OverlapTextIndex>();
  for (const [group, duties] of overlapGroups(s, overlapScope(s)))
    out.set(group, overlapTextIndex(docsOf(group, duties), { threshold: config.overlapThreshold }));
  return out;
}

export const findDutyOverlaps: Diagnostic = (s, config, context) => {
  const scope = overlapScope(s);
  const groups = overlapGroups(s, scope);
  const name = (id: string) => s.registry.institutions.get(id)?.name ?? id;
  const main = mainDomains(s);
  const out: Finding[] = [];
  for (const [group, duties] of groups) {
    const powerList = group !== 'sanding';
    const category = powerList ? group.slice(6) : '';
    const docs = docsOf(group, duties);
    const opts = { threshold: config.overlapThreshold, comparable: scope.comparable };
    const index = context?.overlapIndex?.get(group);
    const { clusters } =
      index && indexHolds(index, docs, opts) ? detectOverlapsFrom(index, docs, opts) : detectOverlaps(docs, opts);
    for (const c of clusters) {
      const reps = representatives(c, duties);
      const texts = reps.map((d) => `${d.title}${d.text ?? ''}`);
      const entry = thesaurusObjects.get(c.object);
      const domainCount = new Map<string, number>();
      for (const d of reps) for (const dm of dutyDomains(d)) domainCount.set(dm, (domainCount.get(dm) ?? 0) + 1);
      const domain = c.broader
        ? c.object
        : (entry?.domain.domain ?? [...domainCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '未分类');
      // a broader match: each holder's own object under the broader term (医疗保险 at 人社, 医疗救助 at 民政)
      const ownHits = reps.map((d) =>
        c.broader ? objectsIn(`${d.title}${d.text ?? ''}`).filter((h) => broaderOf(h.object).includes(c.object)) : [],
      );
      const parts = [...new Set(ownHits.flatMap((h) => h.map((x) => x.object)))];
      const precedent = c.broader ? consolidatedDomains.get(c.object)?.consolidated : undefined;
      const central = reps.filter((d) => {
        const own = main.get(d.institutionId);
        return !!own && (own.has(domain) || dutyDomains(d).some((x) => own.has(x)));
      }).length;
      const centrality = central / reps.length;
      // the object as the duties name it: a 权责清单 item's object phrase, else the thesaurus object or shared word
      const object = powerList ? comparedText({ ...reps[0]!, kind: 'power' }) : c.object;
      const action = powerList
        ? (categoryActions[category] ?? category)
        : (actionWords.find((a) => !object.includes(a) && texts.every((t) => t.includes(a))) ?? '');
      const institutions = reps.map((d) => ({ id: d.institutionId, name: name(d.institutionId) }));
      const body = entry?.domain.consolidated?.body ?? precedent?.body;
      // the reform's body itself coordinating the task (统筹/协调/指导) while others deliver parts of it is the
      // division of labour the reform set up
      const residue =
        !!body &&
        (c.thesaurus || c.broader) &&
        reps.some((d) => body.test(name(d.institutionId)) && /统筹|协调|指导/.test(`${d.title}${d.text ?? ''}`));
      const names = institutions.map((i) => i.name).join('、');
      const n = institutions.length;
      const matched = reps.map(
        (d) => objectsIn(`${d.title}${d.text ?? ''}`).find((h) => h.object === c.object)?.term ?? '',
      );
      // the same task in different words (主要污染物减排 / 节能减排), not the same words
      const worded = !powerList && c.thesaurus && new Set(matched).size > 1;
      const evidence: Evidence[] = reps.map((d) => ({
        kind: 'text',
        institutionId: d.institutionId,
        institution: name(d.institutionId),
        text: d.text && !d.text.startsWith(d.title) ? `${d.title}：${d.text}` : (d.text ?? d.title),
        highlight: [
          ...new Set([
            ...objectsIn(`${d.title}${d.text ?? ''}`)
              .filter((h) => h.object === c.object || (c.broader && broaderOf(h.object).includes(c.object)))
              .map((h) => h.term),
            ...c.topTerms.slice(0, 5).filter((t) => `${d.title}${d.text ?? ''}`.includes(t)),
          ]),
        ],
      }));
      evidence.push({ kind: 'number', label: '承担单位数', value: n, unit: '个' }, { kind: 'law', ...laws.overlap });
      const what = powerList
        ? `对“${object}”的${action}`
        : c.broader
          ? `${domain}领域的${parts.join('、')}`
          : `${object}${action}`;
      const worded2 = c.broader
        ? `分别承担${precedent ? `（${precedent.reform}已将其整合由${precedent.into}统一承担）` : `（同属${domain}）`}`
        : `同时承担${worded ? `（表述不同，同属${domain}领域“${object}”职责）` : ''}`;
      out.push(
        finding('DUTY_OVERLAP', {
          // after the reform the consolidated body leads and the others' share is residue: shown, not ranked
          severity: residue
            ? 'low'
            : overlapSeverity(
                reps.filter((d) => administrative.has(s.registry.institutions.get(d.institutionId)?.kind ?? '')).length,
                centrality,
                powerList,
                c.maxScore >= 0.6,
                n,
              ),
          title: powerList
            ? `${what}由${names}${cnCount(n)}个单位分别实施（权责清单${category}，多头执法）`
            : `${what}由${names}${cnCount(n)}个单位${worded2}`,
          institutions,
          measures: {
            object,
            action,
            domain,
            institutions: n,
            duties: c.members.length,
            centrality: Math.round(centrality * 100) / 100,
            matchedBy: c.broader ? '同一整合领域' : worded ? '同义对象' : '相同表述',
            topTerms: c.topTerms.slice(0, 5).join('、'),
            similarity: Math.round(c.maxScore * 1000) / 1000,
            meanSimilarity: Math.round(c.meanScore * 1000) / 1000,
            source: powerList ? `权责清单(${category})` : '三定',
          },
          evidence,
          measure: `按照“一件事由一个部门负责”的原则，明确${what}由一个部门牵头、其余部门配合，纳入职责边界清单。`,
        }),
      );
    }
  }
  return out;
};

/** A new or reworded 三定 duty of a scenario and the duties of other institutions it overlaps (a warning). */
export interface DutyOverlapWarning {
  /** null for a duty the scenario adds (it has no number until applied). */
  dutyId: number | null;
  institutionId: string;
  institution: string;
  title: string;
  overlaps: {
    dutyId: number | null;
    institutionId: string;
    institution: string;
    title: string;
    similarity: number;
    object: string;
  }[];
}

/**
 * The given 三定 duties run through the overlap engine against every other institution's 三定 duties in scope
 * (DUTY_OVERLAP's scoring and threshold; ids below 1 are duties not yet stored): before a scenario is submitted, what
 * its new or reworded duties would duplicate. Unlike the diagnostic, an institution of the same family counts too.
 */
export function overlapsOfDuties(
  s: Snapshot,
  dutyIds: ReadonlySet<number>,
  config: DiagnosticConfig,
): DutyOverlapWarning[] {
  if (!dutyIds.size) return [];
  const scope = overlapScope(s);
  const duties = s.duties.filter((d) => d.source === 'sanding' && (dutyIds.has(d.id) || scope.included(d)));
  const { pairs } = detectOverlaps(docsOf('sanding', duties), { threshold: config.overlapThreshold });
  const name = (id: string) => s.registry.institutions.get(id)?.name ?? id;
  const idOf = (d: DutyFact) => (d.id > 0 ? d.id : null);
  const out = new Map<number, DutyOverlapWarning>();
  for (const p of pairs) {
    for (const [mine, other] of [
      [p.a, p.b],
      [p.b, p.a],
    ] as const) {
      const d = duties[mine]!;
      if (!dutyIds.has(d.id)) continue;
      const o = duties[other]!;
      let w = out.get(mine);
      if (!w)
        out.set(
          mine,
          (w = {
            dutyId: idOf(d),
            institutionId: d.institutionId,
            institution: name(d.institutionId),
            title: d.title,
            overlaps: [],
          }),
        );
      w.overlaps.push({
        dutyId: idOf(o),
        institutionId: o.institutionId,
        institution: name(o.institutionId),
        title: o.title,
        similarity: Math.round(p.score * 1000) / 1000,
        object: p.object,
      });
    }
  }
  for (const w of out.values()) w.overlaps.sort((a, b) => b.similarity - a.similarity);
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, w]) => w);
}

export const dutyOverlapDiagnostic = defineDiagnostic({
  code: 'DUTY_OVERLAP',
  section: '职能配置',
  label: '职能交叉重叠("九龙治水")',
  severity:
    "by the administrative units holding the object and how central it is to them, for close matches: high from three administrative units with the duty central to most; medium from three, or two where it is central; low otherwise and for a reform body's residue (see the comment above overlapSeverity).",
  effect: '职责交叉重叠，缺乏明确的责任划分，容易出现推诿扯皮、“九龙治水”的局面',
  thresholds: {
    overlapThreshold: {
      default: recommendedOverlapThreshold,
      doc: 'cosine similarity of TF-IDF vectors at or above which two duties overlap (object-gated; measured by bench:overlap)',
    },
  },
  find: findDutyOverlaps,
});
