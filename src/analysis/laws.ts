/** Articles the findings cite, quoted verbatim from 地方各级人民政府机构设置和编制管理条例 (2007), ../shared/reference/laws. */
import type { DiagnosticCode } from './diagnostics/registry.js';
const law = '地方各级人民政府机构设置和编制管理条例';

export const laws = {
  comprehensiveSetup: {
    law,
    article: '第八条',
    text: '地方各级人民政府行政机构应当以职责的科学配置为基础，综合设置，做到职责明确、分工合理、机构精简、权责一致，决策和执行相协调。',
  },
  overlap: { law, article: '第十条', text: '地方各级人民政府行政机构职责相同或者相近的，原则上由一个行政机构承担。' },
  coordinationBodies: {
    law,
    article: '第十一条',
    text: '为办理一定时期内某项特定工作设立的议事协调机构，应当明确规定其撤销的条件和期限。',
  },
  quotaCategories: {
    law,
    article: '第十五条',
    text: '地方各级人民政府行政机构应当使用行政编制，事业单位应当使用事业编制，不得混用、挤占、挪用或者自行设定其他类别的编制。',
  },
  coordinationNoQuota: {
    law,
    article: '第十九条',
    text: '地方各级人民政府议事协调机构不单独确定编制，所需要的编制由承担具体工作的行政机构解决。',
  },
  overQuota: {
    law,
    article: '第二十六条第(四)项',
    text: '超出编制限额调配财政供养人员、为超编人员核拨财政资金或者挪用其他资金安排其经费、以虚报人员等方式占用编制并冒用财政资金的',
  },
  mixedQuota: { law, article: '第二十六条第(三)项', text: '擅自增加编制或者改变编制使用范围的' },
  leadershipExcess: { law, article: '第二十六条第(五)项', text: '擅自超职数、超规格配备领导成员的' },
} as const;

export type LawRef = (typeof laws)[keyof typeof laws];

// ---- which regulation governs which institution, and the articles each diagnostic relies on ----

/** The regulations the report applies, by the kind of body they govern. */
export const regulations = {
  party: {
    name: '中国共产党机构编制工作条例',
    note: '2019年8月中共中央印发，适用于党的机关、人大政协法院检察院机关、群团机关，并统领机构编制工作',
  },
  gov: {
    name: '地方各级人民政府机构设置和编制管理条例',
    note: '2007年国务院令第486号，适用于地方各级人民政府行政机构',
  },
  piRegistration: { name: '事业单位登记管理暂行条例', note: '2004年修订，适用于事业单位的设立和登记' },
  piPersonnel: { name: '事业单位人事管理条例', note: '2014年国务院令第652号，适用于事业单位岗位设置和人员管理' },
} as const;
export type RegulationKey = keyof typeof regulations;

/** Which regulation a body falls under: Party organs and the other 机关 under the Party's 条例, government bodies under
 * the 人民政府 regulation, 事业单位 under the 事业单位 regulations. */
export function regulationOf(kind: string): RegulationKey {
  if (['gov_dept', 'dept_managed', 'dispatched', 'street', 'township', 'coordination'].includes(kind)) return 'gov';
  if (kind === 'public_institution') return 'piPersonnel';
  return 'party';
}

export interface Article {
  regulation: RegulationKey;
  /** 第十条, 第二十六条第（四）项. */
  article: string;
  /** The article's words, checked against the texts in docs/laws (laws.test.ts). */
  text: string;
}

const gov = (article: string, text: string): Article => ({ regulation: 'gov', article, text });

/** The articles of the regulations with a verified text, by what they rule. */
export const articles = {
  setup: gov('第八条', laws.comprehensiveSetup.text),
  overlap: gov('第十条', laws.overlap.text),
  coordination: gov('第十一条', laws.coordinationBodies.text),
  quotaByDuty: gov('第十四条', '地方各级人民政府行政机构的编制，应当根据其所承担的职责，按照精简的原则核定。'),
  quotaCategories: gov('第十五条', laws.quotaCategories.text),
  evaluation: gov(
    '第二十四条',
    '县级以上各级人民政府机构编制管理机关应当定期评估机构和编制的执行情况，并将评估结果作为调整机构编制的参考依据。',
  ),
  overQuota: gov(laws.overQuota.article, laws.overQuota.text),
  mixedQuota: gov(laws.mixedQuota.article, laws.mixedQuota.text),
  leadershipExcess: gov(laws.leadershipExcess.article, laws.leadershipExcess.text),
  posts: {
    regulation: 'piPersonnel',
    article: '第六条',
    text: '事业单位根据职责任务和工作需要，按照国家有关规定设置岗位。',
  },
} as const satisfies Record<string, Article>;
export type ArticleKey = keyof typeof articles;

/**
 * The articles each diagnostic relies on when the body is a government body. Party organs, the other 机关 and 事业单位
 * (outside 岗位设置) are held to the Party's 2019 条例, cited by name: its text is not in the project's references
 * (docs/laws/README.md).
 */
export const codeArticles: Partial<Record<DiagnosticCode, ArticleKey>> = {
  TOWNSHIP_TEMPLATE: 'setup',
  ENFORCEMENT_SCATTERED: 'overlap',
  DUTY_OVERLAP: 'overlap',
  DOMAIN_FRAGMENTED: 'setup',
  VAGUE_DUTY: 'setup',
  DOMAIN_UNCOVERED: 'setup',
  DUTY_TOO_BROAD: 'quotaByDuty',
  STAFF_WORKLOAD: 'quotaByDuty',
  VACANT_QUOTA: 'evaluation',
  OVER_QUOTA: 'overQuota',
  MIXED_QUOTA: 'quotaCategories',
  LEADERSHIP_EXCESS: 'leadershipExcess',
  PROFESSIONAL_SHORTAGE: 'posts',
};
