/**
 * DOMAIN_FRAGMENTED (GAO-style fragmentation): one policy domain's lead duties spread over many institutions, even when
 * worded differently (防汛 / 森林防火 / 地质灾害 / 救灾 are all 防灾减灾). Territorial units (their lists are the same
 * everywhere) and coordination bodies (which exist to pull a domain together) are not counted.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Severity } from '../finding.js';
import { laws } from '../laws.js';
import { overlapScope } from '../overlap/scope.js';
import { supporting } from '../overlap/detect.js';
import { consolidatedDomains, thesaurusDomains } from '../thesaurus.js';

const notCounted = new Set(['street', 'township', 'coordination', 'internal_unit']);

export function fragmentedSeverity(count: number, min: number): Severity {
  if (count >= min + 1) return 'high';
  if (count >= min) return 'medium';
  return 'low';
}

export const findFragmentedDomains: Diagnostic = (s, config) => {
  const inst = s.registry.institutions;
  // a 局 and its own 事业单位 (or a unit hosted by it) are one holder: the bureau delivers through them
  const { familyOf } = overlapScope(s);
  // domain → institution → lead duty titles (三定 only: the mandate, not the item lists)
  const leads = new Map<string, Map<string, string[]>>();
  // domain → institution → lead duty titles naming an object of a domain a reform consolidated (thesaurus.ts)
  const reformLeads = new Map<string, Map<string, string[]>>();
  for (const d of s.duties) {
    if (d.source !== 'sanding' || d.role !== 'lead') continue;
    const i = inst.get(d.institutionId);
    const family = familyOf(d.institutionId);
    const root = inst.get(family);
    if (!i || i.status !== 'active' || notCounted.has(i.kind) || notCounted.has(root?.kind ?? '')) continue;
    for (const domain of dutyDomains(d)) {
      let byInst = leads.get(domain);
      if (!byInst) leads.set(domain, (byInst = new Map()));
      const titles = byInst.get(family) ?? [];
      titles.push(i.id === family ? d.title : `${d.title}（${i.name}）`);
      byInst.set(family, titles);
    }
    if (supporting({ ...d, kind: 'sanding' })) continue;
    for (const domain of thesaurusDomains(d.text ? `${d.title}。${d.text}` : d.title)) {
      if (!consolidatedDomains.has(domain)) continue;
      let byInst = reformLeads.get(domain);
      if (!byInst) reformLeads.set(domain, (byInst = new Map()));
      const titles = byInst.get(family) ?? [];
      titles.push(i.id === family ? d.title : `${d.title}（${i.name}）`);
      byInst.set(family, titles);
    }
  }
  const out = [];
  const reported = new Set<string>();
  // A domain that a reform consolidated into one body (2018: 生态环境、应急管理、医疗保障…; 2023: 数据、社会工作…) and
  // that still has lead duties in two or more institutions here is fragmented by that precedent.
  // the institutions holding a domain's lead duties, and their duties side by side
  const holders = (byInst: Map<string, string[]>) => ({
    institutions: [...byInst.keys()].map((id) => ({ id, name: inst.get(id)?.name ?? id })),
    evidence: [...byInst].map(([id, titles]): Evidence => ({
      kind: 'text',
      institutionId: id,
      institution: inst.get(id)?.name ?? id,
      text: titles.join('；'),
    })),
  });
  for (const [domain, byInst] of reformLeads) {
    if (byInst.size < 2) continue;
    const general = leads.get(domain);
    if (general && general.size >= config.fragmentedLeadsMin && general.size >= byInst.size) continue;
    const precedent = consolidatedDomains.get(domain)!.consolidated!;
    reported.add(domain);
    const { institutions, evidence } = holders(byInst);
    evidence.push(
      { kind: 'number', label: '牵头单位数', value: byInst.size, unit: '个' },
      {
        kind: 'law',
        law: precedent.reform,
        article: '职责整合',
        text: `${precedent.reform}将${domain}领域上述职责整合由${precedent.into}统一承担`,
      },
      { kind: 'law', ...laws.comprehensiveSetup },
    );
    // once one holder has most of the domain's lead duties (the consolidated body exists), the rest is residue: low
    const counts = [...byInst.values()].map((t) => t.length);
    const total = counts.reduce((a, b) => a + b, 0);
    const dominant = Math.max(...counts) * 2 > total;
    out.push(
      finding('DOMAIN_FRAGMENTED', {
        severity: dominant ? 'low' : fragmentedSeverity(byInst.size + 1, config.fragmentedLeadsMin),
        title: `${domain}领域的牵头职责分散在${institutions.map((i) => i.name).join('、')}${byInst.size}个单位（${precedent.reform}已将其整合由${precedent.into}统一承担）`,
        institutions,
        measures: {
          domain,
          leadInstitutions: byInst.size,
          leadDuties: [...byInst.values()].reduce((a, t) => a + t.length, 0),
          precedent: precedent.reform,
        },
        evidence,
        measure: `参照${precedent.reform}，将${domain}领域分散在${institutions.map((i) => i.name).join('、')}的职责整合由${precedent.into}统一承担，其余部门按职责分工配合。`,
      }),
    );
  }
  for (const [domain, byInst] of leads) {
    if (byInst.size < config.fragmentedLeadsMin || reported.has(domain)) continue;
    const { institutions, evidence } = holders(byInst);
    evidence.push(
      { kind: 'number', label: '牵头单位数', value: byInst.size, unit: '个' },
      { kind: 'law', ...laws.comprehensiveSetup },
    );
    out.push(
      finding('DOMAIN_FRAGMENTED', {
        severity: fragmentedSeverity(byInst.size, config.fragmentedLeadsMin),
        title: `${domain}领域的牵头职责分散在${institutions.map((i) => i.name).join('、')}${byInst.size}个单位`,
        institutions,
        measures: {
          domain,
          leadInstitutions: byInst.size,
          leadDuties: [...byInst.values()].reduce((a, t) => a + t.length, 0),
        },
        evidence,
        measure: `梳理${domain}领域职责，明确一个综合牵头部门，其余部门按职责分工配合，必要时整合相关职责、综合设置机构。`,
      }),
    );
  }
  return out.sort((a, b) => Number(b.measures.leadInstitutions) - Number(a.measures.leadInstitutions));
};

export const domainFragmentedDiagnostic = defineDiagnostic({
  code: 'DOMAIN_FRAGMENTED',
  section: '职能配置',
  label: '同一领域职责分散',
  severity:
    "high from fragmentedLeadsMin + 1 lead institutions; medium at fragmentedLeadsMin; low below, and low when one holder already has most of a consolidated domain's lead duties.",
  effect: '同一领域多头牵头、缺乏统筹，难以形成工作合力',
  thresholds: {
    fragmentedLeadsMin: {
      default: 4,
      doc: 'institutions with lead duties in one domain at or above which the domain is fragmented',
    },
  },
  find: findFragmentedDomains,
});
