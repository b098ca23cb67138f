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
import { contractOf } from './contract.js';
import type { Api } from './route-kit.js';

const tags = ['用编'];

const checkAnswer = (r: Awaited<ReturnType<typeof checkPersonMovement>>) =>
  r.ok ? { ok: true, checks: r.checks, refusal: null } : { ok: false, checks: [], refusal: r.refusal };

export function staffingRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/staffing/requests',
    {
      schema: { ...contractOf('GET /api/staffing/requests'), tags, summary: '用编申请与核准(单位填报员:本单位的)' },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => ({ items: (await listStaffingRequests(ctx.command(request))).map(presentStaffingRequest) }),
        { changesWith: 'anything' },
      ),
  );

  app.post(
    '/api/staffing/requests',
    {
      schema: { ...contractOf('POST /api/staffing/requests'), tags, summary: '起草用编申请' },
      config: { access: 'draftAdjustments' },
    },
    async (request, reply) => {
      const r = await draftStaffingRequest(ctx.command(request), request.body);
      reply.status(201);
      return presentStaffingRequest(r);
    },
  );

  app.get(
    '/api/staffing/requests/:id',
    {
      schema: { ...contractOf('GET /api/staffing/requests/:id'), tags, summary: '一件用编申请' },
      config: { access: 'readOwnUnit' },
    },
    async (request) => presentStaffingRequest(await readStaffingRequest(ctx.command(request), request.params.id)),
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
    app.post(
      t.key.slice('POST '.length),
      { schema: { ...contractOf(t.key), tags, summary: t.summary }, config: { access: t.access } },
      async (request) => presentStaffingRequest(await t.run(ctx.command(request), request.params.id)),
    );
  }

  app.post(
    '/api/staffing/requests/:id/withdraw',
    {
      schema: {
        ...contractOf('POST /api/staffing/requests/:id/withdraw'),
        tags,
        summary: '撤回用编申请或核准(释放所占空编)',
      },
      config: { access: 'draftAdjustments' },
    },
    async (request) =>
      presentStaffingRequest(
        await withdrawStaffingRequest(ctx.command(request), request.params.id, request.body.reason),
      ),
  );

  app.get(
    '/api/staffing/approvals/:id/notice.docx',
    {
      schema: {
        ...contractOf('GET /api/staffing/approvals/:id/notice.docx'),
        tags,
        summary: '下载用编核准通知单(.docx,GB/T 9704-2012 版式)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) => {
      const r = await staffingNotice(ctx.command(request), request.params.id);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
        .send(r.docx);
    },
  );

  app.get(
    '/api/staffing/overview',
    {
      schema: {
        ...contractOf('GET /api/staffing/overview'),
        tags,
        summary: '用编情况:各机构各类编制的核定、实有、已核准待入编、可用空编(今天)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => presentStaffingOverview(ctx.currentDate(), await staffingOverview(ctx.command(request))),
        { changesWith: 'anything' },
      ),
  );

  app.post(
    '/api/people/:id/movements',
    {
      schema: {
        ...contractOf('POST /api/people/:id/movements'),
        tags,
        summary: '记录人员变动:入编、调动、任职、免职、出编',
      },
      config: { access: 'applyAdjustments' },
    },
    async (request, reply) => {
      const m = await recordPersonMovement(ctx.command(request), { ...request.body, personId: request.params.id });
      reply.status(201);
      return presentMovement(m);
    },
  );

  app.post(
    '/api/people/:id/movements/check',
    {
      schema: {
        ...contractOf('POST /api/people/:id/movements/check'),
        tags,
        summary: '核查人员变动(不记录):通过的核查项,或不能办理的原因',
      },
      config: { access: 'applyAdjustments' },
    },
    async (request) => {
      return checkAnswer(
        await checkPersonMovement(ctx.command(request), { ...request.body, personId: request.params.id }),
      );
    },
  );

  app.post(
    '/api/people/entries',
    {
      schema: {
        ...contractOf('POST /api/people/entries'),
        tags,
        summary: '新进人员入编:登记人员(姓名、身份证号码)并记录入编',
      },
      config: { access: 'applyAdjustments' },
    },
    async (request, reply) => {
      const m = await enterNewPerson(ctx.command(request), request.body);
      reply.status(201);
      return presentMovement(m);
    },
  );

  app.post(
    '/api/people/entries/check',
    {
      schema: { ...contractOf('POST /api/people/entries/check'), tags, summary: '核查新进人员入编(不记录)' },
      config: { access: 'applyAdjustments' },
    },
    async (request) => checkAnswer(await checkNewEntry(ctx.command(request), request.body)),
  );

  app.get(
    '/api/forecast',
    {
      schema: {
        ...contractOf('GET /api/forecast'),
        tags,
        summary: '退休与空编预测(法定退休年龄按2025年起渐进式延迟的规定)',
      },
      config: { access: 'readDistrict' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, async () =>
        presentForecast(
          await districtForecast(ctx.command(request), { asOf: request.query.asOf, years: request.query.years }),
        ),
      ),
  );
}
