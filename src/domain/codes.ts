import { divisionTable } from './divisions.generated.js';
import { isCalendarDay } from './dates.js';

/** GB 11643 citizen ID number: 17 digits + check character. Returns a Chinese reason or null when valid. */
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * idWeights[i]!;
  return idCheckChars[sum % 11]!;
}

export function validateIdNumber(raw: string): string | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码应为18位(前17位数字,末位数字或X)';
  const birth = id.slice(6, 14);
  if (!isValidYmd(birth)) return `身份证号码中的出生日期 ${birth} 无效`;
  if (idNumberCheckChar(id) !== id[17]) return '身份证号码校验位错误(GB 11643)';
  return null;
}

/** Birth date (YYYY-MM-DD) and gender encoded in an ID number; assumes it is valid. */
export function idNumberFacts(id: string): { birthDate: string; gender: '男' | '女' } {
  const b = id.slice(6, 14);
  return {
    birthDate: `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`,
    gender: Number(id[16]) % 2 === 1 ? '男' : '女',
  };
}

/** Masks an ID number for display: keeps the first 6 and last 4 characters. */
export function maskIdNumber(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

function isValidYmd(ymd: string): boolean {
  return isCalendarDay(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8)));
}

/** GB 32100 统一社会信用代码: 18 chars over a 31-char set, weights 3^i mod 31. */
const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccChars.indexOf(first17[i]!) * usccWeights[i]!;
  return usccChars[(31 - (sum % 31)) % 31]!;
}

export function validateUscc(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return '统一社会信用代码应为18位';
  for (const ch of code) {
    if (!usccChars.includes(ch)) return `统一社会信用代码含非法字符"${ch}"(GB 32100 不使用 I、O、Z、S、V)`;
  }
  if (usccCheckChar(code) !== code[17]) return '统一社会信用代码校验位错误(GB 32100)';
  return null;
}

let divisions: Map<string, string> | undefined;
function divisionMap(): Map<string, string> {
  if (!divisions) {
    divisions = new Map(
      divisionTable.split('|').map((e) => {
        const i = e.indexOf(':');
        return [e.slice(0, i), e.slice(i + 1)] as [string, string];
      }),
    );
  }
  return divisions;
}

/** Name of a GB/T 2260 code (province, city or county level), or undefined when the code is not in the list. */
export function regionName(code: string): string | undefined {
  return divisionMap().get(code);
}

export function validateRegionCode(raw: string): string | null {
  if (!/^\d{6}$/.test(raw)) return '行政区划代码应为6位数字(GB/T 2260)';
  if (!divisionMap().has(raw)) return `行政区划代码 ${raw} 不在 GB/T 2260 代码表中`;
  return null;
}

/** Full name with its province and city, e.g. 北京市 东城区. */
export function regionFullName(code: string): string | undefined {
  const own = regionName(code);
  if (!own) return undefined;
  const parts: string[] = [];
  const province = regionName(`${code.slice(0, 2)}0000`);
  const city = regionName(`${code.slice(0, 4)}00`);
  if (province && code.slice(2) !== '0000') parts.push(province);
  if (city && city !== '市辖区' && city !== '县' && code.slice(4) !== '00') parts.push(city);
  parts.push(own);
  return parts.join('');
}
