import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-chinese.js';

const messageOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return r.error.issues.map((i) => i.message).join(';');
};

describe("zod's own messages", () => {
  it.each([
    ['an integer given a string', z.int(), '12', '应为整数,实际为字符串'],
    ['an integer given a fraction', z.int(), 1.5, '应为整数'],
    ['a coerced number given letters', z.coerce.number().int(), 'abc', '应为数字'],
    ['a string given a number', z.string(), 5, '应为字符串,实际为数字'],
    ['a boolean given null', z.boolean(), null, '应为布尔值(true 或 false),实际为空值(null)'],
    ['a required field left out', z.object({ a: z.string() }), {}, '必须填写'],
    ['a UUID', z.uuid(), 'abc', '不是有效的标识符'],
    ['a date', z.iso.date(), '2025-13-01', '不是有效的日期(应为 YYYY-MM-DD)'],
    ['a number too big', z.number().max(100000), 3_000_000_000, '不能大于 100000'],
    ['a number too small', z.number().positive(), 0, '应大于 0'],
    ['an empty string', z.string().min(1), '', '不能为空'],
    ['a long string', z.string().max(3), 'abcd', '最多 3 个字符'],
    ['an empty list', z.array(z.string()).min(1), [], '至少需要 1 项'],
    ['a choice', z.enum(['admin', 'leader']), 'root', '应为以下之一:"admin"、"leader"'],
    ['an unknown field', z.strictObject({}), { x: 1 }, '含有不认识的字段:x'],
  ])('Given %s When refused Then the message is natural Chinese', (_what, schema, input, expected) => {
    const message = messageOf(schema as z.ZodType, input);
    expect(message).toBe(expected);
    expect(message).not.toMatch(/期望|实际接收|无效输入|UUID|\b(?:int|string|number|expected|received)\b/i);
  });

  it('Given a schema with its own message When refused Then that message is kept', () => {
    expect(messageOf(z.string().regex(/^\d{6}$/, '应为6位行政区划代码'), 'x')).toBe('应为6位行政区划代码');
  });
});
