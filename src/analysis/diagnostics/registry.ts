/**
 * The registry of diagnostics (DESIGN §3): one line per descriptor, in the order findings of equal severity are listed.
 * Every table by code — codes, sections, Chinese labels, the report's effect sentences, the thresholds and their
 * defaults — is derived from here. Adding a diagnostic = its file + one line below.
 */
import { townshipTemplateDiagnostic } from './township-template.js';
import { livelihoodGapDiagnostic } from './livelihood-gap.js';
import { hostedMismatchDiagnostic } from './hosted-mismatch.js';
import { enforcementScatteredDiagnostic } from './enforcement-scattered.js';
import { overCapDiagnostic } from './over-cap.js';
import { dutyOverlapDiagnostic } from './duty-overlap.js';
import { domainFragmentedDiagnostic } from './domain-fragmented.js';
import { dutyTooBroadDiagnostic } from './duty-too-broad.js';
import { domainUncoveredDiagnostic } from './domain-uncovered.js';
import { vagueDutyDiagnostic } from './vague-duty.js';
import { staffWorkloadDiagnostic } from './staff-workload.js';
import { overQuotaDiagnostic } from './over-quota.js';
import { vacantQuotaDiagnostic } from './vacant-quota.js';
import { mixedQuotaDiagnostic } from './mixed-quota.js';
import { leadershipExcessDiagnostic } from './leadership-excess.js';
import { professionalShortageDiagnostic } from './professional-shortage.js';
import { ageingDiagnostic } from './ageing.js';
import { dataQualityDiagnostic } from './data-quality.js';
import { poolLoanOverdueDiagnostic } from './pool-loan-overdue.js';
import { approvalDelayDiagnostic } from './approval-delay.js';
import { approvalWithoutEvaluationDiagnostic } from './approval-without-evaluation.js';
import { sandingOutdatedDiagnostic } from './sanding-outdated.js';
import { scenarioReviewOverdueDiagnostic } from './scenario-review-overdue.js';
import { exceptionEntryDiagnostic } from './exception-entry.js';
import { powerListOutdatedDiagnostic } from './power-list-outdated.js';
import type { DiagnosticDescriptor, ReportSection } from '../finding.js';

export const diagnosticRegistry = [
  townshipTemplateDiagnostic,
  livelihoodGapDiagnostic,
  hostedMismatchDiagnostic,
  enforcementScatteredDiagnostic,
  overCapDiagnostic,
  dutyOverlapDiagnostic,
  domainFragmentedDiagnostic,
  dutyTooBroadDiagnostic,
  domainUncoveredDiagnostic,
  vagueDutyDiagnostic,
  staffWorkloadDiagnostic,
  overQuotaDiagnostic,
  vacantQuotaDiagnostic,
  mixedQuotaDiagnostic,
  leadershipExcessDiagnostic,
  professionalShortageDiagnostic,
  ageingDiagnostic,
  approvalDelayDiagnostic,
  approvalWithoutEvaluationDiagnostic,
  sandingOutdatedDiagnostic,
  scenarioReviewOverdueDiagnostic,
  exceptionEntryDiagnostic,
  powerListOutdatedDiagnostic,
  dataQualityDiagnostic,
  poolLoanOverdueDiagnostic,
] as const;

type Registered = (typeof diagnosticRegistry)[number];
export type DiagnosticCode = Registered['code'];

/** A table keyed by code, read off the descriptors. */
function byCode<V>(value: (d: DiagnosticDescriptor) => V): Record<DiagnosticCode, V> {
  return Object.fromEntries(diagnosticRegistry.map((d) => [d.code, value(d)])) as Record<DiagnosticCode, V>;
}

export const diagnosticCodes = diagnosticRegistry.map((d) => d.code) as unknown as readonly [
  DiagnosticCode,
  ...DiagnosticCode[],
];
export const diagnosticByCode: Record<DiagnosticCode, DiagnosticDescriptor> = byCode((d) => d);
export const diagnosticSection: Record<DiagnosticCode, ReportSection> = byCode((d) => d.section);
export const diagnosticLabels: Record<DiagnosticCode, string> = byCode((d) => d.label);
/** What a problem of each code leads to, in the report's words. */
export const diagnosticEffects: Record<DiagnosticCode, string> = byCode((d) => d.effect);

type Union2Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type DefaultsOf<D> = D extends DiagnosticDescriptor<string, infer T> ? { [K in keyof T]: T[K]['default'] } : never;
type Flat<T> = { [K in keyof T]: T[K] };

/** Every diagnostic's thresholds in one object (the union of the descriptors' thresholds). */
export type DiagnosticThresholds = Flat<Union2Intersection<DefaultsOf<Registered>>>;

export const defaultThresholds = Object.fromEntries(
  diagnosticRegistry.flatMap((d) => Object.entries(d.thresholds).map(([name, t]) => [name, t.default])),
) as DiagnosticThresholds;
