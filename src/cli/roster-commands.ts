/** bianzhi roster sync <file> (实名制同步/对账) and bianzhi registers <dir> (增减花名册, 编制使用台账). */
import type { Command } from 'commander';
import { printImportResult } from './file-commands.js';
import { dateOption, regionOption } from './options.js';
import { withSession } from './session.js';
import { rosterSyncText } from './roster-sync.presenter.js';

export function registerRosterCommands(program: Command) {
  const roster = program.command('roster').description('实名制人员');
  roster
    .command('sync <file>')
    .description('同步(对账):以省实名制系统导出的完整名册为准,新增、减少、调动、职务和信息变化记为截止日期的人员变动')
    .option('--as-of <date>', '名册的截止日期,变动按此日期记录(默认今天)', dateOption)
    .option('--dry-run', '只对账,列出变化,不写入')
    .option('--institution <names...>', '只同步这些机构(默认:文件中出现的机构)')
    .option('--doc-number <文号>', '记入人员变动的文号')
    .option('--json', '输出 JSON')
    .option(...regionOption)
    .action(
      async (
        file: string,
        opts: {
          asOf?: string;
          dryRun?: boolean;
          institution?: string[];
          docNumber?: string;
          json?: boolean;
          region?: string;
        },
      ) => {
        const { syncRosterFile } = await import('../commands/roster-sync.js');
        await withSession(opts.region, async ({ ctx }) => {
          const r = await syncRosterFile(ctx, file, {
            asOf: opts.asOf,
            dryRun: opts.dryRun,
            institutions: opts.institution,
            docNumber: opts.docNumber,
          });
          if (opts.json) {
            console.log(JSON.stringify(r, null, 2));
            if (!r.ok) process.exitCode = 1;
          } else if (!r.ok) printImportResult(r, file);
          else console.log(rosterSyncText(r, file));
        });
      },
    );
}

export function registerRegisterCommands(program: Command) {
  program
    .command('registers <dir>')
    .description('生成月度增减花名册和编制使用台账(.xlsx)')
    .requiredOption('--month <YYYY-MM>', '月份,如 2026-06')
    .option('--institution <name>', '只生成该机构的编制使用台账')
    .option('--per-institution', '另为每个核有编制的机构各生成一份编制使用台账')
    .option(...regionOption)
    .action(
      async (dir: string, opts: { month: string; institution?: string; perInstitution?: boolean; region?: string }) => {
        const { writeRegisters } = await import('../commands/registers.js');
        await withSession(opts.region, async ({ ctx }) => {
          const r = await writeRegisters(ctx, dir, opts);
          console.log(
            `已生成 ${r.files.length} 个文件到 ${dir}:${r.files.slice(0, 3).join('、')}${r.files.length > 3 ? ' 等' : ''}(本月增加 ${r.changes.added} 人次,减少 ${r.changes.removed} 人次)`,
          );
        });
      },
    );
}
