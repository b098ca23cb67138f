/** PROFESSIONAL_SHORTAGE: a low share of people with a professional title in public institutions, above all 科技/金融. */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import { activeInstitutions, type PersonFact } from '../snapshot.js';
import { percent } from '../statistics.js';

const titled = new Set(['正高', '副高', '中级', '初级']);
/** Names that mark a key-domain unit even before its duties are tagged. */
const keyName = /科技|金融/;
/** Smaller units are too noisy to judge on a share. */
const minPeople = 3;

const pct = (x: number) => Math.round(x * 100);

/** Below this many people one person moves the share by more than 12 points: such units are at most low (or medium). */
const smallUnit = 8;

/**
 * Severity (key-domain units, the seed report's 科技创新、金融服务): high below professionalShareMin with at least 5
 * people; medium below professionalKeyShareMin with at least 8 people; low otherwise. Any other public institution
 * below professionalShareMin is low: outside the key domains a low share is a prompt to look, not a finding to act on.
 */
function severityOf(share: number, key: boolean, people: number, min: number, keyMin: number): Severity | null {
  if (key) {
    if (share >= keyMin) return null;
    if (share < min && people >= 5) return 'high';
    return people >= smallUnit ? 'medium' : 'low';
  }
  return share < min ? 'low' : null;
}

export const findProfessionalShortage: Diagnostic = (s, config) => {
  const byInst = new Map<string, PersonFact[]>();
  // 工勤 staff have skill grades, not professional titles: they are not counted
  for (const p of s.people) {
    if (p.category === 'worker') continue;
    const list = byInst.get(p.institutionId);
    if (list) list.push(p);
    else byInst.set(p.institutionId, [p]);
  }
  const dutiesOf = new Map<string, string[][]>();
  for (const d of s.duties) {
    const list = dutiesOf.get(d.institutionId) ?? [];
    list.push(dutyDomains(d));
    dutiesOf.set(d.institutionId, list);
  }
  const keyDomains = new Set(config.professionalDomains);
  // 承担行政职能 and 参公 units are staffed as administrators, not on the professional track
  const units = activeInstitutions(s).filter(
    (i) => i.kind === 'public_institution' && i.piClass !== '承担行政职能' && !i.civilServiceManaged,
  );
  let allPeople = 0;
  let allTitled = 0;
  const rows = units.map((inst) => {
    const people = byInst.get(inst.id) ?? [];
    const t = people.filter((p) => p.titleLevel && titled.has(p.titleLevel)).length;
    allPeople += people.length;
    allTitled += t;
    const duties = dutiesOf.get(inst.id) ?? [];
    const inKey = duties.filter((ds) => ds.some((x) => keyDomains.has(x)));
    // key when at least half its duties lie in a key domain, or when named so (区科技…中心, 区金融…中心)
    const byDuties =
      duties.length > 0 && inKey.length * 2 >= duties.length
        ? inKey.flatMap((ds) => ds.filter((x) => keyDomains.has(x)))[0]
        : undefined;
    const named = keyName.exec(inst.name)?.[0];
    const domain = byDuties ?? (named && (config.professionalDomains.find((x) => x.startsWith(named)) ?? named));
    return { inst, people: people.length, titled: t, domain };
  });
  const districtShare = allPeople ? allTitled / allPeople : 0;
  const out: Finding[] = [];
  for (const r of rows) {
    if (r.people < minPeople) continue;
    const share = r.titled / r.people;
    const severity = severityOf(
      share,
      !!r.domain,
      r.people,
      config.professionalShareMin,
      config.professionalKeyShareMin,
    );
    if (!severity) continue;
    const min = r.domain ? config.professionalKeyShareMin : config.professionalShareMin;
    const where = r.domain ? `(${r.domain}领域)` : '';
    out.push(
      finding('PROFESSIONAL_SHORTAGE', {
        severity,
        title: r.titled
          ? `${r.inst.name}${where}${r.people}人中专业技术人员仅${r.titled}人，占${percent(r.titled, r.people)}，低于${pct(min)}%的测算口径`
          : `${r.inst.name}${where}${r.people}人中没有专业技术人员，低于${pct(min)}%的测算口径`,
        institutions: [{ id: r.inst.id, name: r.inst.name }],
        measures: {
          people: r.people,
          titled: r.titled,
          share: Math.round(share * 1000) / 1000,
          threshold: min,
          domain: r.domain ?? '',
          districtShare: Math.round(districtShare * 1000) / 1000,
        },
        evidence: [
          { kind: 'number', label: '在编人员(不含工勤)', value: r.people, unit: '人', institution: r.inst.name },
          { kind: 'number', label: '具有专业技术职称', value: r.titled, unit: '人', institution: r.inst.name },
          { kind: 'number', label: '专业技术人员占比', value: pct(share), unit: '%', institution: r.inst.name },
          { kind: 'number', label: '全区事业单位专业技术人员占比', value: pct(districtShare), unit: '%' },
        ],
        measure:
          `加强${r.inst.name}专业技术人才队伍建设：用编进人计划向该单位专业技术岗位倾斜，通过公开招聘、人才引进补充` +
          `${r.domain ?? '本行业'}专业人才，使专业技术人员占比达到${pct(min)}%以上；对在岗人员开展职称评聘和专业培训，` +
          `探索设立人才专项基金、柔性引才，留住优秀人才。`,
      }),
    );
  }
  return out;
};

export const professionalShortageDiagnostic = defineDiagnostic({
  code: 'PROFESSIONAL_SHORTAGE',
  section: '人员结构',
  label: '专业技术人员比例偏低',
  severity:
    'key-domain units: high below professionalShareMin with at least 5 people, medium below professionalKeyShareMin with at least 8 people; any other public institution below professionalShareMin is low.',
  effect: '专业人才匮乏，制约了单位业务水平的提升',
  thresholds: {
    professionalShareMin: {
      default: 0.3,
      doc: 'minimum share of people with a professional title in a public institution',
    },
    professionalDomains: {
      default: ['科技创新', '金融服务'],
      doc: 'the key domains whose public institutions are held to professionalKeyShareMin',
    },
    professionalKeyShareMin: {
      default: 0.5,
      doc: 'the higher minimum share for public institutions in professionalDomains',
    },
  },
  find: findProfessionalShortage,
});
