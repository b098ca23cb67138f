/** DUTY_TOO_BROAD: institutions whose 三定 lead duties spread over many domains relative to their staff (过多过杂). */
import type { InstitutionKind } from '../../domain/vocabulary.js';
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding, type Severity } from '../finding.js';
import { activeInstitutions, type DutyFact } from '../snapshot.js';

/** Streets and townships are comprehensive by nature; coordination bodies hold no staff of their own (第十九条). */
const excluded = new Set<InstitutionKind>(['street', 'township', 'coordination', 'internal_unit']);

/**
 * Severity: high when both the domain count and the domains per person reach 1.5× their thresholds; medium otherwise.
 */
function severityOf(domains: number, perStaff: number, minDomains: number, maxPerStaff: number): Severity {
  return domains >= 1.5 * minDomains && perStaff >= 1.5 * maxPerStaff ? 'high' : 'medium';
}

export const findTooBroadDuties: Diagnostic = (s, config) => {
  // domains per staff member needs the roster; without one DATA_QUALITY reports the gap
  if (s.people.length === 0) return [];
  const staff = new Map<string, number>();
  for (const p of s.people) staff.set(p.institutionId, (staff.get(p.institutionId) ?? 0) + 1);
  const dutiesOf = new Map<string, DutyFact[]>();
  for (const d of s.duties) {
    if (d.source !== 'sanding' || d.role !== 'lead') continue;
    const list = dutiesOf.get(d.institutionId);
    if (list) list.push(d);
    else dutiesOf.set(d.institutionId, [d]);
  }
  const out: Finding[] = [];
  for (const inst of activeInstitutions(s)) {
    if (excluded.has(inst.kind)) continue;
    const byDomain = new Map<string, DutyFact[]>();
    for (const d of dutiesOf.get(inst.id) ?? []) {
      for (const x of dutyDomains(d)) byDomain.set(x, [...(byDomain.get(x) ?? []), d]);
    }
    const domains = byDomain.size;
    const n = staff.get(inst.id) ?? 0;
    const perStaff = domains / Math.max(1, n);
    if (domains < config.broadDomainsMin || perStaff <= config.broadDomainsPerStaff) continue;
    let approved = 0;
    for (const [key, v] of s.registry.quotas) if (key.startsWith(`${inst.id}|`)) approved += v;
    // the domains with most duties are the core; the rest are candidates to hand to their line departments
    const ranked = [...byDomain].sort((a, b) => b[1].length - a[1].length).map(([x]) => x);
    const core = ranked.slice(0, 3);
    const shed = ranked.slice(3);
    const evidence: Evidence[] = [
      { kind: 'number', label: '三定牵头职责涉及领域', value: domains, unit: '个', institution: inst.name },
      { kind: 'number', label: '实有人员', value: n, unit: '人', institution: inst.name },
      { kind: 'number', label: '核定编制', value: approved, unit: '名', institution: inst.name },
      {
        kind: 'number',
        label: '平均每人牵头的领域',
        value: Math.round(perStaff * 100) / 100,
        unit: '个',
        institution: inst.name,
      },
      ...ranked.map((x) => ({
        kind: 'text' as const,
        institutionId: inst.id,
        institution: inst.name,
        text: `【${x}】${byDomain.get(x)![0]!.title}`,
        highlight: [x],
      })),
    ];
    out.push(
      finding('DUTY_TOO_BROAD', {
        severity: severityOf(domains, perStaff, config.broadDomainsMin, config.broadDomainsPerStaff),
        title: `${inst.name}实有${n}人(核定编制${approved}名)，三定牵头职责却涉及${domains}个领域，人均${Math.round(perStaff * 10) / 10}个，职能过多过杂`,
        institutions: [{ id: inst.id, name: inst.name }],
        measures: {
          domains,
          staff: n,
          approved,
          domainsPerStaff: Math.round(perStaff * 100) / 100,
          domainList: ranked.join('、'),
        },
        evidence,
        measure:
          `精简${inst.name}职能、突出主责主业：保留${core.join('、')}等核心职责，` +
          `将${shed.slice(0, 6).join('、')}${shed.length > 6 ? '等' : ''}领域的职责划归相应行业主管部门，修订"三定"规定；` +
          `确需保留的，按工作量核增编制或整合内设机构，避免"小马拉大车"。`,
      }),
    );
  }
  return out;
};

export const dutyTooBroadDiagnostic = defineDiagnostic({
  code: 'DUTY_TOO_BROAD',
  section: '职能配置',
  label: '职能配置过于宽泛',
  severity: 'high when both the domain count and the domains per person reach 1.5× their thresholds; medium otherwise.',
  effect: '承担的任务过多过杂，难以集中精力解决核心问题',
  thresholds: {
    broadDomainsPerStaff: {
      default: 1,
      doc: 'domains of 三定 lead duties per staff member above which duties are too broad',
    },
    broadDomainsMin: { default: 8, doc: 'the fewest domains an institution must lead in to be judged too broad' },
  },
  find: findTooBroadDuties,
});
