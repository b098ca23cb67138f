/**
 * APPROVAL_WITHOUT_EVALUATION: 编制事项 of substance — an institution set up, merged, split or abolished, quota or
 * leadership posts raised (domain/adjustment-substance.ts) — approved within the last `evaluationWindowYears` years
 * with no 必要性和依据 recorded: the 申请事项评估 of 机构编制管理评估办法(试行) was not carried out, or not kept.
 * Renames, changes of attributes, duty corrections, quota moved within the total and pool loans are not counted.
 */
import { substantiveChangeLabels } from '../../domain/adjustment-substance.js';
import { chineseDate } from '../../domain/chinese-text.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence } from '../finding.js';
import { activeInstitutions, type ApprovalFact } from '../snapshot.js';

/** The day `years` years before `iso` (29 February falls back to 28). */
function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const docOf = (a: ApprovalFact) => (a.docNumber && a.docNumber !== a.title ? `(${a.docNumber})` : '');

export const findApprovalsWithoutEvaluation: Diagnostic = (s, config) => {
  const years = config.evaluationWindowYears;
  const since = yearsBefore(s.asOf, years);
  const missing = (s.approvals ?? [])
    .filter((a) => a.approvedOn > since && a.approvedOn <= s.asOf && a.changes.length && !a.evaluated)
    .sort((a, b) => a.approvedOn.localeCompare(b.approvedOn) || a.docNumber.localeCompare(b.docNumber, 'zh-CN'));
  if (!missing.length) return [];
  const byName = new Map([...s.registry.institutions.values()].map((i) => [i.name, { id: i.id, name: i.name }]));
  const active = new Set(activeInstitutions(s).map((i) => i.id));
  // the units concerned as they stand now (one abolished by the 编制事项 is still named in the evidence)
  const units = [
    ...new Map(
      missing
        .flatMap((a) => a.institutions)
        .flatMap((n) => (byName.has(n) && active.has(byName.get(n)!.id) ? [byName.get(n)!] : []))
        .map((i) => [i.id, { id: i.id, name: i.name }]),
    ).values(),
  ];
  const institutional = missing.filter((a) => a.changes.some((c) => c !== 'quota_increase' && c !== 'posts_increase'));
  const listed = missing
    .slice(0, 3)
    .map((a) => `${a.docNumber},${chineseDate(a.approvedOn)}批准`)
    .join(';');
  // medium when three or more, or when one sets up, merges, splits or abolishes an institution: the evaluation the
  // 编委 decided without concerns the structure itself; low for one or two raises of quota or posts
  return [
    finding('APPROVAL_WITHOUT_EVALUATION', {
      severity: missing.length >= 3 || institutional.length ? 'medium' : 'low',
      title: `近${years}年批准的${missing.length}件涉及机构或编制增减的编制事项未记载必要性和依据(${listed}${missing.length > 3 ? '等' : ''})`,
      institutions: units,
      measures: {
        adjustments: missing.length,
        institutional: institutional.length,
        windowYears: years,
        evaluated: (s.approvals ?? []).filter(
          (a) => a.approvedOn > since && a.approvedOn <= s.asOf && a.changes.length && a.evaluated,
        ).length,
      },
      evidence: missing.map((a): Evidence => ({
        kind: 'text',
        institutionId: byName.get(a.institutions[0] ?? '')?.id ?? '',
        institution: a.institutions[0] ?? '全区',
        text: `编制事项"${a.title}"${docOf(a)}于${chineseDate(a.approvedOn)}批准,内容为${a.changes.map((c) => substantiveChangeLabels[c]).join('、')}${a.institutions.length ? `(涉及${a.institutions.join('、')})` : ''},未记载必要性和依据(测算口径:批准日期在${years}年以内、涉及机构设立撤并或编制、领导职数增加的编制事项)`,
      })),
      measure: `按照《机构编制管理评估办法(试行)》开展申请事项评估:对上述${missing.length}件编制事项补充说明必要性和依据并归档;今后涉及机构设立撤并、编制和领导职数增加的编制事项,提请编委审议前须写明必要性和依据。`,
    }),
  ];
};

export const approvalWithoutEvaluationDiagnostic = defineDiagnostic({
  code: 'APPROVAL_WITHOUT_EVALUATION',
  section: '管理体制',
  label: '编制事项未开展申请事项评估',
  severity:
    'one finding for all: medium when three or more, or when one sets up, merges, splits or abolishes an institution; low for one or two raises of quota or posts.',
  effect: '机构编制调整缺少必要性论证，审批依据无据可查，难以事后评估调整效果',
  thresholds: {
    evaluationWindowYears: {
      default: 3,
      doc: '测算口径, not a published standard: years back from the date of the analysis within which approved 编制事项 are checked for a recorded 必要性和依据',
    },
  },
  find: findApprovalsWithoutEvaluation,
});
