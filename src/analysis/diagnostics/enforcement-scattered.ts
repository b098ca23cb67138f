/**
 * ENFORCEMENT_SCATTERED: one domain's 行政处罚/行政检查 power items held by many district institutions (多头执法).
 * Streets and townships are left out: their items are delegated (赋权) to every one of them alike, which is the design of
 * 镇街综合执法, not scattering.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { laws } from '../laws.js';
import type { DutyFact } from '../snapshot.js';

const enforcementCategories = new Set(['行政处罚', '行政检查']);
const localKinds = new Set(['street', 'township', 'internal_unit', 'coordination']);

export const findScatteredEnforcement: Diagnostic = (s, config) => {
  // domain → institution → its enforcement items there
  const byDomain = new Map<string, Map<string, DutyFact[]>>();
  for (const d of s.duties) {
    if (d.source !== 'power_list' || !enforcementCategories.has(d.category ?? '')) continue;
    const inst = s.registry.institutions.get(d.institutionId);
    if (!inst || inst.status !== 'active' || localKinds.has(inst.kind)) continue;
    for (const dm of new Set(dutyDomains(d))) {
      const perUnit = byDomain.get(dm) ?? new Map<string, DutyFact[]>();
      const list = perUnit.get(d.institutionId);
      if (list) list.push(d);
      else perUnit.set(d.institutionId, [d]);
      byDomain.set(dm, perUnit);
    }
  }
  const out: Finding[] = [];
  for (const [domain, perUnit] of byDomain) {
    const n = perUnit.size;
    if (n < config.enforcementUnitsMin) continue;
    const units = [...perUnit]
      .map(([id, items]) => ({ inst: s.registry.institutions.get(id)!, items }))
      .sort((a, b) => b.items.length - a.items.length);
    const total = units.reduce((a, u) => a + u.items.length, 0);
    const punish = units.reduce((a, u) => a + u.items.filter((d) => d.category === '行政处罚').length, 0);
    // high: more units than the threshold; medium: exactly at it.
    const severity = n > config.enforcementUnitsMin ? 'high' : 'medium';
    const lead = units[0]!.inst;
    const evidence: Evidence[] = [
      ...units.map((u): Evidence => ({
        kind: 'text',
        institutionId: u.inst.id,
        institution: u.inst.name,
        text: `${domain}领域处罚、检查事项${u.items.length}项,如:${u.items
          .slice(0, 3)
          .map((d) => d.title)
          .join(';')}`,
      })),
      ...units.map((u): Evidence => ({
        kind: 'number',
        label: `${domain}领域行政处罚、行政检查事项`,
        value: u.items.length,
        unit: '项',
        institution: u.inst.name,
      })),
      { kind: 'law', ...laws.overlap },
    ];
    out.push(
      finding('ENFORCEMENT_SCATTERED', {
        severity,
        title:
          `${domain}领域的行政处罚、行政检查事项${total}项分散在${n}个单位(` +
          units.map((u) => `${u.inst.name}${u.items.length}项`).join('、') +
          `),多头执法、重复执法`,
        institutions: units.map((u) => ({ id: u.inst.id, name: u.inst.name })),
        measures: {
          domain,
          units: n,
          items: total,
          punishmentItems: punish,
          inspectionItems: total - punish,
          itemsPerUnit: units.map((u) => `${u.inst.name}:${u.items.length}`).join(';'),
        },
        evidence,
        measure:
          `整合${domain}领域执法资源,推进综合行政执法改革:以${lead.name}为主体组建(或做实)${domain}综合行政执法队伍,` +
          `将${units
            .slice(1)
            .map((u) => u.inst.name)
            .join('、')}承担的${domain}类行政处罚及相关行政检查职权统一划转集中行使,` +
          `业务部门保留行业监管职责并建立监管与执法衔接机制,减少多头执法、重复执法。`,
      }),
    );
  }
  return out.sort((a, b) => Number(b.measures.units) - Number(a.measures.units));
};

export const enforcementScatteredDiagnostic = defineDiagnostic({
  code: 'ENFORCEMENT_SCATTERED',
  section: '机构设置',
  label: '执法机构设置分散',
  severity:
    "high when more than enforcementUnitsMin units hold the domain's 行政处罚/行政检查 items; medium at enforcementUnitsMin.",
  effect: '条块管理、各自为政，多头执法、重复执法并存，执法综合效应大打折扣',
  thresholds: {
    enforcementUnitsMin: {
      default: 4,
      doc: 'units holding 行政处罚/行政检查 items in one domain at or above which enforcement is scattered',
    },
  },
  find: findScatteredEnforcement,
});
