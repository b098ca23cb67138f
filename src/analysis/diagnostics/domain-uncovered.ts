/** DOMAIN_UNCOVERED: a configured emerging domain (数字经济, 人工智能…) with no lead duty at all, or only vague ones. */
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { firmLeadDomains, holdersOf, vagueDutiesIn, vagueEvidence } from './vague-duty.js';

/**
 * Severity: high when nobody leads at all (no duty, or only 参与/配合 assist items); medium when some institution holds a
 * lead-role duty in the domain but words it vaguely (指导…), so a lead exists on paper.
 */
function severityOf(vagueLead: boolean): Severity {
  return vagueLead ? 'medium' : 'high';
}

export const findUncoveredDomains: Diagnostic = (s, config) => {
  const firm = firmLeadDomains(s, config.vagueWords);
  const vague = vagueDutiesIn(s, config.vagueWords);
  const out: Finding[] = [];
  for (const domain of config.emergingDomains) {
    if (firm.has(domain)) continue;
    const list = vague.get(domain) ?? [];
    const holders = holdersOf(list);
    const names = holders.map((h) => h.name).join('、');
    const vagueLead = list.some((v) => v.duty.role === 'lead');
    const words = [...new Set(list.map((v) => v.word))].map((w) => `"${w}"`).join('');
    out.push(
      finding('DOMAIN_UNCOVERED', {
        severity: severityOf(vagueLead),
        title: list.length
          ? `${domain}领域没有明确的牵头职责，仅${names}有${list.length}项${words}类模糊表述`
          : `${domain}领域没有任何单位承担相关职责`,
        institutions: holders,
        measures: { domain, vagueDuties: list.length, institutions: holders.length },
        evidence: list.length
          ? vagueEvidence(list)
          : [{ kind: 'number', label: `${domain}领域职责事项`, value: 0, unit: '项' }],
        measure:
          `补齐${domain}领域职能：结合机构改革明确${domain}的主管部门${holders.length ? `(可从${names}中确定)` : ''}，` +
          `在其"三定"规定中写明统筹规划、政策制定、产业培育和监管服务等牵头职责，必要时加挂牌子、设立专门内设机构并核增编制；` +
          `相关部门的配合职责同步细化，确保职能配置适应新兴领域发展需要。`,
      }),
    );
  }
  return out;
};

export const domainUncoveredDiagnostic = defineDiagnostic({
  code: 'DOMAIN_UNCOVERED',
  section: '职能配置',
  label: '新兴领域职能缺位',
  severity:
    'high when nobody leads at all (no duty, or only 参与/配合 assist items); medium when a lead-role duty exists but is worded vaguely.',
  effect: '新兴领域职能配置滞后，不能适应快速发展的形势',
  thresholds: {
    emergingDomains: {
      default: ['数字经济', '人工智能', '低空经济', '碳达峰碳中和'],
      doc: 'the emerging domains that must have a firm lead',
    },
  },
  find: findUncoveredDomains,
});
