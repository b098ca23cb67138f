/**
 * POOL_LOAN_OVERDUE: quota lent from the 编制周转池 (周转使用) still held by the unit after its return date. The pool
 * exists to meet peaks (义务教育、医疗); a loan kept past its date turns into quota the 编委 never approved.
 */
import { quotaCategoryLabels } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic } from '../finding.js';

export const findOverdueLoans: Diagnostic = (s) =>
  s.registry.pool.loans
    .filter((loan) => loan.returnBy < s.asOf)
    .sort((a, b) => a.returnBy.localeCompare(b.returnBy) || a.id.localeCompare(b.id))
    .map((loan) => {
      const inst = s.registry.institutions.get(loan.institutionId);
      const name = inst?.name ?? loan.institutionId;
      const label = quotaCategoryLabels[loan.category];
      const overdueDays = Math.round((Date.parse(s.asOf) - Date.parse(loan.returnBy)) / 86_400_000);
      return finding('POOL_LOAN_OVERDUE', {
        severity: overdueDays > 180 ? 'high' : 'medium',
        title: `${name}周转使用的${label}${loan.amount}名应于${loan.returnBy}归还编制周转池,已逾期${overdueDays}天`,
        institutions: [{ id: loan.institutionId, name }],
        measures: { amount: loan.amount, category: loan.category, returnBy: loan.returnBy, overdueDays },
        evidence: [
          { kind: 'number', label: `周转使用${label}`, value: loan.amount, unit: '名', institution: name },
          { kind: 'number', label: '逾期天数', value: overdueDays, unit: '天', institution: name },
          {
            kind: 'text',
            institutionId: loan.institutionId,
            institution: name,
            text: `${loan.lentOn}起周转使用,约定${loan.returnBy}归还`,
          },
        ],
        measure: `督促${name}按期归还周转使用的${label}${loan.amount}名;确需继续使用的,按程序办理延期或核定编制`,
      });
    });

export const poolLoanOverdueDiagnostic = defineDiagnostic({
  code: 'POOL_LOAN_OVERDUE',
  section: '管理体制',
  label: '周转编制逾期未归还',
  severity: 'high when more than 180 days past the return date; medium otherwise.',
  effect: '周转编制到期不还，周转池难以发挥统筹调剂作用',
  thresholds: {},
  find: findOverdueLoans,
});
