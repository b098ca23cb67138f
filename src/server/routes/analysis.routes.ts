/** 统计(报告第一部分)、诊断(第二部分)与调研报告下载;统计和诊断按数据版本缓存,带 ETag。 */
import { analyseUnderScenario } from '../../commands/scenarios.js';
import type { ServerContext } from '../app.js';
import { presentFindings, presentStatistics } from '../presenters/analysis.presenter.js';
import { sendReady } from '../ready-json.js';
import { contractOf } from './contract.js';
import type { Api } from './route-kit.js';

type PresentedFindings = ReturnType<typeof presentFindings>;

export function analysisRoutes(app: Api, ctx: ServerContext) {
  app.get(
    '/api/statistics',
    {
      schema: {
        ...contractOf('GET /api/statistics'),
        tags: ['统计与诊断'],
        summary: '机构编制统计(报告第一部分),截至某日',
      },
      config: { access: 'readDistrict' },
    },
    async (request, reply) => {
      if (request.query.scenario) {
        const r = await analyseUnderScenario(ctx.command(request), request.query.scenario);
        return presentStatistics(r.statistics, r.snapshot);
      }
      return sendReady(request, reply, await ctx.analysis.statistics(request.query.asOf ?? ctx.currentDate()));
    },
  );

  app.get(
    '/api/diagnostics',
    {
      schema: {
        ...contractOf('GET /api/diagnostics'),
        tags: ['统计与诊断'],
        summary: '诊断发现(报告第二部分),可按代码、严重程度、机构、部分筛选',
      },
      config: { access: 'readDistrict' },
    },
    async (request, reply) => {
      const { asOf, scenario, ...filter } = request.query;
      const kept = (all: PresentedFindings['findings']) =>
        all.filter(
          (f) =>
            (!filter.code || f.code === filter.code) &&
            (!filter.severity || f.severity === filter.severity) &&
            (!filter.section || f.section === filter.section) &&
            (!filter.institutionId || f.institutions.some((i) => i.id === filter.institutionId)),
        );
      if (scenario) {
        const r = await analyseUnderScenario(ctx.command(request), scenario);
        const findings = kept(presentFindings(r.findings, r.snapshot.asOf).findings);
        return { asOf: r.snapshot.asOf, total: findings.length, findings };
      }
      const c = await ctx.analysis.diagnostics(asOf ?? ctx.currentDate());
      if (!filter.code && !filter.severity && !filter.section && !filter.institutionId) {
        return sendReady(request, reply, c);
      }
      return ctx.answers.send(request, reply, () => {
        const findings = kept(c.value.findings);
        return { asOf: c.value.asOf, total: findings.length, findings };
      });
    },
  );

  app.get(
    '/api/reports/district.docx',
    {
      schema: {
        ...contractOf('GET /api/reports/district.docx'),
        tags: ['统计与诊断'],
        summary: '下载调研报告(.docx,GB/T 9704-2012 版式)',
      },
      config: { access: 'readDistrict' },
    },
    async (request, reply) => {
      const { buildDistrictReport } = await import('../../commands/report.js');
      const r = await buildDistrictReport(ctx.command(request), { asOf: request.query.asOf });
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(r.fileName)}`)
        .send(r.docx);
    },
  );
}
