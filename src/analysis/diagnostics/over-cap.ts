/**
 * OVER_CAP: party and government departments above the 机构限额; coordination bodies holding quota (条例第十九条);
 * special-task coordination bodies kept long after their task (条例第十一条).
 */
import { dutyDomains } from '../domains.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions, ageOn, type Snapshot } from '../snapshot.js';
import { chineseDate } from '../../domain/chinese-text.js';
import type { InstitutionState } from '../../domain/ledger.js';
import { quotaCategoryLabels, type QuotaCategory } from '../../domain/vocabulary.js';

/** Names that mark a body set up for one task or event. */
const specialTask = /非典|肺炎|疫情|新冠|普查|筹备|创建|迎检|专项|攻坚|会战|整治|专班|运动会|博览会|建设指挥部/;
/** Generic task words (指挥部, 领导小组, 工作组) mark a special body unless the name says it is a standing duty. */
const taskWords = /指挥部|领导小组|工作组/;
const standing = /防汛|抗旱|防火|安全生产|食品安全|应急|减灾|委员会/;
/**
 * Standing bodies that the Party centre requires at every level (the 党委's decision-making and coordinating bodies:
 * 机构编制委员会, 全面深化改革委员会, 全面依法治区委员会, 财经委员会, 网信委, 审计委员会, 国家安全委员会 …): not
 * temporary, so their age is no reason to review them.
 */
const partyCentreStanding =
  /机构编制委员会|深化改革委员会|深改委|依法治[区县市省]委员会|财经委员会|网络安全和信息化委员会|审计委员会|国家安全委员会|外事工作委员会|教育工作领导小组|农村工作领导小组|党的建设工作领导小组|统一战线工作领导小组|巡察工作领导小组|保密委员会/;

export const findOverCap: Diagnostic = (s, config) => {
  const institutions = activeInstitutions(s);
  return [
    ...overCap(s, institutions),
    ...quotaOnCoordination(s, institutions),
    ...expiredBodies(s, institutions, config.coordinationMaxYears),
  ];
};

function overCap(s: Snapshot, institutions: InstitutionState[]): Finding[] {
  const cap = s.limits.partyGovInstitutionCap;
  if (cap === undefined) return [];
  // Listing order: founding date, then the official sort order, so the ones past the cap are the latest added.
  const partyGov = institutions
    .filter((i) => i.kind === 'party_dept' || i.kind === 'gov_dept')
    .sort((a, b) => (a.establishedOn ?? '').localeCompare(b.establishedOn ?? '') || a.sortOrder - b.sortOrder);
  const count = partyGov.length;
  if (count <= cap) return [];
  const extra = partyGov.slice(cap);
  const party = partyGov.filter((i) => i.kind === 'party_dept').length;
  // a government department is never merged into a Party one (or the reverse): categories are not mixed
  const merges = extra.map((e) => ({
    extra: e,
    into: closestDepartment(
      s,
      e,
      partyGov.filter((c) => c.kind === e.kind),
    ),
  }));
  return [
    // Always high: the cap is a hard limit set by the higher authority.
    finding('OVER_CAP', {
      severity: 'high',
      title: `党政机构${count}个(党委部门${party}个、政府部门${count - party}个),超过机构限额${cap}个,超出${count - cap}个(${extra.map((e) => e.name).join('、')})`,
      institutions: extra.map((i) => ({ id: i.id, name: i.name })),
      measures: { partyGovCount: count, partyDepts: party, govDepts: count - party, cap, excess: count - cap },
      evidence: [
        { kind: 'number', label: '党政机构数', value: count, unit: '个' },
        { kind: 'number', label: '机构限额', value: cap, unit: '个' },
        ...extra.map((e) => ({
          kind: 'text' as const,
          institutionId: e.id,
          institution: e.name,
          text: `排序在限额之外;设立日期:${e.establishedOn ?? '不详'}`,
        })),
        { kind: 'law', ...laws.comprehensiveSetup },
      ],
      measure:
        `严格执行机构限额管理,结合本轮机构改革统筹研究党政机构设置,在限额内压减党政机构${count - cap}个,调整方案按程序报批:` +
        merges
          .map((m) =>
            m.into
              ? `研究将${m.extra.name}调整为部门管理机构或与职责相近的${m.into.name}整合设置`
              : `将${m.extra.name}与职责相近的部门整合设置`,
          )
          .join(';') +
        ',确保党政机构数量控制在限额以内。',
    }),
  ];
}

/** The party or government department sharing most duties by domain with the one past the cap. */
function closestDepartment(
  s: Snapshot,
  extra: InstitutionState,
  candidates: InstitutionState[],
): InstitutionState | null {
  const own = new Set(s.duties.filter((d) => d.institutionId === extra.id).flatMap((d) => dutyDomains(d)));
  if (own.size === 0) return null;
  const ids = new Set(candidates.filter((c) => c.id !== extra.id).map((c) => c.id));
  const score = new Map<string, number>();
  for (const d of s.duties) {
    if (!ids.has(d.institutionId) || d.source !== 'sanding') continue;
    if (dutyDomains(d).some((dm) => own.has(dm))) score.set(d.institutionId, (score.get(d.institutionId) ?? 0) + 1);
  }
  const best = [...score].sort((a, b) => b[1] - a[1])[0];
  return best ? s.registry.institutions.get(best[0])! : null;
}

function quotaOnCoordination(s: Snapshot, institutions: InstitutionState[]): Finding[] {
  const bodies = new Map(institutions.filter((i) => i.kind === 'coordination').map((i) => [i.id, i]));
  const held: { inst: InstitutionState; category: string; approved: number }[] = [];
  for (const [key, approved] of s.registry.quotas) {
    const [id, category] = key.split('|') as [string, string];
    const inst = bodies.get(id);
    if (inst && approved > 0) held.push({ inst, category, approved });
  }
  if (held.length === 0) return [];
  const insts = [...new Map(held.map((h) => [h.inst.id, h.inst])).values()];
  const total = held.reduce((a, h) => a + h.approved, 0);
  const label = (c: string) => quotaCategoryLabels[c as QuotaCategory] ?? c;
  return [
    // Always high: the regulation forbids it outright.
    finding('OVER_CAP', {
      severity: 'high',
      title: `${insts.length}个议事协调机构单独核定编制${total}名(${held.map((h) => `${h.inst.name}${label(h.category)}${h.approved}名`).join('、')}),违反议事协调机构不单独确定编制的规定`,
      institutions: insts.map((i) => ({ id: i.id, name: i.name })),
      measures: { bodies: insts.length, quota: total },
      evidence: [
        ...held.map((h) => ({
          kind: 'number' as const,
          label: `核定${label(h.category)}`,
          value: h.approved,
          unit: '名',
          institution: h.inst.name,
        })),
        { kind: 'law', ...laws.coordinationNoQuota },
      ],
      measure: `收回${insts.map((i) => i.name).join('、')}单独核定的编制,所需编制由承担具体工作的行政机构解决。`,
    }),
  ];
}

function expiredBodies(s: Snapshot, institutions: InstitutionState[], maxYears: number): Finding[] {
  const old = institutions
    .filter((i) => i.kind === 'coordination' && i.establishedOn)
    .map((i) => ({ inst: i, years: ageOn(i.establishedOn!, s.asOf) }))
    .filter((b) => b.years > maxYears);
  const isSpecial = (name: string) => specialTask.test(name) || (taskWords.test(name) && !standing.test(name));
  const special = old.filter((b) => isSpecial(b.inst.name)).sort((a, b) => b.years - a.years);
  const standingOld = old.filter((b) => !isSpecial(b.inst.name) && !partyCentreStanding.test(b.inst.name));
  const out: Finding[] = [];
  for (const b of special) {
    // high: a body for one task or event, still standing years after it — exactly what 第十一条 forbids.
    out.push(
      finding('OVER_CAP', {
        severity: 'high',
        title: `${b.inst.name}为完成阶段性特定任务设立,设立于${chineseDate(b.inst.establishedOn!)},已存续${b.years}年(超过${maxYears}年),任务早已结束仍未撤销`,
        institutions: [{ id: b.inst.id, name: b.inst.name }],
        measures: { establishedOn: b.inst.establishedOn!, years: b.years, maxYears },
        evidence: [
          { kind: 'number', label: '存续年限', value: b.years, unit: '年', institution: b.inst.name },
          { kind: 'law', ...laws.coordinationBodies },
        ],
        measure: `撤销${b.inst.name},其遗留工作由承担具体工作的职能部门承接;今后设立议事协调机构须明确撤销条件和期限,任务完成后及时撤销。`,
      }),
    );
  }
  if (standingOld.length) {
    // low: standing committees may last; the finding only asks that their need be reviewed.
    out.push(
      finding('OVER_CAP', {
        severity: 'low',
        title: `${standingOld.length}个议事协调机构设立已超过${maxYears}年(${standingOld.map((b) => b.inst.name).join('、')}),需复核存续必要性和撤销条件`,
        institutions: standingOld.map((b) => ({ id: b.inst.id, name: b.inst.name })),
        measures: { bodies: standingOld.length, maxYears },
        evidence: [
          ...standingOld.map((b) => ({
            kind: 'number' as const,
            label: '存续年限',
            value: b.years,
            unit: '年',
            institution: b.inst.name,
          })),
          { kind: 'law', ...laws.coordinationBodies },
        ],
        measure:
          '定期清理规范议事协调机构,对职能已由常设部门承担或长期不运转的予以撤销或合并,保留的明确存续条件和期限。',
      }),
    );
  }
  return out;
}

export const overCapDiagnostic = defineDiagnostic({
  code: 'OVER_CAP',
  section: '机构设置',
  label: '机构超限额或议事协调机构不规范',
  severity:
    'high for departments above the cap, coordination bodies holding quota and expired special-task bodies; low for a long-standing body without an end date.',
  effect: '机构限额和议事协调机构管理的刚性约束没有落实到位',
  thresholds: {
    coordinationMaxYears: {
      default: 5,
      doc: 'coordination bodies older than this many years are flagged as expired special-task bodies',
    },
  },
  find: findOverCap,
});
