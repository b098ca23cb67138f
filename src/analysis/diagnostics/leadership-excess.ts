/** LEADERSHIP_EXCESS: more leaders in post than the approved leadership posts of a level and class (超职数, 第二十六条). */
import { postKey } from '../../domain/ledger.js';
import { postClassLabels, type PostClass } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions } from '../snapshot.js';

/** Severity: high when 2 or more over, or leaders of a level/class with no approved post at all; medium for one. */
function severityOf(excess: number, approved: number): Severity {
  return excess >= 2 || approved === 0 ? 'high' : 'medium';
}

export const findLeadershipExcess: Diagnostic = (s) => {
  const active = new Map(activeInstitutions(s).map((i) => [i.id, i]));
  const holders = new Map<string, string[]>();
  for (const p of s.people) {
    const inst = active.get(p.institutionId);
    if (!p.leadershipLevel || !inst) continue;
    // a leader without a class counts against the class its institution's posts normally carry
    const cls = p.postClass ?? (inst.kind === 'public_institution' ? 'public_service' : 'admin');
    const key = postKey(inst.id, p.leadershipLevel, cls);
    const list = holders.get(key) ?? [];
    list.push(p.post ?? p.leadershipLevel);
    holders.set(key, list);
  }
  const out: Finding[] = [];
  for (const [key, posts] of holders) {
    const approved = s.registry.posts.get(key) ?? 0;
    const excess = posts.length - approved;
    if (excess <= 0) continue;
    const [id, level, cls] = key.split('|') as [string, string, string];
    const inst = active.get(id)!;
    const clsLabel = postClassLabels[cls as PostClass] ?? cls;
    out.push(
      finding('LEADERSHIP_EXCESS', {
        severity: severityOf(excess, approved),
        title: `${inst.name}${clsLabel}${level}领导职数核定${approved}名，实配${posts.length}名，超职数${excess}名`,
        institutions: [{ id: inst.id, name: inst.name }],
        measures: { level, postClass: cls, approved, holders: posts.length, excess },
        evidence: [
          { kind: 'number', label: `${level}职数核定`, value: approved, unit: '名', institution: inst.name },
          { kind: 'number', label: `${level}实配`, value: posts.length, unit: '名', institution: inst.name },
          {
            kind: 'text',
            institutionId: inst.id,
            institution: inst.name,
            text: `${level}领导职务：${posts.join('、')}`,
          },
          { kind: 'law', ...laws.leadershipExcess },
        ],
        measure:
          `${inst.name}超职数配备的${excess}名${level}领导，通过职务调整、交流任职、退出领导岗位等方式限期消化，消化前不再新提拔${level}干部；` +
          `编办会同组织部门建立领导职数使用预审制度，严格按核定职数选配领导成员。`,
      }),
    );
  }
  return out;
};

export const leadershipExcessDiagnostic = defineDiagnostic({
  code: 'LEADERSHIP_EXCESS',
  section: '人员结构',
  label: '超职数配备领导',
  severity: 'high when 2 or more over, or leaders of a level/class with no approved post at all; medium for one.',
  effect: '超职数配备领导，职数管理不够严格',
  thresholds: {},
  find: findLeadershipExcess,
});
