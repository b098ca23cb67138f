/**
 * The thresholds of every diagnostic, in one object, with their defaults. Each threshold is declared (default and
 * meaning) by the diagnostic that reads it (src/analysis/diagnostics/*.ts); a deployment may override any of them.
 * docs/DIAGNOSTICS.md lists them.
 */
import { defaultThresholds, type DiagnosticThresholds } from './diagnostics/registry.js';

export type DiagnosticConfig = DiagnosticThresholds;

export const defaultDiagnosticConfig: DiagnosticConfig = defaultThresholds;
