/** 实名制同步(对账):上传省实名制系统导出的名册 → 差异(试运行)→ 记为人员变动;月度增减花名册与编制使用台账。 */
import { join } from 'node:path';
import {
  changeRegisterFileName,
  staffingLedgerFileName,
  writeChangeRegister,
  writeStaffingLedger,
} from '../../commands/registers.js';
import { syncRosterFile } from '../../commands/roster-sync.js';
import type { ServerContext } from '../app.js';
import { presentRosterSync } from '../presenters/roster-sync.presenter.js';
import { receiveUpload, sendGenerated } from './files.routes.js';
import { route, type Api } from './route-kit.js';

export function rosterRoutes(app: Api, ctx: ServerContext) {
  const files = { tag: '导入导出' } as const;
  route(
    app,
    'POST /api/roster/sync',
    {
      ...files,
      summary:
        '实名制同步(对账):上传完整名册;dryRun=true 只列出新增、减少、调动、职务和信息变化;否则按截止日期记为人员变动(全部或全不)',
      access: 'importData',
      consumes: ['multipart/form-data'],
    },
    async (request) => {
      const q = request.query;
      return receiveUpload(request, ctx, '实名制人员.xlsx', async (path, fileName) => {
        const r = await syncRosterFile(ctx.command(request), path, {
          fileName,
          dryRun: q.dryRun !== 'false',
          asOf: q.asOf,
          docNumber: q.docNumber,
          institutions: q.institutions
            ?.split(/[,,、]/)
            .map((s) => s.trim())
            .filter(Boolean),
          maxChanges: 500,
        });
        return presentRosterSync(r);
      });
    },
  );

  route(
    app,
    'GET /api/registers/changes',
    {
      ...files,
      summary: '月度增减花名册(.xlsx;无权查看完整身份证号的角色得到脱敏号码;记入审计)',
      access: 'exportData',
    },
    async (request, reply) => {
      const { month } = request.query;
      return sendGenerated(reply, changeRegisterFileName(month), async (dir) => {
        const path = join(dir, 'register.xlsx');
        await writeChangeRegister(ctx.command(request), path, month);
        return path;
      });
    },
  );

  route(
    app,
    'GET /api/registers/ledger',
    {
      ...files,
      summary: '月度编制使用台账(.xlsx;全区或一个机构;单位填报员只能下载本单位的;记入审计)',
      access: 'readOwnUnit',
    },
    async (request, reply) => {
      const { month, institutionId } = request.query;
      return sendGenerated(reply, staffingLedgerFileName(month), async (dir) => {
        const path = join(dir, 'ledger.xlsx');
        await writeStaffingLedger(ctx.command(request), path, month, institutionId);
        return path;
      });
    },
  );
}
