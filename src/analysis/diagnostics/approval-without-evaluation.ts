/**
 * APPROVAL_WITHOUT_EVALUATION: 编制事项 of substance — an institution set up, merged, split or abolished, quota or
 * leadership posts raised (domain/adjustment-substance.ts) — approved within the last `evaluationWindowYears` years
 * with no 必要性和依据 recorded: the 申请事项评估 of 机构编制管理评估办法(试行) was not carried out, or not kept.
 * Renames, changes of attributes, duty corrections, quota moved within the total and pool loans are not counted.
 */
import { substantiveChangeLabels } from '../../domain/adjustment-substance.js';
import { chineseDate } from '../../domain/chinese-text.js';
import { addMonths } from '../../domain/dates.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence } from '../finding.js';
import { activeInstitutions, type ApprovalFact } from '../snapshot.js';

const docOf = (a: ApprovalFact) => (a.docNumber && a.docNumber !== a.title ? `(${a.docNumber})` : '');

export const findApprovalsWithoutEvaluation: Diagnostic = (s, config) => {
  const years = config.evaluationWindowYears;
  const since = addMonths(s.asOf, -12 * years);
  // of substance and approved within the window, as the district stood on asOf
  const inWindow = (s.approvals ?? []).filter(
    (a) => a.approvedOn > since && a.approvedOn <= s.asOf && a.changes.length,
  );
  const missing = inWindow
    .filter((a) => !a.evaluated)
    .sort((a, b) => a.approvedOn.localeCompare(b.approvedOn) || a.docNumber.localeCompare(b.docNumber, 'zh-CN'));
  if (!missing.length) return [];
  // the units concerned as they stand now (one abolished by the 编制事项 is still named in the evidence)
  const byName = new Map(activeInstitutions(s).map((i) => [i.name, { id: i.id, name: i.name }]));
  const units = [
    ...new Map(
      missing.flatMap((a) => a.institutions.flatMap((n) => (byName.has(n) ? [[n, byName.get(n)!] as const] : []))),
    ).values(),
  ];
  const institutional = missing.filter((a) => a.changes.some((c) => c !== 'quota_increase' && c !== 'posts_increase'));
  const listed = missing
    .slice(0, 3)
    .map((a) => `${a.docNumber},${chineseDate(a.approvedOn)}批准`)
    .join(';');
  // medium when three or more, or when one sets up, merges, splits or abolishes an institution: the 编委 decided on
  // the structure itself without a recorded reason; low for one or two raises of quota or posts
  return [
    finding('APPROVAL_WITHOUT_EVALUATION', {
      severity: missing.length >= 3 || institutional.length ? 'medium' : 'low',
      title: `近${years}年批准的涉及机构设立撤并或增加编制、领导职数的编制事项中,${missing.length}件未记载必要性和依据(${listed}${missing.length > 3 ? '等' : ''})`,
      institutions: units,
      measures: {
        adjustments: missing.length,
        institutional: institutional.length,
        evaluated: inWindow.length - missing.length,
        windowYears: years,
      },
      evidence: [
        ...missing.map((a): Evidence => ({
          kind: 'text',
          institutionId: byName.get(a.institutions[0] ?? '')?.id ?? '',
          institution: a.institutions[0] ?? '全区',
          text: `编制事项"${a.title}"${docOf(a)}于${chineseDate(a.approvedOn)}批准,内容为${a.changes.map((c) => substantiveChangeLabels[c]).join('、')}${a.institutions.length ? `(涉及${a.institutions.join('、')})` : ''},未记载必要性和依据`,
        })),
        {
          kind: 'text',
          institutionId: '',
          institution: '全区',
          text: `同期同类编制事项共${inWindow.length}件,记载了必要性和依据的${inWindow.length - missing.length}件(测算口径:${chineseDate(since)}以后批准、涉及机构设立撤并或增加编制、领导职数的编制事项;更名、调整机构属性、修改职责、总额内划转编制和周转使用不计)`,
        },
      ],
      measure: `按照《机构编制管理评估办法(试行)》开展申请事项评估:对上述${missing.length}件编制事项补充说明必要性和依据并归档;今后涉及机构设立撤并、增加编制和领导职数的编制事项,提请编委审议前须写明必要性和依据。`,
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
