import { InvalidArgumentError } from 'commander';
import { parseDate } from '../domain/records.js';

export const dateOption = (v: string) => {
  const d = parseDate(v);
  if (!d) throw new InvalidArgumentError('日期应为 YYYY-MM-DD');
  return d;
};

export const regionOption = ['--region <code>', '行政区划代码(GB/T 2260),数据库中有多个区划时指定'] as const;
