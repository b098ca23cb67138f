/**
 * SANDING_OUTDATED: 党政机构 (and streets, townships, the bodies a 三定 规定 fixes) whose current 三定 规定 was issued
 * more than `sandingMaxYears` ago, or that have none on record while the others do. When no unit has a date recorded,
 * the gap is the office's own records (a DATA_QUALITY note for the 工作底稿), not a problem of the district.
 */
import { chineseDate } from '../../domain/chinese-text.js';
import type { InstitutionState } from '../../domain/ledger.js';
import { institutionKindLabels } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { activeInstitutions, ageOn } from '../snapshot.js';
import { sandingKinds } from './data-quality.js';

/** The units a 三定 规定 should cover, as the district stood on asOf (a 三定 issued later does not count yet). */
export function sandingUnits(s: Parameters<Diagnostic>[0]): { unit: InstitutionState; on: string | null }[] {
  return activeInstitutions(s)
    .filter((i) => sandingKinds.has(i.kind))
    .map((unit) => ({ unit, on: unit.sandingOn && unit.sandingOn <= s.asOf ? unit.sandingOn : null }));
}

/** One unit's line of evidence. */
const about = (i: InstitutionState, text: string): Evidence => ({
  kind: 'text',
  institutionId: i.id,
  institution: i.name,
  text,
});

const docOf = (i: InstitutionState) => (i.sandingDocNumber ? `(${i.sandingDocNumber})` : '');

export const findSandingOutdated: Diagnostic = (s, config) => {
  const maxYears = config.sandingMaxYears;
  const units = sandingUnits(s);
  // no date recorded anywhere: nothing to compare, the records are incomplete (DATA_QUALITY says so)
  if (!units.some((u) => u.on)) return [];
  const out: Finding[] = [];
  const ref = (i: InstitutionState) => ({ id: i.id, name: i.name });

  const old = units
    .filter((u) => u.on)
    .map((u) => ({ unit: u.unit, on: u.on!, years: ageOn(u.on!, s.asOf) }))
    .filter((u) => u.years >= maxYears)
    .sort((a, b) => b.years - a.years || a.unit.sortOrder - b.unit.sortOrder);
  if (old.length) {
    const oldest = old[0]!;
    // medium when several units, or one twice the span, work from an old 三定; low for one or two a few years over
    out.push(
      finding('SANDING_OUTDATED', {
        severity: old.length >= 3 || oldest.years >= 2 * maxYears ? 'medium' : 'low',
        title: `${old.length}个单位现行三定规定印发已满${maxYears}年(${old.map((o) => o.unit.name).join('、')}),最早的印发于${chineseDate(oldest.on)}`,
        institutions: old.map((o) => ref(o.unit)),
        measures: { check: 'outdated', institutions: old.length, oldestYears: oldest.years, maxYears },
        evidence: old.map((o) =>
          about(
            o.unit,
            `${o.unit.name}现行三定规定${docOf(o.unit)}印发于${chineseDate(o.on)},截至${chineseDate(s.asOf)}已满${o.years}年,其间未重新印发(测算口径:三定规定印发满${maxYears}年即列为评估对象)`,
          ),
        ),
        measure: `对现行三定规定印发满${maxYears}年的${old.length}个单位开展机构编制管理评估,职责、机构已有调整的按程序修订三定规定,做到职责清单与实际运行相符。`,
      }),
    );
  }

  const missing = units.filter((u) => !u.on).map((u) => u.unit);
  if (missing.length) {
    const party = missing.filter((i) => i.kind === 'party_dept' || i.kind === 'gov_dept');
    // medium when a 党委部门 or 政府工作部门 has none: its functions rest on no document the office can point to
    out.push(
      finding('SANDING_OUTDATED', {
        severity: party.length ? 'medium' : 'low',
        title: `${missing.length}个单位未登记现行三定规定(${missing.map((i) => i.name).join('、')}),职能配置缺少依据`,
        institutions: missing.map(ref),
        measures: { check: 'missing', institutions: missing.length, partyGov: party.length },
        evidence: missing.map((i) =>
          about(i, `${i.name}(${institutionKindLabels[i.kind]})在机构编制管理系统中没有三定规定的文号和印发日期`),
        ),
        measure: `核实${missing.length}个单位是否印发过三定规定:已印发的补录文号和印发日期,未印发的按程序制定。`,
      }),
    );
  }
  return out;
};

export const sandingOutdatedDiagnostic = defineDiagnostic({
  code: 'SANDING_OUTDATED',
  section: '管理体制',
  label: '三定规定长期未修订或缺失',
  severity:
    'outdated: medium when three or more units, or one at twice sandingMaxYears, low otherwise; missing: medium when a 党委部门 or 政府工作部门 has none recorded, low otherwise; silent when no unit has a date (DATA_QUALITY notes it).',
  effect: '三定规定与机构实际职能脱节，职责边界和编制配备缺少现行依据',
  thresholds: {
    sandingMaxYears: {
      default: 5,
      doc: '测算口径, not a published standard: years after which a 三定 规定 is due for evaluation and revision',
    },
  },
  find: findSandingOutdated,
});
