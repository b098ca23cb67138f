/**
 * 用编 end to end in headless Chromium on the demo district: a reporter drafts a 用编申请 → an approver approves → the
 * 核准通知单 downloads → an operator records the 入编 → 总览's 可用空编 follows → the person retires (出编 退休) → the
 * forecast follows. Every wait is on the real state with generous limits (a loaded 2-core machine).
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/domain/codes.js';
import { createTestDatabase } from '../../test/test-database.js';
import {
  apiGet,
  choose,
  ensureWebBuild,
  launchBrowser,
  reporterUnit,
  root,
  signIn,
  startWebServer,
} from './harness.js';

const out = join(root, 'test-output', 'web');

interface Overview {
  rows: { institutionName: string; category: string; categoryLabel: string; available: number; reserved: number }[];
  byCategory: { category: string; available: number; reserved: number; actual: number }[];
}

/** The number a Statistic (or a plain cell) shows. */
const shown = async (page: Page, testId: string) => {
  const el = page.getByTestId(testId).first();
  const value = el.locator('.ant-statistic-content-value');
  const text = (await value.count()) ? await value.innerText() : await el.innerText();
  return Number(text.replace(/[,\s]/g, ''));
};

/** 总览's 用编 and forecast figures for one category, as the page shows them. */
async function overviewFigures(page: Page, base: string, category: string) {
  await page.goto(`${base}/overview`);
  await page.getByTestId('overview-staffing').getByTestId(`available-${category}`).waitFor();
  await page.getByTestId('retiring-total').waitFor();
  return {
    available: await shown(page, `available-${category}`),
    reserved: await shown(page, 'staffing-reserved'),
    retiring: await shown(page, 'retiring-total'),
  };
}

/** A man born in March 1967: he reaches his statutory retirement age within the five forecast years. */
function idNumber() {
  const first17 = `370102${'19670315'}${'771'}`;
  return first17 + idNumberCheckChar(first17);
}

describe('用编 in a browser', { timeout: 480_000 }, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: Awaited<ReturnType<typeof startWebServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    ensureWebBuild();
    database = await createTestDatabase();
    server = await startWebServer(database.pool);
    base = server.base;
    browser = await launchBrowser();
    page = browser.page;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('Given the demo district When a request goes from draft to 核准, 入编 and 退休 Then the notice downloads and 总览 and the forecast follow each step', async () => {
    // the reporter's unit and a category with a vacant place, as the API says
    await signIn(page, base, 'reporter');
    const mine = await apiGet<Overview>(page, '/api/staffing/overview');
    const row = mine.rows.find((r) => r.institutionName === reporterUnit && r.available > 0);
    expect(row, `${reporterUnit} has a vacant place`).toBeDefined();
    const { category, categoryLabel } = row!;

    await signIn(page, base, 'operator');
    const before = await overviewFigures(page, base, category);

    // a reporter drafts and submits, the vacancy explained before it is sent
    await signIn(page, base, 'reporter');
    await page.goto(`${base}/staffing`);
    await page.getByTestId('staffing-new').click();
    const form = page.getByTestId('staffing-form');
    await choose(page, form.getByTestId('staffing-institution'), reporterUnit);
    await choose(page, form.getByTestId('staffing-category'), categoryLabel);
    await choose(page, form.getByTestId('staffing-channel'), '公开招聘');
    await form.getByTestId('staffing-reason').fill('补充因退休减少的工作人员');
    await expect.poll(() => form.getByTestId('staffing-vacancy').innerText()).toMatch(/空编足够/);
    await form.getByTestId('staffing-save').click();
    const table = page.getByTestId('staffing-table');
    await table.getByText('草稿').first().waitFor();
    await table.getByTestId('staffing-submit').first().click();
    await expect.poll(() => page.getByTestId('staffing-confirm').innerText()).toMatch(/空编核查:核定\d+名/);
    await page.getByTestId('staffing-confirm-ok').click();
    await table.getByText('已提交待核准').first().waitFor();
    // the reporter is offered no 核准
    expect(await table.getByTestId('staffing-approve').count()).toBe(0);

    // an approver approves
    await signIn(page, base, 'approver');
    await page.goto(`${base}/staffing`);
    await page.getByTestId('staffing-table').getByTestId('staffing-approve').first().click();
    // the check is shown before 确认 (as for the submit above): a click before it loads may act on nothing
    await expect.poll(() => page.getByTestId('staffing-confirm').innerText()).toMatch(/空编核查:核定\d+名/);
    await page.getByTestId('staffing-confirm-ok').click();
    await page.getByTestId('staffing-table').getByText('已核准').first().waitFor();
    const requests = await apiGet<{ items: { id: string; docNumber: string | null; state: string }[] }>(
      page,
      '/api/staffing/requests',
    );
    const approval = requests.items.find((r) => r.state === 'approved')!;
    expect(approval.docNumber).toMatch(/编用〔\d{4}〕\d+号$/);

    // the 核准通知单 downloads as a .docx carrying its number
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('staffing-table').getByTestId('staffing-notice').first().click(),
    ]);
    const file = join(out, 'staffing-notice.docx');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe(`用编核准通知单-${approval.docNumber}.docx`);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(approval.docNumber!);
    expect(text).toContain(`关于核准${reporterUnit}使用${categoryLabel}的通知`);

    // 总览: the approval holds a place
    await signIn(page, base, 'operator');
    const approved = await overviewFigures(page, base, category);
    expect(approved.available).toBe(before.available - 1);
    expect(approved.reserved).toBe(before.reserved + 1);

    // an operator records the 入编 on 人员, checked before it is sent
    await page.goto(`${base}/people`);
    await page.getByTestId('person-enter').click();
    const dialog = page.getByTestId('movement-dialog');
    await dialog.getByTestId('movement-name').fill('郑新来');
    await dialog.getByTestId('movement-id-number').fill(idNumber());
    await choose(page, dialog.getByTestId('movement-institution'), reporterUnit);
    await choose(page, dialog.getByTestId('movement-category'), categoryLabel);
    // without the approval the check refuses, in Chinese
    await dialog.getByTestId('movement-check').click();
    await expect.poll(() => dialog.getByTestId('movement-verdict').innerText()).toMatch(/不能办理[\s\S]*用编核准/);
    expect(await dialog.getByTestId('movement-record').isDisabled()).toBe(true);
    await choose(page, dialog.getByTestId('movement-approval'), approval.docNumber!);
    await dialog.getByTestId('movement-check').click();
    await expect
      .poll(() => dialog.getByTestId('movement-verdict').innerText())
      .toMatch(new RegExp(`核查通过[\\s\\S]*依据${approval.docNumber!.replace(/[〔〕]/g, '.')}`));
    await page.screenshot({ path: join(out, 'staffing-entry-check.png') });
    await dialog.getByTestId('movement-record').click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });

    // 总览: the place moved from 已核准待入编 to 实有; the newcomer is in the forecast
    const entered = await overviewFigures(page, base, category);
    expect(entered.reserved).toBe(before.reserved);
    expect(entered.available).toBe(before.available - 1);
    expect(entered.retiring).toBe(before.retiring + 1);
    await page.screenshot({ path: join(out, 'staffing-overview.png'), fullPage: true });

    // the person retires: 出编 (退休) from the roster row
    await page.goto(`${base}/people?q=${encodeURIComponent('郑新来')}`);
    await expect.poll(() => page.getByTestId('people-total').innerText()).toBe('1');
    await page.getByTestId('people-table').getByTestId('person-exit').click();
    const exit = page.getByTestId('movement-dialog');
    await choose(page, exit.getByTestId('movement-exit-type'), '退休');
    await exit.getByTestId('movement-check').click();
    await expect.poll(() => exit.getByTestId('movement-verdict').innerText()).toMatch(/核查通过[\s\S]*退休出编/);
    await exit.getByTestId('movement-record').click();
    await exit.waitFor({ state: 'detached', timeout: 60_000 });

    // 总览: the place is free again and the forecast has one retirement fewer
    const retired = await overviewFigures(page, base, category);
    expect(retired.available).toBe(before.available);
    expect(retired.retiring).toBe(before.retiring);
  });
});
