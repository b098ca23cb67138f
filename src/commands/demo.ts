/**
 * Builds the demo district 示范区 through the same commands a user's files go through (defineRegion, importBaseline,
 * importRoster, importDuties, importWorkload, importRegionIndicators), so the demo proves the real path.
 */
import { createHash } from 'node:crypto';
import { dutyListedOn, poolLoanItems, type DemoDistrict } from '../demo/demo-district.js';
import { institutionNameIndex } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { recordSheetNames, type DutyRecord, type RecordKind } from '../domain/records.js';
import { AppError } from '../domain/errors.js';
import type { CommandContext } from './context.js';
import { importBaseline } from './import-baseline.js';
import { importDuties } from './import-duties.js';
import { importRegionIndicators, importWorkload } from './import-indicators.js';
import { importRoster } from './import-roster.js';
import type { ImportResult, Located } from './import-types.js';
import { formatProblem } from './import-types.js';
import { defineRegion } from './regions.js';
import { recordPersonMovement, registerPerson } from './person-movements.js';
import {
  approveStaffingRequest,
  draftStaffingRequest,
  submitStaffingRequest,
  withdrawStaffingRequest,
} from './staffing.js';
import { personIdsByNumber } from '../store/people.repository.js';

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
  const history = demo.history;
  onStep(`导入${history.from}前的实名制人员 ${history.initialRoster.length} 人`);
  ensureOk('实名制', await importRoster(ctx, streamed(located('roster', history.initialRoster)), opts));
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
  onStep(`${history.from}以来的用编核准与人员变动 ${history.steps.length} 项`);
  await replayHistory(ctx, history);
  onStep(`导入职能与权责清单 ${demo.duties.length} 项`);
  // one file per publication day (the 三定 of the baseline, then the 权责清单 as each was published), in the demo's order
  const lists = new Map<string, DutyRecord[]>();
  for (const d of demo.duties) {
    const on = dutyListedOn(demo, d);
    const list = lists.get(on);
    if (list) list.push(d);
    else lists.set(on, [d]);
  }
  for (const [publishedOn, duties] of [...lists].sort(([a], [b]) => a.localeCompare(b)))
    ensureOk('职能', await importDuties(ctx, located('duties', duties), { ...opts, publishedOn }));
  ensureOk('工作量', await importWorkload(ctx, located('workload', demo.workload), opts));
  ensureOk('区域指标', await importRegionIndicators(ctx, located('indicators', demo.indicators), opts));
  return { institutions: demo.institutions.length, people: demo.roster.length, duties: demo.duties.length };
}

/**
 * Carries out the history's steps through the staffing commands, each on its own day (`today` is the step's date,
 * so an approval's number, expiry and the vacancy it checks are those of that day): the 编办's operator drafts and
 * records, the approver approves.
 */
async function replayHistory(ctx: CommandContext, history: DemoDistrict['history']) {
  const { byName, internalByKey } = institutionNameIndex(await readRegistry(ctx.pool, ctx.regionCode));
  const institutionId = (name: string) => byName.get(name)!.id;
  const unitId = (institution: string, unit: string | undefined) =>
    unit ? internalByKey.get(`${institutionId(institution)}/${unit}`)!.id : null;
  const personIds = await personIdsByNumber(
    ctx.pool,
    ctx.regionCode,
    history.steps.flatMap((s) => ('idNumber' in s ? [s.idNumber] : [])),
  );
  const approvals = new Map<number, string>();
  const spent: Record<string, number> = {};
  for (const step of history.steps) {
    const t0 = Date.now();
    const operator = { ...ctx, today: step.on, actor: history.operator };
    const at = { on: step.on, docNumber: 'docNumber' in step ? step.docNumber : null };
    switch (step.do) {
      case 'approve': {
        const draft = await draftStaffingRequest(operator, {
          institutionId: institutionId(step.institution),
          category: step.category,
          count: step.count,
          channel: step.channel,
          reason: step.reason,
        });
        await submitStaffingRequest(operator, draft.id);
        await approveStaffingRequest({ ...operator, actor: history.approver }, draft.id);
        approvals.set(step.ref, draft.id);
        break;
      }
      case 'withdraw':
        await withdrawStaffingRequest(operator, approvals.get(step.ref)!, step.reason);
        break;
      case 'enter': {
        const p = step.person;
        // the person's own facts (the schema keeps only those); the place comes with the 入编
        const { id } = await registerPerson(operator, p);
        await recordPersonMovement(operator, {
          type: 'enter',
          personId: id,
          ...at,
          institutionId: institutionId(p.institution),
          unitId: unitId(p.institution, p.unit),
          category: p.category,
          post: p.post,
          approvalId: step.approvalRef === null ? null : approvals.get(step.approvalRef)!,
          exceptionReason: step.exceptionReason,
        });
        break;
      }
      case 'transfer':
        await recordPersonMovement(operator, {
          type: 'transfer',
          personId: personIds.get(step.idNumber)!,
          ...at,
          institutionId: institutionId(step.to.institution),
          unitId: unitId(step.to.institution, step.to.unit),
          category: step.to.category,
          post: step.to.post,
        });
        break;
      case 'appoint':
        await recordPersonMovement(operator, {
          type: 'appoint',
          personId: personIds.get(step.idNumber)!,
          ...at,
          post: step.post,
          level: step.level,
          postClass: step.postClass,
        });
        break;
      case 'dismiss':
        await recordPersonMovement(operator, {
          type: 'dismiss',
          personId: personIds.get(step.idNumber)!,
          ...at,
          post: step.post,
        });
        break;
      case 'retire':
        await recordPersonMovement(operator, {
          type: 'exit',
          personId: personIds.get(step.idNumber)!,
          ...at,
          exitType: 'retire',
          reason: '达到法定退休年龄',
        });
        break;
    }
    spent[step.do] = (spent[step.do] ?? 0) + Date.now() - t0;
  }
}
