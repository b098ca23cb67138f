/** commander's own texts (help titles, help option, usage errors) in Chinese, for every command of the CLI. */
import { Help, type Command, type Option } from 'commander';

const titles: Record<string, string> = {
  'Usage:': '用法:',
  'Arguments:': '参数:',
  'Options:': '选项:',
  'Global Options:': '全局选项:',
  'Commands:': '命令:',
};

/** commander's error lines (commander 14, lib/command.js, option.js, suggestSimilar.js) → Chinese. */
const errorPatterns: [RegExp, (...groups: string[]) => string][] = [
  [/^error: required option '(.+?)' not specified/, (f) => `错误:缺少必填选项 ${f}`],
  [/^error: missing required argument '(.+?)'/, (a) => `错误:缺少必填参数 <${a}>`],
  [/^error: option '(.+?)' argument missing/, (f) => `错误:选项 ${f} 缺少取值`],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\. ?(.*)$/s,
    (f, v, why) => `错误:选项 ${f} 的取值“${v}”无效${why ? `:${translateReason(why)}` : ''}`,
  ],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\. ?(.*)$/s,
    (v, a, why) => `错误:参数 <${a}> 的取值“${v}”无效${why ? `:${translateReason(why)}` : ''}`,
  ],
  [/^error: unknown option '(.+?)'/, (f) => `错误:未知选项 ${f}`],
  [/^error: unknown command '(.+?)'/, (c) => `错误:未知命令 ${c}`],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (c, e, g) => `错误:${c ? `命令 ${c} 的` : ''}参数过多:应有 ${e} 个,实际 ${g} 个`,
  ],
  [/^error: too many arguments/, () => '错误:参数过多'],
  [/^error: (.+?) cannot be used with (.+?)$/m, (a, b) => `错误:${a} 不能与 ${b} 同时使用`],
];

function translateReason(why: string): string {
  const choices = /^Allowed choices are (.+)\.$/.exec(why.trim());
  return choices ? `可选值为 ${choices[1]}` : why.trim();
}

function translateSuggestion(text: string): string {
  return text
    .replace(/\(Did you mean one of (.+?)\?\)/, '(是否想输入以下之一:$1?)')
    .replace(/\(Did you mean (.+?)\?\)/, '(是否想输入 $1?)');
}

/** One commander error message in Chinese; a text commander did not write (ours, already Chinese) passes unchanged. */
export function chineseCommanderError(message: string): string {
  const trailingNewline = message.endsWith('\n') ? '\n' : '';
  const body = message.replace(/\n$/, '');
  for (const [pattern, render] of errorPatterns) {
    const m = pattern.exec(body);
    if (m) {
      const rest = body.slice(m.index + m[0].length);
      return render(...m.slice(1).map((g) => g ?? '')) + translateSuggestion(rest) + trailingNewline;
    }
  }
  return message;
}

/** Terminal columns of a text: CJK characters and full-width punctuation take two (commander counts one). */
function displayWidth(str: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = str.replace(/\x1b\[\d*(;\d+)*m/g, '');
  let width = 0;
  for (const ch of plain)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return width;
}

const chineseHelp: Partial<Help> = {
  displayWidth,
  styleTitle: (str: string) => titles[str] ?? str,
  styleOptionText: (str: string) => (str === '[options]' ? '[选项]' : str),
  styleSubcommandText: (str: string) => (str === '[command]' ? '[命令]' : str),
  optionDescription(this: Help, option: Option): string {
    return Help.prototype.optionDescription
      .call(this, option)
      .replace(/\(choices: (.+?)(?:, default: (.+?))?\)$/, (_all, choices: string, def?: string) =>
        def ? `(可选值:${choices};默认:${def})` : `(可选值:${choices})`,
      )
      .replace(/\(default: (.+?)\)$/, '(默认:$1)');
  },
};

/**
 * Puts the CLI's help and usage errors into Chinese. Call on the root command before its subcommands are added:
 * commander copies these settings into every subcommand created afterwards.
 */
export function speakChinese(program: Command): Command {
  return program
    .configureHelp(chineseHelp)
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureOutput({ outputError: (s, write) => write(chineseCommanderError(s)) });
}
