import { InvalidArgumentError } from 'commander';
import { parseDate } from '../domain/records.js';

export const dateOption = (v: string) => {
  const d = parseDate(v);
  if (!d) throw new InvalidArgumentError('日期应为 YYYY-MM-DD');
  return d;
};
