/**
 * bianzhi scenario create|add|evaluate|compare|share|submit|approve|apply|reviews|review|list: 方案 from the command line. Items are
 * ledger items as JSON; "@名称" stands for an institution's id, e.g.
 * `--item '{"op":"merge_institutions","sourceIds":["@区水务局"],"targetId":"@区生态环境分局"}'`; an abolition names
 * where its people go with `peopleTo`: `{"op":"abolish_institution","institutionId":"@区水务局","peopleTo":"@区生态环境分局"}`.
 */
import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { regionOption } from './options.js';
import { comparisonText, reviewText, scenarioText } from './scenario.presenter.js';
import { withSession } from './session.js';
import type { CommandContext } from '../commands/context.js';

const itemsHelp = '调整项(JSON,可为数组;"@机构名称"代表该机构;撤销机构时 peopleTo 指定人员转入的机构),可重复';
const collect = (v: string, all: string[]) => [...all, v];

async function parseItems(ctx: CommandContext, texts: string[]): Promise<unknown[]> {
  const { resolveNamedItems } = await import('../commands/scenarios.js');
  const items: unknown[] = [];
  for (const t of texts) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      throw new AppError('validation', `调整项不是有效的 JSON:${t.slice(0, 80)}`);
    }
    items.push(...(Array.isArray(v) ? v : [v]));
  }
  return (await resolveNamedItems(ctx, items)) as unknown[];
}

export function registerScenarioCommands(program: Command) {
  const scenario = program.command('scenario').description('改革方案:起草、评估、比选、报批、实施');
  scenario
    .command('create <name>')
    .description('新建方案(草稿,仅起草人可见),输出评估结果')
    .option('--base-date <date>', '基准日期 YYYY-MM-DD(默认今天)')
    .option('--necessity <text>', '必要性')
    .option('--basis <text>', '依据')
    .option('--item <json>', itemsHelp, collect, [])
    .option(...regionOption)
    .action(
      async (
        name: string,
        opts: { baseDate?: string; necessity?: string; basis?: string; item: string[]; region?: string },
      ) => {
        const { createScenario } = await import('../commands/scenarios.js');
        await withSession(opts.region, async ({ ctx }) => {
          const items = (await parseItems(ctx, opts.item)) as never[];
          const r = await createScenario(ctx, {
            name,
            baseDate: opts.baseDate,
            necessity: opts.necessity,
            basis: opts.basis,
            items,
          });
          console.log(scenarioText(r));
        });
      },
    );
  scenario
    .command('add <id>')
    .description('向方案添加调整项,输出新的评估结果')
    .requiredOption('--item <json>', itemsHelp, collect, [])
    .option(...regionOption)
    .action(async (id: string, opts: { item: string[]; region?: string }) => {
      const { addScenarioItems } = await import('../commands/scenarios.js');
      await withSession(opts.region, async ({ ctx }) => {
        console.log(scenarioText(await addScenarioItems(ctx, id, (await parseItems(ctx, opts.item)) as never[])));
      });
    });
  for (const [verb, description] of [
    ['evaluate', '评估方案:机构、编制、职数、涉及人员、问题的变化和硬约束'],
    ['share', '共享方案(其他编办人员可见)'],
    ['submit', '提交方案(无硬约束违反时)'],
    ['approve', '批准方案(须由起草人以外的审批人)'],
  ] as const) {
    scenario
      .command(`${verb} <id>`)
      .description(description)
      .option(...regionOption)
      .action(async (id: string, opts: { region?: string }) => {
        const c = await import('../commands/scenarios.js');
        await withSession(opts.region, async ({ ctx }) => {
          if (verb === 'evaluate') return console.log(scenarioText(await c.evaluateScenario(ctx, id)));
          const run = { share: c.shareScenario, submit: c.submitScenario, approve: c.approveScenario }[verb];
          const s = await run(ctx, id);
          console.log(`方案"${s.name}"已${{ share: '共享', submit: '提交', approve: '批准' }[verb]}。`);
        });
      });
  }
  scenario
    .command('apply <id>')
    .description('实施已批准的方案(一个编制事项,一个事务)')
    .requiredOption('--doc-number <文号>', '文号')
    .requiredOption('--effective-on <date>', '生效日期 YYYY-MM-DD')
    .option('--review-on <date>', '执行情况评估日期(默认生效后12个月)')
    .option(...regionOption)
    .action(
      async (id: string, opts: { docNumber: string; effectiveOn: string; reviewOn?: string; region?: string }) => {
        const { applyScenario } = await import('../commands/scenarios.js');
        await withSession(opts.region, async ({ ctx }) => {
          const r = await applyScenario(ctx, id, opts);
          console.log(
            `方案"${r.scenario.name}"已实施(${r.scenario.docNumber},${r.scenario.effectiveOn} 生效):登记簿变更${r.changes}处,人员调动${r.peopleMoved}人,职责划转${r.dutiesMoved}项;执行情况评估日期 ${r.scenario.reviewOn}。`,
          );
        });
      },
    );
  scenario
    .command('compare <ids...>')
    .description('方案比选(2至4个方案并列),可导出为 .xlsx 和 .docx(方案比选附件)')
    .option('--xlsx <file>', '导出比选表(.xlsx)')
    .option('--docx <file>', '导出方案比选附件(.docx,公文版式)')
    .option(...regionOption)
    .action(async (ids: string[], opts: { xlsx?: string; docx?: string; region?: string }) => {
      const { compareScenarios, exportScenarioComparison } = await import('../commands/scenarios.js');
      const { writeFile } = await import('node:fs/promises');
      await withSession(opts.region, async ({ ctx }) => {
        console.log(comparisonText(await compareScenarios(ctx, ids)));
        for (const format of ['xlsx', 'docx'] as const) {
          const path = opts[format];
          if (!path) continue;
          await writeFile(path, (await exportScenarioComparison(ctx, ids, format)).file);
          console.log(`已导出:${path}`);
        }
      });
    });
  scenario
    .command('optimize <name>')
    .description('编制优化:按工作量在所选单位间重新分配一类编制,存为方案草稿')
    .requiredOption('--category <category>', '编制类别(admin、political_legal、township_admin、worker、public_service)')
    .requiredOption('--unit <名称>', '参与分配的单位名称,可重复', collect, [])
    .requiredOption('--indicator <指标>', '工作量指标(如 办件量)')
    .option('--max-move <n>', '每个单位最多增减的编制数', (v) => Number(v))
    .option('--allow-below-actual', '允许核定数低于实有人数')
    .option('--use-pool', '同时分配编制周转池中该类别的编制（长期核拨给增编单位）')
    .option('--pool-amount <n>', '至多使用周转池编制的数量（默认池中全部，须同时指定 --use-pool）', (v) => Number(v))
    .option(...regionOption)
    .action(
      async (
        name: string,
        opts: {
          category: string;
          unit: string[];
          indicator: string;
          maxMove?: number;
          allowBelowActual?: boolean;
          usePool?: boolean;
          poolAmount?: number;
          region?: string;
        },
      ) => {
        const { optimizeScenario, resolveNamedItems } = await import('../commands/scenarios.js');
        await withSession(opts.region, async ({ ctx }) => {
          const institutions = (await resolveNamedItems(
            ctx,
            opts.unit.map((u) => `@${u}`),
          )) as string[];
          const r = await optimizeScenario(ctx, {
            name,
            category: opts.category as never,
            institutions,
            indicator: opts.indicator,
            maxMovePerUnit: opts.maxMove,
            allowBelowActual: opts.allowBelowActual ?? false,
            usePool: opts.usePool ?? false,
            poolAmount: opts.poolAmount,
          });
          console.log(scenarioText(r));
          if (opts.usePool) console.log(`从编制周转池使用${r.optimization.poolUsed}名`);
          console.log(r.optimization.allocation.map((a) => `  ${a.explanation}`).join('\n'));
        });
      },
    );
  scenario
    .command('reviews')
    .description('到期的方案执行情况评估(已实施、评估日期已到、尚未评估)')
    .option('--all', '列出全部已实施方案的评估情况')
    .option('--json', '以 JSON 输出')
    .option(...regionOption)
    .action(async (opts: { all?: boolean; json?: boolean; region?: string }) => {
      const { listScenarioReviews } = await import('../commands/scenarios.js');
      const { formatTable } = await import('./overview.presenter.js');
      await withSession(opts.region, async ({ ctx }) => {
        const rows = await listScenarioReviews(ctx, { all: opts.all });
        if (opts.json) return void console.log(JSON.stringify(rows, null, 2));
        if (!rows.length) return void console.log(opts.all ? '没有已实施的方案' : '没有到期的执行情况评估');
        const state = (r: (typeof rows)[number]) =>
          r.scenario.reviewedOn
            ? `已评估(${r.scenario.reviewedOn})`
            : r.overdue
              ? `逾期${r.daysLate}天`
              : r.due
                ? '到期'
                : '未到期';
        console.log(
          formatTable([
            ['标识', '名称', '文号', '生效日期', '评估日期', '拟解决问题', '状态'],
            ...rows.map((r) => [
              r.scenario.id,
              r.scenario.name,
              r.scenario.docNumber ?? '',
              r.scenario.effectiveOn ?? '',
              r.scenario.reviewOn ?? '',
              String(r.targets),
              state(r),
            ]),
          ]).join('\n'),
        );
      });
    });
  scenario
    .command('review <id>')
    .description('开展方案执行情况评估(评估日期当日或之后):核对方案拟解决的问题是否已经解决')
    .option(...regionOption)
    .action(async (id: string, opts: { region?: string }) => {
      const { reviewScenario } = await import('../commands/scenarios.js');
      await withSession(opts.region, async ({ ctx }) => console.log(reviewText(await reviewScenario(ctx, id))));
    });
  scenario
    .command('list')
    .description('列出可见的方案')
    .option(...regionOption)
    .action(async (opts: { region?: string }) => {
      const { listScenarios, scenarioStatusLabels } = await import('../commands/scenarios.js');
      const { formatTable } = await import('./overview.presenter.js');
      await withSession(opts.region, async ({ ctx }) => {
        const rows = (await listScenarios(ctx)).map((s) => [
          s.id,
          s.name,
          scenarioStatusLabels[s.status as keyof typeof scenarioStatusLabels] ?? s.status,
          s.baseDate,
          s.createdBy,
          s.docNumber ?? '',
        ]);
        console.log(formatTable([['标识', '名称', '状态', '基准日期', '起草人', '文号'], ...rows]).join('\n'));
      });
    });
}
