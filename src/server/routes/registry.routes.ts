/** 机构(树、详情、沿革)、编制(按类别,记录编委决定)、实名制人员、职能、工作量。 */
import { quotaTag, recordQuotaDecision } from '../../commands/adjustments.js';
import { browseWorkload, institutionDetail, institutionHistory, institutionTree } from '../../commands/institutions.js';
import { districtProfile } from '../../commands/regions.js';
import { browseDuties } from '../../commands/duties.js';
import { browsePeople, personRecord } from '../../commands/people.js';
import type { ServerContext } from '../app.js';
import {
  presentAdjustment,
  presentDuty,
  presentInstitution,
  presentInstitutionNode,
  presentPerson,
  presentPersonRow,
  presentPost,
  presentQuota,
} from '../presenters/registry.presenter.js';
import { contractOf } from './contract.js';
import { pagedList, tagFromIfMatch, type Api } from './route-kit.js';

export function registryRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/region',
    {
      schema: { ...contractOf('GET /api/region'), tags: ['区划'], summary: '本区划、限额与数据版本' },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => {
          const region = await districtProfile(ctx.command(request));
          return {
            regionCode: region.regionCode,
            name: region.name,
            limits: region.limits,
            version: ctx.feed.version,
          };
        },
        { changesWith: 'anything' },
      ),
  );

  app.get(
    '/api/institutions',
    {
      schema: { ...contractOf('GET /api/institutions'), tags: ['机构'], summary: '机构树(含已撤销;截至某日)' },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, async () => {
        const nodes = await institutionTree(ctx.command(request), {
          asOf: request.query.asOf,
        });
        return { asOf: request.query.asOf ?? ctx.currentDate(), items: nodes.map(presentInstitutionNode) };
      }),
  );

  app.get(
    '/api/institutions/:id',
    {
      schema: {
        ...contractOf('GET /api/institutions/:id'),
        tags: ['机构'],
        summary: '机构详情:编制、职数、内设机构、工作量',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, async () => {
        const d = await institutionDetail(ctx.command(request), request.params.id, {
          asOf: request.query.asOf,
        });
        return {
          ...d,
          institution: presentInstitution(d.institution),
          quotas: d.quotas.map((q) => ({ ...presentQuota(q), tag: q.tag })),
          posts: d.posts.map(presentPost),
        };
      }),
  );

  app.get(
    '/api/institutions/:id/history',
    {
      schema: {
        ...contractOf('GET /api/institutions/:id/history'),
        tags: ['机构'],
        summary: '机构沿革:涉及该机构的编制事项',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(
        request,
        reply,
        async () => {
          const rows = await institutionHistory(ctx.command(request), request.params.id, {});
          return { items: rows.map(presentAdjustment) };
        },
        { changesWith: 'anything' },
      ),
  );

  app.get(
    '/api/institutions/:id/quotas/:category',
    {
      schema: {
        ...contractOf('GET /api/institutions/:id/quotas/:category'),
        tags: ['编制'],
        summary: '某机构某类编制(ETag 为版本)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) => {
      const { id, category } = request.params;
      const d = await institutionDetail(ctx.command(request), id);
      const q = d.quotas.find((x) => x.category === category) ?? {
        category,
        approved: 0,
        actual: 0,
        vacant: 0,
        over: 0,
        tag: quotaTag(id, category, 0),
      };
      reply.header('ETag', `"${q.tag}"`);
      return { institutionId: id, ...presentQuota(q), tag: q.tag };
    },
  );

  app.put(
    '/api/institutions/:id/quotas/:category',
    {
      schema: {
        ...contractOf('PUT /api/institutions/:id/quotas/:category'),
        tags: ['编制'],
        summary: '登记编委核定的编制数(须带 If-Match;生成并执行一项编制事项)',
      },
      config: { access: 'recordQuotaDecisions' },
    },
    async (request, reply) => {
      const { id, category } = request.params;
      const r = await recordQuotaDecision(
        ctx.command(request),
        { institutionId: id, category, expectedTag: tagFromIfMatch(request) },
        request.body,
      );
      reply.header('ETag', `"${r.tag}"`);
      return {
        institutionId: id,
        category,
        before: r.before,
        approved: r.approved,
        tag: r.tag,
        adjustment: presentAdjustment(r.adjustment),
      };
    },
  );

  app.get(
    '/api/people',
    {
      schema: {
        ...contractOf('GET /api/people'),
        tags: ['实名制'],
        summary: '在编人员(分页;按姓名检索,可查看完整号码的角色也可按身份证号开头检索;身份证号脱敏,只给年龄)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, () =>
        pagedList(request.query, (f) => browsePeople(ctx.command(request), f), presentPersonRow),
      ),
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        ...contractOf('GET /api/people/:id'),
        tags: ['实名制'],
        summary: '人员档案(unmask=true 显示完整身份证号和出生日期,须有权限,并记入审计;否则脱敏,只给年龄)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) => {
      const unmask = request.query.unmask === 'true';
      const read = async () => presentPerson(await personRecord(ctx.command(request), request.params.id, { unmask }));
      // an unmasked read is audited each time: never answered from the cache
      return unmask ? read() : ctx.answers.send(request, reply, read);
    },
  );

  app.get(
    '/api/duties',
    {
      schema: {
        ...contractOf('GET /api/duties'),
        tags: ['职能'],
        summary: '职能与权责事项(按机构、来源、类别、领域检索)',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, () =>
        pagedList(request.query, (f) => browseDuties(ctx.command(request), f), presentDuty),
      ),
  );

  app.get(
    '/api/workload',
    {
      schema: {
        ...contractOf('GET /api/workload'),
        tags: ['工作量'],
        summary: '工作量指标',
      },
      config: { access: 'readOwnUnit' },
    },
    async (request, reply) =>
      ctx.answers.send(request, reply, async () => {
        return { items: await browseWorkload(ctx.command(request), { institutionId: request.query.institutionId }) };
      }),
  );
}
