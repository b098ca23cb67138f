/** bianzhi staffing request|submit|approve|withdraw|list and bianzhi person register|enter|transfer|appoint|dismiss|exit. */
import { Option, type Command } from 'commander';
import type { CommandContext } from '../commands/context.js';
import { institutionNameIndex } from '../domain/ledger.js';
import { exitTypeLabels, exitTypes, movementTypeLabels } from '../domain/movements.js';
import { recruitmentChannelLabels, recruitmentChannels } from '../domain/staffing.js';
import { leadershipLevels, postClasses, quotaCategories, quotaCategoryLabels } from '../domain/vocabulary.js';
import { validationFailed } from '../domain/errors.js';
import { registryAsOf } from '../commands/adjustments.js';
import { dateOption, regionOption } from './options.js';
import { withSession } from './session.js';
import { staffingRequestsText } from './staffing.presenter.js';

const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => `${v}(${labels[v]})`).join('、');

async function institutionId(ctx: CommandContext, name: string) {
  const inst = institutionNameIndex(await registryAsOf(ctx)).byName.get(name);
  if (!inst) throw validationFailed(`机构"${name}"不存在(请写机构全称)`);
  return inst.id;
}

async function personId(ctx: CommandContext, idNumber: string) {
  const r = await ctx.pool.query<{ id: string }>(`SELECT id FROM persons WHERE region_code = $1 AND id_number = $2`, [
    ctx.regionCode,
    idNumber.trim().toUpperCase(),
  ]);
  if (!r.rows[0]) throw validationFailed(`实名库中没有身份证号码为 ${idNumber} 的人员`);
  return r.rows[0].id;
}

export function registerStaffingCommands(program: Command) {
  const staffing = program.command('staffing').description('用编申请与核准');
  staffing
    .command('request <institution>')
    .description('起草用编申请(机构全称)')
    .addOption(
      new Option('--category <category>', `编制类别:${choices(quotaCategories, quotaCategoryLabels)}`)
        .choices(quotaCategories)
        .makeOptionMandatory(),
    )
    .requiredOption('--count <n>', '申请名额', (v) => Number(v))
    .addOption(
      new Option('--channel <channel>', `补充渠道:${choices(recruitmentChannels, recruitmentChannelLabels)}`)
        .choices(recruitmentChannels)
        .makeOptionMandatory(),
    )
    .requiredOption('--reason <text>', '用编理由')
    .option(...regionOption)
    .action(async (institution: string, opts) => {
      const { draftStaffingRequest } = await import('../commands/staffing.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await draftStaffingRequest(ctx, {
          institutionId: await institutionId(ctx, institution),
          category: opts.category,
          count: opts.count,
          channel: opts.channel,
          reason: opts.reason,
        });
        console.log(`已起草用编申请 ${r.id}:"${r.institutionName}"${quotaCategoryLabels[r.category]}${r.count}名。`);
      });
    });
  staffing
    .command('submit <id>')
    .description('提交用编申请(核查空编)')
    .option(...regionOption)
    .action(async (id: string, opts: { region?: string }) => {
      const { submitStaffingRequest } = await import('../commands/staffing.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await submitStaffingRequest(ctx, id);
        console.log(`已提交:"${r.institutionName}"${quotaCategoryLabels[r.category]}${r.count}名,空编核查通过。`);
      });
    });
  staffing
    .command('approve <id>')
    .description('核准用编申请(审批人;编号、有效期,占用空编)')
    .option(...regionOption)
    .action(async (id: string, opts: { region?: string }) => {
      const { approveStaffingRequest } = await import('../commands/staffing.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await approveStaffingRequest(ctx, id);
        console.log(
          `已核准 ${r.docNumber}:"${r.institutionName}"${quotaCategoryLabels[r.category]}${r.count}名,有效期至 ${r.expiresOn}。`,
        );
      });
    });
  staffing
    .command('withdraw <id>')
    .description('撤回用编申请或核准(释放所占空编)')
    .requiredOption('--reason <text>', '撤回理由')
    .option(...regionOption)
    .action(async (id: string, opts: { reason: string; region?: string }) => {
      const { withdrawStaffingRequest } = await import('../commands/staffing.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await withdrawStaffingRequest(ctx, id, opts.reason);
        console.log(`已撤回:"${r.institutionName}"${quotaCategoryLabels[r.category]}${r.count}名。`);
      });
    });
  staffing
    .command('notice <id> <file>')
    .description('输出用编核准通知单(.docx,公文格式)')
    .option(...regionOption)
    .action(async (id: string, file: string, opts: { region?: string }) => {
      const { staffingNotice } = await import('../commands/staffing.js');
      const { writeFile } = await import('node:fs/promises');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await staffingNotice(ctx, id);
        await writeFile(file, r.docx);
        console.log(`已输出用编核准通知单:${file}`);
      });
    });
  staffing
    .command('list')
    .description('列出用编申请与核准')
    .option('--json', '输出 JSON')
    .option(...regionOption)
    .action(async (opts: { json?: boolean; region?: string }) => {
      const { listStaffingRequests } = await import('../commands/staffing.js');
      await withSession(opts.region, async ({ ctx }) => {
        const rows = await listStaffingRequests(ctx);
        console.log(opts.json ? JSON.stringify(rows, null, 2) : staffingRequestsText(rows));
      });
    });

  const person = program.command('person').description('人员变动:登记新进人员、入编、调动、任职、免职、出编');
  person
    .command('register <idNumber>')
    .description('登记新进人员(入编前;出生日期和性别默认取自身份证号码)')
    .requiredOption('--name <name>', '姓名')
    .option('--education <level>', '学历')
    .option('--degree <degree>', '学位')
    .option('--title <level>', '专业技术职称:正高、副高、中级、初级、无')
    .option('--political <status>', '政治面貌')
    .option('--joined <date>', '参加工作日期 YYYY-MM-DD', dateOption)
    .option(...regionOption)
    .action(async (idNumber: string, o: Record<string, string>) => {
      const { registerPerson } = await import('../commands/person-movements.js');
      await withSession(o.region, async ({ ctx }) => {
        const p = await registerPerson(ctx, {
          idNumber,
          name: o.name!,
          education: o.education as never,
          degree: o.degree as never,
          titleLevel: o.title as never,
          politicalStatus: o.political as never,
          joinedWorkOn: o.joined,
        });
        console.log(`已登记${p.name}(可用 bianzhi person enter ${idNumber} 办理入编)。`);
      });
    });
  const common = (c: Command) =>
    c
      .requiredOption('--on <date>', '变动日期 YYYY-MM-DD', dateOption)
      .option('--doc <number>', '文号')
      .option('--reason <text>', '变动原因')
      .option(...regionOption);
  const place = (c: Command) =>
    c
      .requiredOption('--institution <name>', '所到机构全称')
      .addOption(
        new Option('--category <category>', `编制类别:${choices(quotaCategories, quotaCategoryLabels)}`)
          .choices(quotaCategories)
          .makeOptionMandatory(),
      )
      .option('--post <post>', '职务')
      .option('--approval <id>', '用编核准标识');
  const run =
    (
      type: keyof typeof movementTypeLabels,
      build: (ctx: CommandContext, idNumber: string, o: Record<string, string>) => Promise<object>,
    ) =>
    async (idNumber: string, opts: Record<string, string>) => {
      const { recordPersonMovement } = await import('../commands/person-movements.js');
      await withSession(opts.region, async ({ ctx }) => {
        const base = { personId: await personId(ctx, idNumber), on: opts.on, docNumber: opts.doc, reason: opts.reason };
        const m = await recordPersonMovement(ctx, { type, ...base, ...(await build(ctx, idNumber, opts)) } as never);
        console.log(`已记录${movementTypeLabels[type]}(变动 #${m.id},${m.on})。`);
      });
    };
  common(place(person.command('enter <idNumber>').description('入编(须依据有效的用编核准;例外须写明理由)')))
    .option('--exception <reason>', '无用编核准的例外入编理由')
    .action(
      run('enter', async (ctx, _id, o) => ({
        institutionId: await institutionId(ctx, o.institution!),
        category: o.category,
        post: o.post,
        approvalId: o.approval,
        exceptionReason: o.exception,
      })),
    );
  common(place(person.command('transfer <idNumber>').description('调动(调入单位须有空编或用编核准)'))).action(
    run('transfer', async (ctx, _id, o) => ({
      institutionId: await institutionId(ctx, o.institution!),
      category: o.category,
      post: o.post,
      approvalId: o.approval,
    })),
  );
  common(person.command('appoint <idNumber>').description('任职(须有空缺领导职数,且不超过机构规格)'))
    .requiredOption('--post <post>', '所任职务')
    .addOption(new Option('--level <level>', '职级').choices(leadershipLevels).makeOptionMandatory())
    .addOption(
      new Option('--class <postClass>', '职数类别:admin(行政)、public_service(事业)')
        .choices(postClasses)
        .default('admin'),
    )
    .action(run('appoint', async (_ctx, _id, o) => ({ post: o.post, level: o.level, postClass: o.class })));
  common(person.command('dismiss <idNumber>').description('免职(释放领导职数)'))
    .option('--post <post>', '免职后的职务')
    .action(run('dismiss', async (_ctx, _id, o) => ({ post: o.post })));
  common(person.command('exit <idNumber>').description('出编'))
    .addOption(
      new Option('--type <exitType>', `出编类型:${choices(exitTypes, exitTypeLabels)}`)
        .choices(exitTypes)
        .makeOptionMandatory(),
    )
    .action(run('exit', async (_ctx, _id, o) => ({ exitType: o.type })));
}
