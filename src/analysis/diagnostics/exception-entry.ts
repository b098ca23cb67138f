/**
 * EXCEPTION_ENTRY: 入编 recorded without a 用编核准 (例外入编). The rule is approval first, then entry (地方各级人民政府
 * 机构设置和编制管理条例 第二十六条; practice: 先核准后入编, 财政凭入编核拨经费); bianzhi records an entry without one only
 * as an exception with a written reason (issue 16), and this diagnostic lists each such entry of the last years with
 * its reason, who recorded it and when, so that the 编委 sees every exception the office made.
 */
import { chineseDate } from '../../domain/chinese-text.js';
import { addMonths } from '../../domain/dates.js';
import { quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence } from '../finding.js';

export const findExceptionEntries: Diagnostic = (s, config) => {
  // as the district stood on asOf: entries effective in the window up to it
  const since = addMonths(s.asOf, -12 * config.exceptionEntryYears);
  const entries = s.exceptionEntries.filter((e) => e.on > since && e.on <= s.asOf);
  if (!entries.length) return [];
  const nameOf = (id: string) => s.registry.institutions.get(id)?.name ?? '已撤销机构';
  const institutions = [...new Map(entries.map((e) => [e.institutionId, nameOf(e.institutionId)]))].map(
    ([id, name]) => ({ id, name }),
  );
  const units = institutions.map((i) => i.name);
  const unitText = `${units.slice(0, 3).join('、')}${units.length > 3 ? `等${units.length}个单位` : ''}`;
  return [
    finding('EXCEPTION_ENTRY', {
      // one exception with its reason is the office's judgement; several make the exception a second door
      severity: entries.length >= config.exceptionEntriesMedium ? 'medium' : 'low',
      title: `${chineseDate(since)}以来${unitText}有${entries.length}人未经用编核准例外入编`,
      institutions,
      measures: {
        entries: entries.length,
        sinceYears: config.exceptionEntryYears,
      },
      evidence: entries.slice(-10).map((e): Evidence => ({
        kind: 'text',
        institutionId: e.institutionId,
        institution: nameOf(e.institutionId),
        text:
          `${e.personName}于${chineseDate(e.on)}入编${nameOf(e.institutionId)}` +
          `${quotaCategoryLabels[e.category as QuotaCategory] ?? e.category},未依据用编核准;` +
          `例外理由:${e.reason};由${e.recordedBy || '未记录的操作人'}于${chineseDate(e.recordedOn)}录入`,
      })),
      measure: `对${entries.length}名例外入编人员逐一复核例外理由,补办用编核准手续;严格执行先核准、后入编,确需例外的报编委研究并备案。`,
    }),
  ];
};

export const exceptionEntryDiagnostic = defineDiagnostic({
  code: 'EXCEPTION_ENTRY',
  section: '管理体制',
  label: '未经用编核准例外入编',
  severity: 'medium when exceptionEntriesMedium or more 例外入编 took effect in the window; low for fewer.',
  effect: '绕开用编审批进人，空编管控和先核准后入编的制度形同虚设',
  thresholds: {
    exceptionEntryYears: { default: 3, doc: 'years before asOf whose 例外入编 are listed' },
    exceptionEntriesMedium: {
      default: 2,
      doc: 'number of 例外入编 in the window from which the finding is of medium severity',
    },
  },
  find: findExceptionEntries,
});
