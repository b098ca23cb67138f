/**
 * DUTY_OVERLAP (九龙治水): the same object and action held by different institutions, found in 三定 duties and 权责清单
 * items by TF-IDF cosine (src/analysis/overlap), one finding per cluster, with the duties side by side and the shared
 * terms highlighted.
 */
import { dutyDomains } from '../domains.js';
import { finding, type Diagnostic, type Evidence, type Finding, type Severity } from '../finding.js';
import { laws } from '../laws.js';
import { detectOverlaps, type OverlapCluster } from '../overlap/detect.js';
import { overlapScope } from '../overlap/scope.js';
import type { DutyFact } from '../snapshot.js';

/** high: three or more institutions on a close match, or a near-identical pair; medium: a clear pair. */
export function overlapSeverity(
  c: Pick<OverlapCluster, 'institutions' | 'maxScore'>,
  powerListOnly: boolean,
): Severity {
  // 权责清单 duplicates are 多头执法, weighed by ENFORCEMENT_SCATTERED; here they are shown, not ranked
  if (powerListOnly) return 'low';
  if (c.maxScore >= 0.9 || (c.institutions.length >= 3 && c.maxScore >= 0.85)) return 'high';
  if (c.maxScore >= 0.73) return 'medium';
  return 'low';
}

export const findDutyOverlaps: Diagnostic = (s, config) => {
  const scope = overlapScope(s);
  const groups = new Map<string, DutyFact[]>();
  for (const d of s.duties) {
    if (!scope.included(d)) continue;
    const g = scope.group(d);
    const list = groups.get(g);
    if (list) list.push(d);
    else groups.set(g, [d]);
  }
  const name = (id: string) => s.registry.institutions.get(id)?.name ?? id;
  const out: Finding[] = [];
  for (const [group, duties] of groups) {
    const { clusters } = detectOverlaps(duties, { threshold: config.overlapThreshold, comparable: scope.comparable });
    for (const c of clusters) {
      const members = c.members.map((m) => duties[m]!);
      const terms = c.topTerms.slice(0, 5);
      const domainCount = new Map<string, number>();
      for (const d of members) for (const dm of dutyDomains(d)) domainCount.set(dm, (domainCount.get(dm) ?? 0) + 1);
      const domain = [...domainCount].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '未分类';
      const label = terms[0] ?? domain;
      const institutions = c.institutions.map((id) => ({ id, name: name(id) }));
      const names = institutions.map((i) => i.name).join('、');
      const evidence: Evidence[] = members.map((d) => ({
        kind: 'text',
        institutionId: d.institutionId,
        institution: name(d.institutionId),
        text: d.text && !d.text.startsWith(d.title) ? `${d.title}：${d.text}` : (d.text ?? d.title),
        highlight: terms.filter((t) => `${d.title}${d.text ?? ''}`.includes(t)),
      }));
      evidence.push(
        { kind: 'number', label: '最高相似度', value: Math.round(c.maxScore * 100) / 100 },
        { kind: 'law', ...laws.overlap },
      );
      out.push(
        finding('DUTY_OVERLAP', {
          severity: overlapSeverity(c, group !== 'sanding'),
          title: `“${label}”职责由${names}${institutions.length}个单位同时承担（${domain}领域，相似度${c.maxScore.toFixed(2)}）`,
          institutions,
          measures: {
            similarity: Math.round(c.maxScore * 1000) / 1000,
            meanSimilarity: Math.round(c.meanScore * 1000) / 1000,
            institutions: institutions.length,
            duties: members.length,
            topTerms: terms.join('、'),
            domain,
            source: group === 'sanding' ? '三定' : `权责清单(${group.slice(6)})`,
          },
          evidence,
          measure: `按照“一件事由一个部门负责”的原则，明确“${label}”事项由一个部门牵头、其余部门配合，纳入职责边界清单。`,
        }),
      );
    }
  }
  return out;
};
