import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chineseCommanderError } from './chinese-help.js';

/** The CLI as a user runs it; none of these invocations reaches the database (commander answers first). */
function bianzhi(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("commander's texts in Chinese", () => {
  it('Given --help When printed Then titles, usage and the help option are Chinese', () => {
    const top = bianzhi('--help');
    expect(top.code).toBe(0);
    expect(top.out).toContain('用法: bianzhi [选项] [命令]');
    expect(top.out).toContain('命令:');
    expect(top.out).toContain('显示帮助');
    expect(top.out).toContain('显示某个命令的帮助');
    expect(top.out).not.toMatch(/Usage:|Options:|Commands:|display help|\[options\]/);

    const sub = bianzhi('import', '--help');
    expect(sub.out).toContain('用法: bianzhi import [选项] <file>');
    expect(sub.out).toMatch(/可选值:"baseline"/);
    expect(sub.out).not.toMatch(/choices:|default:/);
  }, 120_000);

  it('Given a required option left out When run Then the error is Chinese, with the Chinese hint, exit code 1', () => {
    const r = bianzhi('import', 'x.xlsx');
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误:缺少必填选项 --kind <kind>');
    expect(r.err).toContain('(使用 --help 查看用法)');
    expect(r.err).not.toMatch(/error:|not specified/);
  }, 120_000);

  it('Given a mistyped command When run Then it is named in Chinese with a suggestion', () => {
    const r = bianzhi('imprt');
    expect(r.err).toContain('错误:未知命令 imprt');
    expect(r.err).toContain('(是否想输入 import?)');
  }, 120_000);

  it('Given each of commander 14 error lines Then each becomes Chinese; our own Chinese messages pass unchanged', () => {
    expect(chineseCommanderError("error: missing required argument 'file'\n")).toBe('错误:缺少必填参数 <file>\n');
    expect(chineseCommanderError("error: option '--port <n>' argument missing")).toBe('错误:选项 --port <n> 缺少取值');
    expect(chineseCommanderError("error: unknown option '--frobnicate'\n(Did you mean --format?)")).toBe(
      '错误:未知选项 --frobnicate\n(是否想输入 --format?)',
    );
    expect(
      chineseCommanderError("error: option '--kind <kind>' argument 'x' is invalid. Allowed choices are a, b."),
    ).toBe('错误:选项 --kind <kind> 的取值“x”无效:可选值为 a, b');
    expect(chineseCommanderError("error: too many arguments for 'backup'. Expected 1 argument but got 2.")).toBe(
      '错误:命令 backup 的参数过多:应有 1 个,实际 2 个',
    );
    expect(chineseCommanderError('错误:文件不存在\n')).toBe('错误:文件不存在\n');
  });
});
