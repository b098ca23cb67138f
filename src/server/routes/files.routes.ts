/** 导入(上传 → 校验报告 → 提交,全部或全不)、导入模板、导出。 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { exportDistrict, exportFileNames } from '../../commands/export-district.js';
import { importFile } from '../../commands/import-file.js';
import { listImportKinds } from '../../commands/import-kinds.js';
import { importKindLabels, importTemplateFileName, type ImportKind } from '../../domain/records.js';
import { validationFailed } from '../../domain/errors.js';
import { writeTemplate } from '../../io/table-writer.js';
import type { ServerContext } from '../app.js';
import { HttpError } from '../http-errors.js';
import { inWorkFolder, makeWorkFolder } from '../work-folder.js';
import { presentImportResult } from '../presenters/registry.presenter.js';
import { presentImportKinds } from '../presenters/import-kinds.presenter.js';
import { attachment, route, type Api } from './route-kit.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Writes a file into a fresh work folder, sends it, and removes the folder once the response is done (or failed). */
export async function sendGenerated(reply: FastifyReply, fileName: string, write: (dir: string) => Promise<string>) {
  const dir = await makeWorkFolder();
  const cleanup = () => void rm(dir, { recursive: true, force: true });
  let path: string;
  try {
    path = await write(dir);
  } catch (e) {
    cleanup();
    throw e;
  }
  const stream = createReadStream(path);
  stream.on('close', cleanup);
  stream.on('error', cleanup);
  return attachment(reply, 'xlsx', fileName).send(stream);
}

/**
 * The uploaded file of a multipart request, written into a fresh work folder (removed afterwards on every path) and
 * handed to `use` with its path and its sanitised name.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  ctx: Pick<ServerContext, 'maxUploadBytes'>,
  defaultName: string,
  use: (path: string, fileName: string) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', '上传文件须使用 multipart/form-data');
  const file = await request.file().catch((e: { statusCode?: unknown }) => {
    // busboy's own errors (no boundary, malformed parts) carry no status: the upload is malformed, not the server
    throw typeof e?.statusCode === 'number' ? e : new HttpError(400, 'bad_multipart', '上传内容格式无效');
  });
  if (!file) throw validationFailed('请选择要上传的文件');
  const fileName = file.filename.replace(/[/\\]/g, '_').slice(0, 200) || defaultName;
  return inWorkFolder(async (dir) => {
    const path = join(dir, fileName.endsWith('.csv') ? 'upload.csv' : 'upload.xlsx');
    await pipeline(file.file, createWriteStream(path, { mode: 0o600 }));
    if (file.file.truncated) throw new HttpError(413, 'too_large', `上传文件超过 ${ctx.maxUploadBytes / 1048576} MB`);
    return use(path, fileName);
  });
}

export function fileRoutes(app: Api, ctx: ServerContext) {
  const files = { tag: '导入导出', access: 'importData' } as const;
  route(
    app,
    'GET /api/imports/kinds',
    { ...files, summary: '可导入的文件类别(名称、工作表、模板与导出文件名)' },
    async (request) => presentImportKinds(listImportKinds(ctx.command(request))),
  );

  route(
    app,
    'POST /api/imports/:kind',
    {
      ...files,
      summary: '上传 Excel/CSV 导入:dryRun=true 只校验并返回每一行的问题;否则全部写入或全不写入',
      consumes: ['multipart/form-data'],
    },
    async (request) => {
      const kind: ImportKind = request.params.kind;
      return receiveUpload(request, ctx, `${importKindLabels[kind]}.xlsx`, async (path, fileName) => {
        const r = await importFile(ctx.command(request), path, kind, {
          fileName,
          dryRun: request.query.dryRun !== 'false',
          docNumber: request.query.docNumber,
          effectiveOn: request.query.effectiveOn,
        });
        return { kind, kindLabel: importKindLabels[kind], ...presentImportResult(r) };
      });
    },
  );

  route(app, 'GET /api/templates/:kind', { ...files, summary: '下载导入模板(.xlsx)' }, async (request, reply) =>
    sendGenerated(reply, importTemplateFileName(request.params.kind), async (dir) => {
      const path = join(dir, 'template.xlsx');
      await writeTemplate(path, request.params.kind);
      return path;
    }),
  );

  route(
    app,
    'GET /api/exports/:kind',
    {
      ...files,
      summary: '导出本区划数据(.xlsx,可再导入;无权查看完整身份证号的角色得到脱敏号码、无出生日期;记入审计)',
      access: 'exportData',
    },
    async (request, reply) => {
      const name = exportFileNames[request.params.kind];
      return sendGenerated(reply, name, async (dir) => {
        await exportDistrict(ctx.command(request), dir, { kinds: [request.params.kind], asOf: request.query.asOf });
        return join(dir, name);
      });
    },
  );
}
