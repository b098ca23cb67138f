/**
 * 实名制同步 on the import page: a unit's roster exported again from the provincial system (here: two newcomers, the
 * unit's present staff absent) is reconciled — the dry run shows who is new and who left before anything is written
 * — then applied, and the unit's roster is the file's.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/domain/codes.js';
import { apiGet, reporterUnit, signIn } from './harness.js';
import { useWebApp } from './web-app-fixture.js';

const idNumber = (serial: number) => {
  const first17 = `370102${'19920304'}${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

describe('roster sync in a browser', { timeout: 240_000 }, () => {
  const app = useWebApp();
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ({ page, base } = app);
    await signIn(page, base, 'operator');
  });

  it('Given a unit file When 同步(对账) is checked Then the newcomers and leavers are listed and nothing is written; confirmed, the unit holds the file’s people', async () => {
    const institutions = await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/institutions');
    const unit = institutions.items.find((i) => i.name === reporterUnit)!;
    const staff = async () =>
      (await apiGet<{ total: number }>(page, `/api/people?institutionId=${unit.id}&pageSize=1`)).total;
    const before = await staff();
    expect(before).toBeGreaterThan(0);

    await page.goto(`${base}/imports`);
    await page.getByTestId('import-mode').getByText('同步(对账)').click();
    const header = '姓名,公民身份号码,所在机构,编制类别,入编时间';
    await page.locator('input[type=file]').setInputFiles({
      name: '民政局名册.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          header,
          `同步甲,${idNumber(1)},${reporterUnit},行政编制,2026-01-05`,
          `同步乙,${idNumber(2)},${reporterUnit},行政编制,2026-02-05`,
        ].join('\n'),
      ),
    });
    await page.getByTestId('import-check').click();
    const report = page.getByTestId('sync-report');
    await report.waitFor();
    const summary = await report.locator('.ant-alert').first().innerText();
    expect(summary).toContain('新增 2 人');
    expect(summary).toContain(`减少 ${before} 人`);
    expect(await page.getByTestId('sync-changes').innerText()).toContain('同步甲');
    expect(await staff()).toBe(before);

    await page.getByTestId('import-commit').click();
    await expect
      .poll(async () => (await report.locator('.ant-alert').first().innerText()).startsWith('同步完成'), {
        timeout: 60_000,
      })
      .toBe(true);
    expect(await staff()).toBe(2);
  });
});
