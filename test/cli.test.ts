/**
 * The CLI end to end on its own embedded PostgreSQL, as a user runs it after `npm install`: first start builds the
 * demo district and prints part 一; then overview, rebuild, export, backup/restore and audit verify.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('bianzhi CLI on the embedded database', () => {
  it('Given a fresh data folder When started Then the demo district is built and part 一 printed with real figures', () => {
    const first = bianzhi('start');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('首次启动');
    expect(first.out).toMatch(/全区有各类机构\d+个/);
    expect(first.out).not.toContain('若干');
    expect(first.out).toMatch(/账号 admin 的一次性密码:[A-Za-z2-9]{16}/); // no default password anywhere
    const second = bianzhi('start');
    expect(second.code).toBe(0);
    expect(second.out).not.toContain('首次启动');
    expect(second.out).not.toContain('一次性密码');
    expect(second.out.split('\n').slice(-12)).toEqual(first.out.split('\n').slice(-12));
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
    expect(bianzhi('backup', dump).code).toBe(0);
    expect(bianzhi('restore', dump).code).toBe(0);
    expect(bianzhi('overview', '--json').out).toBe(overview);
    expect(bianzhi('audit', 'verify').code).toBe(0);
  }, 180_000);

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
