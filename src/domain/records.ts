/**
 * The records users exchange as workbooks or CSV: one column spec per field (Chinese header + synonyms seen in real
 * files) and one zod schema per record that turns the cell texts into typed values with Chinese reasons.
 * Pure: readers in src/io produce `Record<key, string>` rows, these schemas validate them.
 */
import { z } from 'zod';
import { isCalendarDate } from './dates.js';
import { validateIdNumber, validateUscc } from './codes.js';
import {
  codeFromLabel,
  degrees,
  dutyRoleLabels,
  dutySourceLabels,
  educationLevels,
  fundingForms,
  genders,
  institutionKindLabels,
  leadershipLevels,
  normalizePowerCategory,
  politicalStatuses,
  postClassLabels,
  publicInstitutionClasses,
  quotaCategoryLabels,
  ranks,
  titleLevels,
  type InstitutionKind,
  type PostClass,
  type QuotaCategory,
} from './vocabulary.js';

export interface ColumnSpec {
  key: string;
  header: string;
  synonyms?: string[];
  required?: boolean;
  /** Shown in the template's second row as guidance. */
  hint?: string;
}

export const recordKinds = ['institutions', 'quotas', 'posts', 'roster', 'duties', 'workload', 'indicators'] as const;
export type RecordKind = (typeof recordKinds)[number];

export const recordSheetNames: Record<RecordKind, string> = {
  institutions: '机构',
  quotas: '编制',
  posts: '领导职数',
  roster: '人员',
  duties: '职能',
  workload: '工作量',
  indicators: '区域指标',
};

/** Import kinds as the CLI names them; `baseline` is one workbook with the 机构/编制/领导职数 sheets. */
export const importKinds = ['baseline', 'roster', 'duties', 'workload', 'indicators'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindSheets: Record<ImportKind, RecordKind[]> = {
  baseline: ['institutions', 'quotas', 'posts'],
  roster: ['roster'],
  duties: ['duties'],
  workload: ['workload'],
  indicators: ['indicators'],
};
export const importKindLabels: Record<ImportKind, string> = {
  baseline: '机构编制(机构、编制、领导职数)',
  roster: '实名制人员',
  duties: '职能与权责清单',
  workload: '工作量',
  indicators: '区域指标',
};

const orgName = { synonyms: ['单位名称', '机构', '单位', '机构全称', '单位全称'] };

export const recordColumns: Record<RecordKind, ColumnSpec[]> = {
  institutions: [
    { key: 'name', header: '机构名称', ...orgName, required: true },
    {
      key: 'kind',
      header: '机构类别',
      synonyms: ['机构类型', '类别', '机构性质'],
      required: true,
      hint: '党委部门/政府工作部门/…/事业单位/内设机构',
    },
    { key: 'rank', header: '规格', synonyms: ['机构规格', '级别', '机构级别'], hint: '正处/副处/正科/副科/股级' },
    { key: 'parent', header: '上级机构', synonyms: ['主管部门', '隶属机构', '隶属关系', '举办单位'] },
    { key: 'host', header: '挂靠单位', synonyms: ['挂靠机构', '被挂靠单位'] },
    { key: 'code', header: '统一社会信用代码', synonyms: ['信用代码', '机构代码', '组织机构代码'] },
    { key: 'alsoNamed', header: '加挂牌子', synonyms: ['加挂牌子名称', '其他名称', '合署办公'], hint: '多个用、分隔' },
    {
      key: 'piClass',
      header: '事业单位类别',
      synonyms: ['事业单位分类', '分类类别'],
      hint: '承担行政职能/公益一类/公益二类/生产经营',
    },
    { key: 'funding', header: '经费形式', synonyms: ['经费来源', '经费渠道'], hint: '全额/差额/自收自支' },
    { key: 'civilServiceManaged', header: '参照公务员法管理', synonyms: ['参公', '是否参公'], hint: '是/否' },
    { key: 'establishedOn', header: '成立日期', synonyms: ['设立日期', '成立时间'] },
  ],
  quotas: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    {
      key: 'category',
      header: '编制类别',
      synonyms: ['编制类型', '编制种类'],
      required: true,
      hint: '行政编制/政法专项编制/乡镇(街道)行政编制/工勤编制/事业编制',
    },
    { key: 'approved', header: '核定编制数', synonyms: ['核定数', '编制数', '核定编制'], required: true },
  ],
  posts: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    {
      key: 'level',
      header: '职级',
      synonyms: ['领导职数层级', '层级', '职务层次'],
      required: true,
      hint: '正处/副处/正科/副科',
    },
    { key: 'postClass', header: '职数类别', synonyms: ['职数类型', '类别'], required: true, hint: '行政类/事业类' },
    { key: 'approved', header: '核定职数', synonyms: ['职数', '核定领导职数'], required: true },
  ],
  roster: [
    { key: 'name', header: '姓名', required: true },
    { key: 'idNumber', header: '公民身份号码', synonyms: ['身份证号码', '身份证号', '证件号码'], required: true },
    { key: 'gender', header: '性别' },
    { key: 'birthDate', header: '出生日期', synonyms: ['出生年月'] },
    { key: 'education', header: '学历', synonyms: ['最高学历'] },
    { key: 'degree', header: '学位', synonyms: ['最高学位'] },
    {
      key: 'titleLevel',
      header: '专业技术职称',
      synonyms: ['职称', '职称等级', '专业技术职务'],
      hint: '正高/副高/中级/初级/无',
    },
    { key: 'politicalStatus', header: '政治面貌' },
    { key: 'joinedWorkOn', header: '参加工作时间', synonyms: ['参加工作日期'] },
    { key: 'institution', header: '所在机构', synonyms: ['工作单位', '单位名称', '机构名称'], required: true },
    { key: 'category', header: '编制类别', synonyms: ['编制类型', '占用编制'], required: true },
    { key: 'post', header: '职务', synonyms: ['现任职务', '岗位'] },
    { key: 'leadershipLevel', header: '领导职务层级', synonyms: ['领导职级'], hint: '正处/副处/正科/副科,非领导留空' },
    { key: 'postClass', header: '领导职数类别', synonyms: ['职数类别'], hint: '行政类/事业类' },
    { key: 'startOn', header: '入编时间', synonyms: ['进编时间', '入编日期', '任职时间'], required: true },
    { key: 'unit', header: '内设机构', synonyms: ['所在科室', '科室'] },
  ],
  duties: [
    {
      key: 'institution',
      header: '实施主体',
      synonyms: ['行使主体', '责任主体', '机构名称', '单位名称', '部门'],
      required: true,
    },
    { key: 'source', header: '来源', synonyms: ['职责来源'], hint: '三定规定/权责清单' },
    { key: 'category', header: '事项类型', synonyms: ['权力类型', '权力类别', '职权类型', '权责类型'] },
    {
      key: 'title',
      header: '事项名称',
      synonyms: ['权责事项名称', '权力事项名称', '职权名称', '职责名称'],
      required: true,
    },
    {
      key: 'text',
      header: '事项内容',
      synonyms: ['职责内容', '主要职责', '部门职责', '责任事项内容', '子项名称', '实施事项'],
    },
    { key: 'legalBasis', header: '实施依据', synonyms: ['设定依据', '法律依据'] },
    { key: 'domains', header: '领域', synonyms: ['所属领域', '政策领域'], hint: '多个用、分隔' },
    { key: 'role', header: '牵头或配合', synonyms: ['主办协办', '承担方式'], hint: '牵头/配合' },
    { key: 'itemCode', header: '事项编码', synonyms: ['职权编码', '编码', '编号'] },
  ],
  workload: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    { key: 'year', header: '年度', synonyms: ['年份'], required: true },
    {
      key: 'indicator',
      header: '指标',
      synonyms: ['工作量指标', '指标名称'],
      required: true,
      hint: '办件量/案件数/服务人口/管辖面积/项目数…',
    },
    { key: 'value', header: '数值', synonyms: ['数量', '指标值'], required: true },
    { key: 'unit', header: '计量单位', synonyms: ['单位'] },
  ],
  indicators: [
    { key: 'scope', header: '范围', synonyms: ['街道乡镇', '区域'], hint: '留空表示全区,或填街道/乡镇名称' },
    { key: 'year', header: '年度', synonyms: ['年份'], required: true },
    {
      key: 'indicator',
      header: '指标',
      synonyms: ['指标名称'],
      required: true,
      hint: '常住人口/60岁以上人口/0-6岁儿童/面积(平方公里)/经济类型…',
    },
    { key: 'value', header: '数值', synonyms: ['指标值'] },
    { key: 'text', header: '文字值', synonyms: ['说明', '特色'] },
  ],
};

// ---------- cell parsers (Chinese reasons) ----------

const blank = (v: unknown) => v === undefined || v === null || String(v).trim() === '';
const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(max, `长度不能超过${max}个字符`));
const required = (max: number) => text(max).pipe(z.string().min(1, '不能为空'));
const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (blank(s) ? undefined : s!.trim()))
    .pipe(z.string().max(max, `长度不能超过${max}个字符`).optional())
    .optional();

function oneOf<T extends string>(values: readonly T[], what: string) {
  return z
    .string()
    .optional()
    .transform((s) => (blank(s) ? undefined : s!.trim()))
    .refine((s) => s === undefined || (values as readonly string[]).includes(s), {
      message: `${what}应为:${values.join('/')}`,
    })
    .transform((s) => s as T | undefined)
    .optional();
}

function labelled<K extends string>(labels: Record<K, string>, what: string, isRequired: boolean) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (blank(s)) {
        if (isRequired) ctx.addIssue({ code: 'custom', message: '不能为空' });
        return undefined as K | undefined;
      }
      const code = codeFromLabel(labels, s!);
      if (!code)
        ctx.addIssue({ code: 'custom', message: `${what}"${s!.trim()}"无效,应为:${Object.values(labels).join('/')}` });
      return code;
    });
}

/** Dates: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, YYYY-MM (first of month); never after `today`. */

export function parseDate(raw: string): string | null {
  const s = raw.trim();
  // fast path: the canonical form, as exports and most systems write it (a million-row import parses 3 per row)
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isCalendarDate(s) ? s : null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) {
    const ym = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s);
    if (ym) m = [s, ym[1]!, ym[2]!, '1'] as unknown as RegExpExecArray;
  }
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function dateCell(opts: { required?: boolean; today: string; allowFuture?: boolean }) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (blank(s)) {
        if (opts.required) ctx.addIssue({ code: 'custom', message: '不能为空' });
        return undefined;
      }
      const d = parseDate(s!);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `日期"${s!.trim()}"无法识别,应为 YYYY-MM-DD` });
        return undefined;
      }
      if (!opts.allowFuture && d > opts.today) {
        ctx.addIssue({ code: 'custom', message: `日期 ${d} 晚于今天(${opts.today})` });
        return undefined;
      }
      return d;
    });
}

function integerCell(opts: { required?: boolean; min?: number; max?: number }) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (blank(s)) {
        if (opts.required) ctx.addIssue({ code: 'custom', message: '不能为空' });
        return undefined;
      }
      const t = s!.trim();
      if (!/^[-+]?\d+(\.0+)?$/.test(t)) {
        ctx.addIssue({ code: 'custom', message: `"${t}"不是整数` });
        return undefined;
      }
      const n = Number(t);
      if (opts.min !== undefined && n < opts.min) {
        ctx.addIssue({ code: 'custom', message: opts.min === 0 ? `不能为负数(${n})` : `不能小于${opts.min}` });
        return undefined;
      }
      if (opts.max !== undefined && n > opts.max) {
        ctx.addIssue({ code: 'custom', message: `不能大于${opts.max}` });
        return undefined;
      }
      return n;
    });
}

function numberCell(opts: { required?: boolean; min?: number }) {
  return z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (blank(s)) {
        if (opts.required) ctx.addIssue({ code: 'custom', message: '不能为空' });
        return undefined;
      }
      const t = s!.trim().replace(/,/g, '');
      const n = Number(t);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `"${s!.trim()}"不是数值` });
        return undefined;
      }
      if (opts.min !== undefined && n < opts.min) {
        ctx.addIssue({ code: 'custom', message: `不能为负数(${n})` });
        return undefined;
      }
      return n;
    });
}

const listCell = z
  .string()
  .optional()
  .transform((s) =>
    blank(s)
      ? []
      : s!
          .split(/[、,，;；]/)
          .map((x) => x.trim())
          .filter(Boolean),
  );

const yesNo = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (blank(s)) return false;
    const t = s!.trim();
    if (['是', 'Y', 'y', '1', 'true', '参公'].includes(t)) return true;
    if (['否', 'N', 'n', '0', 'false'].includes(t)) return false;
    ctx.addIssue({ code: 'custom', message: `"${t}"应为 是/否` });
    return false;
  });

const idNumberCell = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .superRefine((s, ctx) => {
    const reason = validateIdNumber(s);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

const usccCell = z
  .string()
  .optional()
  .transform((s) => (blank(s) ? undefined : s!.trim().toUpperCase()))
  .superRefine((s, ctx) => {
    if (s === undefined) return;
    const reason = validateUscc(s);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  })
  .optional();

// ---------- record schemas ----------

export interface RecordContext {
  /** Today's date (YYYY-MM-DD): dates after it are rejected. */
  today: string;
}

export function institutionRecordSchema(ctx: RecordContext) {
  return z.object({
    name: required(100),
    kind: labelled(institutionKindLabels, '机构类别', true).transform((v) => v as InstitutionKind),
    rank: oneOf(ranks, '规格'),
    parent: optionalText(100),
    host: optionalText(100),
    code: usccCell,
    alsoNamed: listCell,
    piClass: oneOf(publicInstitutionClasses, '事业单位类别'),
    funding: oneOf(fundingForms, '经费形式'),
    civilServiceManaged: yesNo,
    establishedOn: dateCell({ today: ctx.today }).optional(),
  });
}
export type InstitutionRecord = z.infer<ReturnType<typeof institutionRecordSchema>>;

export function quotaRecordSchema() {
  return z.object({
    institution: required(100),
    category: labelled(quotaCategoryLabels, '编制类别', true).transform((v) => v as QuotaCategory),
    approved: integerCell({ required: true, min: 0, max: 100000 }).transform((v) => v as number),
  });
}
export type QuotaRecord = z.infer<ReturnType<typeof quotaRecordSchema>>;

export function postRecordSchema() {
  return z.object({
    institution: required(100),
    level: oneOf(leadershipLevels, '职级').refine((v) => v !== undefined, { message: '不能为空' }),
    postClass: labelled(postClassLabels, '职数类别', true).transform((v) => v as PostClass),
    approved: integerCell({ required: true, min: 0, max: 1000 }).transform((v) => v as number),
  });
}
export type PostRecord = z.infer<ReturnType<typeof postRecordSchema>>;

export function rosterRecordSchema(ctx: RecordContext) {
  return z.object({
    name: required(50),
    idNumber: idNumberCell,
    gender: oneOf(genders, '性别'),
    birthDate: dateCell({ today: ctx.today }).optional(),
    education: oneOf(educationLevels, '学历'),
    degree: oneOf(degrees, '学位'),
    titleLevel: oneOf(titleLevels, '专业技术职称'),
    politicalStatus: oneOf(politicalStatuses, '政治面貌'),
    joinedWorkOn: dateCell({ today: ctx.today }).optional(),
    institution: required(100),
    category: labelled(quotaCategoryLabels, '编制类别', true).transform((v) => v as QuotaCategory),
    post: optionalText(50),
    leadershipLevel: oneOf(leadershipLevels, '领导职务层级'),
    postClass: labelled(postClassLabels, '领导职数类别', false).optional(),
    startOn: dateCell({ required: true, today: ctx.today }).transform((v) => v as string),
    unit: optionalText(100),
  });
}
export type RosterRecord = z.infer<ReturnType<typeof rosterRecordSchema>>;

export function dutyRecordSchema() {
  return z
    .object({
      institution: required(100),
      source: labelled(dutySourceLabels, '来源', false).transform((v) => v ?? 'power_list'),
      category: z
        .string()
        .optional()
        .transform((s, ctx) => {
          if (blank(s)) return undefined;
          const c = normalizePowerCategory(s!);
          if (!c)
            ctx.addIssue({ code: 'custom', message: `事项类型"${s!.trim()}"不是权责清单的类型(行政许可、行政处罚…)` });
          return c;
        }),
      title: required(300),
      text: optionalText(5000),
      legalBasis: optionalText(5000),
      domains: listCell,
      role: labelled(dutyRoleLabels, '牵头或配合', false).transform((v) => v ?? 'lead'),
      itemCode: optionalText(64),
    })
    .superRefine((r, ctx) => {
      if (r.source === 'power_list' && !r.category) {
        ctx.addIssue({ code: 'custom', path: ['category'], message: '权责清单事项必须填写事项类型' });
      }
    });
}
export type DutyRecord = z.infer<ReturnType<typeof dutyRecordSchema>>;

export function workloadRecordSchema(ctx: RecordContext) {
  const thisYear = Number(ctx.today.slice(0, 4));
  return z.object({
    institution: required(100),
    year: integerCell({ required: true, min: 1949, max: thisYear }).transform((v) => v as number),
    indicator: required(50),
    value: numberCell({ required: true, min: 0 }).transform((v) => v as number),
    unit: optionalText(20),
  });
}
export type WorkloadRecord = z.infer<ReturnType<typeof workloadRecordSchema>>;

export function indicatorRecordSchema(ctx: RecordContext) {
  const thisYear = Number(ctx.today.slice(0, 4));
  return z
    .object({
      scope: optionalText(100),
      year: integerCell({ required: true, min: 1949, max: thisYear }).transform((v) => v as number),
      indicator: required(50),
      value: numberCell({}).optional(),
      text: optionalText(500),
    })
    .refine((r) => r.value !== undefined || r.text !== undefined, {
      message: '数值和文字值不能同时为空',
      path: ['value'],
    });
}
export type IndicatorRecord = z.infer<ReturnType<typeof indicatorRecordSchema>>;

export function recordSchema(kind: RecordKind, ctx: RecordContext) {
  switch (kind) {
    case 'institutions':
      return institutionRecordSchema(ctx);
    case 'quotas':
      return quotaRecordSchema();
    case 'posts':
      return postRecordSchema();
    case 'roster':
      return rosterRecordSchema(ctx);
    case 'duties':
      return dutyRecordSchema();
    case 'workload':
      return workloadRecordSchema(ctx);
    case 'indicators':
      return indicatorRecordSchema(ctx);
  }
}

/** Header text as found in files → a comparable form (no spaces, stars, brackets style, newlines). */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\ufeff/, '');
}

/** Maps found headers to column keys; reports missing required columns and unknown ones. */
export function matchHeaders(
  kind: RecordKind,
  found: string[],
): { keys: (string | undefined)[]; missing: ColumnSpec[]; duplicated: string[] } {
  const specs = recordColumns[kind];
  const lookup = new Map<string, string>();
  for (const s of specs) {
    for (const h of [s.header, ...(s.synonyms ?? [])]) {
      if (!lookup.has(normalizeHeader(h))) lookup.set(normalizeHeader(h), s.key);
    }
  }
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const keys = found.map((h) => {
    const key = lookup.get(normalizeHeader(h ?? ''));
    if (key && seen.has(key)) {
      duplicated.push(h);
      return undefined;
    }
    if (key) seen.add(key);
    return key;
  });
  const missing = specs.filter((s) => s.required && !seen.has(s.key));
  return { keys, missing, duplicated };
}

export { genders, educationLevels, degrees, titleLevels, politicalStatuses };
