/**
 * A diagnostic's finding — what is wrong, where, how much, with the evidence beside it and the measure it calls for —
 * and the descriptor a diagnostic is written as (DESIGN §3). The registry of descriptors is
 * `diagnostics/registry.ts`; every table by code (labels, sections, report prose, thresholds) is derived from it.
 */
import type { DiagnosticConfig } from './config.js';
import type { DiagnosticCode } from './diagnostics/registry.js';
import type { OverlapTextIndex } from './overlap/detect.js';
import type { Snapshot } from './snapshot.js';

export type { DiagnosticCode };

/** The four subsections of the report's part 二. */
export const reportSections = ['机构设置', '职能配置', '人员结构', '管理体制'] as const;
export type ReportSection = (typeof reportSections)[number];

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

/**
 * What a caller may hand a diagnostic besides the snapshot: work done once on a base snapshot that holds for a
 * changed copy of it (a scenario's evaluation). Never changes a finding, only how fast it is found.
 */
export interface DiagnosticContext {
  /** DUTY_OVERLAP's pairs on the base snapshot (diagnostics/duty-overlap.ts dutyOverlapIndex). */
  overlapIndex?: ReadonlyMap<string, OverlapTextIndex>;
}

/** Every diagnostic is a pure function of the snapshot and the thresholds. */
export type Diagnostic = (snapshot: Snapshot, config: DiagnosticConfig, context?: DiagnosticContext) => Finding[];

/** A threshold a deployment may override: its default and what it means (docs/DIAGNOSTICS.md lists them). */
export interface Threshold<V = unknown> {
  default: V;
  doc: string;
}

export type Thresholds = Record<string, Threshold>;

/** Everything about one diagnostic, in its own file; adding a diagnostic = that file + one line in the registry. */
export interface DiagnosticDescriptor<C extends string = string, T extends Thresholds = Thresholds> {
  /** The English code findings, filters and tests use. */
  code: C;
  /** The subsection of the report's part 二 its findings are told in. */
  section: ReportSection;
  /** The Chinese name every reader sees (CLI, web, report headings). */
  label: string;
  /** How the severity is decided, in words. */
  severity: string;
  /** What a problem of this code leads to, in the report's words (part 二). */
  effect: string;
  /** The thresholds it reads from the configuration, with their defaults (names are unique over the registry). */
  thresholds: T;
  find: Diagnostic;
}

const sectionOf = new Map<string, ReportSection>();

/** A descriptor, typed with its literal code and its thresholds; its section is known to `finding` from here on. */
export function defineDiagnostic<C extends string, T extends Thresholds>(
  descriptor: DiagnosticDescriptor<C, T>,
): DiagnosticDescriptor<C, T> {
  sectionOf.set(descriptor.code, descriptor.section);
  return descriptor;
}

/** A finding of a code, in the section its descriptor names (a diagnostic calls it from its own file). */
export function finding(code: DiagnosticCode, f: Omit<Finding, 'code' | 'section'>): Finding {
  const section = sectionOf.get(code);
  if (!section) throw new Error(`诊断${code}没有登记描述`);
  return { code, section, ...f };
}
