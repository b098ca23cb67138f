/** AGEING: institutions whose people are old on average, with few under 35 and many retiring soon (年龄结构老化). */
import type { DiagnosticConfig } from '../config.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { activeInstitutions, ageOn, type PersonFact } from '../snapshot.js';
import { personRetirement } from '../../domain/retirement.js';
import { isYoung, peopleStructure, percent, sharePct } from '../statistics.js';

interface AgeStats {
  people: number;
  meanAge: number;
  under35: number;
  retiring: number;
}

function addYears(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
}

/**
 * A person's statutory retirement depends on the person alone: worked out once per person object (a scenario's
 * evaluation reuses the base's people, only those it moves are copied).
 */
const retirementOf = new WeakMap<PersonFact, ReturnType<typeof personRetirement>>();
function retirement(p: PersonFact) {
  if (retirementOf.has(p)) return retirementOf.get(p)!;
  const r = personRetirement(p);
  retirementOf.set(p, r);
  return r;
}

function stats(people: PersonFact[], asOf: string, config: DiagnosticConfig): AgeStats {
  const horizon = addYears(asOf, config.retirementYears);
  let sum = 0;
  let under35 = 0;
  let retiring = 0;
  for (const p of people) {
    const age = ageOn(p.birthDate!, asOf);
    sum += age;
    if (isYoung(age)) under35++;
    // due when the statutory retirement date (the 2025 rules: src/domain/retirement.ts) falls by the horizon, already
    // past it counting too; without a recorded gender the original ages (60 / 55) stand in
    const statutory = retirement(p);
    if (statutory ? statutory.date <= horizon : ageOn(p.birthDate!, horizon) >= (p.gender === '女' ? 55 : 60))
      retiring++;
  }
  return { people: people.length, meanAge: people.length ? sum / people.length : 0, under35, retiring };
}

const pct = (x: number) => Math.round(x * 100);
const one = (x: number) => Math.round(x * 10) / 10;

/**
 * Severity: high when the mean age is above ageingMeanAge and another flag holds (under-35 share below
 * ageingUnder35Max or retirement share above retirementShareMax); medium for the mean age alone, or for the two other
 * flags together. A single weak flag alone (few under 35 in a small office) is common and not reported.
 */
function severityOf(old: boolean, young: boolean, retiring: boolean): Severity | null {
  if (old) return young || retiring ? 'high' : 'medium';
  return young && retiring ? 'medium' : null;
}

export const findAgeing: Diagnostic = (s, config) => {
  const byInst = new Map<string, PersonFact[]>();
  const dated = s.people.filter((p) => p.birthDate);
  for (const p of dated) {
    const list = byInst.get(p.institutionId);
    if (list) list.push(p);
    else byInst.set(p.institutionId, [p]);
  }
  const district = stats(dated, s.asOf, config);
  const districtBands = peopleStructure(s.people, s.asOf);
  const districtEvidence = [
    { kind: 'number' as const, label: '全区平均年龄', value: one(district.meanAge), unit: '岁' },
    // the district's share as part 一 states it: the statistics' own bands over all people
    {
      kind: 'number' as const,
      label: '全区35岁以下人员占比',
      value: sharePct(districtBands.ageBands['35岁以下'], districtBands.total),
      unit: '%',
    },
    {
      kind: 'number' as const,
      label: `全区${config.retirementYears}年内退休占比`,
      value: pct(district.retiring / (district.people || 1)),
      unit: '%',
    },
  ];
  const out: Finding[] = [];
  for (const inst of activeInstitutions(s)) {
    const people = byInst.get(inst.id) ?? [];
    if (people.length < config.ageingMinStaff) continue;
    const a = stats(people, s.asOf, config);
    const u35 = a.under35 / a.people;
    const ret = a.retiring / a.people;
    const old = a.meanAge > config.ageingMeanAge;
    const young = u35 < config.ageingUnder35Max;
    const retiring = ret > config.retirementShareMax;
    const severity = severityOf(old, young, retiring);
    if (!severity) continue;
    out.push(
      finding('AGEING', {
        severity,
        title:
          `${inst.name}实有${a.people}人，平均年龄${one(a.meanAge)}岁，` +
          (a.under35 ? `35岁以下${a.under35}人、占${percent(a.under35, a.people)}，` : '没有35岁以下人员，') +
          `${config.retirementYears}年内将退休${a.retiring}人、占${percent(a.retiring, a.people)}，年龄结构老化`,
        institutions: [{ id: inst.id, name: inst.name }],
        measures: {
          people: a.people,
          meanAge: one(a.meanAge),
          under35: a.under35,
          under35Share: Math.round(u35 * 1000) / 1000,
          retiring: a.retiring,
          retiringShare: Math.round(ret * 1000) / 1000,
          districtMeanAge: one(district.meanAge),
        },
        evidence: [
          { kind: 'number', label: '平均年龄', value: one(a.meanAge), unit: '岁', institution: inst.name },
          { kind: 'number', label: '35岁以下占比', value: pct(u35), unit: '%', institution: inst.name },
          {
            kind: 'number',
            label: `${config.retirementYears}年内退休人数`,
            value: a.retiring,
            unit: '人',
            institution: inst.name,
          },
          ...districtEvidence,
        ],
        measure:
          `改善${inst.name}年龄结构：针对${config.retirementYears}年内${a.retiring}人退休制定补员计划，用编进人计划向该单位倾斜，` +
          `优先招录、遴选35岁以下年轻干部，落实老中青梯次配备；加大年轻干部选拔培养和交流锻炼力度，做好退休前岗位传帮带，防止断档。`,
      }),
    );
  }
  return out;
};

export const ageingDiagnostic = defineDiagnostic({
  code: 'AGEING',
  section: '人员结构',
  label: '干部队伍年龄结构老化',
  severity:
    'high when the mean age is above ageingMeanAge and another flag holds (under-35 share or retirements due); medium for the mean age alone or the two other flags together; a single weak flag is not reported.',
  effect: '年龄结构老化，梯次配备不合理，面临断档风险',
  thresholds: {
    ageingMeanAge: { default: 48, doc: 'mean age above which an institution is old' },
    ageingUnder35Max: { default: 0.1, doc: 'share of people under 35 below which the young are too few' },
    retirementYears: { default: 5, doc: 'the window, in years, for retirements due' },
    retirementShareMax: {
      default: 0.3,
      doc: 'share of people retiring within retirementYears above which it is a flag',
    },
    ageingMinStaff: {
      default: 8,
      doc: 'institutions with fewer people (with a birth date) than this are too small to judge',
    },
  },
  find: findAgeing,
});
