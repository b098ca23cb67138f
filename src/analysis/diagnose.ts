/** Runs the diagnostics (DESIGN §3) over a snapshot: every code, or the ones asked for, most severe first. */
import { defaultDiagnosticConfig, type DiagnosticConfig } from './config.js';
import { findTownshipTemplates } from './diagnostics/township-template.js';
import { findLivelihoodGaps } from './diagnostics/livelihood-gap.js';
import { findHostedMismatches } from './diagnostics/hosted-mismatch.js';
import { findScatteredEnforcement } from './diagnostics/enforcement-scattered.js';
import { findOverCap } from './diagnostics/over-cap.js';
import { findDutyOverlaps } from './diagnostics/duty-overlap.js';
import { findFragmentedDomains } from './diagnostics/domain-fragmented.js';
import { findTooBroadDuties } from './diagnostics/duty-too-broad.js';
import { findUncoveredDomains } from './diagnostics/domain-uncovered.js';
import { findVagueDuties } from './diagnostics/vague-duty.js';
import { findWorkloadMismatches } from './diagnostics/staff-workload.js';
import { findOverQuota } from './diagnostics/over-quota.js';
import { findVacantQuota } from './diagnostics/vacant-quota.js';
import { findMixedQuota } from './diagnostics/mixed-quota.js';
import { findLeadershipExcess } from './diagnostics/leadership-excess.js';
import { findProfessionalShortage } from './diagnostics/professional-shortage.js';
import { findAgeing } from './diagnostics/ageing.js';
import { findDataQualityGaps } from './diagnostics/data-quality.js';
import { findOverdueLoans } from './diagnostics/pool-loan-overdue.js';
import { diagnosticCodes, severityRank, type Diagnostic, type DiagnosticCode, type Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';

export const diagnostics: Record<DiagnosticCode, Diagnostic> = {
  TOWNSHIP_TEMPLATE: findTownshipTemplates,
  LIVELIHOOD_GAP: findLivelihoodGaps,
  HOSTED_MISMATCH: findHostedMismatches,
  ENFORCEMENT_SCATTERED: findScatteredEnforcement,
  OVER_CAP: findOverCap,
  DUTY_OVERLAP: findDutyOverlaps,
  DOMAIN_FRAGMENTED: findFragmentedDomains,
  DUTY_TOO_BROAD: findTooBroadDuties,
  DOMAIN_UNCOVERED: findUncoveredDomains,
  VAGUE_DUTY: findVagueDuties,
  STAFF_WORKLOAD: findWorkloadMismatches,
  OVER_QUOTA: findOverQuota,
  VACANT_QUOTA: findVacantQuota,
  MIXED_QUOTA: findMixedQuota,
  LEADERSHIP_EXCESS: findLeadershipExcess,
  PROFESSIONAL_SHORTAGE: findProfessionalShortage,
  AGEING: findAgeing,
  DATA_QUALITY: findDataQualityGaps,
  POOL_LOAN_OVERDUE: findOverdueLoans,
};

export function diagnose(
  snapshot: Snapshot,
  config: DiagnosticConfig = defaultDiagnosticConfig,
  codes: readonly DiagnosticCode[] = diagnosticCodes,
): Finding[] {
  const findings = codes.flatMap((code) => diagnostics[code](snapshot, config));
  return findings.sort(
    (a, b) =>
      severityRank[b.severity] - severityRank[a.severity] ||
      diagnosticCodes.indexOf(a.code) - diagnosticCodes.indexOf(b.code),
  );
}
