/**
 * VAGUE_DUTY: duties worded 指导/参与/协助/配合 in a domain where no institution holds a firm lead duty — nobody is
 * answerable (枣庄: 职责表述中尽量不使用"指导""参与"等模糊性词语). Grouped by domain.
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding, type Severity } from '../finding.js';
import type { DutyFact, Snapshot } from '../snapshot.js';

/** The vague word a duty opens with (after a leading 负责/承担, as in "负责协助…"), or null when it is firmly worded. */
export function vagueWordOf(d: Pick<DutyFact, 'title' | 'text'>, words: readonly string[]): string | null {
  for (const t of [d.title, d.text]) {
    if (!t) continue;
    const body = t.trim().replace(/^(负责|承担)/, '');
    const w = words.find((x) => body.startsWith(x));
    if (w) return w;
  }
  return null;
}

/** Domains where some active institution holds a lead duty worded firmly (either source: a 权责清单 item is firm too). */
export function firmLeadDomains(s: Snapshot, words: readonly string[]): Set<string> {
  const firm = new Set<string>();
  for (const d of s.duties) {
    if (d.role !== 'lead' || s.registry.institutions.get(d.institutionId)?.status !== 'active') continue;
    if (!vagueWordOf(d, words)) for (const x of dutyDomains(d)) firm.add(x);
  }
  return firm;
}

/** A vague duty beside its holder, for evidence. */
export interface VagueDuty {
  duty: DutyFact;
  word: string;
  institution: { id: string; name: string };
}

/** Vague duties of active institutions, by domain. */
export function vagueDutiesIn(s: Snapshot, words: readonly string[]): Map<string, VagueDuty[]> {
  const byDomain = new Map<string, VagueDuty[]>();
  for (const d of s.duties) {
    const inst = s.registry.institutions.get(d.institutionId);
    if (!inst || inst.status !== 'active') continue;
    const word = vagueWordOf(d, words);
    if (!word) continue;
    for (const domain of dutyDomains(d)) {
      const list = byDomain.get(domain) ?? [];
      list.push({ duty: d, word, institution: { id: inst.id, name: inst.name } });
      byDomain.set(domain, list);
    }
  }
  return byDomain;
}

export function vagueEvidence(list: VagueDuty[]): Evidence[] {
  return list.map((v) => ({
    kind: 'text' as const,
    institutionId: v.institution.id,
    institution: v.institution.name,
    text: v.duty.text ?? v.duty.title,
    highlight: [v.word],
  }));
}

export function holdersOf(list: VagueDuty[]): { id: string; name: string }[] {
  return [...new Map(list.map((v) => [v.institution.id, v.institution])).values()];
}

/**
 * Severity: high when two or more institutions hold only vague wording in the domain (each can point at the other);
 * medium when one does and the domain is a configured emerging domain; low for a single vague item elsewhere.
 */
function severityOf(holders: number, emerging: boolean): Severity {
  if (holders >= 2) return 'high';
  return emerging ? 'medium' : 'low';
}

export const findVagueDuties: Diagnostic = (s, config) => {
  const firm = firmLeadDomains(s, config.vagueWords);
  const out: Finding[] = [];
  for (const [domain, list] of vagueDutiesIn(s, config.vagueWords)) {
    if (firm.has(domain)) continue;
    const holders = holdersOf(list);
    const names = holders.map((h) => h.name).join('、');
    const words = [...new Set(list.map((v) => v.word))].map((w) => `"${w}"`).join('');
    out.push(
      finding('VAGUE_DUTY', {
        severity: severityOf(holders.length, config.emergingDomains.includes(domain)),
        title: `${domain}领域${list.length}项职责仅以${words}等模糊表述分散在${names}，全区无明确牵头单位`,
        institutions: holders,
        measures: { domain, duties: list.length, institutions: holders.length },
        evidence: vagueEvidence(list),
        measure:
          `明确${domain}的牵头单位：${holders.length > 1 ? `从${names}中确定一个主责部门，` : `由${names}或相应行业主管部门承担主责，`}` +
          `在其"三定"规定中写明负责${domain}工作的具体职责，其他部门按分工配合；职责表述中不使用"指导""参与""协助"等模糊性词语，写清事项、责任主体和履职方式。`,
      }),
    );
  }
  return out;
};

export const vagueDutyDiagnostic = defineDiagnostic({
  code: 'VAGUE_DUTY',
  section: '职能配置',
  label: '职责表述模糊、无牵头单位',
  severity:
    'high when two or more institutions hold only vague wording in the domain; medium when one does in an emerging domain; low for a single vague item elsewhere.',
  effect: '职责表述模糊、责任主体不明，容易造成工作落空',
  thresholds: {
    vagueWords: {
      default: ['指导', '参与', '协助', '配合', '协调'],
      doc: 'words that make a duty vague when no firm lead exists elsewhere in its domain',
    },
  },
  find: findVagueDuties,
});
