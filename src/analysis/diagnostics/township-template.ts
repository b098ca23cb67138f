/**
 * TOWNSHIP_TEMPLATE: townships (and, separately, streets) whose internal units are the very same set although their
 * profiles differ — the rigid "四办三中心" template the seed report calls 呆板粗放, structure and reality "两张皮".
 */
import type { DiagnosticConfig } from '../config.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions, type Snapshot } from '../snapshot.js';
import type { InstitutionState } from '../../domain/ledger.js';

interface Profile {
  economy: string | null;
  population: number | null;
  area: number | null;
}

const kindLabel = { township: '乡镇', street: '街道' } as const;

export const findTownshipTemplates: Diagnostic = (s, config) => {
  const all = activeInstitutions(s, { internalUnits: true });
  const unitsOf = new Map<string, string[]>();
  for (const u of all) {
    if (u.kind !== 'internal_unit' || !u.parentId) continue;
    const list = unitsOf.get(u.parentId) ?? [];
    list.push(u.name);
    unitsOf.set(u.parentId, list);
  }
  const profiles = latestProfiles(s);
  // Streets are compared among themselves: their urban remit is more uniform than a township's, so they never mix.
  return (['township', 'street'] as const).flatMap((kind) =>
    findTemplates(
      kind,
      all.filter((i) => i.kind === kind),
      unitsOf,
      profiles,
      config,
    ),
  );
};

function findTemplates(
  kind: 'township' | 'street',
  places: InstitutionState[],
  unitsOf: Map<string, string[]>,
  profiles: Map<string, Profile>,
  config: DiagnosticConfig,
): Finding[] {
  const groups = new Map<string, { places: InstitutionState[]; units: string[] }>();
  for (const p of places) {
    const units = [...new Set(unitsOf.get(p.id) ?? [])].sort();
    if (units.length === 0) continue;
    const key = units.join('|');
    const g = groups.get(key) ?? { places: [], units: orderedUnits(unitsOf.get(p.id)!) };
    g.places.push(p);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    if (g.places.length < 2) continue;
    const share = g.places.length / places.length;
    const ps = g.places.map((p) => ({ inst: p, profile: profiles.get(p.id) }));
    const known = ps.filter((p): p is { inst: InstitutionState; profile: Profile } => p.profile !== undefined);
    const economies = [...new Set(known.map((p) => p.profile.economy).filter((e): e is string => !!e))];
    const pops = known.map((p) => p.profile.population).filter((v): v is number => v !== null && v > 0);
    const areas = known.map((p) => p.profile.area).filter((v): v is number => v !== null && v > 0);
    const popRatio = ratio(pops);
    const areaRatio = ratio(areas);
    const differ =
      economies.length >= 2 || popRatio >= config.townshipProfileRatio || areaRatio >= config.townshipProfileRatio;
    // Same structure for the same kind of place is sound design: the near miss that must not fire.
    if (known.length >= 2 && !differ) continue;
    // high: the template covers most places of this kind although their profiles differ; low: a smaller group, or
    // profiles unknown so the mismatch cannot be shown.
    const severity = differ && share >= config.townshipTemplateShare ? 'high' : 'low';
    const label = templateLabel(g.units);
    const n = g.places.length;
    const kl = kindLabel[kind];
    const diffs: string[] = [];
    if (economies.length >= 2) diffs.push(`经济类型分为${economies.join('、')}${economies.length}类`);
    if (pops.length >= 2 && popRatio > 1)
      diffs.push(`常住人口从${wan(Math.min(...pops))}万到${wan(Math.max(...pops))}万不等`);
    if (areas.length >= 2 && areaRatio >= config.townshipProfileRatio)
      diffs.push(`面积从${Math.min(...areas)}到${Math.max(...areas)}平方公里不等`);
    const same = label ? `均为"${label}"` : `均为同样的${g.units.length}个内设机构`;
    const scope = n === places.length ? `全部${n}个${kl}` : `${n}个${kl}(共${places.length}个)`;
    const title = differ
      ? `${scope}内设机构完全相同(${same}),但${diffs.join(',')},机构设置与实际运行"两张皮"`
      : `${scope}内设机构完全相同(${same}),缺少区域特征数据,无法判断是否因地制宜`;
    const evidence: Evidence[] = [
      {
        kind: 'text',
        institutionId: g.places[0]!.id,
        institution: g.places.map((p) => p.name).join('、'),
        text: `共同的内设机构:${g.units.join('、')}`,
      },
      ...ps.map(({ inst, profile }): Evidence => ({
        kind: 'text',
        institutionId: inst.id,
        institution: inst.name,
        text: describeProfile(profile),
      })),
      ...known
        .filter((p) => p.profile.population !== null)
        .map(({ inst, profile }): Evidence => ({
          kind: 'number',
          label: '常住人口',
          value: profile.population!,
          unit: '人',
          institution: inst.name,
        })),
      { kind: 'law', ...laws.comprehensiveSetup },
    ];
    out.push(
      finding('TOWNSHIP_TEMPLATE', {
        severity,
        title,
        institutions: g.places.map((p) => ({ id: p.id, name: p.name })),
        measures: {
          kind,
          places: n,
          placesOfKind: places.length,
          share: round(share),
          internalUnits: g.units.join('、'),
          template: label ?? '',
          economyTypes: economies.length,
          populationRatio: round(popRatio),
          areaRatio: round(areaRatio),
        },
        evidence,
        measure: templateMeasure(label, kl, known, g.places),
      }),
    );
  }
  return out;
}

/** Typical emphasis per economy type; an unknown type is named and left to local judgement. */
const focusOf: Record<string, string> = {
  工业强镇: '经济发展、安全生产和招商服务',
  农业镇: '农业农村、乡村振兴和农技服务',
  旅游镇: '文化旅游发展和生态环境保护',
  城郊型: '城乡建设、规划管控和综合执法',
  商贸型: '商圈服务和楼宇经济',
  居住型: '社区治理和民生服务',
  文教型: '校地共建和科创服务',
  新城区型: '社区建设和公共服务配套',
  老城区型: '历史街区保护和老旧小区治理',
};

function templateMeasure(
  label: string | null,
  kl: string,
  known: { inst: InstitutionState; profile: Profile }[],
  places: InstitutionState[],
): string {
  const byEconomy = new Map<string, string[]>();
  for (const { inst, profile } of known) {
    if (!profile.economy) continue;
    byEconomy.set(profile.economy, [...(byEconomy.get(profile.economy) ?? []), inst.name]);
  }
  const lines = [...byEconomy].map(
    ([e, names]) => `${e}(${names.join('、')})${focusOf[e] ? `突出${focusOf[e]}` : '按其特色设置机构'}`,
  );
  return (
    `打破${label ? `"${label}"` : '内设机构'}"一刀切"设置模式,按照精简统一效能原则,结合${places.map((p) => p.name).join('、')}的经济类型、人口规模和发展定位重新设置内设机构` +
    (lines.length >= 2 ? `:${lines.join(';')}` : '') +
    `,实行"一${kl.slice(0, 1)}一策",实现机构设置与实际运行有效对接。`
  );
}

/** Latest value per street/township of the three profile indicators. */
function latestProfiles(s: Snapshot): Map<string, Profile> {
  const latest = new Map<string, { year: number; value: number | string | null }>();
  for (const x of s.indicators) {
    if (!x.scopeInstitutionId) continue;
    const field =
      x.indicator === '经济类型'
        ? 'economy'
        : x.indicator === '常住人口'
          ? 'population'
          : x.indicator === '面积'
            ? 'area'
            : null;
    if (!field) continue;
    const key = `${x.scopeInstitutionId}|${field}`;
    const prev = latest.get(key);
    if (!prev || x.year > prev.year)
      latest.set(key, { year: x.year, value: field === 'economy' ? x.textValue : x.value });
  }
  const out = new Map<string, Profile>();
  for (const [key, { value }] of latest) {
    const [id, field] = key.split('|') as [string, keyof Profile];
    const p = out.get(id) ?? { economy: null, population: null, area: null };
    if (field === 'economy') p.economy = typeof value === 'string' && value.trim() ? value.trim() : null;
    else p[field] = typeof value === 'number' ? value : null;
    out.set(id, p);
  }
  return out;
}

/** Offices first, then centres, in their listed order — the way the template is written (四办三中心). */
function orderedUnits(units: string[]): string[] {
  const u = [...new Set(units)];
  return [...u.filter((n) => !n.endsWith('中心')), ...u.filter((n) => n.endsWith('中心'))];
}

const cn = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "四办三中心" when every unit is an office or a centre; otherwise null. */
function templateLabel(units: string[]): string | null {
  const offices = units.filter((n) => /办公室$|办$/.test(n)).length;
  const centres = units.filter((n) => n.endsWith('中心')).length;
  if (offices + centres === units.length && offices <= 10 && centres <= 10 && offices > 0 && centres > 0)
    return `${cn[offices]}办${cn[centres]}中心`;
  return null;
}

function describeProfile(p: Profile | undefined): string {
  if (!p) return '无区域特征数据';
  const parts = [
    p.economy ? `经济类型:${p.economy}` : null,
    p.population !== null ? `常住人口${wan(p.population)}万` : null,
    p.area !== null ? `面积${p.area}平方公里` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(';') : '无区域特征数据';
}

function ratio(values: number[]): number {
  return values.length >= 2 ? Math.max(...values) / Math.min(...values) : 1;
}

const wan = (v: number) => (v / 10000).toFixed(1);
const round = (v: number) => Math.round(v * 100) / 100;

export const townshipTemplateDiagnostic = defineDiagnostic({
  code: 'TOWNSHIP_TEMPLATE',
  section: '机构设置',
  label: '乡镇机构设置"一刀切"',
  severity:
    "high when the places' profiles differ (population or area ratio at or above townshipProfileRatio) and at least townshipTemplateShare of them share the set; low otherwise.",
  effect: '现行设置模式没有因地制宜考虑各乡镇特色和发展定位，机构设置与实际运行存在“两张皮”现象',
  thresholds: {
    townshipTemplateShare: {
      default: 0.75,
      doc: 'share of townships (streets separately) with an identical set of internal units that counts as a template',
    },
    townshipProfileRatio: {
      default: 2,
      doc: "max/min ratio of population or area at or above which two places' profiles differ",
    },
  },
  find: findTownshipTemplates,
});
