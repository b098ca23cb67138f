/** report: the 调研报告 as an official-layout .docx (GB/T 9704-2012), optionally also as PDF through LibreOffice. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { Command } from 'commander';
import { dateOption, regionOption } from './options.js';
import { withSession } from './session.js';

export function registerReportCommand(program: Command) {
  program
    .command('report')
    .description('生成调研报告(.docx,GB/T 9704-2012 公文格式),可同时转换为 PDF')
    .requiredOption('--out <file.docx>', '输出文件(.docx)')
    .option('--as-of <date>', '截至日期 YYYY-MM-DD(默认今天)', dateOption)
    .option('--pdf', '同时用 LibreOffice 转换为 PDF(与 .docx 同目录)')
    .option('--signer <name>', '署名(默认为“中共<地区名>委机构编制委员会办公室”)')
    .option(...regionOption)
    .action(async (opts: { out: string; asOf?: string; pdf?: boolean; signer?: string; region?: string }) => {
      if (extname(opts.out).toLowerCase() !== '.docx') program.error('错误:--out 应为 .docx 文件', { exitCode: 2 });
      const { buildDistrictReport, missingFontWarnings, writeReportPdf, PdfConversionError } =
        await import('../commands/report.js');
      await withSession(opts.region, async ({ ctx }) => {
        const { docx, model } = await buildDistrictReport(ctx, { asOf: opts.asOf, signer: opts.signer });
        const out = resolve(opts.out);
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, docx);
        const c = model.counts;
        if (model.notice) {
          console.log(`数据不足，已生成情况说明:${out}。${model.preface}`);
          if (!opts.pdf) return;
        } else
          console.log(
            `已生成调研报告:${out}(截至 ${model.asOf})。问题共 ${c.findings} 个(高 ${c.high}、中 ${c.medium}、低 ${c.low}),` +
              `正文分述 ${c.inProse} 个,附件列出 ${c.inAppendix} 个;改进措施 ${c.measures} 条;附件 ${model.appendices.length} 个。`,
          );
        if (model.workingNotes.length)
          console.log(`工作底稿(不列入报告):\n${model.workingNotes.map((n) => `  ${n}`).join('\n')}`);
        if (!opts.pdf) return;
        for (const w of await missingFontWarnings()) console.error(`警告:${w}。`);
        try {
          const pdf = await writeReportPdf(model, out, dirname(out));
          console.log(
            `已生成 PDF:${pdf.pdfPath},共 ${pdf.pages} 页(LibreOffice 转换用时 ${(pdf.ms / 1000).toFixed(1)} 秒)。`,
          );
        } catch (e) {
          if (!(e instanceof PdfConversionError)) throw e;
          console.error(`错误:${e.message}。.docx 已生成。`);
          process.exitCode = 3;
        }
      });
    });
}
