/**
 * The lists the server pages (web/src/components/paged-table.tsx) in a browser: the rows shown are the API's page, the
 * total beside the pager is the API's total, a page's main list keeps its page in the URL (and a filter goes back to
 * the first page), a tab's list keeps it in its own state.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, signIn } from './harness.js';
import { useWebApp } from './web-app-fixture.js';

interface ListPage {
  items: { id: string | number; name?: string; title?: string }[];
  total: number;
}

/** The texts of a column of the rows of the table in `scope` (1-based column), as shown. */
const column = (scope: Locator, n: number) =>
  scope.locator(`tbody tr.ant-table-row td:nth-child(${n})`).allInnerTexts();

describe('the server-paged lists in a browser', { timeout: 240_000 }, () => {
  const app = useWebApp();
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ({ page, base } = app);
    await signIn(page, base, 'admin');
  });

  it('Given the roster of the district When its next page is opened Then the rows are the API’s second page, the page stays in the URL across a reload, and a search goes back to the first page', async () => {
    await page.goto(`${base}/people`);
    const table = page.getByTestId('people-page');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const first = await apiGet<ListPage>(page, '/api/people?page=1&pageSize=50');
    expect(first.total).toBeGreaterThan(50);
    await expect.poll(() => column(table, 1)).toEqual(first.items.map((p) => p.name));

    await table.locator('.ant-pagination-next').click();
    await page.waitForURL(/[?&]page=2\b/);
    const second = await apiGet<ListPage>(page, '/api/people?page=2&pageSize=50');
    await expect.poll(() => column(table, 1)).toEqual(second.items.map((p) => p.name));

    await page.reload();
    await expect.poll(() => column(table, 1)).toEqual(second.items.map((p) => p.name));
    expect(await table.locator('.ant-pagination-item-active').innerText()).toBe('2');

    const name = second.items[0]!.name!;
    await page.getByTestId('people-search').locator('input').fill(name);
    await page.getByTestId('people-search').locator('input').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === name && !u.searchParams.has('page'));
    const found = await apiGet<ListPage>(page, `/api/people?q=${encodeURIComponent(name)}&page=1&pageSize=50`);
    await expect.poll(() => column(table, 1)).toEqual(found.items.map((p) => p.name));
    expect(await page.getByTestId('people-total').innerText()).toBe(String(found.total));
  });

  it('Given the duty browser When it opens Then the count beside the pager is the API’s total', async () => {
    await page.goto(`${base}/duties`);
    const { total } = await apiGet<ListPage>(page, '/api/duties?page=1&pageSize=50');
    expect(total).toBeGreaterThan(50);
    await expect
      .poll(() => page.getByTestId('duties-page').locator('.ant-pagination-total-text').innerText())
      .toBe(`共 ${total} 项`);
  });

  it('Given an institution with more people than one page When its 人员 tab turns the page Then the rows are the API’s second page and the URL does not change', async () => {
    const stats = await apiGet<{ institutions: { id: string; name: string; people: { total: number } }[] }>(
      page,
      '/api/statistics',
    );
    const biggest = [...stats.institutions].sort((a, b) => b.people.total - a.people.total)[0]!;
    const query = (n: number) => `/api/people?institutionId=${biggest.id}&page=${n}&pageSize=20`;
    const first = await apiGet<ListPage>(page, query(1));
    expect(first.total).toBeGreaterThan(20);

    await page.goto(`${base}/institutions/${biggest.id}`);
    await page.getByTestId('institution-file').getByRole('tab', { name: '人员' }).click();
    const pane = page.getByTestId('institution-file').getByRole('tabpanel', { name: '人员' });
    await expect.poll(() => column(pane, 1)).toEqual(first.items.map((p) => p.name));
    expect(await pane.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${first.total} 人`);

    const url = page.url();
    await pane.locator('.ant-pagination-next').click();
    const second = await apiGet<ListPage>(page, query(2));
    await expect.poll(() => column(pane, 1)).toEqual(second.items.map((p) => p.name));
    expect(page.url()).toBe(url);
  });
});
