import { z } from 'zod';

/** Institution kinds (DESIGN §1). Labels are what users see. */
export const institutionKinds = [
  'party_dept',
  'gov_dept',
  'dept_managed',
  'dispatched',
  'coordination',
  'street',
  'township',
  'mass_org',
  'organ',
  'public_institution',
  'internal_unit',
] as const;
export const institutionKindSchema = z.enum(institutionKinds);
export type InstitutionKind = z.infer<typeof institutionKindSchema>;

export const institutionKindLabels: Record<InstitutionKind, string> = {
  party_dept: '党委部门',
  gov_dept: '政府工作部门',
  dept_managed: '部门管理机构',
  dispatched: '派出机构',
  coordination: '议事协调机构',
  street: '街道办事处',
  township: '乡镇',
  mass_org: '群团机构',
  organ: '人大政协法院检察院机关',
  public_institution: '事业单位',
  internal_unit: '内设机构',
};

export const quotaCategories = ['admin', 'political_legal', 'township_admin', 'worker', 'public_service'] as const;
export const quotaCategorySchema = z.enum(quotaCategories);
export type QuotaCategory = z.infer<typeof quotaCategorySchema>;

export const quotaCategoryLabels: Record<QuotaCategory, string> = {
  admin: '行政编制',
  political_legal: '政法专项编制',
  township_admin: '乡镇(街道)行政编制',
  worker: '工勤编制',
  public_service: '事业编制',
};

/**
 * Quota categories each kind may use (条例第15条: 行政编制、事业编制不得混用; 乡镇行政编制 only for townships and streets).
 * Internal units and coordination bodies hold no quota of their own (条例第19条).
 */
export const allowedQuotaCategories: Record<InstitutionKind, readonly QuotaCategory[]> = {
  party_dept: ['admin', 'political_legal', 'worker'],
  gov_dept: ['admin', 'political_legal', 'worker'],
  dept_managed: ['admin', 'political_legal', 'worker'],
  dispatched: ['admin', 'political_legal', 'worker'],
  organ: ['admin', 'political_legal', 'worker'],
  mass_org: ['admin', 'worker'],
  street: ['township_admin', 'worker'],
  township: ['township_admin', 'worker'],
  public_institution: ['public_service', 'worker'],
  coordination: [],
  internal_unit: [],
};

export const ranks = ['正处', '副处', '正科', '副科', '股级'] as const;
export const rankSchema = z.enum(ranks);
export type Rank = z.infer<typeof rankSchema>;

export const leadershipLevels = ['正处', '副处', '正科', '副科'] as const;
export const leadershipLevelSchema = z.enum(leadershipLevels);
export type LeadershipLevel = z.infer<typeof leadershipLevelSchema>;

export const postClasses = ['admin', 'public_service'] as const;
export const postClassSchema = z.enum(postClasses);
export type PostClass = z.infer<typeof postClassSchema>;
export const postClassLabels: Record<PostClass, string> = { admin: '行政类', public_service: '事业类' };

export const publicInstitutionClasses = ['承担行政职能', '公益一类', '公益二类', '生产经营'] as const;
export const publicInstitutionClassSchema = z.enum(publicInstitutionClasses);
export const fundingForms = ['全额', '差额', '自收自支'] as const;
export const fundingFormSchema = z.enum(fundingForms);

export const genders = ['男', '女'] as const;
export const educationLevels = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;
export const degrees = ['博士', '硕士', '学士', '无'] as const;
export const titleLevels = ['正高', '副高', '中级', '初级', '无'] as const;
export const politicalStatuses = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const;

/** The ten power categories of a 权责清单 plus 公共服务 (DESIGN §1). */
export const powerCategories = [
  '行政许可',
  '行政处罚',
  '行政强制',
  '行政征收',
  '行政给付',
  '行政检查',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
  '公共服务',
] as const;
export const powerCategorySchema = z.enum(powerCategories);
export type PowerCategory = z.infer<typeof powerCategorySchema>;

/** Local variants of the category names found in real lists, mapped to the national ten. */
export const powerCategoryAliases: Record<string, PowerCategory> = {
  行政审批: '行政许可',
  非行政许可审批: '行政许可',
  审批: '行政许可',
  许可: '行政许可',
  处罚: '行政处罚',
  强制: '行政强制',
  行政强制措施: '行政强制',
  行政强制执行: '行政强制',
  征收: '行政征收',
  行政征用: '行政征收',
  给付: '行政给付',
  检查: '行政检查',
  行政监督: '行政检查',
  监督检查: '行政检查',
  确认: '行政确认',
  奖励: '行政奖励',
  裁决: '行政裁决',
  其他: '其他行政权力',
  其他权力: '其他行政权力',
  其它行政权力: '其他行政权力',
  公共服务事项: '公共服务',
};

export function normalizePowerCategory(raw: string): PowerCategory | undefined {
  const v = raw.trim().replace(/\s+/g, '');
  if ((powerCategories as readonly string[]).includes(v)) return v as PowerCategory;
  return powerCategoryAliases[v];
}

export const dutySources = ['sanding', 'power_list'] as const;
export const dutySourceSchema = z.enum(dutySources);
export type DutySource = z.infer<typeof dutySourceSchema>;
export const dutySourceLabels: Record<DutySource, string> = { sanding: '三定规定', power_list: '权责清单' };

export const dutyRoles = ['lead', 'assist'] as const;
export const dutyRoleLabels: Record<(typeof dutyRoles)[number], string> = { lead: '牵头', assist: '配合' };

export const adjustmentStatuses = ['draft', 'submitted', 'approved', 'applied', 'rejected'] as const;
export const adjustmentStatusSchema = z.enum(adjustmentStatuses);
export type AdjustmentStatus = z.infer<typeof adjustmentStatusSchema>;
export const adjustmentStatusLabels: Record<AdjustmentStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已批准',
  applied: '已执行',
  rejected: '已驳回',
};

/** Turns a Chinese label or code into the code; used by importers that accept either. */
const reverseLabels = new WeakMap<object, Map<string, string>>();

export function codeFromLabel<K extends string>(labels: Record<K, string>, raw: string): K | undefined {
  const v = raw.trim();
  if (Object.hasOwn(labels, v)) return v as K;
  let reverse = reverseLabels.get(labels);
  if (!reverse) {
    reverse = new Map(Object.entries(labels).map(([k, label]) => [label as string, k]));
    reverseLabels.set(labels, reverse);
  }
  return reverse.get(v) as K | undefined;
}

/** 编制事项 line items, in the order a draft form offers them. */
export const adjustmentOpLabels = {
  set_quota: '核定编制',
  move_quota: '划转编制',
  set_posts: '核定领导职数',
  create_institution: '设立机构',
  rename_institution: '更名',
  change_institution: '调整机构属性',
  merge_institutions: '合并机构',
  split_institution: '拆分机构',
  move_duties: '划转职责',
  move_people: '人员调动',
  add_duties: '增加三定职责',
  revise_duty: '修改三定职责',
  abolish_institution: '撤销机构',
  set_limits: '上级核定限额',
  higher_approval: '上级批准超限',
  reclaim_to_pool: '收回空编入池',
  lend_from_pool: '周转使用',
  allocate_from_pool: '周转池核拨编制',
  return_to_pool: '归还周转编制',
} as const;

/** Roles (DESIGN: 编办 staff, reporters in each unit, leaders and the 编委). */
export const roles = ['admin', 'operator', 'approver', 'leader', 'reporter'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  operator: '编办业务员',
  approver: '编委审批人',
  leader: '领导(只读)',
  reporter: '单位填报员',
};

/** 审计日志: what each audited action and entity is called (the server's audit page, the CLI). */
export const auditActionLabels: Record<string, string> = {
  'session.login': '登录',
  'session.logout': '退出登录',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'user.change_password': '修改密码',
  'user.lock': '账户锁定',
  'person.unmask': '查看完整身份证号',
  'district.export': '导出数据',
  'region.create': '登记行政区划',
  'region.update': '修改行政区划',
  'adjustment.create': '拟制编制事项',
  'adjustment.update': '修改编制事项',
  'adjustment.submit': '提交编制事项',
  'adjustment.approve': '批准编制事项',
  'adjustment.reject': '驳回编制事项',
  'adjustment.apply': '执行编制事项',
  'registry.rebuild': '按台账重建',
  'roster.rebuild': '按人员变动重建实名库',
  'roster.sync': '对账同步实名制人员',
  'register.export': '导出增减花名册和编制使用台账',
  'staffing.draft': '起草用编申请',
  'staffing.submit': '提交用编申请',
  'staffing.approve': '核准用编申请',
  'staffing.withdraw': '撤回用编申请',
  'person.register': '登记新进人员',
  'person.enter': '入编',
  'person.transfer': '调动',
  'person.appoint': '任职',
  'person.dismiss': '免职',
  'person.exit': '出编',
  'database.restore': '从备份恢复数据库',
  'import.baseline': '导入机构编制基础数据',
  'import.roster': '导入实名制人员',
  'import.duties': '导入职能与权责清单',
  'import.workload': '导入工作量',
  'import.indicators': '导入区域指标',
  'scenario.create': '新建方案',
  'scenario.add': '添加方案调整项',
  'scenario.remove': '删除方案调整项',
  'scenario.share': '共享方案',
  'scenario.submit': '提交方案',
  'scenario.approve': '批准方案',
  'scenario.apply': '实施方案',
  'scenario.review': '方案执行情况评估',
};

export const auditEntityLabels: Record<string, string> = {
  user: '用户',
  session: '会话',
  person: '人员',
  region: '行政区划',
  adjustment: '编制事项',
  registry: '机构编制台账',
  roster: '实名库',
  staffing_request: '用编申请',
  database: '数据库',
  import: '导入批次',
  institution: '机构',
  export: '导出文件',
  scenario: '方案',
};

export const auditActionLabel = (action: string): string => auditActionLabels[action] ?? action;
export const auditEntityLabel = (entity: string): string => auditEntityLabels[entity] ?? entity;

/**
 * Who did it, as a reader says it: the CLI's `cli:<os user>` is 命令行(<os user>); a signed-in user is their display
 * name with the account in brackets when the name is known, else the account.
 */
export function actorLabel(actor: string, displayName?: string | null): string {
  const cli = /^cli:(.+)$/.exec(actor);
  if (cli) return `命令行(${cli[1]})`;
  if (actor === 'anonymous') return '未登录用户';
  return displayName && displayName !== actor ? `${displayName}(${actor})` : actor;
}

/** What an import's summary figures count, as the CLI and the web say them. */
export const importSummaryLabels: Record<string, string> = {
  institutions: '新设机构',
  changedInstitutions: '调整机构',
  quotas: '编制核定',
  posts: '领导职数核定',
  persons: '人员',
  mixedQuota: '混用编制人员',
  duties: '职能事项',
  dutyInstitutions: '涉及机构',
  replaced: '替换原有事项',
  workload: '工作量指标',
  indicators: '区域指标',
  added: '新增人员',
  left: '减少人员',
  transferred: '调动',
  categoryChanged: '编制类别变化',
  postChanged: '职务变化',
  fieldsChanged: '信息变化',
  unchanged: '未变',
  personsAdded: '新建人员',
  personsUpdated: '更新人员信息',
  movements: '人员变动',
};

/** The figures of an import's summary in words: 职能事项 12,涉及机构 3 (zeros left out). */
export const importSummaryText = (summary: Record<string, number>) =>
  Object.entries(summary)
    .filter(([, n]) => n)
    .map(([k, n]) => `${importSummaryLabels[k] ?? k} ${n}`)
    .join(',');
