/**
 * LIVELIHOOD_GAP: 养老服务 and 学前教育 public institutions and their 事业编制 against demand (people aged 60+, children
 * aged 0–6) — the seed report's 事业单位设置与民生需求不匹配.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { activeInstitutions, type Snapshot } from '../snapshot.js';
import type { InstitutionState } from '../../domain/ledger.js';

interface Sector {
  domain: string;
  label: string;
  names: RegExp;
  demandIndicator: string;
  demandLabel: string;
  /** Demand is expressed per `per` people. */
  per: number;
  perLabel: string;
  threshold: (c: Parameters<Diagnostic>[1]) => number;
  measure: string;
}

const sectors: Sector[] = [
  {
    domain: '养老服务',
    label: '养老服务',
    names: /养老|敬老|福利院|老年公寓|托养/,
    demandIndicator: '60岁以上人口',
    demandLabel: '60岁以上老年人口',
    per: 10000,
    perLabel: '每万名老年人',
    threshold: (c) => c.elderlyQuotaPer10k,
    measure:
      '围绕老龄化趋势加大养老服务类事业单位设置和编制保障力度:在编制总量内统筹调剂事业编制,优先补足区社会福利院、乡镇敬老院的护理和管理力量,' +
      '推动设立区级养老服务指导中心,在老年人口集中的镇街布局区域性养老服务机构,切实提高养老服务供给能力。',
  },
  {
    domain: '学前教育',
    label: '学前教育',
    names: /幼儿园|托育|托儿所/,
    demandIndicator: '0-6岁儿童',
    demandLabel: '0-6岁儿童',
    per: 1000,
    perLabel: '每千名0-6岁儿童',
    threshold: (c) => c.childrenQuotaPer1k,
    measure:
      '围绕学前教育普及普惠目标,在编制总量内统筹调剂事业编制向公办幼儿园倾斜,按照在园幼儿规模核定保教人员编制,' +
      '在人口集中的新城区和中心镇新设公办幼儿园,扩大普惠性学前教育资源供给。',
  },
];

export const findLivelihoodGaps: Diagnostic = (s, config) => {
  const institutions = activeInstitutions(s);
  const mainDomains = primaryDomains(s);
  const out: Finding[] = [];
  for (const sector of sectors) {
    const demand = districtDemand(s, sector.demandIndicator);
    if (demand === null || demand <= 0) continue;
    // Public institutions of the sector: named so, or whose duties mostly lie in its domain.
    const units = institutions.filter(
      (i) =>
        i.kind === 'public_institution' && (sector.names.test(i.name) || mainDomains.get(i.id)?.has(sector.domain)),
    );
    const quotaOf = (i: InstitutionState) => s.registry.quotas.get(`${i.id}|public_service`) ?? 0;
    const quota = units.reduce((a, i) => a + quotaOf(i), 0);
    const rate = (quota / demand) * sector.per;
    const threshold = sector.threshold(config);
    if (rate >= threshold) continue;
    const needed = Math.ceil((threshold * demand) / sector.per);
    const level = rate / threshold;
    // high: less than half the minimum; medium: less than three quarters; low: a shortfall within a quarter, which
    // annual quota adjustment can close.
    const severity = level < 0.5 ? 'high' : level < 0.75 ? 'medium' : 'low';
    const departments = responsibleDepartments(s, units, sector.domain);
    const involved = [...departments, ...units];
    const unitList = units.length
      ? `${units.length}个(${units.map((u) => `${u.name}${quotaOf(u)}名`).join('、')})`
      : '0个';
    out.push(
      finding('LIVELIHOOD_GAP', {
        severity,
        title:
          `${sector.label}事业单位仅${unitList},事业编制合计${quota}名,` +
          `按全区${sector.demandLabel}${fmt(demand)}人计算,${sector.perLabel}仅${rate.toFixed(2)}名,低于本次测算口径(${sector.perLabel}${threshold}名,按此口径至少需${needed}名)`,
        institutions: involved.map((i) => ({ id: i.id, name: i.name })),
        measures: {
          sector: sector.label,
          units: units.length,
          quota,
          demand,
          ratePer: sector.per,
          rate: Math.round(rate * 100) / 100,
          threshold,
          needed,
          shortfall: needed - quota,
        },
        evidence: [
          { kind: 'number', label: sector.demandLabel, value: demand, unit: '人' },
          { kind: 'number', label: `${sector.label}事业单位事业编制`, value: quota, unit: '名' },
          { kind: 'number', label: `${sector.perLabel}事业编制`, value: Math.round(rate * 100) / 100, unit: '名' },
          { kind: 'number', label: `达到${threshold}名标准所需编制`, value: needed, unit: '名' },
          ...units.map((u): Evidence => ({
            kind: 'number',
            label: '核定事业编制',
            value: quotaOf(u),
            unit: '名',
            institution: u.name,
          })),
        ],
        measure: sector.measure,
      }),
    );
  }
  return out;
};

/** District-wide demand: the latest district figure, else the sum over streets and townships of their latest year. */
function districtDemand(s: Snapshot, indicator: string): number | null {
  const rows = s.indicators.filter((x) => x.indicator === indicator && x.value !== null);
  const district = rows.filter((x) => x.scopeInstitutionId === null);
  if (district.length) return district.reduce((a, x) => (x.year > a.year ? x : a)).value;
  const latest = new Map<string, { year: number; value: number }>();
  for (const x of rows) {
    const prev = latest.get(x.scopeInstitutionId!);
    if (!prev || x.year > prev.year) latest.set(x.scopeInstitutionId!, { year: x.year, value: x.value! });
  }
  return latest.size ? [...latest.values()].reduce((a, x) => a + x.value, 0) : null;
}

/** Per public institution, the domains holding the most of its duties (its main line of work). */
function primaryDomains(s: Snapshot): Map<string, Set<string>> {
  const counts = new Map<string, Map<string, number>>();
  for (const d of s.duties) {
    // Only public institutions can be sector units; skip the rest so the dictionary runs on few duties.
    if (s.registry.institutions.get(d.institutionId)?.kind !== 'public_institution') continue;
    const c = counts.get(d.institutionId) ?? new Map<string, number>();
    for (const dm of dutyDomains(d)) c.set(dm, (c.get(dm) ?? 0) + 1);
    counts.set(d.institutionId, c);
  }
  const out = new Map<string, Set<string>>();
  for (const [id, c] of counts) {
    const max = Math.max(0, ...c.values());
    out.set(id, new Set([...c].filter(([, n]) => n === max && n > 0).map(([dm]) => dm)));
  }
  return out;
}

/** The departments answerable: the units' parents, else the party/government department leading most in the domain. */
function responsibleDepartments(s: Snapshot, units: InstitutionState[], domain: string): InstitutionState[] {
  const parents = [...new Set(units.map((u) => u.parentId).filter((p): p is string => !!p))]
    .map((id) => s.registry.institutions.get(id))
    .filter((i): i is InstitutionState => !!i && i.kind !== 'internal_unit');
  if (parents.length) return parents;
  const leads = new Map<string, number>();
  for (const d of s.duties) {
    const i = s.registry.institutions.get(d.institutionId);
    if (!i || (i.kind !== 'gov_dept' && i.kind !== 'party_dept') || d.role !== 'lead') continue;
    if (dutyDomains(d).includes(domain)) leads.set(i.id, (leads.get(i.id) ?? 0) + 1);
  }
  const best = [...leads].sort((a, b) => b[1] - a[1])[0];
  return best ? [s.registry.institutions.get(best[0])!] : [];
}

const fmt = (v: number) => (v >= 10000 ? `${Math.round(v / 100) / 100}万` : String(v));

export const livelihoodGapDiagnostic = defineDiagnostic({
  code: 'LIVELIHOOD_GAP',
  section: '机构设置',
  label: '民生领域机构编制保障不足',
  severity:
    'high below half the minimum quota rate; medium below three quarters; low for a shortfall within a quarter (annual quota adjustment can close it).',
  effect: '机构编制保障与民生需求不相匹配，公共服务供给能力不足',
  thresholds: {
    elderlyQuotaPer10k: {
      default: 5,
      doc: 'minimum public-service quota of 养老服务 units per 10,000 people aged 60+',
    },
    childrenQuotaPer1k: {
      default: 3,
      doc: 'minimum public-service quota of 学前教育 units per 1,000 children aged 0–6',
    },
  },
  find: findLivelihoodGaps,
});
