/** Findings as a readable Chinese table, grouped by the report's four subsections. */
import { diagnosticLabels } from '../analysis/diagnostics/registry.js';
import { reportSections, severityLabels, type Finding } from '../analysis/finding.js';
import { formatTable } from './overview.presenter.js';

const sectionNumbers = ['一', '二', '三', '四'];

export function findingsText(findings: Finding[], districtName: string, asOf: string): string {
  const lines = [`${districtName}机构职能体系诊断(截至 ${asOf}):共发现问题 ${findings.length} 项`];
  reportSections.forEach((section, i) => {
    const own = findings.filter((f) => f.section === section);
    lines.push('', `(${sectionNumbers[i]})${section}:${own.length} 项`);
    if (!own.length) return;
    const rows = [
      ['严重程度', '代码', '问题', '说明'],
      ...own.map((f) => [severityLabels[f.severity], f.code, diagnosticLabels[f.code], f.title]),
    ];
    lines.push(...formatTable(rows).map((l) => `  ${l}`));
  });
  return lines.join('\n');
}
