/**
 * Builds the demo district 示范区 through the same commands a user's files go through (defineRegion, importBaseline,
 * importRoster, importDuties, importWorkload, importRegionIndicators), so the demo proves the real path.
 */
import { createHash } from 'node:crypto';
import { dutyListedOn, poolLoanItems, type DemoDistrict } from '../demo/demo-district.js';
import { baselineFigures, type DemoAdjustment, type DemoChange, type DemoScenario } from '../demo/build-adjustments.js';
import { institutionNameIndex, postKey, quotaKey, type AdjustmentItem } from '../domain/ledger.js';
import { readRegistry } from '../store/registry.repository.js';
import { applyAdjustment, approveAdjustment, createAdjustment, submitAdjustment } from './adjustments.js';
import { applyScenario, approveScenario, createScenario, reviewScenario, submitScenario } from './scenarios.js';
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
  // the figures before the 编制事项 and 方案 carried out since, which bring them to the district as drawn
  const carriedOut = [
    ...demo.adjustments.filter((a) => a.decidedOn).map((a) => a.change),
    ...demo.scenarios.map((s) => s.change),
  ];
  const baseline = baselineFigures(demo, carriedOut);
  ensureOk(
    '机构编制',
    await importBaseline(
      ctx,
      {
        institutions: located('institutions', demo.institutions),
        quotas: located('quotas', baseline.quotas),
        posts: located('posts', baseline.posts),
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
  onStep(
    `${history.from}以来的用编核准与人员变动 ${history.steps.length} 项,编制事项 ${demo.adjustments.length} 件,方案 ${demo.scenarios.length} 个`,
  );
  await replayHistory(ctx, demo);
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
 * What the 编办 did after the baseline, in date order: the history's staffing steps, the 编制事项 (drafted and
 * submitted on one day, approved and carried out on the day of the decision) and the 方案 (drafted, approved and
 * applied on their effective date, their 执行情况评估 carried out on its day).
 */
type DemoEvent =
  | { on: string; step: DemoDistrict['history']['steps'][number] }
  | { on: string; adjustment: DemoAdjustment; act: 'submit' | 'decide' }
  | { on: string; scenario: DemoScenario; act: 'apply' | 'review' };

function timeline(demo: DemoDistrict): DemoEvent[] {
  const events: DemoEvent[] = [
    ...demo.history.steps.map((step) => ({ on: step.on, step })),
    ...demo.adjustments.flatMap((adjustment) => [
      { on: adjustment.submittedOn, adjustment, act: 'submit' as const },
      ...(adjustment.decidedOn ? [{ on: adjustment.decidedOn, adjustment, act: 'decide' as const }] : []),
    ]),
    ...demo.scenarios.flatMap((scenario) => [
      { on: scenario.effectiveOn, scenario, act: 'apply' as const },
      ...(scenario.reviewedOn ? [{ on: scenario.reviewedOn, scenario, act: 'review' as const }] : []),
    ]),
  ];
  // a stable sort: the history's own order within a day, then the 编制事项 and 方案 of that day
  return events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** A change by name as the ledger items that make it, on the registry as it stands. */
async function changeItems(ctx: CommandContext, change: DemoChange): Promise<AdjustmentItem[]> {
  const registry = await readRegistry(ctx.pool, ctx.regionCode);
  const { byName } = institutionNameIndex(registry);
  const id = (name: string) => byName.get(name)!.id;
  switch (change.op) {
    case 'raise_quota': {
      const now = registry.quotas.get(quotaKey(id(change.institution), change.category)) ?? 0;
      return [
        {
          op: 'set_quota',
          institutionId: id(change.institution),
          category: change.category,
          approved: now + change.amount,
        },
      ];
    }
    case 'raise_posts': {
      const key = postKey(id(change.institution), change.level, change.postClass);
      const now = registry.posts.get(key) ?? 0;
      return [
        {
          op: 'set_posts',
          institutionId: id(change.institution),
          level: change.level,
          postClass: change.postClass,
          approved: now + change.amount,
        },
      ];
    }
    case 'move_quota':
      return [
        {
          op: 'move_quota',
          fromId: id(change.from),
          toId: id(change.to),
          category: change.category,
          amount: change.amount,
        },
      ];
  }
}

/**
 * Carries out what the 编办 did after the baseline, each on its own day (`today` is the event's date, so an
 * approval's number, expiry and the vacancy it checks are those of that day, and the audit log dates the 编制事项
 * and 方案 on it): the 编办's operator drafts, submits, records and carries out, the approver approves.
 */
async function replayHistory(ctx: CommandContext, demo: DemoDistrict) {
  const history = demo.history;
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
  const drafted = new Map<string, string>();
  for (const event of timeline(demo)) {
    const operator: CommandContext = { ...ctx, today: event.on, actor: history.operator, replayDay: event.on };
    const approver: CommandContext = { ...operator, actor: history.approver };
    if ('adjustment' in event) {
      const a = event.adjustment;
      if (event.act === 'submit') {
        const adj = await createAdjustment(operator, {
          docNumber: a.docNumber,
          title: a.title,
          effectiveOn: a.decidedOn ?? a.submittedOn,
          items: await changeItems(ctx, a.change),
          evaluation: a.evaluation ?? undefined,
        });
        await submitAdjustment(operator, adj.id);
        drafted.set(a.docNumber, adj.id);
      } else {
        await approveAdjustment(approver, drafted.get(a.docNumber)!);
        await applyAdjustment(operator, drafted.get(a.docNumber)!);
      }
      continue;
    }
    if ('scenario' in event) {
      const s = event.scenario;
      if (event.act === 'apply') {
        const { scenario } = await createScenario(operator, {
          name: s.name,
          necessity: s.necessity,
          basis: s.basis,
          items: await changeItems(ctx, s.change),
        });
        await submitScenario(operator, scenario.id);
        await approveScenario(approver, scenario.id);
        await applyScenario(operator, scenario.id, {
          docNumber: s.docNumber,
          effectiveOn: s.effectiveOn,
          reviewOn: s.reviewOn,
        });
        drafted.set(s.docNumber, scenario.id);
      } else await reviewScenario(operator, drafted.get(s.docNumber)!);
      continue;
    }
    const step = event.step;
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
  }
}
