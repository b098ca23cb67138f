/**
 * What the xlsx stack (exceljs → saxes XML parser, unzipper) says when a workbook cannot be read, in Chinese: its
 * messages are English ("1:4041: undefined entity.") and reach the user in the import's problem list.
 */

const xmlReasons: [RegExp, string][] = [
  [/undefined entity|empty entity name|malformed character entity/, '含有未定义或格式错误的字符实体(&…;)'],
  [/disallowed character/, '含有 XML 不允许的字符'],
  [/unexpected end|unclosed tag|unexpected close tag|weird empty close tag/, '标签不完整或不配对(文件可能被截断)'],
  [/attribute|value must be quoted|value required|name\/value pairs/, '属性格式错误'],
  [/text data outside of root node|only one root|must contain a root element/, '文档结构错误(根元素缺失或不唯一)'],
  [/XML declaration|doctype|processing instruction/i, 'XML 声明或文档类型声明位置或格式错误'],
  [/comment/, '注释格式错误'],
];

const notExcel = '文件内容损坏或不是有效的 Excel 文件';

/** A Chinese reason for a read failure of a workbook, keeping where in the XML it happened. */
export function workbookReadFailure(message: string): string {
  if (/[\u3400-\u9fff]/.test(message)) return message; // already ours
  const xml = /^(\d+):(\d+): (.*)$/s.exec(message.trim());
  if (xml) {
    const [, line, column, text] = xml;
    const what = xmlReasons.find(([re]) => re.test(text!))?.[1] ?? '内容不符合 XML 规范';
    return `${notExcel}(XML 解析错误:第 ${line} 行第 ${column} 列${what}),请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`;
  }
  if (/zip|signature|central directory|end of data|inflat|corrupt|truncat/i.test(message))
    return `${notExcel}(压缩包结构损坏),请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`;
  return `${notExcel},请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入`;
}
