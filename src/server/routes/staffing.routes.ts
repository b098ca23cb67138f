/**
 * 用编申请 → 核准 (起草、提交、核准、撤回、核准通知单), the vacancy figures, 人员变动 (入编、调动、任职、免职、出编, with
 * a check that records nothing) and the retirement forecast. The role rules are inside the commands: a reporter drafts
 * and reads only its own unit's requests, only an approver approves, only the 编办 records movements.
 */
import { districtForecast } from '../../commands/forecast.js';
import {
  checkNewEntry,
  checkPersonMovement,
  enterNewPerson,
  recordPersonMovement,
} from '../../commands/person-movements.js';
import {
  approveStaffingRequest,
  draftStaffingRequest,
  listStaffingRequests,
  readStaffingRequest,
  staffingNotice,
  staffingOverview,
  submitStaffingRequest,
  withdrawStaffingRequest,
} from '../../commands/staffing.js';
import type { ServerContext } from '../app.js';
import {
  presentForecast,
  presentMovement,
  presentStaffingOverview,
  presentStaffingRequest,
} from '../presenters/staffing.presenter.js';
import { attachment, cachedRoute, route, type Api } from './route-kit.js';

const staffing = { tag: '用编' } as const;

const checkAnswer = (r: Awaited<ReturnType<typeof checkPersonMovement>>) =>
  r.ok ? { ok: true, checks: r.checks, refusal: null } : { ok: false, checks: [], refusal: r.refusal };

export function staffingRoutes(app: Api, ctx: ServerContext) {
  const own = { ...staffing, access: 'readOwnUnit' } as const;
  const draft = { ...staffing, access: 'draftAdjustments' } as const;
  const record = { ...staffing, access: 'applyAdjustments' } as const;

  cachedRoute(
    app,
    ctx,
    'GET /api/staffing/requests',
    { ...own, summary: '用编申请与核准(单位填报员:本单位的)', changesWith: 'anything' },
    async (request) => ({ items: (await listStaffingRequests(ctx.command(request))).map(presentStaffingRequest) }),
  );

  route(app, 'POST /api/staffing/requests', { ...draft, summary: '起草用编申请' }, async (request) =>
    presentStaffingRequest(await draftStaffingRequest(ctx.command(request), request.body)),
  );

  route(app, 'GET /api/staffing/requests/:id', { ...own, summary: '一件用编申请' }, async (request) =>
    presentStaffingRequest(await readStaffingRequest(ctx.command(request), request.params.id)),
  );

  const transitions = [
    {
      key: 'POST /api/staffing/requests/:id/submit',
      summary: '提交用编申请(核查空编;不满足时拒绝)',
      access: 'draftAdjustments',
      run: submitStaffingRequest,
    },
    {
      key: 'POST /api/staffing/requests/:id/approve',
      summary: '核准用编申请(审批人;再次核查空编,编号、有效期,占用空编)',
      access: 'decideAdjustments',
      run: approveStaffingRequest,
    },
  ] as const;
  for (const t of transitions) {
    route(app, t.key, { ...staffing, summary: t.summary, access: t.access }, async (request) =>
      presentStaffingRequest(await t.run(ctx.command(request), request.params.id)),
    );
  }

  route(
    app,
    'POST /api/staffing/requests/:id/withdraw',
    { ...draft, summary: '撤回用编申请或核准(释放所占空编)' },
    async (request) =>
      presentStaffingRequest(
        await withdrawStaffingRequest(ctx.command(request), request.params.id, request.body.reason),
      ),
  );

  route(
    app,
    'GET /api/staffing/approvals/:id/notice.docx',
    { ...own, summary: '下载用编核准通知单(.docx,GB/T 9704-2012 版式)' },
    async (request, reply) => {
      const r = await staffingNotice(ctx.command(request), request.params.id);
      return attachment(reply, 'docx', r.fileName).send(r.docx);
    },
  );

  cachedRoute(
    app,
    ctx,
    'GET /api/staffing/overview',
    {
      ...own,
      summary: '用编情况:各机构各类编制的核定、实有、已核准待入编、可用空编(今天)',
      changesWith: 'anything',
    },
    async (request) => presentStaffingOverview(ctx.currentDate(), await staffingOverview(ctx.command(request))),
  );

  route(
    app,
    'POST /api/people/:id/movements',
    { ...record, summary: '记录人员变动:入编、调动、任职、免职、出编' },
    async (request) =>
      presentMovement(
        await recordPersonMovement(ctx.command(request), { ...request.body, personId: request.params.id }),
      ),
  );

  route(
    app,
    'POST /api/people/:id/movements/check',
    { ...record, summary: '核查人员变动(不记录):通过的核查项,或不能办理的原因' },
    async (request) =>
      checkAnswer(await checkPersonMovement(ctx.command(request), { ...request.body, personId: request.params.id })),
  );

  route(
    app,
    'POST /api/people/entries',
    { ...record, summary: '新进人员入编:登记人员(姓名、身份证号码)并记录入编' },
    async (request) => presentMovement(await enterNewPerson(ctx.command(request), request.body)),
  );

  route(app, 'POST /api/people/entries/check', { ...record, summary: '核查新进人员入编(不记录)' }, async (request) =>
    checkAnswer(await checkNewEntry(ctx.command(request), request.body)),
  );

  cachedRoute(
    app,
    ctx,
    'GET /api/forecast',
    { ...staffing, access: 'readDistrict', summary: '退休与空编预测(法定退休年龄按2025年起渐进式延迟的规定)' },
    async (request) =>
      presentForecast(
        await districtForecast(ctx.command(request), { asOf: request.query.asOf, years: request.query.years }),
      ),
  );
}
