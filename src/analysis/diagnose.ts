/** Runs the diagnostics (DESIGN §3) over a snapshot: every code, or the ones asked for, most severe first. */
import { defaultDiagnosticConfig, type DiagnosticConfig } from './config.js';
import { diagnosticByCode, diagnosticCodes, type DiagnosticCode } from './diagnostics/registry.js';
import { severityRank, type DiagnosticContext, type Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';

export function diagnose(
  snapshot: Snapshot,
  config: DiagnosticConfig = defaultDiagnosticConfig,
  codes: readonly DiagnosticCode[] = diagnosticCodes,
  context?: DiagnosticContext,
): Finding[] {
  const findings = codes.flatMap((code) => diagnosticByCode[code].find(snapshot, config, context));
  return findings.sort(
    (a, b) =>
      severityRank[b.severity] - severityRank[a.severity] ||
      diagnosticCodes.indexOf(a.code) - diagnosticCodes.indexOf(b.code),
  );
}
