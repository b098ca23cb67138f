/**
 * Builds the demo district 示范区 through the same commands a user's files go through (defineRegion, importBaseline,
 * importRoster, importDuties, importWorkload, importRegionIndicators), so the demo proves the real path.
 */
import { createHash } from 'node:crypto';
import { poolLoanItems, type DemoDistrict } from '../demo/demo-district.js';
import { institutionNameIndex } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { recordSheetNames, type RecordKind } from '../domain/records.js';
import { AppError } from '../domain/errors.js';
import type { CommandContext } from './context.js';
import { importBaseline } from './import-baseline.js';
import { importDuties } from './import-duties.js';
import { importRegionIndicators, importWorkload } from './import-indicators.js';
import { importRoster } from './import-roster.js';
import type { ImportResult, Located } from './import-types.js';
import { formatProblem } from './import-types.js';
import { defineRegion } from './regions.js';

const demoFile = '示范区演示数据';

function located<T>(kind: RecordKind, records: T[]): Located<T>[] {
  // row numbers as a workbook with one header row would show them
  return records.map((record, i) => ({ record, file: demoFile, sheet: recordSheetNames[kind], row: i + 2 }));
}

async function* streamed<T>(items: Located<T>[]): AsyncGenerator<Located<T>> {
  yield* items;
}

function ensureOk(step: string, r: ImportResult) {
  if (!r.ok) {
    throw new AppError(
      'invariant',
      `演示数据生成失败(${step}):\n${r.problems.slice(0, 10).map(formatProblem).join('\n')}`,
    );
  }
}

export async function buildDemoDistrict(
  ctx: CommandContext,
  demo: DemoDistrict,
  onStep: (message: string) => void = () => undefined,
): Promise<{ institutions: number; people: number; duties: number }> {
  if (ctx.regionCode !== demo.regionCode) throw new AppError('validation', `演示区划代码为 ${demo.regionCode}`);
  const sha = createHash('sha256').update(JSON.stringify(demo)).digest('hex');
  const opts = { fileName: demoFile, fileSha256: sha };
  onStep(`登记行政区划 ${demo.regionCode} ${demo.regionName}`);
  // the limits come from above (上级核定), in force with the 三定 baseline; the baseline states the district as it is
  await defineRegion(ctx, {
    regionCode: demo.regionCode,
    name: demo.regionName,
    limits: demo.limits,
    approvalDocNumber: demo.limitsDocNumber,
    effectiveOn: demo.baselineOn,
  });
  onStep(`导入机构 ${demo.institutions.length} 个、编制 ${demo.quotas.length} 项、领导职数 ${demo.posts.length} 项`);
  ensureOk(
    '机构编制',
    await importBaseline(
      ctx,
      {
        institutions: located('institutions', demo.institutions),
        quotas: located('quotas', demo.quotas),
        posts: located('posts', demo.posts),
      },
      {
        ...opts,
        docNumber: '示编〔2019〕1号',
        title: '示范区机构改革"三定"规定(初始导入)',
        effectiveOn: demo.baselineOn,
      },
    ),
  );
  onStep(`导入实名制人员 ${demo.roster.length} 人`);
  ensureOk('实名制', await importRoster(ctx, streamed(located('roster', demo.roster)), opts));
  if (demo.poolLoan) {
    const loan = demo.poolLoan;
    onStep(`编制周转池:${loan.title}`);
    const { byName } = institutionNameIndex(await readRegistry(ctx.pool, ctx.regionCode));
    const adj = await createAdjustment(ctx, {
      docNumber: loan.docNumber,
      title: loan.title,
      effectiveOn: loan.effectiveOn,
      items: poolLoanItems(loan, (name) => byName.get(name)!.id),
    });
    await applyAdjustment(ctx, adj.id, { allowUnapproved: true });
  }
  onStep(`导入职能与权责清单 ${demo.duties.length} 项`);
  ensureOk('职能', await importDuties(ctx, located('duties', demo.duties), opts));
  ensureOk('工作量', await importWorkload(ctx, located('workload', demo.workload), opts));
  ensureOk('区域指标', await importRegionIndicators(ctx, located('indicators', demo.indicators), opts));
  return { institutions: demo.institutions.length, people: demo.roster.length, duties: demo.duties.length };
}
