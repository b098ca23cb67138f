/**
 * The records users exchange as workbooks or CSV: one column spec per field (Chinese header + synonyms seen in real
 * files) and one record definition per kind whose cell parsers turn the cell texts into typed values with Chinese
 * reasons. Pure: readers in src/io produce `Record<key, string>` rows, these definitions validate them.
 */
import { maxPosts, maxQuota } from './bounds.js';
import { isCalendarDate, isCalendarDay } from './dates.js';
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
  powerCategories,
  publicInstitutionClasses,
  quotaCategoryLabels,
  ranks,
  titleLevels,
} from './vocabulary.js';

export interface ColumnSpec {
  key: string;
  header: string;
  synonyms?: string[];
  required?: boolean;
  /** Shown in the template's second row as guidance (a hint row of these texts alone is recognised and skipped). */
  hint?: string;
  /** Guidance shown only in the template's hint row, after 必填/选填. */
  templateHint?: string;
  /** The values offered as the template's drop-down list. */
  options?: readonly string[];
  /** Must be stored as text (Excel turns an 18-digit number into 1.10105E+17): the Chinese reason when it is not. */
  textOnly?: string;
  /** Written as a number (so Excel can sum it) when the text is a plain number. */
  numeric?: true;
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

/**
 * The files users import, one entry per kind (the code the CLI and the API name it by): its Chinese label and the
 * sheets (record kinds) its workbook holds. `baseline` is one workbook with the 机构/编制/领导职数 sheets and enters the
 * registry as an adjustment. The command that writes each kind is registered in src/commands/import-kinds.ts.
 */
export const importKindSpecs = {
  baseline: {
    label: '机构编制(机构、编制、领导职数)',
    sheets: ['institutions', 'quotas', 'posts'],
    asAdjustment: true,
  },
  roster: { label: '实名制人员', sheets: ['roster'] },
  duties: { label: '职能与权责清单', sheets: ['duties'] },
  workload: { label: '工作量', sheets: ['workload'] },
  indicators: { label: '区域指标', sheets: ['indicators'] },
} as const satisfies Record<string, ImportKindSpec>;

export interface ImportKindSpec {
  label: string;
  sheets: readonly RecordKind[];
  /** Enters the registry as one adjustment (文号 and 生效日期 may be given). */
  asAdjustment?: boolean;
}

export type ImportKind = keyof typeof importKindSpecs;
export const importKinds = Object.keys(importKindSpecs) as [ImportKind, ...ImportKind[]];
const byKind = <V>(value: (spec: ImportKindSpec) => V) =>
  Object.fromEntries(importKinds.map((k) => [k, value(importKindSpecs[k])])) as Record<ImportKind, V>;
export const importKindSheets: Record<ImportKind, RecordKind[]> = byKind((k) => [...k.sheets]);
export const importKindLabels: Record<ImportKind, string> = byKind((k) => k.label);

/** A kind's label without its parenthesis: 机构编制, 实名制人员, … (template and export file names). */
export const importKindShortLabel = (kind: ImportKind) => importKindLabels[kind].replace(/[((].*$/, '');

/** The file name of each kind's empty template (CLI `templates`, the web's download): 机构编制模板.xlsx, … */
export function importTemplateFileName(kind: ImportKind): string {
  return `${importKindShortLabel(kind)}模板.xlsx`;
}

/** The file name of each kind's export (CLI `export`, the web's download): 机构编制.xlsx, … */
export function exportFileName(kind: ImportKind): string {
  return `${importKindShortLabel(kind)}.xlsx`;
}

const dateHint = '日期,如 2020-01-31';
const yesNoOptions = ['是', '否'];

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
      options: Object.values(institutionKindLabels),
    },
    {
      key: 'rank',
      header: '规格',
      synonyms: ['机构规格', '级别', '机构级别'],
      hint: '正处/副处/正科/副科/股级',
      options: ranks,
    },
    { key: 'parent', header: '上级机构', synonyms: ['主管部门', '隶属机构', '隶属关系', '举办单位'] },
    { key: 'host', header: '挂靠单位', synonyms: ['挂靠机构', '被挂靠单位'] },
    {
      key: 'code',
      header: '统一社会信用代码',
      synonyms: ['信用代码', '机构代码', '组织机构代码'],
      templateHint: '18位,以文本格式填写',
      textOnly: '统一社会信用代码必须以文本格式保存',
    },
    { key: 'alsoNamed', header: '加挂牌子', synonyms: ['加挂牌子名称', '其他名称', '合署办公'], hint: '多个用、分隔' },
    {
      key: 'piClass',
      header: '事业单位类别',
      synonyms: ['事业单位分类', '分类类别'],
      hint: '承担行政职能/公益一类/公益二类/生产经营',
      options: publicInstitutionClasses,
    },
    {
      key: 'funding',
      header: '经费形式',
      synonyms: ['经费来源', '经费渠道'],
      hint: '全额/差额/自收自支',
      options: fundingForms,
    },
    {
      key: 'civilServiceManaged',
      header: '参照公务员法管理',
      synonyms: ['参公', '是否参公'],
      hint: '是/否',
      options: yesNoOptions,
    },
    { key: 'establishedOn', header: '成立日期', synonyms: ['设立日期', '成立时间'], templateHint: dateHint },
    { key: 'sandingDocNumber', header: '三定文号', synonyms: ['三定规定文号'], templateHint: '如 示编〔2019〕12号' },
    { key: 'sandingOn', header: '三定印发日期', synonyms: ['三定日期', '三定规定印发日期'], templateHint: dateHint },
  ],
  quotas: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    {
      key: 'category',
      header: '编制类别',
      synonyms: ['编制类型', '编制种类'],
      required: true,
      hint: '行政编制/政法专项编制/乡镇(街道)行政编制/工勤编制/事业编制',
      options: Object.values(quotaCategoryLabels),
    },
    {
      key: 'approved',
      header: '核定编制数',
      synonyms: ['核定数', '编制数', '核定编制'],
      required: true,
      templateHint: '非负整数',
      numeric: true,
    },
  ],
  posts: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    {
      key: 'level',
      header: '职级',
      synonyms: ['领导职数层级', '层级', '职务层次'],
      required: true,
      hint: '正处/副处/正科/副科',
      options: leadershipLevels,
    },
    {
      key: 'postClass',
      header: '职数类别',
      synonyms: ['职数类型', '类别'],
      required: true,
      hint: '行政类/事业类',
      options: Object.values(postClassLabels),
    },
    {
      key: 'approved',
      header: '核定职数',
      synonyms: ['职数', '核定领导职数'],
      required: true,
      templateHint: '非负整数',
      numeric: true,
    },
  ],
  roster: [
    { key: 'name', header: '姓名', required: true },
    {
      key: 'idNumber',
      header: '公民身份号码',
      synonyms: ['身份证号码', '身份证号', '证件号码'],
      required: true,
      templateHint: '18位,以文本格式填写',
      textOnly: '身份证号码必须以文本格式保存',
    },
    { key: 'gender', header: '性别', options: genders },
    { key: 'birthDate', header: '出生日期', synonyms: ['出生年月'], templateHint: dateHint },
    { key: 'education', header: '学历', synonyms: ['最高学历'], options: educationLevels },
    { key: 'degree', header: '学位', synonyms: ['最高学位'], options: degrees },
    {
      key: 'titleLevel',
      header: '专业技术职称',
      synonyms: ['职称', '职称等级', '专业技术职务'],
      hint: '正高/副高/中级/初级/无',
      options: titleLevels,
    },
    { key: 'politicalStatus', header: '政治面貌', options: politicalStatuses },
    { key: 'joinedWorkOn', header: '参加工作时间', synonyms: ['参加工作日期'], templateHint: dateHint },
    { key: 'institution', header: '所在机构', synonyms: ['工作单位', '单位名称', '机构名称'], required: true },
    {
      key: 'category',
      header: '编制类别',
      synonyms: ['编制类型', '占用编制'],
      required: true,
      templateHint: '行政编制/政法专项编制/乡镇(街道)行政编制/工勤编制/事业编制',
      options: Object.values(quotaCategoryLabels),
    },
    { key: 'post', header: '职务', synonyms: ['现任职务', '岗位'] },
    {
      key: 'leadershipLevel',
      header: '领导职务层级',
      synonyms: ['领导职级'],
      hint: '正处/副处/正科/副科,非领导留空',
      options: leadershipLevels,
    },
    {
      key: 'postClass',
      header: '领导职数类别',
      synonyms: ['职数类别'],
      hint: '行政类/事业类',
      options: Object.values(postClassLabels),
    },
    {
      key: 'startOn',
      header: '入编时间',
      synonyms: ['进编时间', '入编日期', '任职时间'],
      required: true,
      templateHint: dateHint,
    },
    { key: 'unit', header: '内设机构', synonyms: ['所在科室', '科室'] },
  ],
  duties: [
    {
      key: 'institution',
      header: '实施主体',
      synonyms: ['行使主体', '责任主体', '机构名称', '单位名称', '部门'],
      required: true,
    },
    {
      key: 'source',
      header: '来源',
      synonyms: ['职责来源'],
      hint: '三定规定/权责清单',
      options: Object.values(dutySourceLabels),
    },
    {
      key: 'category',
      header: '事项类型',
      synonyms: ['权力类型', '权力类别', '职权类型', '权责类型'],
      options: powerCategories,
    },
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
    {
      key: 'role',
      header: '牵头或配合',
      synonyms: ['主办协办', '承担方式'],
      hint: '牵头/配合',
      options: Object.values(dutyRoleLabels),
    },
    { key: 'itemCode', header: '事项编码', synonyms: ['职权编码', '编码', '编号'] },
    {
      key: 'publishedOn',
      header: '公布日期',
      synonyms: ['清单公布日期', '印发日期', '发布日期'],
      templateHint: dateHint,
    },
  ],
  workload: [
    { key: 'institution', header: '机构名称', ...orgName, required: true },
    { key: 'year', header: '年度', synonyms: ['年份'], required: true, templateHint: '如 2024', numeric: true },
    {
      key: 'indicator',
      header: '指标',
      synonyms: ['工作量指标', '指标名称'],
      required: true,
      hint: '办件量/案件数/服务人口/管辖面积/项目数…',
    },
    {
      key: 'value',
      header: '数值',
      synonyms: ['数量', '指标值'],
      required: true,
      templateHint: '非负数',
      numeric: true,
    },
    { key: 'unit', header: '计量单位', synonyms: ['单位'] },
  ],
  indicators: [
    { key: 'scope', header: '范围', synonyms: ['街道乡镇', '区域'], hint: '留空表示全区,或填街道/乡镇名称' },
    { key: 'year', header: '年度', synonyms: ['年份'], required: true, templateHint: '如 2024', numeric: true },
    {
      key: 'indicator',
      header: '指标',
      synonyms: ['指标名称'],
      required: true,
      hint: '常住人口/60岁以上人口/0-6岁儿童/面积(平方公里)/经济类型…',
    },
    { key: 'value', header: '数值', synonyms: ['指标值'], numeric: true },
    { key: 'text', header: '文字值', synonyms: ['说明', '特色'] },
  ],
};

// ---------- cell parsers (Chinese reasons) ----------

/** Where a cell parser reports what is wrong with its cell, in Chinese. */
export type Fail = (reason: string) => void;
/** One cell's text → its typed value; a problem goes to `fail` (the record is then refused, whatever is returned). */
export type CellParser<T> = (raw: string, fail: Fail) => T;

/*
 * Cells are parsed by plain functions, not zod: a million-row roster spent 6 of its 23 seconds in zod's per-cell
 * machinery (transform → pipe → refine for 16 cells a row). The record types are inferred from these parsers, so each
 * rule is still written once.
 */

const required =
  <T>(parse: CellParser<T | undefined>): CellParser<T> =>
  (raw, fail) => {
    if (raw.trim() === '') {
      fail('不能为空');
      return undefined as T;
    }
    return parse(raw, fail) as T;
  };

const withDefault =
  <T>(parse: CellParser<T | undefined>, fallback: T): CellParser<T> =>
  (raw, fail) =>
    parse(raw, fail) ?? fallback;

const optionalText =
  (max: number): CellParser<string | undefined> =>
  (raw, fail) => {
    const s = raw.trim();
    if (s === '') return undefined;
    if (s.length > max) fail(`长度不能超过${max}个字符`);
    return s;
  };

const requiredText = (max: number) => required(optionalText(max));

function oneOf<T extends string>(values: readonly T[], what: string): CellParser<T | undefined> {
  const allowed = new Set<string>(values);
  const reason = `${what}应为:${values.join('/')}`;
  return (raw, fail) => {
    const s = raw.trim();
    if (s === '') return undefined;
    if (!allowed.has(s)) fail(reason);
    return s as T;
  };
}

/** A code, written as its Chinese label or as the code itself. */
function labelled<K extends string>(labels: Record<K, string>, what: string): CellParser<K | undefined> {
  const expected = Object.values(labels).join('/');
  return (raw, fail) => {
    if (raw.trim() === '') return undefined;
    const code = codeFromLabel(labels, raw);
    if (!code) fail(`${what}"${raw.trim()}"无效,应为:${expected}`);
    return code;
  };
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
  if (!isCalendarDay(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateCell(opts: { today: string; allowFuture?: boolean }): CellParser<string | undefined> {
  return (raw, fail) => {
    if (raw.trim() === '') return undefined;
    const d = parseDate(raw);
    if (!d) {
      fail(`日期"${raw.trim()}"无法识别,应为 YYYY-MM-DD`);
      return undefined;
    }
    if (!opts.allowFuture && d > opts.today) {
      fail(`日期 ${d} 晚于今天(${opts.today})`);
      return undefined;
    }
    return d;
  };
}

function integerCell(opts: { min?: number; max?: number }): CellParser<number | undefined> {
  return (raw, fail) => {
    const t = raw.trim();
    if (t === '') return undefined;
    if (!/^[-+]?\d+(\.0+)?$/.test(t)) {
      fail(`"${t}"不是整数`);
      return undefined;
    }
    const n = Number(t);
    if (opts.min !== undefined && n < opts.min) {
      fail(opts.min === 0 ? `不能为负数(${n})` : `不能小于${opts.min}`);
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      fail(`不能大于${opts.max}`);
      return undefined;
    }
    return n;
  };
}

function numberCell(opts: { min?: number }): CellParser<number | undefined> {
  return (raw, fail) => {
    if (raw.trim() === '') return undefined;
    const t = raw.trim().replace(/,/g, '');
    const n = Number(t);
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) || !Number.isFinite(n)) {
      fail(`"${raw.trim()}"不是数值`);
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      fail(`不能为负数(${n})`);
      return undefined;
    }
    return n;
  };
}

const listCell: CellParser<string[]> = (raw) =>
  raw
    .split(/[、,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

const yesNo: CellParser<boolean> = (raw, fail) => {
  const t = raw.trim();
  if (t === '') return false;
  if (['是', 'Y', 'y', '1', 'true', '参公'].includes(t)) return true;
  if (['否', 'N', 'n', '0', 'false'].includes(t)) return false;
  fail(`"${t}"应为 是/否`);
  return false;
};

const idNumberCell: CellParser<string> = (raw, fail) => {
  const s = raw.trim().toUpperCase();
  const reason = validateIdNumber(s);
  if (reason) fail(reason);
  return s;
};

const usccCell: CellParser<string | undefined> = (raw, fail) => {
  const s = raw.trim().toUpperCase();
  if (s === '') return undefined;
  const reason = validateUscc(s);
  if (reason) fail(reason);
  return s;
};

const powerCategoryCell: CellParser<string | undefined> = (raw, fail) => {
  if (raw.trim() === '') return undefined;
  const c = normalizePowerCategory(raw);
  if (!c) fail(`事项类型"${raw.trim()}"不是权责清单的类型(行政许可、行政处罚…)`);
  return c;
};

// ---------- records ----------

type Cells = Record<string, CellParser<unknown>>;
type CellValue<P> = P extends CellParser<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The typed record of a definition: a cell that may be empty is an optional field. */
export type ParsedRecord<S extends Cells> = Simplify<
  { [K in keyof S as undefined extends CellValue<S[K]> ? never : K]: CellValue<S[K]> } & {
    [K in keyof S as undefined extends CellValue<S[K]> ? K : never]?: CellValue<S[K]>;
  }
>;

export interface RecordDefinition<S extends Cells = Cells> {
  cells: S;
  /** Rules across cells, checked once every cell is valid. */
  check?: (record: ParsedRecord<S>, fail: (key: keyof S & string, reason: string) => void) => void;
}

const defineRecord = <S extends Cells>(cells: S, check?: RecordDefinition<NoInfer<S>>['check']) =>
  ({ cells, check }) as RecordDefinition<S>;

export interface RecordIssue {
  key: string;
  reason: string;
}

// One `fail` for every row rather than a closure per row: parsing is synchronous, so the current row's state can
// live here.
const parsing: { key: string; issues: RecordIssue[] | undefined } = { key: '', issues: undefined };
const failCell: Fail = (reason) => {
  (parsing.issues ??= []).push({ key: parsing.key, reason });
};

/** Parses the cells of one row (every key of the definition present, blank as ''): the record, or every problem. */
export function parseRecord<S extends Cells>(
  def: RecordDefinition<S>,
  input: Readonly<Record<string, string>>,
): { ok: true; record: ParsedRecord<S> } | { ok: false; issues: RecordIssue[]; record: Partial<ParsedRecord<S>> } {
  parsing.issues = undefined;
  const record: Record<string, unknown> = {};
  for (const key in def.cells) {
    parsing.key = key;
    record[key] = def.cells[key]!(input[key] ?? '', failCell);
  }
  if (!parsing.issues && def.check) {
    def.check(record as ParsedRecord<S>, (key, reason) => (parsing.issues ??= []).push({ key, reason }));
  }
  // a failed record still carries its cells (the failed ones as their parser left them): the importer checks the
  // valid cells across rows in the same pass, so that a file's every problem is reported at once
  return parsing.issues
    ? { ok: false, issues: parsing.issues, record: record as Partial<ParsedRecord<S>> }
    : { ok: true, record: record as ParsedRecord<S> };
}

export interface RecordContext {
  /** Today's date (YYYY-MM-DD): dates after it are rejected. */
  today: string;
}

export const institutionRecord = (ctx: RecordContext) =>
  defineRecord({
    name: requiredText(100),
    kind: required(labelled(institutionKindLabels, '机构类别')),
    rank: oneOf(ranks, '规格'),
    parent: optionalText(100),
    host: optionalText(100),
    code: usccCell,
    alsoNamed: listCell,
    piClass: oneOf(publicInstitutionClasses, '事业单位类别'),
    funding: oneOf(fundingForms, '经费形式'),
    civilServiceManaged: yesNo,
    establishedOn: dateCell({ today: ctx.today }),
    sandingDocNumber: optionalText(100),
    sandingOn: dateCell({ today: ctx.today }),
  });
export type InstitutionRecord = ParsedRecord<ReturnType<typeof institutionRecord>['cells']>;

export const quotaRecord = () =>
  defineRecord({
    institution: requiredText(100),
    category: required(labelled(quotaCategoryLabels, '编制类别')),
    approved: required(integerCell({ min: 0, max: maxQuota })),
  });
export type QuotaRecord = ParsedRecord<ReturnType<typeof quotaRecord>['cells']>;

export const postRecord = () =>
  defineRecord({
    institution: requiredText(100),
    level: required(oneOf(leadershipLevels, '职级')),
    postClass: required(labelled(postClassLabels, '职数类别')),
    approved: required(integerCell({ min: 0, max: maxPosts })),
  });
export type PostRecord = ParsedRecord<ReturnType<typeof postRecord>['cells']>;

export const rosterRecord = (ctx: RecordContext) =>
  defineRecord({
    name: requiredText(50),
    idNumber: idNumberCell,
    gender: oneOf(genders, '性别'),
    birthDate: dateCell({ today: ctx.today }),
    education: oneOf(educationLevels, '学历'),
    degree: oneOf(degrees, '学位'),
    titleLevel: oneOf(titleLevels, '专业技术职称'),
    politicalStatus: oneOf(politicalStatuses, '政治面貌'),
    joinedWorkOn: dateCell({ today: ctx.today }),
    institution: requiredText(100),
    category: required(labelled(quotaCategoryLabels, '编制类别')),
    post: optionalText(50),
    leadershipLevel: oneOf(leadershipLevels, '领导职务层级'),
    postClass: labelled(postClassLabels, '领导职数类别'),
    startOn: required(dateCell({ today: ctx.today })),
    unit: optionalText(100),
  });
export type RosterRecord = ParsedRecord<ReturnType<typeof rosterRecord>['cells']>;

export const dutyRecord = (ctx: RecordContext) =>
  defineRecord(
    {
      institution: requiredText(100),
      source: withDefault(labelled(dutySourceLabels, '来源'), 'power_list'),
      category: powerCategoryCell,
      title: requiredText(300),
      text: optionalText(5000),
      legalBasis: optionalText(5000),
      domains: listCell,
      role: withDefault(labelled(dutyRoleLabels, '牵头或配合'), 'lead'),
      itemCode: optionalText(64),
      /** The 公布日期 of the list this item is on (an export writes it); absent: the import's date. */
      publishedOn: dateCell({ today: ctx.today }),
    },
    (r, fail) => {
      if (r.source === 'power_list' && !r.category) fail('category', '权责清单事项必须填写事项类型');
    },
  );
export type DutyRecord = ParsedRecord<ReturnType<typeof dutyRecord>['cells']>;

export const workloadRecord = (ctx: RecordContext) =>
  defineRecord({
    institution: requiredText(100),
    year: required(integerCell({ min: 1949, max: Number(ctx.today.slice(0, 4)) })),
    indicator: requiredText(50),
    value: required(numberCell({ min: 0 })),
    unit: optionalText(20),
  });
export type WorkloadRecord = ParsedRecord<ReturnType<typeof workloadRecord>['cells']>;

export const indicatorRecord = (ctx: RecordContext) =>
  defineRecord(
    {
      scope: optionalText(100),
      year: required(integerCell({ min: 1949, max: Number(ctx.today.slice(0, 4)) })),
      indicator: requiredText(50),
      value: numberCell({}),
      text: optionalText(500),
    },
    (r, fail) => {
      if (r.value === undefined && r.text === undefined) fail('value', '数值和文字值不能同时为空');
    },
  );
export type IndicatorRecord = ParsedRecord<ReturnType<typeof indicatorRecord>['cells']>;

export interface RecordTypes {
  institutions: InstitutionRecord;
  quotas: QuotaRecord;
  posts: PostRecord;
  roster: RosterRecord;
  duties: DutyRecord;
  workload: WorkloadRecord;
  indicators: IndicatorRecord;
}

export function recordDefinition(kind: RecordKind, ctx: RecordContext): RecordDefinition {
  switch (kind) {
    case 'institutions':
      return institutionRecord(ctx) as RecordDefinition;
    case 'quotas':
      return quotaRecord() as RecordDefinition;
    case 'posts':
      return postRecord() as RecordDefinition;
    case 'roster':
      return rosterRecord(ctx) as RecordDefinition;
    case 'duties':
      return dutyRecord(ctx) as RecordDefinition;
    case 'workload':
      return workloadRecord(ctx) as RecordDefinition;
    case 'indicators':
      return indicatorRecord(ctx) as RecordDefinition;
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
