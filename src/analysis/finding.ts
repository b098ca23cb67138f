/** A diagnostic's finding: what is wrong, where, how much, with the evidence beside it and the measure it calls for. */
import type { DiagnosticConfig } from './config.js';
import type { Snapshot } from './snapshot.js';

export const diagnosticCodes = [
  'TOWNSHIP_TEMPLATE',
  'LIVELIHOOD_GAP',
  'HOSTED_MISMATCH',
  'ENFORCEMENT_SCATTERED',
  'OVER_CAP',
  'DUTY_OVERLAP',
  'DOMAIN_FRAGMENTED',
  'DUTY_TOO_BROAD',
  'DOMAIN_UNCOVERED',
  'VAGUE_DUTY',
  'STAFF_WORKLOAD',
  'OVER_QUOTA',
  'VACANT_QUOTA',
  'MIXED_QUOTA',
  'LEADERSHIP_EXCESS',
  'PROFESSIONAL_SHORTAGE',
  'AGEING',
  'DATA_QUALITY',
  'POOL_LOAN_OVERDUE',
] as const;
export type DiagnosticCode = (typeof diagnosticCodes)[number];

/** The four subsections of the report's part 二. */
export const reportSections = ['机构设置', '职能配置', '人员结构', '管理体制'] as const;
export type ReportSection = (typeof reportSections)[number];

export const diagnosticSection: Record<DiagnosticCode, ReportSection> = {
  TOWNSHIP_TEMPLATE: '机构设置',
  LIVELIHOOD_GAP: '机构设置',
  HOSTED_MISMATCH: '机构设置',
  ENFORCEMENT_SCATTERED: '机构设置',
  OVER_CAP: '机构设置',
  DUTY_OVERLAP: '职能配置',
  DOMAIN_FRAGMENTED: '职能配置',
  DUTY_TOO_BROAD: '职能配置',
  DOMAIN_UNCOVERED: '职能配置',
  VAGUE_DUTY: '职能配置',
  STAFF_WORKLOAD: '人员结构',
  OVER_QUOTA: '人员结构',
  VACANT_QUOTA: '人员结构',
  MIXED_QUOTA: '人员结构',
  LEADERSHIP_EXCESS: '人员结构',
  PROFESSIONAL_SHORTAGE: '人员结构',
  AGEING: '人员结构',
  DATA_QUALITY: '管理体制',
  POOL_LOAN_OVERDUE: '管理体制',
};

export const diagnosticLabels: Record<DiagnosticCode, string> = {
  TOWNSHIP_TEMPLATE: '乡镇机构设置"一刀切"',
  LIVELIHOOD_GAP: '民生领域机构编制保障不足',
  HOSTED_MISMATCH: '挂靠机构"错位混搭"',
  ENFORCEMENT_SCATTERED: '执法机构设置分散',
  OVER_CAP: '机构超限额或议事协调机构不规范',
  DUTY_OVERLAP: '职能交叉重叠("九龙治水")',
  DOMAIN_FRAGMENTED: '同一领域职责分散',
  DUTY_TOO_BROAD: '职能配置过于宽泛',
  DOMAIN_UNCOVERED: '新兴领域职能缺位',
  VAGUE_DUTY: '职责表述模糊、无牵头单位',
  STAFF_WORKLOAD: '编制配备与工作量不匹配',
  OVER_QUOTA: '超编',
  VACANT_QUOTA: '长期空编',
  MIXED_QUOTA: '编制混用、挤占',
  LEADERSHIP_EXCESS: '超职数配备领导',
  PROFESSIONAL_SHORTAGE: '专业技术人员比例偏低',
  AGEING: '干部队伍年龄结构老化',
  DATA_QUALITY: '机构编制数据不完整',
  POOL_LOAN_OVERDUE: '周转编制逾期未归还',
};

export type Severity = 'high' | 'medium' | 'low';
export const severityRank: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
export const severityLabels: Record<Severity, string> = { high: '高', medium: '中', low: '低' };

export type Evidence =
  /** A duty or other text, with the institution that holds it (texts side by side). */
  | { kind: 'text'; institutionId: string; institution: string; text: string; highlight?: string[] }
  /** A measured number. */
  | { kind: 'number'; label: string; value: number; unit?: string; institution?: string }
  /** The legal article the finding offends. */
  | { kind: 'law'; law: string; article: string; text: string };

export interface Finding {
  code: DiagnosticCode;
  section: ReportSection;
  severity: Severity;
  /** One Chinese sentence naming the institutions and the numbers. */
  title: string;
  institutions: { id: string; name: string }[];
  /** Measured values, keyed in English, for tables and tests. */
  measures: Record<string, number | string>;
  evidence: Evidence[];
  /** The part-三 measure it calls for (Chinese). */
  measure: string;
}

/** Every diagnostic is a pure function of the snapshot and the thresholds. */
export type Diagnostic = (snapshot: Snapshot, config: DiagnosticConfig) => Finding[];

export function finding(code: DiagnosticCode, f: Omit<Finding, 'code' | 'section'>): Finding {
  return { code, section: diagnosticSection[code], ...f };
}
