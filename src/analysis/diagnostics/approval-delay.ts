/**
 * APPROVAL_DELAY: 编制事项 that wait too long between submission and the 编委's decision — those still pending past the
 * time limit, and a district-wide median wait above it. Read from the audit log's submit/approve/reject dates.
 */
import { chineseDate } from '../../domain/chinese-text.js';
import { daysBetween } from '../../domain/dates.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { activeInstitutions, undecidedOn, type AdjustmentWaitFact } from '../snapshot.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** 编制事项 by its 文号 and title, and the units it concerns: who waits, for what. */
function describe(a: AdjustmentWaitFact): string {
  const units = a.institutions.length
    ? `(涉及${a.institutions.slice(0, 3).join('、')}${a.institutions.length > 3 ? '等' : ''})`
    : '';
  return `"${a.title}"${a.docNumber && a.docNumber !== a.title ? `(${a.docNumber})` : ''}${units}`;
}

export const findApprovalDelays: Diagnostic = (s, config) => {
  const limit = config.approvalWaitDays;
  // as the district stood on asOf: what was not yet submitted does not count, what was decided later was still waiting
  const submitted = s.adjustmentWaits.filter((a) => a.submittedOn <= s.asOf);
  if (!submitted.length) return [];
  const out: Finding[] = [];
  const byName = new Map(activeInstitutions(s).map((i) => [i.name, { id: i.id, name: i.name }]));
  const concerned = (as: AdjustmentWaitFact[]) => [
    ...new Map(
      as.flatMap((a) => a.institutions.flatMap((n) => (byName.has(n) ? [byName.get(n)!] : []))).map((i) => [i.id, i]),
    ).values(),
  ];

  const pending = undecidedOn(s)
    .filter((p) => p.days > limit)
    .sort((x, y) => y.days - x.days);
  if (pending.length) {
    const longest = pending[0]!;
    // high when one has waited three times the limit (a quarter or more with the default); medium when several are
    // overdue or one has waited twice the limit; low for a single one a few weeks late
    out.push(
      finding('APPROVAL_DELAY', {
        severity:
          longest.days >= 3 * limit ? 'high' : pending.length > 1 || longest.days >= 2 * limit ? 'medium' : 'low',
        title: `${pending.length}件编制事项提交后超过${limit}天仍未审批,最长的已等待${longest.days}天`,
        institutions: concerned(pending.map((p) => p.a)),
        measures: { check: 'pending', adjustments: pending.length, longestDays: longest.days, limitDays: limit },
        evidence: pending.slice(0, 10).map((p): Evidence => ({
          kind: 'text',
          institutionId: '',
          institution: p.a.institutions[0] ?? '全区',
          text: `编制事项${describe(p.a)}于${chineseDate(p.a.submittedOn)}提交,截至${chineseDate(s.asOf)}已等待${p.days}天,尚未批准或驳回`,
        })),
        measure: `建立编制事项办理时限制度,对提交${limit}天以上的${pending.length}件编制事项逐件督办,限期作出批准或驳回决定。`,
      }),
    );
  }

  const decided = submitted.filter((a) => a.decidedOn && a.decidedOn <= s.asOf);
  const waits = decided.map((a) => daysBetween(a.submittedOn, a.decidedOn!));
  const typical = waits.length ? median(waits) : 0;
  if (waits.length && typical > limit) {
    const slow = decided.filter((_, i) => waits[i]! > limit).length;
    const first = decided.map((a) => a.submittedOn).sort()[0]!;
    // medium when the typical wait is twice the limit; low otherwise (slow, but decisions are being made)
    out.push(
      finding('APPROVAL_DELAY', {
        severity: typical >= 2 * limit ? 'medium' : 'low',
        title: `${chineseDate(first)}以来已审批的${decided.length}件编制事项从提交到审批的中位用时为${Math.round(typical)}天,超过${limit}天的办理时限`,
        institutions: [],
        measures: { check: 'median', decided: decided.length, medianDays: Math.round(typical), slow, limitDays: limit },
        evidence: [
          {
            kind: 'text',
            institutionId: '',
            institution: '全区',
            text: `已作出批准或驳回决定的编制事项${decided.length}件,其中${slow}件用时超过${limit}天,最长${Math.max(...waits)}天`,
          },
        ],
        measure: `建立编制事项办理时限制度,明确受理、审核、提请编委审议各环节时限,把编制事项从提交到审批的用时压减到${limit}天以内。`,
      }),
    );
  }
  return out;
};

export const approvalDelayDiagnostic = defineDiagnostic({
  code: 'APPROVAL_DELAY',
  section: '管理体制',
  label: '编制事项审批周期过长',
  severity:
    'pending ones: high when one has waited three times approvalWaitDays, medium when several are overdue or one has waited twice it, low for a single one less late; the median wait of decided ones: medium at twice approvalWaitDays, low above it.',
  effect: '编制事项久拖不决，机构编制资源不能及时调整到位',
  thresholds: {
    approvalWaitDays: {
      default: 30,
      doc: 'days a submitted 编制事项 may wait for the decision before it is overdue (also the limit for the median wait)',
    },
  },
  find: findApprovalDelays,
});
