/**
 * The 5-year retirement and vacancy forecast (issue 16 item 4): statutory retirements under the 2025 rules per year,
 * institution and quota category, the places each unit will have free if nobody is recruited, and the 待退休 list.
 */
import { forecastVacancies, type VacancyForecast } from '../analysis/vacancy-forecast.js';
import { mayUnmask, requirePermission } from './access.js';
import type { CommandContext } from './context.js';
import { loadSnapshot } from './snapshot.js';

export async function districtForecast(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots' | 'access'>,
  opts: { asOf?: string; years?: number } = {},
): Promise<VacancyForecast & { institutionNames: Record<string, string> }> {
  requirePermission(ctx, 'readDistrict', '单位填报员无权查看全区退休与空编预测');
  const s = await loadSnapshot(ctx, opts.asOf);
  const forecast = forecastVacancies({
    asOf: s.asOf,
    years: opts.years,
    people: s.people.map((p) => ({
      personId: p.personId,
      institutionId: p.institutionId,
      category: p.category,
      birthDate: p.birthDate,
      gender: p.gender,
    })),
    quotas: [...s.registry.quotas].map(([key, approved]) => {
      const at = key.lastIndexOf('|');
      return { institutionId: key.slice(0, at), category: key.slice(at + 1), approved };
    }),
  });
  const institutionNames = Object.fromEntries([...s.registry.institutions].map(([id, i]) => [id, i.name]));
  // a role that may not see whole ID numbers sees no birth date either (it gives the masked digits away), and the
  // retirement month rather than its day, from which the birth date follows
  const pending = mayUnmask(ctx)
    ? forecast.pending
    : forecast.pending.map((p) => ({ ...p, birthDate: '', retirementDate: p.retirementDate.slice(0, 7) }));
  return { ...forecast, pending, institutionNames };
}
