/**
 * 登记核定编制数 on an institution's 编制与职数 tab: an approver records a raise the 编委 decided, with its 文号 and
 * 必要性和依据, and the table shows the new number; a number above the 编制总额 and an edit made meanwhile are refused
 * in the form (which stays open); an operator and a leader are not offered the action.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotaCategories, quotaCategoryLabels } from '../../src/domain/vocabulary.js';
import { apiGet, choose, reporterUnit, signIn } from './harness.js';
import { useWebApp } from './web-app-fixture.js';

interface Detail {
  quotas: { category: string; categoryLabel: string; approved: number; tag: string }[];
}

describe('quota decisions in a browser', { timeout: 300_000 }, () => {
  const app = useWebApp();
  let page: Page;
  let base: string;
  let unitId: string;

  beforeAll(async () => {
    ({ page, base } = app);
    await signIn(page, base, 'approver');
    const tree = await apiGet<{ items: { id: string; name: string }[] }>(page, '/api/institutions');
    unitId = tree.items.find((i) => i.name === reporterUnit)!.id;
  });

  const detail = () => apiGet<Detail>(page, `/api/institutions/${unitId}`);
  const openQuotaTab = async () => {
    await page.goto(`${base}/institutions/${unitId}`);
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(reporterUnit);
    await page.getByRole('tab', { name: '编制与职数' }).click();
    await page.getByTestId('institution-quotas').waitFor();
  };
  /** The 核定 cell of a category's row, as the table shows it. */
  const shownApproved = async (category: string) =>
    Number(
      await page.getByTestId('institution-quotas').locator(`tr[data-row-key="${category}"] td`).nth(1).innerText(),
    );
  const dialog = () => page.getByTestId('quota-decision-dialog');
  const openDialog = async (category: string, approved: number) => {
    await page.getByTestId(`record-quota-${category}`).click();
    await expect
      .poll(() => dialog().getByTestId('quota-decision-current').innerText())
      .toContain(`现核定${approved}名`);
  };
  /** Fills the number, 文号 and (given) 必要性和依据, then 登记. */
  const record = async (approved: number, docNumber: string, evaluation?: string) => {
    await dialog().getByTestId('quota-decision-approved').fill(String(approved));
    await dialog().getByTestId('quota-decision-doc-number').fill(docNumber);
    if (evaluation) await dialog().getByTestId('quota-decision-evaluation').fill(evaluation);
    await dialog().getByTestId('quota-decision-submit').click();
  };
  const refusal = () => dialog().getByTestId('quota-decision-error');
  /** The form still shown (the Modal's own element has no size: its content is positioned apart). */
  const stillOpen = () => dialog().getByTestId('quota-decision-doc-number').isVisible();

  it('Given an approver on an institution’s 编制与职数 When a raise is recorded with 文号 and 必要性和依据 Then the table shows the new number and the 编制事项 carries them', async () => {
    await openQuotaTab();
    const { category, approved } = (await detail()).quotas[0]!;
    expect(await shownApproved(category)).toBe(approved);

    await openDialog(category, approved);
    await dialog()
      .getByTestId('quota-decision-approved')
      .fill(String(approved + 1));
    await dialog().getByTestId('quota-decision-doc-number').fill('示编〔2026〕901号');
    // a raise without its 必要性和依据 is warned of before it is sent
    await dialog().getByTestId('quota-decision-evaluation-warning').waitFor();
    const evaluation = '新增社会救助审核确认职责,按照区委编委会议纪要增加编制1名';
    await dialog().getByTestId('quota-decision-evaluation').fill(evaluation);
    await dialog().getByTestId('quota-decision-evaluation-warning').waitFor({ state: 'detached' });
    await dialog().getByTestId('quota-decision-submit').click();

    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => shownApproved(category)).toBe(approved + 1);
    expect((await detail()).quotas.find((q) => q.category === category)?.approved).toBe(approved + 1);
    const history = await apiGet<{ items: { id: string; docNumber: string; status: string }[] }>(
      page,
      `/api/institutions/${unitId}/history`,
    );
    const recorded = history.items.find((a) => a.docNumber === '示编〔2026〕901号');
    expect(recorded?.status).toBe('applied');
    const file = await apiGet<{ evaluation: string | null }>(page, `/api/adjustments/${recorded!.id}`);
    expect(file.evaluation).toBe(evaluation);
  });

  it('Given an approver When a category the institution has no quota of is recorded Then it appears in the table', async () => {
    await openQuotaTab();
    const taken = (await detail()).quotas.map((q) => q.category);
    const category = quotaCategories.find((c) => !taken.includes(c))!;
    await page.getByTestId('record-quota-new').click();
    await choose(page, dialog().getByTestId('quota-decision-category'), quotaCategoryLabels[category]);
    await expect.poll(() => dialog().getByTestId('quota-decision-current').innerText()).toContain('现核定0名');
    await record(1, '示编〔2026〕905号', '承接划入的工作任务,核定编制1名');
    await dialog().waitFor({ state: 'detached' });
    await expect.poll(() => shownApproved(category)).toBe(1);
  });

  it('Given the dialog open When the number passes the 编制总额, or the quota was changed meanwhile Then the server’s reason is shown and the dialog stays open', async () => {
    await openQuotaTab();
    const { category, approved } = (await detail()).quotas[0]!;

    await openDialog(category, approved);
    await record(approved + 50_000, '示编〔2026〕902号', '超过总额的核定');
    await expect.poll(() => refusal().innerText()).toContain('超过编制总额');
    expect(await stillOpen()).toBe(true);

    // someone else records a number while the dialog holds the tag it read
    await dialog()
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await dialog().waitFor({ state: 'detached' });
    await openDialog(category, approved);
    const status = await page.evaluate(
      async ({ id, category, approved }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const q = await fetch(`/api/institutions/${id}/quotas/${category}`);
        const r = await fetch(`/api/institutions/${id}/quotas/${category}`, {
          method: 'PUT',
          headers: {
            'Content-Type': 'application/json',
            'X-CSRF-Token': me.csrfToken,
            'If-Match': q.headers.get('ETag') ?? '',
          },
          body: JSON.stringify({ approved: approved - 1, docNumber: '示编〔2026〕903号' }),
        });
        return r.status;
      },
      { id: unitId, category, approved },
    );
    expect(status).toBe(200);
    await record(approved + 1, '示编〔2026〕904号', '依据过时的核定数');
    await expect.poll(() => refusal().innerText()).toContain('已被他人修改');
    expect(await stillOpen()).toBe(true);
    // the dialog reads the quota again: it now shows what stands
    await expect
      .poll(() => dialog().getByTestId('quota-decision-current').innerText())
      .toContain(`现核定${approved - 1}名`);
    expect((await detail()).quotas.find((q) => q.category === category)?.approved).toBe(approved - 1);
    await dialog()
      .getByRole('button', { name: /取\s*消/ })
      .click();
  });

  it.each(['operator', 'leader'])(
    'Given a %s When an institution’s 编制与职数 is shown Then no 登记核定数 is offered',
    async (role) => {
      await signIn(page, base, role);
      await openQuotaTab();
      const { category, approved } = (await detail()).quotas[0]!;
      expect(await shownApproved(category)).toBe(approved);
      expect(await page.getByTestId('institution-quotas').innerText()).not.toContain('登记核定数');
      expect(await page.locator('[data-testid^="record-quota"]').count()).toBe(0);
    },
  );
});
