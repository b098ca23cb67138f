/**
 * HOSTED_MISMATCH: 挂靠 units whose duties lie in domains far from their host's (the seed report's 错位混搭), with the
 * institution whose domains fit best suggested as the new host.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions, type DutyFact } from '../snapshot.js';
import type { InstitutionState } from '../../domain/ledger.js';

/** Kinds that can host another unit. */
const hostKinds = new Set(['party_dept', 'gov_dept', 'dispatched', 'dept_managed']);

interface Profile {
  /** Duty count per domain. */
  domains: Map<string, number>;
  titles: string[];
  texts: string;
}

export const findHostedMismatches: Diagnostic = (s, config) => {
  const institutions = activeInstitutions(s);
  const hosted = institutions.filter(
    (i) => i.hostedById && s.registry.institutions.get(i.hostedById)?.status === 'active',
  );
  if (hosted.length === 0) return [];
  const duties = new Map<string, DutyFact[]>();
  for (const d of s.duties) {
    const list = duties.get(d.institutionId);
    if (list) list.push(d);
    else duties.set(d.institutionId, [d]);
  }
  const profiles = new Map<string, Profile>();
  const profile = (id: string): Profile => {
    let p = profiles.get(id);
    if (!p) {
      const ds = duties.get(id) ?? [];
      const domains = new Map<string, number>();
      for (const d of ds) for (const dm of new Set(dutyDomains(d))) domains.set(dm, (domains.get(dm) ?? 0) + 1);
      // 三定 titles describe the line of work better than power items; fall back to power items.
      const sanding = ds.filter((d) => d.source === 'sanding');
      const titles = (sanding.length ? sanding : ds).map((d) => d.title);
      p = { domains, titles, texts: ds.map((d) => `${d.title}${d.text ?? ''}`).join('\n') };
      profiles.set(id, p);
    }
    return p;
  };

  const out: Finding[] = [];
  for (const unit of hosted) {
    const host = s.registry.institutions.get(unit.hostedById!)!;
    const u = profile(unit.id);
    const h = profile(host.id);
    // Without duties on either side nothing can be judged; DATA_QUALITY reports the missing duties.
    if (u.domains.size === 0 || h.domains.size === 0) continue;
    const unitSet = new Set(u.domains.keys());
    const hostSet = new Set(h.domains.keys());
    const jac = jaccard(unitSet, hostSet);
    // A broad host dilutes Jaccard even when it holds the unit's whole domain: containment keeps that near miss quiet.
    const contained = intersection(unitSet, hostSet) / Math.min(unitSet.size, hostSet.size);
    if (jac >= config.hostedDomainOverlapMax || contained >= 0.5) continue;
    // The tags may differ while the work is the same (人民防空 unit under a host with a 人民防空 duty): a domain name of
    // one side written in the other's name or duties links them.
    if (linked(unit.name, u, hostSet) || linked(host.name, h, unitSet)) continue;

    const better = bestHost(institutions, unit, host, unitSet, jac, profile);
    // high: the unit's domains are held by another department that could host it; low: nobody else holds them either,
    // so the hosting may be a matter of convenience rather than a mismatch to fix.
    const severity = better ? 'high' : 'low';
    const ud = [...unitSet].join('、');
    const hd = [...h.domains].sort((a, b) => b[1] - a[1]).map(([dm]) => dm);
    const evidence: Evidence[] = [
      {
        kind: 'text',
        institutionId: unit.id,
        institution: unit.name,
        text: `职责领域:${ud};职责:${u.titles.slice(0, 3).join(';')}`,
      },
      {
        kind: 'text',
        institutionId: host.id,
        institution: host.name,
        text: `职责领域:${hd.slice(0, 5).join('、')};职责:${h.titles.slice(0, 3).join(';')}`,
      },
      { kind: 'number', label: '职责领域重合度(Jaccard)', value: round(jac) },
    ];
    if (better) {
      const b = profile(better.inst.id);
      evidence.push({
        kind: 'text',
        institutionId: better.inst.id,
        institution: better.inst.name,
        text: `职责领域:${[...b.domains]
          .sort((a, c) => c[1] - a[1])
          .map(([dm]) => dm)
          .slice(0, 5)
          .join('、')};相关职责${better.matches}项`,
      });
    }
    evidence.push({ kind: 'law', ...laws.comprehensiveSetup });
    out.push(
      finding('HOSTED_MISMATCH', {
        severity,
        title:
          `${unit.name}承担${ud}职责,却挂靠在以${hd.slice(0, 2).join('、')}为主的${host.name},${jac === 0 ? '两者职责领域没有交集' : '两者职责领域交集很少'}` +
          (better ? `,与${better.inst.name}职责更相近` : ''),
        institutions: [unit, host, ...(better ? [better.inst] : [])].map((i) => ({ id: i.id, name: i.name })),
        measures: {
          unitDomains: ud,
          hostDomains: hd.join('、'),
          jaccard: round(jac),
          suggestedHost: better?.inst.name ?? '',
          suggestedHostJaccard: better ? round(better.jaccard) : 0,
        },
        evidence,
        measure: better
          ? `按照职能相近、业务关联的原则规范挂靠关系,将${unit.name}由${host.name}调整为挂靠${better.inst.name},` +
            `由其统筹${ud}工作,避免"错位混搭"。`
          : `复核${unit.name}挂靠${host.name}的必要性,按照职能相近、业务关联的原则调整挂靠关系或明确其业务主管部门,避免"错位混搭"。`,
      }),
    );
  }
  return out;
};

function bestHost(
  institutions: InstitutionState[],
  unit: InstitutionState,
  host: InstitutionState,
  unitSet: Set<string>,
  hostJaccard: number,
  profile: (id: string) => Profile,
): { inst: InstitutionState; matches: number; jaccard: number } | null {
  let best: { inst: InstitutionState; matches: number; jaccard: number } | null = null;
  for (const c of institutions) {
    if (c.id === unit.id || c.id === host.id || !hostKinds.has(c.kind)) continue;
    const p = profile(c.id);
    let matches = 0;
    for (const dm of unitSet) matches += p.domains.get(dm) ?? 0;
    if (matches === 0) continue;
    const jac = jaccard(unitSet, new Set(p.domains.keys()));
    if (jac <= hostJaccard) continue;
    // Most duties in the unit's domains first: the department that does that work, not one that touches it once.
    if (!best || matches > best.matches || (matches === best.matches && jac > best.jaccard))
      best = { inst: c, matches, jaccard: jac };
  }
  return best;
}

function linked(name: string, p: Profile, otherDomains: Set<string>): boolean {
  for (const dm of otherDomains) if (dm.length >= 2 && (name.includes(dm) || p.texts.includes(dm))) return true;
  return false;
}

function intersection(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const i = intersection(a, b);
  return i / (a.size + b.size - i);
}

const round = (v: number) => Math.round(v * 100) / 100;

export const hostedMismatchDiagnostic = defineDiagnostic({
  code: 'HOSTED_MISMATCH',
  section: '机构设置',
  label: '挂靠机构"错位混搭"',
  severity: "high when another institution's domains fit the hosted unit better (a better host exists); low otherwise.",
  effect: '挂靠关系与职责相距甚远，“错位混搭”设置影响工作效率',
  thresholds: {
    hostedDomainOverlapMax: {
      default: 0.1,
      doc: "a hosted unit whose duty domains share less than this (Jaccard) with its host's is mismatched",
    },
  },
  find: findHostedMismatches,
});
