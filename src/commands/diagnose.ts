import { defaultDiagnosticConfig, type DiagnosticConfig } from '../analysis/config.js';
import { diagnose } from '../analysis/diagnose.js';
import { diagnosticCodes, type DiagnosticCode } from '../analysis/diagnostics/registry.js';
import type { Finding } from '../analysis/finding.js';
import { computeStatistics, statisticsOf, type Statistics } from '../analysis/statistics.js';
import { validationFailed } from '../domain/errors.js';
import type { CommandContext } from './context.js';
import { loadPeopleGroupsOn } from '../store/snapshot.repository.js';
import { registryAsOf } from './adjustments.js';
import { loadSnapshot } from './snapshot.js';

export function parseDiagnosticCodes(raw: string[] | undefined): DiagnosticCode[] | undefined {
  if (!raw?.length) return undefined;
  const codes = raw.flatMap((r) => r.split(',')).map((c) => c.trim().toUpperCase());
  const unknown = codes.filter((c) => !(diagnosticCodes as readonly string[]).includes(c));
  if (unknown.length)
    throw validationFailed(`未知的诊断代码:${unknown.join('、')}(可用:${diagnosticCodes.join('、')})`);
  return codes as DiagnosticCode[];
}

/** Every diagnostic (or the ones asked for) over the district on a date. */
export async function diagnoseDistrict(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  opts: { asOf?: string; codes?: DiagnosticCode[]; config?: DiagnosticConfig } = {},
): Promise<{ asOf: string; findings: Finding[] }> {
  const snapshot = await loadSnapshot(ctx, opts.asOf);
  return { asOf: snapshot.asOf, findings: diagnose(snapshot, opts.config ?? defaultDiagnosticConfig, opts.codes) };
}

/** Part 一's statistics on a date (the same function the report and the API use). */
export async function districtStatistics(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  asOf?: string,
): Promise<Statistics> {
  // a kept snapshot is at hand (the server); otherwise the people are counted in the database, not read one by one
  if (ctx.snapshots) return computeStatistics(await loadSnapshot(ctx, asOf));
  const [registry, groups] = await Promise.all([
    registryAsOf(ctx, asOf),
    loadPeopleGroupsOn(ctx.pool, ctx.regionCode, asOf ?? ctx.today),
  ]);
  return statisticsOf({ registry, asOf: asOf ?? ctx.today }, groups);
}

/** The age bands of the statistics, for presenters labelling them. */
export { ageBands } from '../analysis/statistics.js';
