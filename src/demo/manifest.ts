/**
 * The manifest of planted problems: for each diagnostic code, the institutions where it was planted, a Chinese
 * description and the measured figures, computed from the generated records so they always agree with them.
 */
import type { QuotaCategory } from '../domain/vocabulary.js';
import { townships, townshipTemplate, streets } from './catalog-local.js';
import type { DemoDistrict } from './demo-district.js';
import { plan } from './plan.js';
import { yearsBetween } from './spec.js';

export interface PlantedProblem {
  code: string;
  institutions: string[];
  description: string;
  details?: Record<string, unknown>;
}

/** What the manifest is computed from: the district's records (written once, in DemoDistrict). */
export type ManifestInput = Pick<
  DemoDistrict,
  | 'asOf'
  | 'institutions'
  | 'quotas'
  | 'posts'
  | 'roster'
  | 'duties'
  | 'workload'
  | 'adjustmentWaits'
  | 'approvals'
  | 'scenarioReviews'
  | 'history'
>;

const vagueStart = /^(指导|参与|协助|配合)/;

export function buildManifest(d: ManifestInput): PlantedProblem[] {
  const people = (name: string) => d.roster.filter((p) => p.institution === name);
  const approved = (name: string, category: QuotaCategory) =>
    d.quotas.find((q) => q.institution === name && q.category === category)?.approved ?? 0;
  const actual = (name: string, category: QuotaCategory) => people(name).filter((p) => p.category === category).length;
  const dutiesOf = (name: string) => d.duties.filter((x) => x.institution === name);
  const work = (name: string, indicator: string) =>
    d.workload.find((w) => w.institution === name && w.indicator === indicator)?.value ?? 0;
  const byParent = (parent: string, test: (name: string) => boolean) =>
    d.institutions
      .filter((i) => i.kind === 'public_institution' && i.parent === parent && test(i.name))
      .map((i) => i.name);
  const quotaSum = (names: string[]) => names.reduce((a, n) => a + approved(n, 'public_service'), 0);
  const sumAll = (f: (l: (typeof streets)[number]) => number) =>
    [...streets, ...townships].reduce((a, l) => a + f(l), 0);
  const list: PlantedProblem[] = [];
  const add = (code: string, institutions: string[], description: string, details?: Record<string, unknown>) =>
    list.push({ code, institutions, description, details });

  add(
    'TOWNSHIP_TEMPLATE',
    townships.map((t) => t.name),
    '8个乡镇内设机构完全相同，均为“四办三中心”模板，而经济类型分别为工业强镇、农业镇、旅游镇、城郊型，常住人口从2.0万到6.2万不等，机构设置与实际运行“两张皮”。',
    {
      internalUnits: townshipTemplate,
      profiles: Object.fromEntries(townships.map((t) => [t.name, { economy: t.economy, population: t.population }])),
    },
  );

  const elderly = byParent(plan.livelihood.elderlyParent, (n) => /福利院|敬老院|养老/.test(n));
  const preschool = byParent(plan.livelihood.preschoolParent, (n) => n.endsWith('幼儿园'));
  add(
    'LIVELIHOOD_GAP',
    [plan.livelihood.elderlyParent, plan.livelihood.preschoolParent, ...elderly, ...preschool],
    '养老服务、学前教育事业单位少、编制少，与全区60岁以上老年人口和0-6岁儿童规模明显不匹配。',
    {
      aged60: sumAll((l) => l.aged60),
      children0to6: sumAll((l) => l.children0to6),
      elderlyInstitutions: elderly,
      elderlyQuota: quotaSum(elderly),
      preschoolInstitutions: preschool,
      preschoolQuota: quotaSum(preschool),
    },
  );

  const hm = plan.hostedMismatch;
  add(
    'HOSTED_MISMATCH',
    [hm.unit, hm.host],
    `${hm.unit}承担地震监测和防震减灾工作，却挂靠在${hm.host}，职责与被挂靠单位相距甚远。`,
    {
      unitDomains: [...new Set(dutiesOf(hm.unit).flatMap((x) => x.domains))],
      hostDomains: [...new Set(dutiesOf(hm.host).flatMap((x) => x.domains))],
      fittingHost: hm.fittingHost,
    },
  );

  const enf = plan.enforcement;
  const enfItems = Object.fromEntries(
    enf.units.map((u) => [
      u,
      dutiesOf(u).filter(
        (x) => x.domains.includes(enf.domain) && (x.category === '行政处罚' || x.category === '行政检查'),
      ).length,
    ]),
  );
  add('ENFORCEMENT_SCATTERED', enf.units, `${enf.domain}领域的行政处罚、行政检查分散在5个单位，多头执法、重复执法。`, {
    domain: enf.domain,
    itemsPerUnit: enfItems,
  });

  const partyGov = d.institutions.filter((i) => i.kind === 'party_dept' || i.kind === 'gov_dept').length;
  add(
    'OVER_CAP',
    [plan.overCap.extraBureau, plan.overCap.expiredBody],
    `党政机构${partyGov}个，超过机构限额${plan.overCap.cap}个；${plan.overCap.expiredBody}为完成阶段性任务设立，任务早已结束仍未撤销。`,
    {
      partyGovCount: partyGov,
      cap: plan.overCap.cap,
      expiredBody: plan.overCap.expiredBody,
      establishedOn: plan.overCap.expiredSince,
    },
  );

  const keywords: Record<string, RegExp> = {
    水质监测: /水质监测/,
    地下水监测: /地下水/,
    自然资源确权登记: /确权登记/,
    排水管网管理: /排水管网/,
    公共停车场监管: /停车场/,
  };
  const clusters = plan.overlaps.map((o) => ({
    topic: o.topic,
    institutions: o.institutions,
    texts: o.institutions.map((n) => ({
      institution: n,
      text: dutiesOf(n).find((x) => x.source === 'sanding' && keywords[o.topic]!.test(x.text ?? ''))?.text,
    })),
  }));
  add(
    'DUTY_OVERLAP',
    [...new Set(plan.overlaps.flatMap((o) => o.institutions))],
    '水质监测、地下水监测、自然资源确权登记、排水管网管理、公共停车场监管等职责由多个部门同时承担，“九龙治水”。',
    { clusters },
  );

  const fr = plan.fragmented;
  const env = plan.environment;
  const leadsIn = (domain: string, names: string[]) =>
    names.map((n) => ({
      institution: n,
      titles: dutiesOf(n)
        .filter((x) => x.source === 'sanding' && x.role === 'lead' && x.domains.includes(domain))
        .map((x) => x.title),
    }));
  add(
    'DOMAIN_FRAGMENTED',
    [...new Set([...fr.institutions, ...env.institutions])],
    `防汛、森林防火、地质灾害、救灾、消防的牵头职责分散在5个部门，表述各异，同属${fr.domain}领域；生态环境领域的牵头职责也分散在5个部门。`,
    {
      domain: fr.domain,
      leads: leadsIn(fr.domain, fr.institutions),
      // the environmental spread of the seed report (九龙治水) shows here too
      alsoDomains: [{ domain: env.domain, leads: leadsIn(env.domain, env.institutions) }],
    },
  );

  const broadDomains = [
    ...new Set(
      dutiesOf(plan.tooBroad)
        .filter((x) => x.source === 'sanding')
        .flatMap((x) => x.domains),
    ),
  ];
  add(
    'DUTY_TOO_BROAD',
    [plan.tooBroad],
    `${plan.tooBroad}编制少，三定职责却覆盖${broadDomains.length}个领域，过多过杂。`,
    {
      domains: broadDomains,
      staff: people(plan.tooBroad).length,
    },
  );

  const vagueIn = (domains: string[]) =>
    d.duties
      .filter((x) => x.domains.some((dm) => domains.includes(dm)) && vagueStart.test(x.text ?? x.title))
      .map((x) => ({ institution: x.institution, domain: x.domains[0], title: x.title, role: x.role }));
  const uncovered = vagueIn(plan.uncovered.domains);
  add(
    'DOMAIN_UNCOVERED',
    [...new Set(uncovered.map((x) => x.institution))],
    '数字经济、人工智能领域没有任何部门牵头，只有“参与”“配合”“协助”等模糊表述。',
    {
      domains: plan.uncovered.domains,
      duties: uncovered,
    },
  );
  const vague = vagueIn(plan.vague.domains);
  add(
    'VAGUE_DUTY',
    [...new Set(vague.map((x) => x.institution))],
    '低空经济、夜间经济、碳达峰碳中和等事项只有“指导”“参与”“协助”类职责，全区无明确牵头单位。',
    {
      domains: plan.vague.domains,
      duties: vague,
    },
  );

  const st = plan.overloadedStreet;
  const ib = plan.idleBureau;
  add(
    'STAFF_WORKLOAD',
    [st, ib],
    `${st}服务人口最多、办件量最大，实有人员却远少于核定编制；${ib}人均办件量远低于同类部门。`,
    {
      street: {
        staff: people(st).length,
        approved: approved(st, 'township_admin'),
        cases: work(st, '办件量'),
        population: work(st, '服务人口'),
      },
      bureau: { staff: people(ib).length, approved: approved(ib, 'admin'), cases: work(ib, '办件量') },
    },
  );

  add(
    'OVER_QUOTA',
    plan.overQuota.map((o) => o.name),
    '实有人数超过核定编制数（超编）。',
    {
      items: plan.overQuota.map((o) => ({
        institution: o.name,
        category: o.category,
        approved: approved(o.name, o.category),
        actual: actual(o.name, o.category),
      })),
    },
  );

  const v = plan.vacant;
  const vacantStarts = people(v.name)
    .map((p) => p.startOn)
    .sort();
  add('VACANT_QUOTA', [v.name], `${v.name}空编过半且多年未进人。`, {
    category: 'public_service',
    approved: approved(v.name, 'public_service'),
    actual: actual(v.name, 'public_service'),
    lastStartOn: vacantStarts[vacantStarts.length - 1],
  });

  const loan = plan.poolLoan;
  add(
    'POOL_LOAN_OVERDUE',
    [loan.to],
    `${loan.to}周转使用的事业编制${loan.amount}名应于${loan.returnBy}归还编制周转池，逾期未还。`,
    { amount: loan.amount, returnBy: loan.returnBy, from: loan.from },
  );

  add(
    'MIXED_QUOTA',
    plan.mixed.map((m) => m.name),
    '政府工作部门使用事业编制人员，行政编制与事业编制混用。',
    {
      items: plan.mixed.map((m) => ({ institution: m.name, category: m.category, people: actual(m.name, m.category) })),
    },
  );

  add(
    'LEADERSHIP_EXCESS',
    plan.leadershipExcess.map((e) => e.name),
    '领导职务实配数超过核定领导职数（超职数配备）。',
    {
      items: plan.leadershipExcess.map((e) => ({
        institution: e.name,
        level: e.level,
        approved: d.posts
          .filter((p) => p.institution === e.name && p.level === e.level)
          .reduce((a, p) => a + p.approved, 0),
        holders: people(e.name).filter((p) => p.leadershipLevel === e.level).length,
      })),
    },
  );

  add('PROFESSIONAL_SHORTAGE', plan.shortage, '科技创新、金融服务领域事业单位专业技术人员比例偏低。', {
    titledShare: Object.fromEntries(
      plan.shortage.map((n) => {
        const ps = people(n);
        return [
          n,
          Math.round((ps.filter((p) => p.titleLevel && p.titleLevel !== '无').length / Math.max(1, ps.length)) * 100) /
            100,
        ];
      }),
    ),
  });

  const ages = people(plan.ageing).map((p) => ({ age: yearsBetween(p.birthDate!, d.asOf), gender: p.gender }));
  add('AGEING', [plan.ageing], `${plan.ageing}干部队伍年龄老化，平均年龄超过50岁，5年内将有大批人员退休。`, {
    meanAge: Math.round((ages.reduce((a, p) => a + p.age, 0) / Math.max(1, ages.length)) * 10) / 10,
    under35: ages.filter((p) => p.age < 35).length,
    retiringWithin5Years: ages.filter((p) => p.age >= (p.gender === '男' ? 55 : 50)).length,
    staff: ages.length,
  });

  add(
    'DATA_QUALITY',
    [plan.noDuties, plan.noSanding],
    `${plan.noDuties}没有任何职能事项；${plan.noSanding}缺少三定职责，只有权责清单。`,
    {
      noDuties: plan.noDuties,
      noSanding: plan.noSanding,
    },
  );
  const pending = d.adjustmentWaits.filter((a) => !a.decidedOn);
  add(
    'APPROVAL_DELAY',
    pending.flatMap((a) => a.institutions),
    `${pending.length}件编制事项提交后长期未审批，久拖不决。`,
    { pending: pending.map((a) => ({ docNumber: a.docNumber, submittedOn: a.submittedOn })) },
  );
  // within the three-year window (evaluationWindowYears' default) and of substance: what the diagnostic must find
  const since = `${Number(d.asOf.slice(0, 4)) - 3}${d.asOf.slice(4)}`;
  const unevaluated = d.approvals.filter((a) => !a.evaluated && a.changes.length && a.approvedOn > since);
  add(
    'APPROVAL_WITHOUT_EVALUATION',
    unevaluated.flatMap((a) => a.institutions),
    `${unevaluated.length}件增加编制或领导职数的编制事项批准时未记载必要性和依据，未开展申请事项评估。`,
    { unevaluated: unevaluated.map((a) => ({ docNumber: a.docNumber, approvedOn: a.approvedOn })) },
  );
  const unreviewed = d.scenarioReviews.filter((r) => !r.reviewedOn);
  add(
    'SCENARIO_REVIEW_OVERDUE',
    unreviewed.flatMap((r) => r.institutions),
    `${unreviewed.map((r) => `方案"${r.name}"`).join('、')}实施后逾期未开展执行情况评估。`,
    { unreviewed: unreviewed.map((r) => ({ docNumber: r.docNumber, reviewOn: r.reviewOn })) },
  );

  add(
    'SANDING_OUTDATED',
    plan.sandingOutdated.map((o) => o.name),
    `${plan.sandingOutdated.map((o) => o.name).join('、')}现行三定规定印发已满5年，机构改革后未重新修订。`,
    { outdated: plan.sandingOutdated },
  );

  add(
    'POWER_LIST_OUTDATED',
    plan.powerLists.outdated.map((o) => o.name),
    `${plan.powerLists.outdated.map((o) => o.name).join('、')}的权责清单公布后，所依据的法律法规已修订，清单未随之调整。`,
    { outdated: plan.powerLists.outdated },
  );

  const exceptions = d.history.steps.flatMap((x) => (x.do === 'enter' && x.exceptionReason ? [x] : []));
  add(
    'EXCEPTION_ENTRY',
    exceptions.map((x) => x.person.institution),
    `${exceptions.length}人未经用编核准例外入编，理由为“${exceptions[0]?.exceptionReason ?? ''}”。`,
    { entries: exceptions.map((x) => ({ on: x.on, institution: x.person.institution })) },
  );

  return list;
}
