/** import / export / templates / demo: files in and out, with progress and Chinese problem lists. */
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { todayIso } from '../commands/context.js';
import { formatProblem, type ImportResult } from '../commands/import-types.js';
import { findDistrict } from '../commands/regions.js';
import { importKinds, importTemplateFileName, type ImportKind } from '../domain/records.js';
import { importSummaryText } from '../domain/vocabulary.js';
import { AppError } from '../domain/errors.js';
import { dateOption, regionOption } from './options.js';
import { cliActor, withSession, withStore } from './session.js';

export function printImportResult(r: ImportResult, file: string) {
  if (!r.ok) {
    console.error(`导入失败:${file} 有 ${r.problemCount} 个问题,数据库未作任何修改。`);
    for (const p of r.problems) console.error(`  ${formatProblem(p)}`);
    if (r.problemCount > r.problems.length)
      console.error(`  ……另有 ${r.problemCount - r.problems.length} 个问题未列出`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `${r.dryRun ? '校验通过(试运行,未写入)' : '导入成功'}:${file},共 ${r.rows} 行。${importSummaryText(r.summary)}`,
  );
  for (const w of r.warnings.slice(0, 20)) console.log(`  提示:${formatProblem(w)}`);
  if (r.warnings.length > 20) console.log(`  ……另有 ${r.warnings.length - 20} 条提示`);
}

// Heavy modules (exceljs, the demo catalogs) load inside the actions that need them: every CLI call starts faster.
export function registerFileCommands(program: Command) {
  program
    .command('import <file>')
    .description('导入 Excel 或 CSV 文件(逐行校验,全部成功才写入)')
    .addOption(new Option('--kind <kind>', '文件类别').choices(importKinds).makeOptionMandatory())
    .option('--dry-run', '只校验,不写入')
    .option('--doc-number <文号>', '机构编制基础数据的文号(默认"初始导入")')
    .option(
      '--effective-on <date>',
      '机构编制基础数据的生效日期,如三定印发日期(不指定则为今天,并给出提示);职责文件为三定/权责清单的印发或公布日期(文件中填写了"公布日期"的行以该列为准)',
      dateOption,
    )
    .option(...regionOption)
    .action(
      async (
        file: string,
        opts: { kind: ImportKind; dryRun?: boolean; docNumber?: string; effectiveOn?: string; region?: string },
      ) => {
        const { importFile } = await import('../commands/import-file.js');
        await withSession(opts.region, async ({ ctx }) => {
          const bar = process.stderr.isTTY
            ? new SingleBar({ format: '  导入中 {value} 行 | {duration}s', stream: process.stderr })
            : undefined;
          bar?.start(0, 0);
          let last = 0;
          const result = await importFile(ctx, file, opts.kind, {
            dryRun: opts.dryRun,
            docNumber: opts.docNumber,
            effectiveOn: opts.effectiveOn,
            onProgress: (rows) => {
              bar?.update(rows);
              // without a terminal, a line every 100k rows
              if (!bar && rows - last >= 100_000) {
                last = rows;
                console.error(`  已处理 ${rows} 行`);
              }
            },
          });
          bar?.stop();
          printImportResult(result, file);
        });
      },
    );

  program
    .command('export <dir>')
    .description('导出全部数据为导入模板格式的 Excel 文件(可导入空库还原)')
    .option('--as-of <date>', '截至日期 YYYY-MM-DD:导出该日的机构编制和在编人员(默认今天)', dateOption)
    .option(...regionOption)
    .action(async (dir: string, opts: { region?: string; asOf?: string }) => {
      const { exportDistrict } = await import('../commands/export-district.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await exportDistrict(ctx, dir, { asOf: opts.asOf });
        console.log(
          `已导出到 ${dir}:${r.files.join('、')}(机构 ${r.counts.institutions ?? 0} 个,人员 ${r.counts.roster ?? 0} 人,职能 ${r.counts.duties ?? 0} 项)`,
        );
      });
    });

  program
    .command('templates <dir>')
    .description('生成各类导入模板(空白 Excel)')
    .action(async (dir: string) => {
      const { mkdir } = await import('node:fs/promises');
      const { writeTemplate } = await import('../io/table-writer.js');
      await mkdir(dir, { recursive: true });
      for (const kind of importKinds) {
        const file = join(dir, importTemplateFileName(kind));
        await writeTemplate(file, kind);
        console.log(`已生成 ${file}`);
      }
    });

  program
    .command('demo')
    .description('生成演示区划"示范区"(确定性数据,含已知问题清单)')
    .option('--seed <n>', '随机种子', (v) => Number(v), 2026)
    .option('--no-planted', '不植入问题(对照组)')
    .action(async (opts: { seed: number; planted: boolean }) => {
      const { generateDemoDistrict } = await import('../demo/demo-district.js');
      const { buildDemoDistrict } = await import('../commands/demo.js');
      await withStore(async (store) => {
        const demo = generateDemoDistrict({ seed: opts.seed, planted: opts.planted });
        if (await findDistrict({ pool: store.pool }, demo.regionCode)) {
          throw new AppError(
            'conflict',
            `行政区划 ${demo.regionCode} 已有数据;演示数据只能生成到空库(可设置 BIANZHI_DATA 指向新目录)`,
          );
        }
        const t0 = Date.now();
        const r = await buildDemoDistrict(
          { pool: store.pool, regionCode: demo.regionCode, actor: cliActor(), today: todayIso() },
          demo,
          (m) => console.log(`  · ${m}`),
        );
        console.log(
          `已生成演示区划"${demo.regionName}":机构 ${r.institutions} 个,人员 ${r.people} 人,职能 ${r.duties} 项(${((Date.now() - t0) / 1000).toFixed(1)} 秒)。`,
        );
      });
    });
}
