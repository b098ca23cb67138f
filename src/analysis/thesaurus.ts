/**
 * The policy-domain thesaurus: 领域 → objects of government work, each with the words real duty lists use for it
 * (synonyms), the actions typically taken on it, and the broader term it belongs to. Pure data and two lookups.
 *
 * What it is for: two departments can hold the same task in different words (环保 "主要污染物减排" and 发改
 * "应对气候变化和节能减排"; 安监 "职业卫生监督检查" and 卫计 "职业病防治"). TF-IDF cannot see that; the thesaurus maps
 * both to one object (污染减排, 职业健康), which DUTY_OVERLAP compares on, and to one domain, which DOMAIN_FRAGMENTED
 * counts holders of.
 *
 * Where the terms come from (official texts; cited per domain below):
 * - 《深化党和国家机构改革方案》(中共中央, 2018-03-21): which duties of which ministries were consolidated into
 *   生态环境部, 自然资源部, 应急管理部, 农业农村部, 文化和旅游部, 国家卫生健康委, 退役军人事务部, 国家市场监督管理总局,
 *   国家医疗保障局, 审计署 (优化审计署职责), 司法部 (重新组建); the county reforms of 2018–2019 copied these lists.
 * - 《党和国家机构改革方案》(中共中央, 2023-03-16): 中央社会工作部, 国家数据局, 国家乡村振兴局职责划入农业农村部,
 *   全国老龄工作委员会办公室改设在民政部, 党史和文献研究院 (and local 党史研究室 + 地方志办公室 merged).
 * - Pre-reform county 三定 wording as published (e.g. 县环境保护局 "负责主要污染物排放总量控制和减排工作", 县发展和改革局
 *   "负责应对气候变化和节能减排有关工作", 县安全生产监督管理局 "负责职业卫生监督检查", 县卫生和计划生育局
 *   "负责职业病防治和职业卫生、放射卫生的监督管理"); ../shared/reference/local-overlap-examples.md for 水质监测,
 *   地下水监测, 确权登记, 排水管网, 停车场 (温瑞塘河分工, 汶上县职责边界清单).
 *
 * Terms are plain substrings, chosen to be specific: a term that appears in every department's list (安全生产 in
 * "负责本行业安全生产", 信息化 in "本系统信息化建设") counts only when it is not scoped to the holder's own sector (see
 * `sectoralScope`). Generic verbs and shapes (`genericActions`) are never an object.
 */

export interface PolicyObject {
  /** The canonical name, shown in findings ("污染减排"). */
  object: string;
  /** Words duty texts use for it; the first is the most common. Longest match wins where terms overlap. */
  terms: readonly string[];
  /** Actions typically taken on it, to name the finding's action when the members share one. */
  actions?: readonly string[];
  /**
   * The broader terms it falls under: two duties naming different objects of one broader term are the same
   * reform-consolidated work worded apart (医疗保险 at 人社, 医疗救助 at 民政: both 医疗保障, consolidated in 2018).
   * Default: its domain when a reform consolidated the domain into one body, else none; `false`: never.
   */
  broader?: readonly string[] | false;
}

export interface PolicyDomain {
  /** The 领域; where it exists, the same name as in domains.ts. */
  domain: string;
  /** The broader 领域 it belongs to. */
  broader?: string;
  objects: readonly PolicyObject[];
  /**
   * Broader words that place a duty in the domain without naming one object (信息化, 基层治理): they count for
   * DOMAIN_FRAGMENTED, never as a shared object for DUTY_OVERLAP.
   */
  domainTerms?: readonly string[];
  /**
   * A reform that consolidated this domain's duties, held by several bodies before, into one. When a district's lead
   * duties of the domain still sit with two or more institutions, DOMAIN_FRAGMENTED reports it with this precedent.
   */
  consolidated?: { into: string; reform: string; body: RegExp };
  /** Where the terms come from. */
  source: string;
}

const reform2018 = '《深化党和国家机构改革方案》(2018年)';
const reform2023 = '《党和国家机构改革方案》(2023年)';

export const policyThesaurus: readonly PolicyDomain[] = [
  {
    domain: '生态环境',
    consolidated: { into: '生态环境部门', reform: reform2018, body: /生态环境|环境保护/ },
    source: `${reform2018}：环境保护部职责，国家发展和改革委员会的应对气候变化和减排职责，国土资源部的监督防止地下水污染职责，水利部的编制水功能区划、排污口设置管理、流域水环境保护职责，农业部的监督指导农业面源污染治理职责`,
    objects: [
      {
        object: '污染减排',
        terms: ['主要污染物减排', '污染物排放总量控制', '污染物总量控制', '总量减排', '节能减排', '污染减排', '减排'],
        actions: ['监督管理', '考核'],
      },
      {
        object: '应对气候变化',
        terms: ['应对气候变化', '温室气体', '低碳发展', '碳排放'],
        actions: ['统筹协调'],
      },
      {
        object: '地下水污染防治',
        terms: ['防止地下水污染', '地下水污染'],
        actions: ['监督', '防治'],
      },
      {
        object: '水功能区划和排污口',
        terms: ['水功能区划', '水功能区', '入河排污口', '排污口设置', '排污口'],
        actions: ['编制', '管理'],
      },
      {
        object: '水环境保护',
        terms: ['流域水环境保护', '水环境保护', '水污染防治', '水生态环境', '水环境治理'],
        actions: ['保护', '防治'],
      },
      {
        object: '农业面源污染治理',
        terms: ['农业面源污染', '面源污染', '畜禽养殖污染', '农村环境综合整治', '农村人居环境'],
        actions: ['治理', '监督指导'],
      },
      { object: '水质监测', terms: ['水质监测', '监测水质', '水环境质量监测'], actions: ['监测'] },
      { object: '环境监测', terms: ['生态环境监测', '环境监测', '环境质量监测'], actions: ['监测'] },
      {
        object: '大气污染防治',
        terms: ['大气污染防治', '大气污染', '扬尘污染', '机动车排气', '油烟污染'],
        actions: ['防治', '执法'],
      },
      { object: '噪声污染防治', terms: ['噪声污染', '环境噪声', '施工噪声', '噪音'], actions: ['防治', '执法'] },
    ],
  },
  {
    domain: '水资源',
    source: '../shared/reference/local-overlap-examples.md（温瑞塘河多部门职责分工；地下水监测三部门）',
    objects: [
      {
        object: '地下水监测',
        terms: ['地下水监测', '地下水位', '地下水超采', '地下水资源', '地下水'],
        actions: ['监测'],
      },
      { object: '河道管理', terms: ['城区河道', '河道管理', '河道保洁', '河湖管理'], actions: ['管理', '保洁'] },
      // 1998 国务院办公厅 and 2009 辽宁: 矿泉水、地热水 取水许可 (水利) and 采矿许可 (国土) for one resource
      { object: '矿泉水和地热水', terms: ['矿泉水', '地热水'], actions: ['开采许可'] },
      { object: '农业灌溉', terms: ['农业灌溉', '灌区', '农田灌溉'], actions: ['管理'] },
      {
        object: '排水管网',
        terms: ['排水管网', '排水设施', '污水管网', '雨水管网', '排水许可'],
        actions: ['建设', '维护'],
      },
    ],
  },
  {
    domain: '自然资源',
    consolidated: { into: '自然资源部门', reform: reform2018, body: /自然资源|国土/ },
    source: `${reform2018}：国土资源部职责，国家发展和改革委员会的组织编制主体功能区规划职责，住房和城乡建设部的城乡规划管理职责，水利部的水资源调查和确权登记管理职责，农业部的草原资源调查和确权登记管理职责，国家林业局的森林、湿地等资源调查和确权登记管理职责`,
    objects: [
      {
        object: '自然资源确权登记',
        terms: ['确权登记', '不动产登记', '林权登记', '林权证', '土地登记', '草原确权', '确权颁证'],
        actions: ['登记'],
      },
      {
        object: '自然资源调查',
        terms: ['水资源调查', '草原资源调查', '森林资源调查', '湿地资源调查', '国土调查', '土地调查', '资源调查'],
        actions: ['调查'],
      },
      {
        object: '国土空间规划',
        terms: [
          '国土空间规划',
          '城乡规划',
          '城市规划',
          '土地利用总体规划',
          '主体功能区规划',
          '主体功能区',
          '空间规划',
          '多规合一',
        ],
        actions: ['编制', '管理'],
      },
      { object: '测绘地理信息', terms: ['测绘', '地理信息'], actions: ['管理'] },
      // 国土's own 地质环境监测 (not 生态环境's 环境监测: the longer term takes the words first)
      { object: '地质环境', terms: ['地质环境监测', '地质环境保护', '地质环境'], actions: ['监测'] },
    ],
  },
  {
    domain: '应急管理',
    domainTerms: ['救灾', '抢险', '地震', '抗震救灾', '灾情', '受灾群众', '灾区'],
    broader: '公共安全',
    consolidated: { into: '应急管理部门', reform: reform2018, body: /应急管理/ },
    source: `${reform2018}：国家安全生产监督管理总局职责，公安部的消防管理职责，民政部的救灾职责，国土资源部的地质灾害防治、水利部的水旱灾害防治、农业部的草原防火、国家林业局的森林防火相关职责，中国地震局的震灾应急救援职责，以及国家防汛抗旱总指挥部、国家减灾委员会、国务院抗震救灾指挥部、国家森林防火指挥部的职责`,
    objects: [
      {
        object: '安全生产综合监管',
        terms: ['安全生产综合监督', '安全生产综合监管', '安全生产'],
        actions: ['监督管理'],
      },
      {
        object: '自然灾害救助',
        terms: [
          '自然灾害救助',
          '灾害救助',
          '受灾群众生活救助',
          '灾民生活救助',
          '救灾款物',
          '灾民救济款物',
          '救济款物',
          '救灾应急资金',
          '救灾资金',
          '抗灾办',
        ],
        actions: ['救助'],
      },
      {
        object: '防汛抗旱',
        terms: ['防汛抗旱', '水旱灾害', '抗洪抢险', '防汛', '抗旱', '汛情', '旱情', '洪涝', '旱灾', '防洪'],
        actions: ['防治'],
      },
      { object: '地质灾害防治', terms: ['地质灾害', '应急治理工程', '山体滑坡', '泥石流'], actions: ['防治'] },
      // 民政's 灾情核报 (核查、评估、报告灾情) went with 救灾 into 应急管理 in 2018
      {
        object: '灾情核查评估',
        terms: ['灾情核查', '核查报告灾情', '灾情评估', '报告灾情', '发布灾情', '受灾情况', '灾情'],
        actions: ['评估'],
      },
      { object: '森林草原防火', terms: ['森林草原防火', '森林防火', '草原防火'], actions: ['防火'] },
      // 消防救援 is a force of its own below the province: not the county 应急管理局's consolidated work
      { object: '消防', terms: ['消防'], actions: ['监督管理'], broader: false },
      {
        object: '防震减灾',
        terms: ['防震减灾', '震灾应急救援', '地震紧急救援', '地震现场', '地震监视', '震情'],
        actions: ['应急救援'],
      },
      { object: '应急救援', terms: ['应急救援', '应急预案体系', '突发事件应急'], actions: ['救援'] },
    ],
  },
  {
    domain: '新闻出版和电影',
    consolidated: { into: '党委宣传部门', reform: reform2018, body: /宣传部/ },
    source: `${reform2018}：中央宣传部统一管理新闻出版工作（国家新闻出版广电总局的新闻出版管理职责划入，加挂国家新闻出版署（国家版权局）牌子：监督管理出版物内容和质量，监督管理印刷业，管理著作权）；中央宣传部统一管理电影工作（电影管理职责划入：指导监管电影制片、发行、放映工作）`,
    objects: [
      {
        object: '新闻出版和版权',
        terms: ['新闻出版', '出版物', '印刷业', '著作权', '版权'],
        actions: ['管理'],
      },
      { object: '电影', terms: ['电影'], actions: ['管理'] },
    ],
  },
  {
    domain: '统一战线',
    consolidated: { into: '党委统战部门', reform: reform2018, body: /统战部|统一战线/ },
    source: `${reform2018}：中央统战部统一领导国家民族事务委员会，统一管理宗教工作（国家宗教事务局并入），统一管理侨务工作（国务院侨务办公室并入）；县级 统战部加挂民族宗教事务局、侨务办公室牌子`,
    objects: [
      {
        object: '民族宗教事务',
        terms: ['民族宗教', '宗教事务', '民族事务', '宗教活动场所', '宗教团体', '宗教工作', '民族团结'],
        actions: ['管理'],
      },
      { object: '侨务', terms: ['侨务', '归侨侨眷', '归侨', '侨眷', '华侨'], actions: ['管理'] },
    ],
  },
  {
    domain: '公务员管理',
    consolidated: { into: '党委组织部门', reform: reform2018, body: /组织部/ },
    source: `${reform2018}：中央组织部统一管理公务员工作（不再保留单设的国家公务员局）：公务员录用调配、考核奖惩、培训和工资福利等事务`,
    objects: [
      {
        object: '公务员管理',
        terms: ['公务员录用', '公务员考核', '公务员培训', '公务员管理', '公务员队伍', '公务员'],
        actions: ['管理'],
      },
    ],
  },
  {
    // the support lines of a disaster plan: each department's own (通信, 商务/粮食 supplies, 海事): no reform merged them
    domain: '应急保障',
    broader: '公共安全',
    source:
      'test/fixtures/real: 山东省地震应急预案（经信委“灾区应急通讯保障”/通信管理局“抢修被毁损的通信设施”）, 荆州市低温雨雪冰冻灾害应急预案（商务局、粮食局“粮、油供应”）, 山东省海洋灾害应急预案（交通厅、海洋与渔业厅“救助打捞”）',
    objects: [
      { object: '灾区应急通信', terms: ['应急通讯', '应急通信', '通信畅通', '通信设施'], actions: ['保障'] },
      {
        object: '灾区生活必需品供应',
        terms: ['生活必需品', '粮油', '粮、油', '食用油'],
        actions: ['供应'],
      },
      { object: '海上救助打捞', terms: ['救助打捞', '救助、打捞'], actions: ['救助'] },
    ],
  },
  {
    domain: '自然保护地',
    consolidated: { into: '林业和草原部门', reform: reform2018, body: /林业和草原|林草|林业局/ },
    source: `${reform2018}：国家林业局的职责，农业部的草原监督管理职责，以及国土资源部、住房和城乡建设部、水利部、农业部、国家海洋局等部门的自然保护区、风景名胜区、自然遗产、地质公园等管理职责整合，组建国家林业和草原局`,
    objects: [
      {
        object: '自然保护地管理',
        terms: ['自然保护地', '自然保护区', '森林公园', '湿地公园', '地质公园', '风景名胜区', '自然遗产'],
        actions: ['管理'],
      },
    ],
  },
  {
    domain: '危险化学品安全',
    broader: '公共安全',
    source:
      'test/fixtures/real: 危险化学品安全管理职责分工（公安“危险化学品道路运输安全监督管理”/交通“危险化学品道路、水路运输单位…安全管理”）',
    objects: [
      {
        object: '危险化学品运输安全',
        terms: ['危险化学品道路运输', '危险化学品道路', '危险化学品运输'],
        actions: ['监督管理'],
      },
    ],
  },
  {
    domain: '卫生健康',
    consolidated: { into: '卫生健康部门', reform: reform2018, body: /卫生健康/ },
    source: `${reform2018}：国家卫生和计划生育委员会、国务院深化医药卫生体制改革领导小组办公室、全国老龄工作委员会办公室的职责，国家安全生产监督管理总局的职业安全健康监督管理职责整合，组建国家卫生健康委员会；县级 安监局“职业卫生监督检查”与 卫计局“职业病防治”`,
    objects: [
      {
        object: '职业健康',
        terms: ['职业安全健康', '作业场所职业健康', '职业卫生', '职业病防治', '职业病', '职业健康', '职业危害'],
        actions: ['监督管理', '监督检查'],
      },
      { object: '食品安全标准', terms: ['食品安全标准', '食品安全风险监测'], actions: ['制定', '监测'] },
    ],
  },
  {
    domain: '养老服务',
    domainTerms: ['老年人', '敬老', '养老'],
    consolidated: { into: '民政部门', reform: reform2023, body: /民政/ },
    source: `${reform2023}：组织拟订并协调落实积极应对人口老龄化政策措施、承担全国老龄工作委员会的具体工作等职责划入民政部`,
    objects: [
      {
        object: '老龄工作',
        terms: [
          '积极应对人口老龄化',
          '人口老龄化',
          '老龄工作',
          '老龄事业',
          '老龄委',
          '老年人权益',
          '养老服务',
          '医养结合',
        ],
        actions: ['统筹协调'],
      },
    ],
  },
  {
    domain: '农业农村',
    domainTerms: ['三农', '乡村治理', '农村社会事业'],
    consolidated: { into: '农业农村部门', reform: `${reform2018}、${reform2023}`, body: /农业农村/ },
    source: `${reform2018}：国家发展和改革委员会的农业投资项目、财政部的农业综合开发项目、国土资源部的农田整治项目、水利部的农田水利建设项目等管理职责划入农业农村部；${reform2023}：国家乡村振兴局的牵头开展防止返贫监测和帮扶、组织拟订并实施巩固拓展脱贫攻坚成果同乡村振兴有效衔接等职责划入农业农村部`,
    objects: [
      {
        object: '三农工作统筹',
        terms: ['“三农”', '三农', '农业农村发展规划', '农业农村现代化'],
        actions: ['统筹'],
      },
      {
        object: '农业投资项目',
        terms: ['农业投资项目', '农业投资', '农业综合开发', '农田整治', '农田水利建设', '高标准农田', '农业基本建设'],
        actions: ['管理'],
      },
      {
        // 2018: 商务部的生猪定点屠宰监督管理职责划入农业农村部 (with 动物防疫检疫 already there)
        object: '畜禽屠宰和检疫',
        terms: [
          '畜禽定点屠宰',
          '生猪定点屠宰',
          '定点屠宰',
          '畜禽屠宰',
          '屠宰',
          '畜禽防疫',
          '动物检疫',
          '动物防疫',
          '病害肉',
          '注水肉',
        ],
        actions: ['监督管理'],
      },
      {
        object: '巩固脱贫和乡村振兴',
        terms: [
          '巩固拓展脱贫攻坚成果',
          '脱贫攻坚',
          '防止返贫',
          '返贫监测',
          '扶贫开发',
          '扶贫资金',
          '扶贫项目',
          '社会扶贫',
          '定点扶贫',
          '对口扶贫',
          '东西部协作',
          '乡村振兴项目',
          '乡村振兴',
        ],
        actions: ['统筹', '帮扶'],
      },
    ],
  },
  {
    domain: '文化旅游',
    consolidated: { into: '文化和旅游部门', reform: reform2018, body: /文化和旅游|文化旅游|文旅/ },
    source: `${reform2018}：文化部、国家旅游局的职责整合，组建文化和旅游部；文化市场综合执法队伍整合旅游市场执法职责`,
    objects: [
      {
        object: '文化和旅游市场执法',
        terms: [
          '文化市场综合执法',
          '文化市场执法',
          '文化市场监管',
          '文化市场管理',
          '旅游市场执法',
          '旅游市场秩序',
          '旅游市场监管',
          '旅游市场综合监管',
        ],
        actions: ['执法', '监管'],
      },
      {
        object: '文化和旅游融合发展',
        terms: ['文化旅游', '文旅融合', '旅游资源开发', '旅游产业', '旅游宣传推介'],
        actions: ['推动'],
      },
    ],
  },
  {
    domain: '医疗保障',
    consolidated: { into: '医疗保障部门', reform: reform2018, body: /医疗保障/ },
    source: `${reform2018}：人力资源和社会保障部的城镇职工和城镇居民基本医疗保险、生育保险职责，国家卫生和计划生育委员会的新型农村合作医疗职责，国家发展和改革委员会的药品和医疗服务价格管理职责，民政部的医疗救助职责`,
    objects: [
      {
        object: '医疗保险',
        terms: [
          '城镇职工基本医疗保险',
          '城镇居民基本医疗保险',
          '基本医疗保险',
          '医疗保险',
          '新型农村合作医疗',
          '新农合',
          '生育保险',
          '医保',
        ],
        actions: ['管理'],
      },
      {
        object: '药品和医疗服务价格',
        terms: ['药品和医疗服务价格', '医疗服务价格', '药品价格', '药品集中采购', '药品招标采购'],
        actions: ['管理'],
      },
      { object: '医疗救助', terms: ['医疗救助'], actions: ['救助'] },
    ],
  },
  {
    domain: '退役军人服务',
    consolidated: { into: '退役军人事务部门', reform: reform2018, body: /退役军人/ },
    source: `${reform2018}：民政部的退役军人优抚安置职责，人力资源和社会保障部的军官转业安置职责`,
    objects: [
      {
        object: '退役军人安置',
        terms: [
          '退役军人',
          '退役士兵',
          '军队转业干部',
          '军转干部',
          '军官转业',
          '优抚安置',
          '复员退伍',
          '军队离退休干部',
          '军休',
          '拥军优属',
          '优抚',
        ],
        actions: ['安置'],
      },
    ],
  },
  {
    domain: '市场监管',
    consolidated: { into: '市场监督管理部门', reform: reform2018, body: /市场监督管理|市场监管/ },
    source: `${reform2018}：国家工商行政管理总局、国家质量监督检验检疫总局、国家食品药品监督管理总局的职责，国家发展和改革委员会的价格监督检查与反垄断执法职责，商务部的经营者集中反垄断执法，国务院反垄断委员会办公室等职责；知识产权局由市场监管总局管理`,
    objects: [
      {
        object: '价格监督检查',
        terms: ['价格监督检查', '价格监督', '价格检查', '价格违法', '价格举报', '明码标价'],
        actions: ['监督检查'],
      },
      { object: '反垄断执法', terms: ['反垄断', '经营者集中', '不正当竞争'], actions: ['执法'] },
      { object: '知识产权', terms: ['知识产权', '专利', '商标'], actions: ['保护', '管理'] },
      {
        object: '食品药品安全',
        terms: [
          '食品药品安全',
          '食品安全',
          '药品安全',
          '食品药品监督',
          '餐饮服务食品',
          // the 2004–2013 segment wording (生产加工 质监 / 流通 工商 / 消费 卫生), consolidated into 食药监 in 2013
          '食品生产加工环节',
          '食品流通环节',
          '流通环节食品',
          '上市食品',
          '假冒伪劣食品',
          '伪劣食品',
          '食品卫生许可',
          '食品生产许可',
          '食品质量安全',
          '加工食品',
          '食品生产经营',
          '食品经营',
          '消费环节',
          '餐饮业',
        ],
        actions: ['监督管理'],
      },
    ],
  },
  {
    domain: '审计监督',
    consolidated: { into: '审计机关', reform: reform2018, body: /审计局|审计署|审计厅/ },
    source: `${reform2018}：国家发展和改革委员会的重大项目稽察，财政部的中央预算执行情况和其他财政收支的监督检查，国务院国有资产监督管理委员会的国有企业领导干部经济责任审计和国有重点大型企业监事会的职责划入审计署`,
    objects: [
      {
        object: '财政财务收支监督',
        terms: ['重大项目稽察', '稽察', '预算执行情况', '财政收支的监督', '财政监督', '监事会'],
        actions: ['监督'],
      },
    ],
  },
  {
    domain: '法治建设',
    consolidated: { into: '司法行政部门', reform: reform2018, body: /司法局|司法厅/ },
    source: `${reform2018}：司法部和国务院法制办公室的职责整合，重新组建司法部`,
    objects: [
      { object: '行政复议', terms: ['行政复议', '行政应诉'], actions: ['办理'] },
      {
        object: '政府法制',
        terms: [
          '规范性文件合法性审查',
          '合法性审查',
          '规范性文件备案审查',
          '政府法律顾问',
          '行政执法监督',
          '依法行政',
          '法治政府',
        ],
        actions: ['审查'],
      },
      { object: '普法', terms: ['普法', '法治宣传教育'], actions: ['宣传'] },
    ],
  },
  {
    domain: '数字经济',
    domainTerms: ['电子政务', '政务信息系统', '政务云'],
    consolidated: { into: '数据管理部门', reform: reform2023, body: /数据局|数据管理局/ },
    source: `${reform2023}：中央网络安全和信息化委员会办公室承担的研究拟订数字中国建设方案、协调推动公共服务和社会治理信息化、协调促进智慧城市建设、协调国家重要信息资源开发利用与共享、推动信息资源跨行业跨部门互联互通等职责，国家发展和改革委员会承担的统筹推进数字经济发展、组织实施国家大数据战略、推进数据要素基础制度建设、推进数字基础设施布局建设等职责划入国家数据局`,
    objects: [
      {
        object: '数据资源开发利用',
        terms: [
          '大数据战略',
          '大数据',
          '数据要素',
          '数据资源',
          '政务数据',
          '公共数据',
          '信息资源开发利用',
          '信息资源共享',
          '数据共享',
          '数据开放',
        ],
        actions: ['统筹', '共享'],
      },
      {
        object: '数字化建设',
        terms: ['数字经济', '数字中国', '数字政府', '智慧城市', '数字基础设施', '社会治理信息化', '公共服务信息化'],
        actions: ['统筹推进'],
      },
    ],
  },
  {
    domain: '社会工作',
    domainTerms: ['基层治理', '社会组织', '党建引领基层治理', '新兴领域党建'],
    broader: '基层治理',
    consolidated: { into: '党委社会工作部门', reform: reform2023, body: /社会工作部/ },
    source: `${reform2023}：组建中央社会工作部，划入民政部的指导城乡社区治理体系和治理能力建设、拟订社会工作政策等职责，中央组织部的全国性行业协会商会党建、新经济组织和新社会组织党建职责，中央精神文明建设办公室的志愿服务工作协调职责；国家信访局由国务院办公厅管理调整为国务院直属机构，人民建议征集工作由中央社会工作部统筹`,
    objects: [
      {
        object: '城乡社区治理',
        terms: [
          '基层政权建设和社区治理',
          '城乡社区治理',
          '社区治理',
          '城乡社区建设',
          '基层政权建设',
          '村(居)民委员会建设',
          '居民委员会建设',
          '村民委员会建设',
          '村民自治',
          '居民自治',
        ],
        actions: ['指导'],
      },
      {
        object: '两新组织党建',
        terms: [
          '新经济组织和新社会组织',
          '新经济组织',
          '新社会组织',
          '两新组织',
          '行业协会商会党建',
          '社会组织党建',
          '非公有制经济组织',
          '新就业群体',
        ],
        actions: ['党建'],
      },
      { object: '志愿服务', terms: ['志愿服务', '志愿者'], actions: ['协调'] },
      { object: '人民建议征集', terms: ['人民建议征集', '信访'], actions: ['受理', '办理'] },
      { object: '社会工作人才', terms: ['社会工作人才', '社会工作者', '社会工作'], actions: ['培养'] },
    ],
  },
  {
    domain: '党史和地方志',
    domainTerms: ['县志', '市志', '区志', '镇志', '方志'],
    consolidated: { into: '党史和地方志部门', reform: reform2023, body: /党史和地方志|党史地方志|史志/ },
    source: `${reform2023}：组建中央党史和文献研究院；地方党委党史研究室与地方志办公室整合为党史和地方志研究(编纂)机构`,
    objects: [
      {
        object: '党史和地方志编研',
        terms: [
          '党史研究',
          '党史资料',
          '党史编纂',
          '党史宣传教育',
          '党史',
          '地方志',
          '地方志书',
          '志书',
          '县志',
          '市志',
          '区志',
          '综合年鉴',
          '史志',
          '地情',
        ],
        actions: ['编纂', '研究'],
      },
    ],
  },
  {
    domain: '城市管理',
    source:
      '../shared/reference/local-overlap-examples.md（汶上县职责边界清单：停车场监管、排水管网、城区河道；宜兴市违章搭建）',
    objects: [
      { object: '违法建设', terms: ['违法建设', '违章搭建', '违章建筑', '违法建筑', '违建'], actions: ['查处'] },
      { object: '停车场管理', terms: ['公共停车场', '停车场', '停车秩序', '停车泊位'], actions: ['监督管理'] },
    ],
  },
];

/**
 * Verbs and shapes of government work that never make two duties the same work by themselves: the 三定 template
 * ("监督管理", "组织实施", "拟订…规划") and the 权责清单 templates of punished conduct shared by many laws (明令淘汰,
 * 转移、隐匿、篡改、毁弃, 发布虚假, 截留挪用, 弄虚作假…). Seen in the demo report's 附件2 as one-verb "overlaps".
 */
export const genericActions: readonly string[] = [
  '监督管理',
  '组织实施',
  '拟订',
  '起草',
  '规划',
  '发布',
  '明令',
  '淘汰',
  '毁弃',
  '篡改',
  '隐匿',
  '转移',
  '伪造',
  '变造',
  '挪用',
  '截留',
  '弄虚作假',
  '虚假',
  '出具',
  '擅自',
  '改变',
  '擅自改变',
  '未经许可',
  '批准',
  '未经批准',
  '拒绝',
  '拖延',
  '提供',
  '资料',
  '管理制度',
  '建立',
  '等级',
  '评定',
  '认定',
  '推荐',
  '突出贡献',
  '专项资金',
  '拨付',
  '纠纷',
  '裁决',
  '生产',
  '经营',
  '销售',
  '使用',
  '运输',
  '城市',
  '重点',
  '基层',
  '技术',
  '服务质量',
  '质量',
  '安全',
  '统计',
  '贯彻落实',
  '督查',
  '督办',
  '宣传',
  '教育',
  '培训',
  '发展',
  '产业',
  '项目',
  '资金',
  '政府',
  '区政府',
  '县政府',
  '市政府',
  '国家',
  '社会',
  '群众',
  '合法权益',
  '权益',
  '投诉',
  '举报',
  '受理',
  '维护',
  '运行',
  '培育',
  '统筹协调',
  '综合',
  '执法',
  '综合执法',
  '行政检查',
  '行政许可',
  '许可证',
  '证明',
  '信息',
  '网络',
  '档案',
  '报告',
  '记录',
  '凭证',
  '设施',
  '设备',
  '场所',
  '单位',
  '企业',
  '机构',
  '组织',
];

const genericSet = new Set(genericActions);
export const isGenericAction = (w: string) => genericSet.has(w);

/**
 * Words of work every department does in its own field (教育信息化, 两化融合): weighed as usual, but never the shared
 * object that makes two duties one.
 */
export const crossCuttingWords: ReadonlySet<string> = new Set([
  '信息化',
  '信息化建设',
  '数字化',
  '数字化转型',
  // every department reforms its own field (深化农村经济体制改革 / 能源体制改革 / 医药卫生体制改革 are three tasks)
  '改革',
  '体制改革',
  '深化改革',
  // the how and when of a task, not what it is about (组织力量抢修, 灾后重建, 灾害预测预报)
  '力量',
  '灾后',
  '预测',
  '预报',
  '预测预报',
  '正常',
  '经济体制',
]);

/**
 * An object term right after one of these is the holder's own sector's share of a cross-cutting task ("负责本行业安全生产",
 * "交通运输行业安全生产监督管理", "本系统信访工作"): each department has one by law (管行业必须管安全), so it is not
 * a duplicate of the lead department's duty.
 */
export const sectoralScope = /(本行业|本系统|本部门|本单位|本领域|行业|系统|领域|系统内|职责范围内|部门)(的)?$/;

/**
 * Cross-cutting tasks every department holds for its own sector by law or rule (管行业必须管安全; 谁主管谁负责 for
 * 信访, 统计, 保密, 档案…): "负责本行业安全生产" is boilerplate of the 三定 template, removed before comparing.
 */
export const sectoralClause =
  /(?:(?:本|所属|所辖)?(?:行业|系统|部门|单位|领域|机关)(?:内)?(?:及|和|、)?)*(?:本行业|本系统|本部门|本单位|本领域|本机关|行业|系统|领域)(内)?(的)?(安全生产|信访|统计|信息化|网络安全|保密|档案|宣传|党建|精神文明建设|普法|法治建设|节能|应急管理|消防安全|安全稳定|综治维稳|人才队伍建设|干部队伍建设|对外交流)[^，。；]*/g;

/**
 * Clauses of the 三定 template every department carries (seen in the real 三定 of test/fixtures/real, e.g. the
 * Chongqing districts' "完成区委、区政府交办的其他任务", "负责机关和直属单位党建工作"): never a shared task.
 */
export const templateClause =
  /((完成|承办|办理)?(区委|县委|市委|州委|省委|党委)?[、和]?(区|县|市|州|省)?(人民)?政府(和|及)?(上级)?(业务)?(主管部门)?交办的其他(事项|任务|工作))|(负责)?(本)?机关[^，。；]{0,20}?党(建|的建设)(工作)?/g;

/**
 * The reform of a field (深化农村经济体制改革, 能源体制改革, 医药卫生体制改革): each department reforms its own field,
 * so the words 体制改革 never make two duties one; the field's own words stay.
 */
export const reformClause = /(深化)?([\u4e00-\u9fa5]{0,6}?)(经济)?体制(机制)?改革/g;

/** The text without its sectoral and template boilerplate clauses. */
export function withoutSectoralClauses(text: string): string {
  return text.replace(sectoralClause, '').replace(templateClause, '').replace(reformClause, '$2');
}

interface TermEntry {
  term: string;
  object: string;
  domain: string;
}

const termIndex: TermEntry[] = policyThesaurus
  .flatMap((d) => d.objects.flatMap((o) => o.terms.map((term) => ({ term, object: o.object, domain: d.domain }))))
  .sort((a, b) => b.term.length - a.term.length);

/** The broader terms of an object (see PolicyObject.broader). */
export function broaderOf(object: string): readonly string[] {
  const e = thesaurusObjects.get(object);
  if (!e) return [];
  if (e.object.broader === false) return [];
  return e.object.broader ?? (e.domain.consolidated ? [e.domain.domain] : []);
}

export const thesaurusObjects: ReadonlyMap<string, { domain: PolicyDomain; object: PolicyObject }> = new Map(
  policyThesaurus.flatMap((d) => d.objects.map((o) => [o.object, { domain: d, object: o }] as const)),
);

export interface ObjectHit {
  object: string;
  domain: string;
  /** The words of the text that matched. */
  term: string;
}

/**
 * The thesaurus objects a text names, longest term first, each text position used once; terms scoped to the holder's
 * own sector (`sectoralScope`) are skipped.
 */
export function objectsIn(raw: string): ObjectHit[] {
  // 党的建设 is 党建 (行业协会商会党的建设 / 行业协会商会党建); one character shorter, so hits keep their order
  const text = raw.replace(/党的建设/g, '党建');
  const used = new Uint8Array(text.length);
  const out = new Map<string, ObjectHit>();
  for (const e of termIndex) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(e.term, from);
      if (at < 0) break;
      from = at + 1;
      let free = true;
      for (let k = at; k < at + e.term.length; k++) if (used[k]) free = false;
      if (!free) continue;
      for (let k = at; k < at + e.term.length; k++) used[k] = 1;
      if (sectoralScope.test(text.slice(Math.max(0, at - 6), at))) continue;
      if (!out.has(e.object)) out.set(e.object, { object: e.object, domain: e.domain, term: e.term });
    }
  }
  return [...out.values()];
}

/** The thesaurus domains a text names (through its objects). */
export function thesaurusDomains(text: string): string[] {
  const own = withoutSectoralClauses(text);
  const out = new Set(objectsIn(own).map((h) => h.domain));
  for (const d of policyThesaurus) if (d.domainTerms?.some((t) => own.includes(t))) out.add(d.domain);
  return [...out];
}

/** Reform domains: those a reform consolidated into one body. */
export const consolidatedDomains: ReadonlyMap<string, PolicyDomain> = new Map(
  policyThesaurus.filter((d) => d.consolidated).map((d) => [d.domain, d]),
);
