/**
 * zod's built-in messages in natural Chinese ("应为整数,实际为字符串", "不是有效的标识符") for the checks that carry no
 * message of their own — zod's zh-CN locale says "无效输入:期望 int,实际接收 string". Imported once by each entry
 * point (server, CLI) for this side effect.
 */
import { z } from 'zod';

const typeNames: Record<string, string> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '布尔值(true 或 false)',
  object: '对象',
  array: '数组',
  date: '日期',
  null: '空值(null)',
  undefined: '空',
  nan: '非数字(NaN)',
  symbol: '符号',
  function: '函数',
  file: '文件',
  map: '映射',
  set: '集合',
  record: '对象',
  tuple: '数组',
};

const formatNames: Record<string, string> = {
  uuid: '不是有效的标识符',
  uuidv4: '不是有效的标识符',
  uuidv6: '不是有效的标识符',
  uuidv7: '不是有效的标识符',
  guid: '不是有效的标识符',
  email: '不是有效的电子邮件地址',
  url: '不是有效的网址',
  date: '不是有效的日期(应为 YYYY-MM-DD)',
  datetime: '不是有效的日期时间',
  time: '不是有效的时间',
  ipv4: '不是有效的 IPv4 地址',
  ipv6: '不是有效的 IPv6 地址',
  base64: '不是有效的 base64 编码',
  base64url: '不是有效的 base64url 编码',
  json_string: '不是有效的 JSON',
};

const typeName = (t: string) => typeNames[t] ?? t;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number' && Number.isNaN(v)) return 'nan';
  return typeof v;
}

const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));
const dateOrNumber = (origin: string, n: number | bigint) =>
  origin === 'date' ? new Date(Number(n)).toISOString().slice(0, 10) : String(n);

function bound(
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
  big: boolean,
) {
  const n = dateOrNumber(origin, limit);
  const count = (unit: string) => (exact ? `应为 ${n} ${unit}` : big ? `最多 ${n} ${unit}` : `至少 ${n} ${unit}`);
  switch (origin) {
    case 'string':
      return !big && Number(limit) === 1 && !exact ? '不能为空' : count('个字符');
    case 'array':
    case 'set':
    case 'map':
      return !big && Number(limit) === 1 && !exact ? '至少需要 1 项' : count('项');
    case 'file':
      return count('字节');
    case 'date':
      return big ? (inclusive ? `不能晚于 ${n}` : `应早于 ${n}`) : inclusive ? `不能早于 ${n}` : `应晚于 ${n}`;
    default:
      return big ? (inclusive ? `不能大于 ${n}` : `应小于 ${n}`) : inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
  }
}

/** The message of one zod issue in Chinese. */
export function chineseIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必须填写';
      const got = kindOf(issue.input);
      // z.int() reports a non-number as expecting 'number'; its schema's format says it wants an integer
      const format = (issue.inst as { _zod?: { def?: { format?: string } } } | undefined)?._zod?.def?.format;
      const expected = issue.expected === 'number' && format?.includes('int') ? 'int' : issue.expected;
      if (expected === 'int' && got === 'number') return '应为整数';
      if (got === 'nan') return `应为${typeName(expected)}`; // a coerced text that is no number
      return `应为${typeName(expected)},实际为${typeName(got)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `应为 ${shown(issue.values[0])}`
        : `应为以下之一:${issue.values.map(shown).join('、')}`;
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive, issue.exact, true);
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive, issue.exact, false);
    case 'invalid_format':
      if (issue.format === 'starts_with') return `应以"${(issue as { prefix?: string }).prefix}"开头`;
      if (issue.format === 'ends_with') return `应以"${(issue as { suffix?: string }).suffix}"结尾`;
      if (issue.format === 'includes') return `应包含"${(issue as { includes?: string }).includes}"`;
      return formatNames[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `含有不认识的字段:${issue.keys.join('、')}`;
    case 'invalid_key':
      return '含有无效的键';
    case 'invalid_element':
      return '含有无效的值';
    case 'invalid_union':
      return '不符合任何一种允许的格式';
    default:
      return '无效';
  }
}

z.config({ localeError: chineseIssueMessage });
