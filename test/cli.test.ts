/**
 * The CLI end to end on its own embedded PostgreSQL, as a user runs it after `npm install`: first start builds the
 * demo district and prints part 一; then overview, rebuild, export, backup/restore, audit verify and 方案比选 files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'bianzhi-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function bianzhi(...args: string[]) {
  // the embedded database: DATABASE_URL and BIANZHI_REGION of the environment must not leak in
  const { DATABASE_URL: _url, BIANZHI_REGION: _region, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
  const env = { ...inherited, BIANZHI_DATA: dataDir };
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** `start` in the background on a free port: resolves once it listens; stop() sends SIGTERM and waits for the exit. */
function startServer(): Promise<{
  url: string;
  out: string;
  stop: () => Promise<{ code: number | null; err: string }>;
}> {
  const { DATABASE_URL: _url, BIANZHI_REGION: _region, ...inherited } = process.env; // eslint-disable-line no-restricted-properties
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start', '--port', '0'], {
    env: { ...inherited, BIANZHI_DATA: dataDir },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, err })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not listen: ${out}\n${err}`)), 200_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bianzhi 已启动:(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, out, stop: () => (child.kill('SIGTERM'), exited) });
      }
    });
    void exited.then((e) => reject(new Error(`start exited ${e.code}: ${out}\n${e.err}`)));
  });
}

describe('bianzhi CLI on the embedded database', () => {
  it('Given a fresh data folder When started Then the demo is built, part 一 printed, and the server answers until SIGTERM', async () => {
    const first = await startServer();
    expect(first.out).toContain('首次启动');
    expect(first.out).toMatch(/全区有各类机构\d+个/);
    expect(first.out).not.toContain('若干');
    const otp = /账号 admin 的一次性密码:([A-Za-z2-9]{16})/.exec(first.out)?.[1]; // no default password anywhere
    expect(otp).toBeDefined();
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ ok: true });
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: otp }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const stopped = await first.stop();
    expect(stopped.code).toBe(0);
    expect(stopped.err).toBe('');

    const second = await startServer();
    expect(second.out).not.toContain('首次启动');
    expect(second.out).not.toContain('一次性密码');
    const tail = (o: string) => o.slice(o.indexOf('机构编制情况')).split('bianzhi 已启动')[0];
    expect(tail(second.out)).toEqual(tail(first.out));
    expect((await second.stop()).code).toBe(0);
  }, 240_000);

  it('Given the demo When read as of a date before its baseline Then there is nothing; rebuild agrees with the ledger', () => {
    const before = bianzhi('overview', '--as-of', '2018-12-31', '--json');
    expect(before.code).toBe(0);
    expect(JSON.parse(before.out).overview.institutions.total).toBe(0);
    const rebuild = bianzhi('rebuild');
    expect(rebuild.out).toContain('完全一致');
    expect(bianzhi('audit', 'verify').out).toMatch(/审计日志完整:共 \d+ 条记录/);
  }, 120_000);

  it('Given the demo When diagnosed Then findings come grouped by section, filterable by code, with their evidence in JSON', () => {
    const table = bianzhi('diagnose');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/共发现问题 \d+ 项/);
    for (const section of ['(一)机构设置', '(二)职能配置', '(三)人员结构', '(四)管理体制'])
      expect(table.out).toContain(section);
    const json = JSON.parse(bianzhi('diagnose', '--json', '--code', 'OVER_QUOTA', 'MIXED_QUOTA').out) as {
      findings: { code: string; evidence: unknown[] }[];
    };
    expect(new Set(json.findings.map((f) => f.code))).toEqual(new Set(['OVER_QUOTA', 'MIXED_QUOTA']));
    expect(json.findings.every((f) => f.evidence.length > 0)).toBe(true);
    const bad = bianzhi('diagnose', '--code', 'NOPE');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('未知的诊断代码');
  }, 120_000);

  it('Given the demo When exported, backed up and restored Then the files exist and the overview is unchanged', () => {
    const exportDir = join(dataDir, 'export');
    expect(bianzhi('export', exportDir).code).toBe(0);
    expect(existsSync(join(exportDir, '实名制人员.xlsx'))).toBe(true);
    const overview = bianzhi('overview', '--json').out;
    const dump = join(dataDir, 'demo.dump');
    const backup = bianzhi('backup', dump);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/审计链头 \d{6}:第\d+条 [0-9a-f]{64}/);
    expect(statSync(dump).mode & 0o777).toBe(0o600);
    expect(bianzhi('restore', dump).code).toBe(0);
    expect(bianzhi('overview', '--json').out).toBe(overview);
    const verify = bianzhi('audit', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/曾由备份恢复,替换了锚定至第\d+条的审计链/);
    // the server recorded the day's checkpoint at start, readable by its owner only
    expect(statSync(join(dataDir, 'audit-checkpoints.jsonl')).mode & 0o777).toBe(0o600);
  }, 180_000);

  it('Given the export When synced back (roster sync) Then nothing changed, and the registers of a month are written', () => {
    const exported = join(dataDir, 'export', '实名制人员.xlsx');
    const sync = bianzhi('roster', 'sync', exported, '--dry-run');
    expect(sync.code, sync.err).toBe(0);
    expect(sync.out).toMatch(/同步试运行\(未写入\).*没有变化\(\d+ 人均一致\)/);
    const dir = join(dataDir, 'registers');
    const r = bianzhi('registers', dir, '--month', '2026-06', '--institution', '区财政局');
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(dir, '增减花名册-2026-06.xlsx'))).toBe(true);
    expect(existsSync(join(dir, '编制使用台账-区财政局-2026-06.xlsx'))).toBe(true);
    const bad = bianzhi('registers', dir, '--month', '2026-6');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('月份"2026-6"无效');
  }, 180_000);

  it('Given two scenarios drafted from the CLI When compared with --xlsx and --docx Then both files are written and read back', async () => {
    const created = (name: string, item: string) => {
      const r = bianzhi('scenario', 'create', name, '--item', item);
      expect(r.code, r.err).toBe(0);
      return /标识:([0-9a-f-]{36})/.exec(r.out)![1]!;
    };
    const a = created(
      '区水务局并入区自然资源局',
      '{"op":"merge_institutions","sourceIds":["@区水务局"],"targetId":"@区自然资源局"}',
    );
    const b = created(
      '区统计局并入区发展和改革局',
      '{"op":"merge_institutions","sourceIds":["@区统计局"],"targetId":"@区发展和改革局"}',
    );
    const xlsx = join(dataDir, '方案比选.xlsx');
    const docx = join(dataDir, '方案比选.docx');
    const r = bianzhi('scenario', 'compare', a, b, '--xlsx', xlsx, '--docx', docx);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`已导出:${xlsx}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect((wb.getWorksheet('主要指标对比')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      '项目',
      '方案一：区水务局并入区自然资源局',
      '方案二：区统计局并入区发展和改革局',
    ]);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(xml).toContain('方案一“区水务局并入区自然资源局”');
  }, 180_000);

  it('Given the demo (its 行政编制 pool empty) When optimized with --use-pool Then none comes from the pool; more than it holds is refused', () => {
    const args = ['--category', 'admin', '--unit', '区财政局', '--unit', '区审计局', '--indicator', '办件量'];
    const r = bianzhi('scenario', 'optimize', '按办件量调剂(周转池)', ...args, '--use-pool');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('从编制周转池使用0名');
    const over = bianzhi('scenario', 'optimize', '超出周转池', ...args, '--use-pool', '--pool-amount', '1');
    expect(over.code).toBe(1);
    expect(over.err).toContain('编制周转池中行政编制只有0名，不足以使用1名');
  }, 120_000);

  it('Given bad usage When run Then the message is Chinese and the exit code non-zero, with no stack trace', () => {
    const r = bianzhi('import', 'nope.xlsx', '--kind', 'roster');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/文件/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const d = bianzhi('overview', '--as-of', '2025-13-01');
    expect(d.code).not.toBe(0);
    expect(d.err).toContain('日期应为 YYYY-MM-DD');
  }, 60_000);
});
