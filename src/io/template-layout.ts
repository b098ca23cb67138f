/**
 * What the reader and the writer must agree on about a sheet's layout: the header text (required columns start with
 * `*`, which normalizeHeader drops), the hint row under it (the reader recognises and skips it), the enumerations
 * offered as drop-down lists, and which columns must stay text or may be written as numbers.
 */
import { recordColumns, type ColumnSpec, type RecordKind } from '../domain/records.js';
import {
  degrees,
  dutyRoleLabels,
  dutySourceLabels,
  educationLevels,
  fundingForms,
  genders,
  institutionKindLabels,
  leadershipLevels,
  politicalStatuses,
  postClassLabels,
  powerCategories,
  publicInstitutionClasses,
  quotaCategoryLabels,
  ranks,
  titleLevels,
} from '../domain/vocabulary.js';

type KeyMap<T> = Partial<Record<RecordKind, Record<string, T>>>;

/** Header cell text; `*` marks a required column. */
export function headerLabel(spec: ColumnSpec): string {
  return spec.required ? `*${spec.header}` : spec.header;
}

const dateHint = '日期,如 2020-01-31';
const extraHints: KeyMap<string> = {
  institutions: { establishedOn: dateHint, code: '18位,以文本格式填写' },
  roster: {
    idNumber: '18位,以文本格式填写',
    birthDate: dateHint,
    joinedWorkOn: dateHint,
    startOn: dateHint,
    category: '行政编制/政法专项编制/乡镇(街道)行政编制/工勤编制/事业编制',
  },
  quotas: { approved: '非负整数' },
  posts: { approved: '非负整数' },
  workload: { year: '如 2024', value: '非负数' },
  indicators: { year: '如 2024' },
};

/** The hint row's text for a column; the reader skips a row made only of these texts. */
export function hintText(kind: RecordKind, spec: ColumnSpec): string {
  const hint = spec.hint ?? extraHints[kind]?.[spec.key];
  const need = spec.required ? '必填' : '选填';
  return hint ? `${need}:${hint}` : need;
}

/** True when the row (keyed values) is the template's hint row. */
export function isHintRow(kind: RecordKind, values: Record<string, string>): boolean {
  let seen = 0;
  for (const spec of recordColumns[kind]) {
    const v = values[spec.key];
    if (!v) continue;
    if (v !== hintText(kind, spec) && v !== spec.hint) return false;
    seen++;
  }
  return seen > 0;
}

const yesNo = ['是', '否'];
/** Drop-down lists (Excel data validation) per column. */
export const enumerations: KeyMap<readonly string[]> = {
  institutions: {
    kind: Object.values(institutionKindLabels),
    rank: ranks,
    piClass: publicInstitutionClasses,
    funding: fundingForms,
    civilServiceManaged: yesNo,
  },
  quotas: { category: Object.values(quotaCategoryLabels) },
  posts: { level: leadershipLevels, postClass: Object.values(postClassLabels) },
  roster: {
    gender: genders,
    education: educationLevels,
    degree: degrees,
    titleLevel: titleLevels,
    politicalStatus: politicalStatuses,
    category: Object.values(quotaCategoryLabels),
    leadershipLevel: leadershipLevels,
    postClass: Object.values(postClassLabels),
  },
  duties: {
    source: Object.values(dutySourceLabels),
    category: powerCategories,
    role: Object.values(dutyRoleLabels),
  },
};

/**
 * Columns whose values must be stored as text: Excel turns an 18-digit number into 1.10105E+17 and loses digits.
 * The value is the Chinese reason given when such a cell is numeric.
 */
export const textOnlyColumns: KeyMap<string> = {
  roster: { idNumber: '身份证号码必须以文本格式保存' },
  institutions: { code: '统一社会信用代码必须以文本格式保存' },
};

/** Columns written as numbers (so Excel can sum them) when the text is a plain number. */
export const numericColumns: KeyMap<true> = {
  quotas: { approved: true },
  posts: { approved: true },
  workload: { year: true, value: true },
  indicators: { year: true, value: true },
};

/** Column width in Excel units: CJK characters count double; hints are capped so columns stay readable. */
export function columnWidth(kind: RecordKind, spec: ColumnSpec): number {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  const fit = Math.max(width(headerLabel(spec)) + 2, Math.min(width(hintText(kind, spec)), 36));
  return Math.min(Math.max(fit, 10), 40);
}
