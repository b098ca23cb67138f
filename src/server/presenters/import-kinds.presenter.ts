/**
 * The import kinds as the web's import page offers them (GET /api/imports/kinds): one answer shape, declared once. It
 * imports only zod and the domain, so the web app takes its type from here.
 */
import { z } from 'zod';
import { importKinds } from '../../domain/records.js';

export const importKindsAnswer = z.array(
  z.object({
    kind: z.enum(importKinds).describe('导入类别代码(上传、模板、导出路径中的 kind)'),
    label: z.string().describe('中文名称'),
    sheets: z.array(z.string()).describe('工作簿应含的工作表'),
    asAdjustment: z.boolean().describe('是否作为一次调整导入(可填文号、生效日期)'),
    templateFileName: z.string(),
    exportFileName: z.string(),
  }),
);
export type ImportKindsAnswer = z.infer<typeof importKindsAnswer>;

export function presentImportKinds(kinds: readonly ImportKindsAnswer[number][]): ImportKindsAnswer {
  return kinds.map((k) => ({
    kind: k.kind,
    label: k.label,
    sheets: k.sheets,
    asAdjustment: k.asAdjustment,
    templateFileName: k.templateFileName,
    exportFileName: k.exportFileName,
  }));
}
