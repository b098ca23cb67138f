/** Articles the findings cite, quoted verbatim from 地方各级人民政府机构设置和编制管理条例 (2007), ../shared/reference/laws. */
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
