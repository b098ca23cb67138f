/**
 * DATA_QUALITY: gaps in the records the other diagnostics stand on — units with no duties, no 三定 duties, people on a
 * quota category their unit has none of, stale indicators, missing 统一社会信用代码.
 */
import { defineDiagnostic, finding, type Diagnostic, type Evidence, type Finding } from '../finding.js';
import { activeInstitutions } from '../snapshot.js';
import type { InstitutionState } from '../../domain/ledger.js';
import {
  institutionKindLabels,
  quotaCategoryLabels,
  type InstitutionKind,
  type QuotaCategory,
} from '../../domain/vocabulary.js';

/** Kinds whose duties a 三定 规定 fixes; other kinds lacking one is a lesser gap. */
export const sandingKinds = new Set<InstitutionKind>([
  'party_dept',
  'gov_dept',
  'dept_managed',
  'dispatched',
  'street',
  'township',
]);

export const findDataQualityGaps: Diagnostic = (s, config) => {
  // Internal units and coordination bodies hold no duties or quota of their own (条例第十九条).
  const units = activeInstitutions(s).filter((i) => i.kind !== 'coordination');
  const withDuties = new Set<string>();
  const withSanding = new Set<string>();
  for (const d of s.duties) {
    withDuties.add(d.institutionId);
    if (d.source === 'sanding') withSanding.add(d.institutionId);
  }
  const out: Finding[] = [];
  const ref = (i: InstitutionState) => ({ id: i.id, name: i.name });
  const names = (list: InstitutionState[]) => list.map((i) => i.name).join('、');
  const kindOf = (i: InstitutionState) => institutionKindLabels[i.kind];

  // data never imported: the diagnostics that stand on it stay silent, and this says so
  const missing: { what: string; silent: string }[] = [];
  if (units.length && s.people.length === 0)
    missing.push({
      what: '实名制人员',
      silent: '空编、超编、编制混用、领导职数、年龄结构、专业技术人员、工作量、职能宽泛',
    });
  if (units.length && s.workload.length === 0) missing.push({ what: '工作量指标', silent: '编制配备与工作量匹配' });
  if (units.length && s.indicators.length === 0)
    missing.push({ what: '区域人口经济指标', silent: '乡镇机构设置、民生领域编制保障' });
  if (missing.length) {
    out.push(
      finding('DATA_QUALITY', {
        severity: missing.some((m) => m.what === '实名制人员') ? 'high' : 'medium',
        title: `尚未导入${missing.map((m) => m.what).join('、')}数据,相关诊断未能开展`,
        institutions: [],
        measures: { check: 'missing_data', missing: missing.map((m) => m.what).join('、') },
        evidence: missing.map((m): Evidence => ({
          kind: 'text',
          institutionId: '',
          institution: '全区',
          text: `${m.what}数据为空,未开展${m.silent}等诊断`,
        })),
        measure: `尽快导入${missing.map((m) => m.what).join('、')}数据,做到底数清、情况明,再据此开展相应诊断。`,
      }),
    );
  }

  const noDuties = units.filter((i) => !withDuties.has(i.id));
  if (noDuties.length) {
    // medium: without duties the unit is invisible to every duty diagnostic (overlap, fragmentation, workload).
    out.push(
      finding('DATA_QUALITY', {
        severity: 'medium',
        title: `${noDuties.length}个单位没有任何职能事项(${names(noDuties)}),职责底数不清`,
        institutions: noDuties.map(ref),
        measures: { check: 'no_duties', institutions: noDuties.length },
        evidence: noDuties.map((i): Evidence => ({
          kind: 'text',
          institutionId: i.id,
          institution: i.name,
          text: `${kindOf(i)},三定职责和权责清单均为空`,
        })),
        measure: `尽快补录${names(noDuties)}的三定职责和权责清单,做到职责底数清、边界明,为职能配置分析和机构改革提供依据。`,
      }),
    );
  }

  const noSanding = units.filter((i) => withDuties.has(i.id) && !withSanding.has(i.id));
  if (noSanding.length) {
    const core = noSanding.filter((i) => sandingKinds.has(i.kind));
    const count = (i: InstitutionState) => s.duties.filter((d) => d.institutionId === i.id).length;
    // medium when a party/government department or 镇街 lacks 三定 (its mandate is undefined); low for other units.
    out.push(
      finding('DATA_QUALITY', {
        severity: core.length ? 'medium' : 'low',
        title: `${noSanding.length}个单位缺少三定职责,只有权责清单(${names(noSanding)})`,
        institutions: noSanding.map(ref),
        measures: { check: 'no_sanding', institutions: noSanding.length, coreInstitutions: core.length },
        evidence: noSanding.map((i): Evidence => ({
          kind: 'text',
          institutionId: i.id,
          institution: i.name,
          text: `${kindOf(i)},三定职责0项,权责清单事项${count(i)}项`,
        })),
        measure: `补录${names(noSanding)}的三定规定主要职责,并与权责清单逐项对应,实现"三定"与权责清单一体管理。`,
      }),
    );
  }

  const mismatch = new Map<string, { inst: InstitutionState; category: string; people: number }>();
  for (const p of s.people) {
    const inst = s.registry.institutions.get(p.institutionId);
    if (!inst || (s.registry.quotas.get(`${p.institutionId}|${p.category}`) ?? 0) > 0) continue;
    const key = `${p.institutionId}|${p.category}`;
    const m = mismatch.get(key) ?? { inst, category: p.category, people: 0 };
    m.people++;
    mismatch.set(key, m);
  }
  if (mismatch.size) {
    const rows = [...mismatch.values()].sort((a, b) => b.people - a.people);
    const label = (c: string) => quotaCategoryLabels[c as QuotaCategory] ?? c;
    const insts = [...new Map(rows.map((r) => [r.inst.id, r.inst])).values()];
    const total = rows.reduce((a, r) => a + r.people, 0);
    // medium: the roster and the registry disagree; which one is wrong needs checking (MIXED_QUOTA judges the use).
    out.push(
      finding('DATA_QUALITY', {
        severity: 'medium',
        title: `${insts.length}个单位实名制人员${total}人所在编制类别未核定编制(${rows.map((r) => `${r.inst.name}${label(r.category)}${r.people}人`).join('、')}),花名册与编制台账不一致`,
        institutions: insts.map(ref),
        measures: { check: 'roster_quota_mismatch', institutions: insts.length, people: total },
        evidence: rows.map((r): Evidence => ({
          kind: 'number',
          label: `${label(r.category)}实有人数(核定0名)`,
          value: r.people,
          unit: '人',
          institution: r.inst.name,
        })),
        measure: `逐人核对${names(insts)}的实名制信息与编制台账,属于录入错误的予以更正,属于混编混岗的按规定清理规范,确保人编对应、账实相符。`,
      }),
    );
  }

  const asOfYear = Number(s.asOf.slice(0, 4));
  const latest = new Map<string, { scope: string | null; indicator: string; year: number }>();
  for (const x of s.indicators) {
    const key = `${x.scopeInstitutionId ?? ''}|${x.indicator}`;
    const prev = latest.get(key);
    if (!prev || x.year > prev.year)
      latest.set(key, { scope: x.scopeInstitutionId, indicator: x.indicator, year: x.year });
  }
  const stale = [...latest.values()].filter((x) => asOfYear - x.year > config.staleYears);
  if (stale.length) {
    const scopeName = (id: string | null) => (id ? (s.registry.institutions.get(id)?.name ?? id) : '全区');
    const oldest = Math.min(...stale.map((x) => x.year));
    const scopes = [...new Set(stale.map((x) => x.scope).filter((x): x is string => !!x))]
      .map((id) => s.registry.institutions.get(id))
      .filter((i): i is InstitutionState => !!i);
    // low: old figures weaken the demand-side diagnostics but do not by themselves misstate the registry.
    out.push(
      finding('DATA_QUALITY', {
        severity: 'low',
        title: `${stale.length}项区域指标超过${config.staleYears}年未更新(最早为${oldest}年),${[...new Set(stale.map((x) => x.indicator))].join('、')}等数据陈旧`,
        institutions: scopes.map(ref),
        measures: {
          check: 'stale_indicators',
          indicators: stale.length,
          oldestYear: oldest,
          staleYears: config.staleYears,
        },
        evidence: stale.slice(0, 20).map((x): Evidence => ({
          kind: 'number',
          label: `${scopeName(x.scope)}${x.indicator}最新年份`,
          value: x.year,
        })),
        measure:
          '建立区域人口、经济等基础数据定期更新机制,会同统计部门每年更新镇街和全区指标,确保机构编制分析依据及时准确。',
      }),
    );
  }

  const noCode = units.filter((i) => !i.code?.trim());
  if (noCode.length) {
    // low: the code is an identifier; its absence hampers matching with other registers, not the analysis here.
    out.push(
      finding('DATA_QUALITY', {
        severity: 'low',
        title: `${noCode.length}个单位缺少统一社会信用代码(${names(noCode.slice(0, 10))}${noCode.length > 10 ? '等' : ''})`,
        institutions: noCode.map(ref),
        measures: { check: 'missing_code', institutions: noCode.length },
        evidence: noCode.slice(0, 20).map((i): Evidence => ({
          kind: 'text',
          institutionId: i.id,
          institution: i.name,
          text: `${kindOf(i)},统一社会信用代码为空`,
        })),
        measure: '补录各单位统一社会信用代码,与机构编制实名制系统、事业单位登记管理系统数据互通共享,打破"信息孤岛"。',
      }),
    );
  }

  // no 三定 date recorded for any unit: SANDING_OUTDATED cannot compare, and the 工作底稿 says why
  const sandingDue = units.filter((i) => sandingKinds.has(i.kind));
  if (sandingDue.length && !sandingDue.some((i) => i.sandingOn && i.sandingOn <= s.asOf)) {
    out.push(
      finding('DATA_QUALITY', {
        severity: 'low',
        title: `${sandingDue.length}个党政机构和镇街均未登记三定规定的印发日期,无法比对三定规定的修订情况`,
        institutions: [],
        measures: { check: 'no_sanding_dates', institutions: sandingDue.length },
        evidence: [
          {
            kind: 'text',
            institutionId: '',
            institution: '全区',
            text: `${sandingDue.length}个应有三定规定的单位,三定文号和印发日期均为空`,
          },
        ],
        measure: '补录各单位现行三定规定的文号和印发日期,据此比对三定规定是否需要修订。',
      }),
    );
  }
  return out;
};

export const dataQualityDiagnostic = defineDiagnostic({
  code: 'DATA_QUALITY',
  section: '管理体制',
  label: '机构编制数据不完整',
  severity:
    'high when the roster is missing altogether; medium for units without duties or a party/government department or 镇街 without 三定, and for roster vs quota mismatches; low for other units without 三定, stale indicators and missing codes.',
  effect: '机构编制台账与实际不符，影响管理和决策的科学性',
  thresholds: {
    staleYears: { default: 3, doc: 'an indicator year older than this many years is stale' },
  },
  find: findDataQualityGaps,
});
