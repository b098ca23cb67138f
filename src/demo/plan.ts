/**
 * Where each problem of the seed report is planted: one place the builders consult, so the records and the manifest
 * cannot drift apart.
 */
import type { LeadershipLevel, QuotaCategory } from '../domain/vocabulary.js';
import { overloadedStreet } from './catalog-local.js';

export const plan = {
  hostedMismatch: { unit: '区地震监测中心', host: '区文化和旅游局', fittingHost: '区应急管理局' },
  enforcement: {
    domain: '城市管理',
    units: ['区城市管理局', '区城市管理综合执法大队', '区住房和城乡建设局', '区交通运输局', '区自然资源局'],
  },
  overCap: { cap: 36, extraBureau: '区信访局', expiredBody: '区防治非典型肺炎工作指挥部', expiredSince: '2003-04-25' },
  overlaps: [
    { topic: '水质监测', institutions: ['区生态环境分局', '区水务局'] },
    { topic: '地下水监测', institutions: ['区生态环境分局', '区水务局', '区自然资源局'] },
    { topic: '自然资源确权登记', institutions: ['区自然资源局', '区水务局', '区农业农村局', '区城市管理局'] },
    { topic: '排水管网管理', institutions: ['区水务局', '区住房和城乡建设局', '区城市管理局'] },
    { topic: '公共停车场监管', institutions: ['区交通运输局', '区城市管理局'] },
  ],
  fragmented: {
    domain: '防灾减灾',
    institutions: ['区水务局', '区农业农村局', '区自然资源局', '区应急管理局', '区住房和城乡建设局'],
  },
  /** Environmental lead duties spread over these bureaus (九龙治水), beside the 防灾减灾 fragmentation. */
  environment: {
    domain: '生态环境',
    institutions: ['区生态环境分局', '区水务局', '区农业农村局', '区自然资源局', '区商务局'],
  },
  tooBroad: '区商务局',
  uncovered: {
    domains: ['数字经济', '人工智能'],
    institutions: ['区工业和信息化局', '区科学技术局', '区发展和改革局', '区委网络安全和信息化委员会办公室'],
  },
  vague: { domains: ['低空经济', '夜间经济', '碳达峰碳中和', '数字经济', '人工智能'] },
  overloadedStreet,
  overloadedActual: 16,
  idleBureau: '区统计局',
  overQuota: [
    { name: '区人力资源和社会保障局', category: 'admin' as QuotaCategory, extra: 5 },
    { name: '区融媒体中心', category: 'public_service' as QuotaCategory, extra: 6 },
  ],
  vacant: { name: '区农业技术推广中心', actual: 13, lastStartOn: '2016-09-01' },
  /** 编制周转池: vacant places taken back from the idle centre and lent to a school for a peak, never returned. */
  poolLoan: {
    docNumber: '示编〔2024〕9号',
    title: '收回区农业技术推广中心空编并周转区实验小学使用',
    effectiveOn: '2024-09-01',
    from: '区农业技术推广中心',
    to: '区实验小学',
    category: 'public_service' as QuotaCategory,
    amount: 2,
    returnBy: '2025-08-31',
    loanId: '0196a1b2-0000-7000-8000-00000000d001',
  },
  mixed: [
    { name: '区住房和城乡建设局', category: 'public_service' as QuotaCategory, count: 6 },
    { name: '区交通运输局', category: 'public_service' as QuotaCategory, count: 4 },
  ],
  leadershipExcess: [
    { name: '区卫生健康局', level: '副科' as LeadershipLevel, extra: 2 },
    { name: '区城市管理综合执法大队', level: '副科' as LeadershipLevel, extra: 1 },
  ],
  shortage: ['区科技创新服务中心', '区金融发展服务中心', '区生产力促进中心'],
  ageing: '区审计局',
  noDuties: '区委社会工作部',
  noSanding: '区医疗保障局',
  /** 三定 规定 not revised since: every other 党政机构 has one from the 2024 reform. */
  sandingOutdated: [
    { name: '区司法局', issuedOn: '2017-06-15', docNumber: '示政办〔2017〕23号' },
    { name: '区财政局', issuedOn: '2018-11-20', docNumber: '示政办〔2018〕41号' },
  ],
  livelihood: { elderlyParent: '区民政局', preschoolParent: '区教育和体育局' },
  /**
   * 权责清单 as published: every unit's list was revised at the end of 2025, except two still on older lists that
   * predate revisions of the laws and regulations their items cite (区水务局: 水法 and 防洪法 2016-07-02, 水文条例
   * 2017-03-01, 河道管理条例 2018-03-19, 城市供水条例 2020-03-27; 区文化市场综合执法大队: 行政处罚法 2021-01-22).
   */
  powerLists: {
    publishedOn: '2025-12-31',
    outdated: [
      { name: '区水务局', publishedOn: '2016-01-15' },
      { name: '区文化市场综合执法大队', publishedOn: '2020-06-30' },
    ],
  },
};

export type Plan = typeof plan;
