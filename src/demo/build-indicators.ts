/**
 * Workload per institution for 2025 (办件量, 案件数, 服务人口, 管辖面积, 项目数) and region indicators (population, 60+,
 * 0–6, area, economy type). Workload follows staff with modest noise, so per-person figures stay comparable among
 * peers — except the overloaded street and the idle bureau of the plan.
 */
import type { IndicatorRecord, RosterRecord, WorkloadRecord } from '../domain/records.js';
import type { UnitModel } from './build-institutions.js';
import type { LocalSpec } from './catalog-local.js';
import { plan } from './plan.js';
import { streamFor, type Profile } from './spec.js';

const year = 2025;

/** Institutions whose work is counted in projects. */
const projectHolders = new Set([
  '区发展和改革局',
  '区工业和信息化局',
  '区科学技术局',
  '区住房和城乡建设局',
  '区交通运输局',
  '区水务局',
  '区农业农村局',
  '区商务局',
  '区重点项目服务中心',
  '区投资促进中心',
]);

/** 服务人口 per staff member of service-delivering 事业单位 (pupils per teacher, patients per staff…). */
const servedPerStaff: Partial<Record<Profile, number>> = {
  school: 13,
  kindergarten: 9,
  hospital: 420,
  health: 900,
  elderly: 3,
};

export function buildWorkload(
  seed: number,
  planted: boolean,
  models: UnitModel[],
  roster: RosterRecord[],
  punishers: Set<string>,
): WorkloadRecord[] {
  const staff = new Map<string, number>();
  for (const p of roster) staff.set(p.institution, (staff.get(p.institution) ?? 0) + 1);
  const rows: WorkloadRecord[] = [];
  // counts are whole numbers; an area keeps one decimal
  const add = (institution: string, indicator: string, value: number, unit: string) =>
    rows.push({
      institution,
      year,
      indicator,
      value: Math.max(0, Math.round(value * (unit === '平方公里' ? 10 : 1)) / (unit === '平方公里' ? 10 : 1)),
      unit,
    });

  for (const m of models) {
    const n = staff.get(m.name) ?? 0;
    if (n === 0) continue;
    const rng = streamFor(seed, `workload:${m.name}`);
    const noise = () => rng.lognormal(0.22);
    if (m.local) {
      add(m.name, '服务人口', m.local.population, '人');
      add(m.name, '管辖面积', m.local.area, '平方公里');
      // per person: a street handles more cases than a township
      const perHead = m.kind === 'street' ? 1500 : 1100;
      let cases = n * perHead * noise();
      if (planted && m.name === plan.overloadedStreet) cases = m.local.population * 0.55;
      add(m.name, '办件量', cases, '件');
      continue;
    }
    if (m.kind === 'public_institution') {
      const served = servedPerStaff[m.profile];
      if (served) add(m.name, '服务人口', n * served * noise(), '人');
      else add(m.name, '办件量', n * 360 * noise(), '件');
      if (projectHolders.has(m.name)) add(m.name, '项目数', n * 2.2 * noise(), '个');
      continue;
    }
    const perHead = m.kind === 'gov_dept' || m.kind === 'dispatched' ? 420 : 260;
    const idle = planted && m.name === plan.idleBureau;
    add(m.name, '办件量', idle ? n * 38 : n * perHead * noise(), '件');
    if (punishers.has(m.name)) add(m.name, '案件数', idle ? 2 : n * 16 * noise(), '件');
    if (projectHolders.has(m.name)) add(m.name, '项目数', n * 2.5 * noise(), '个');
  }
  return rows;
}

export function buildIndicators(locals: LocalSpec[]): IndicatorRecord[] {
  const rows: IndicatorRecord[] = [];
  const sum = (f: (l: LocalSpec) => number) => locals.reduce((a, l) => a + f(l), 0);
  const push = (scope: string | undefined, indicator: string, value: number | undefined, text?: string) => {
    const row: IndicatorRecord = { year, indicator, value };
    if (scope) row.scope = scope;
    if (text) row.text = text;
    rows.push(row);
  };
  push(
    undefined,
    '常住人口',
    sum((l) => l.population),
  );
  push(
    undefined,
    '60岁以上人口',
    sum((l) => l.aged60),
  );
  push(
    undefined,
    '0-6岁儿童',
    sum((l) => l.children0to6),
  );
  push(undefined, '面积', Math.round(sum((l) => l.area) * 10) / 10);
  push(undefined, '经济类型', undefined, '综合型');
  for (const l of locals) {
    push(l.name, '常住人口', l.population);
    push(l.name, '60岁以上人口', l.aged60);
    push(l.name, '0-6岁儿童', l.children0to6);
    push(l.name, '面积', l.area);
    push(l.name, '经济类型', undefined, l.economy);
    push(l.name, '特色产业', undefined, l.feature);
  }
  return rows;
}
