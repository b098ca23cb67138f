import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { idNumber, makeTempDir } from '../../test/io-fixtures.js';
import { readTableFile } from './table-reader.js';
import { writeRecordsWorkbook } from './table-writer.js';
import { isProblem } from './table-problem.js';
import { validateRecords } from './validate-rows.js';

const tmp = makeTempDir('bianzhi-io-mem-');
afterAll(() => tmp.remove());

const rowCount = 100_000;
const MB = 1024 * 1024;

function* roster(n: number) {
  const units = ['区委办公室', '区政府办公室', '区发展和改革局', '区教育和体育局', '东城街道办事处'];
  for (let i = 0; i < n; i++) {
    const seq = String(i % 1000).padStart(3, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    yield {
      name: `职工${i}`,
      idNumber: idNumber(`370102${1960 + (i % 40)}03${day}${seq}`),
      gender: i % 2 ? '男' : '女',
      birthDate: `${1960 + (i % 40)}-03-${day}`,
      education: '大学本科',
      institution: units[i % units.length]!,
      category: i % 3 ? '行政编制' : '事业编制',
      post: '科员',
      startOn: '2015-07-01',
      unit: `第${i % 7}科`,
    };
  }
}

describe('large files', () => {
  it(`Given a ${rowCount.toLocaleString()}-row roster xlsx When streamed and validated Then memory stays bounded`, async () => {
    const path = tmp.path('roster-100k.xlsx');
    const writeStart = Date.now();
    const rssBeforeWrite = process.memoryUsage().rss;
    let writePeak = rssBeforeWrite;
    const source = (function* () {
      let i = 0;
      for (const r of roster(rowCount)) {
        if (++i % 10_000 === 0) writePeak = Math.max(writePeak, process.memoryUsage().rss);
        yield r;
      }
    })();
    expect(await writeRecordsWorkbook(path, 'roster', { roster: source })).toEqual({ roster: rowCount });
    const writeMs = Date.now() - writeStart;

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let rows = 0;
    let problems = 0;
    const readStart = Date.now();
    for await (const item of validateRecords('roster', readTableFile(path, { kind: 'roster' }), {
      today: '2025-06-30',
    })) {
      if (isProblem(item)) problems++;
      else if (++rows % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const readMs = Date.now() - readStart;
    console.info(
      `100k roster: ${(statSync(path).size / MB).toFixed(1)} MB file; write ${writeMs} ms, +${((writePeak - rssBeforeWrite) / MB).toFixed(0)} MB; ` +
        `read+validate ${readMs} ms, +${((peak - before) / MB).toFixed(0)} MB rss`,
    );
    expect(problems).toBe(0);
    expect(rows).toBe(rowCount);
    expect(peak - before).toBeLessThan(250 * MB);
    expect(writePeak - rssBeforeWrite).toBeLessThan(250 * MB);
  }, 60_000);
});
