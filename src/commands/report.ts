/** The 调研报告 of a district on a date: statistics + findings → report model → .docx, and optionally → PDF. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diagnose } from '../analysis/diagnose.js';
import { computeStatistics } from '../analysis/statistics.js';
import { undecidedOn } from '../analysis/snapshot.js';
import { buildReportModel, type ReportModel } from '../report/report-model.js';
import { renderReportDocx } from '../report/report-docx.js';
import { fonts } from '../report/report-layout.js';
import { approvalWaits } from '../store/audit.repository.js';
import type { CommandContext } from './context.js';
import { loadSnapshot } from './snapshot.js';

export async function buildDistrictReport(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'today' | 'snapshots'>,
  opts: { asOf?: string; signer?: string },
): Promise<{ fileName: string; docx: Buffer; model: ReportModel }> {
  const snapshot = await loadSnapshot(ctx, opts.asOf);
  const waits = await approvalWaits(ctx.pool, ctx.regionCode);
  const model = buildReportModel(computeStatistics(snapshot), diagnose(snapshot), {
    districtName: snapshot.regionName,
    issuedOn: ctx.today,
    partyGovCap: snapshot.limits.partyGovInstitutionCap,
    issuer: opts.signer?.trim() || undefined,
    // decisions taken after the report's date are not part of it
    approvalWaitDays: waits.filter((w) => w.approvedAt.slice(0, 10) <= snapshot.asOf).map((w) => w.days),
    pendingWaitDays: undecidedOn(snapshot).map((p) => p.days),
    sources: {
      sandingDuties: snapshot.duties.filter((d) => d.source === 'sanding').length,
      powerItems: snapshot.duties.filter((d) => d.source === 'power_list').length,
      workloadInstitutions: new Set(snapshot.workload.map((w) => w.institutionId)).size,
      indicators: snapshot.indicators.length,
    },
  });
  return {
    fileName: `${snapshot.regionName}机构职能体系调研报告-${snapshot.asOf}.docx`,
    docx: await renderReportDocx(model),
    model,
  };
}

/** The fontconfig file that maps 方正小标宋简体/仿宋_GB2312/… to the Noto CJK fonts a server has. */
export const fontsConf = fileURLToPath(new URL('../report/fonts.conf', import.meta.url));

export const sofficeMissing = '未安装 LibreOffice,无法生成 PDF(请安装 libreoffice-writer-nogui)';

/** The four faces an official document names, and the words that show a matched family is one of them. */
const officialFaces = [
  { label: '小标宋', name: fonts.title.name, own: /小标宋/u },
  { label: '仿宋', name: fonts.body.name, own: /仿宋|FangSong/iu },
  { label: '黑体', name: fonts.heading1.name, own: /黑体|SimHei/iu },
  { label: '楷体', name: fonts.heading2.name, own: /楷体|KaiTi/iu },
] as const;

/**
 * The official faces this machine lacks, each with what LibreOffice will set instead (fontconfig's match through
 * fonts.conf), as Chinese warnings for the PDF command. Empty when all four are installed, or when fontconfig is not.
 */
export async function missingFontWarnings(): Promise<string[]> {
  const out: string[] = [];
  for (const f of officialFaces) {
    let family: string;
    try {
      family = (
        await run('env', [`FONTCONFIG_FILE=${fontsConf}`, 'fc-match', '-f', '%{family[0]}', f.name], 30_000)
      ).stdout.trim();
    } catch {
      return [];
    }
    if (!f.own.test(family))
      out.push(`未安装${f.label}字体（${f.name}），PDF 中以“${family || '系统默认字体'}”代替，版式与正式公文可能不同`);
  }
  return out;
}

/** The PDF could not be made; the .docx is written regardless. `missing`: LibreOffice is not installed. */
export class PdfConversionError extends Error {
  override readonly name = 'PdfConversionError';
  constructor(
    message: string,
    readonly missing = false,
  ) {
    super(message);
  }
}

function run(file: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) =>
    execFile(file, args, { timeout, maxBuffer: 4 << 20 }, (error, stdout, stderr) =>
      error ? fail(Object.assign(error, { stdout, stderr })) : ok({ stdout, stderr }),
    ),
  );
}

/** Pages of a PDF, counted from its page objects (LibreOffice writes them uncompressed). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * Converts a .docx to PDF with LibreOffice headless (`soffice --convert-to pdf`), the official fonts mapped through
 * fonts.conf. Each call has its own LibreOffice profile, so conversions can run side by side and beside a user's
 * open LibreOffice.
 */
export async function convertToPdf(
  docxPath: string,
  outDir: string,
  opts: { timeoutMs?: number } = {},
): Promise<{ pdfPath: string; pages: number; ms: number }> {
  try {
    await run('soffice', ['--version'], 30_000);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new PdfConversionError(sofficeMissing, true);
    throw e;
  }
  const profile = await mkdtemp(join(tmpdir(), 'bianzhi-soffice-'));
  const started = performance.now();
  try {
    // `env` adds FONTCONFIG_FILE to the environment soffice inherits
    await run(
      'env',
      [
        `FONTCONFIG_FILE=${fontsConf}`,
        'soffice',
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        resolve(outDir),
        resolve(docxPath),
      ],
      opts.timeoutMs ?? 180_000,
    );
  } catch (e) {
    const err = e as Error & { killed?: boolean; stderr?: string };
    throw new PdfConversionError(
      err.killed ? 'LibreOffice 转换 PDF 超时' : `LibreOffice 转换 PDF 失败:${(err.stderr || err.message).trim()}`,
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  const pdfPath = join(resolve(outDir), `${basename(docxPath, extname(docxPath))}.pdf`);
  let pdf: Buffer;
  try {
    pdf = await readFile(pdfPath);
  } catch {
    throw new PdfConversionError(`LibreOffice 没有生成 PDF 文件 ${pdfPath}`);
  }
  return { pdfPath, pages: pdfPageCount(pdf), ms };
}

/**
 * The report as PDF, named after the .docx: LibreOffice converts a copy rendered for it (see RenderTarget), so that the
 * PDF keeps 28 characters a line as Word shows the .docx.
 */
export async function writeReportPdf(
  model: ReportModel,
  docxName: string,
  outDir: string,
  opts: { timeoutMs?: number } = {},
): Promise<{ pdfPath: string; pages: number; ms: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bianzhi-report-'));
  try {
    const copy = join(dir, basename(docxName));
    await writeFile(copy, await renderReportDocx(model, { target: 'libreoffice' }));
    return await convertToPdf(copy, outDir, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
