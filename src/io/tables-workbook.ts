/**
 * Report tables as a workbook: one sheet per table, named after its title, the header bold on a tinted row and frozen,
 * columns as wide as their widest cell. For small documents (a 方案比选), written in memory.
 */
import ExcelJS from 'exceljs';
import type { ReportTable } from '../report/report-model.js';

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
/** A CJK character is about two Latin ones wide in Excel's column unit. */
const textWidth = (s: string) => [...s].reduce((w, c) => w + (/[\x20-\x7e]/.test(c) ? 1 : 2), 0);

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. "表1 主要指标对比" → "主要指标对比". */
export const sheetNameOf = (title: string) =>
  title
    .replace(/^表\d+\s*/u, '')
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31);

export async function tablesWorkbook(tables: ReportTable[], meta: { creator: string; title: string }) {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetNameOf(t.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow(r);
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.eachCell((c) => (c.fill = headerFill));
    t.header.forEach((h, i) => {
      const widest = Math.max(textWidth(h), ...t.rows.map((r) => textWidth(r[i] ?? '')));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
      ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
