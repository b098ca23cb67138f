/**
 * 方案 in a browser on the demo district: the operator builds a merge scenario and sees the DUTY_OVERLAP it resolves,
 * builds an alternative, compares the two (and downloads the comparison), submits the first; the approver approves
 * it; the operator applies it with a 文号, and the registry and the findings change; its 执行情况评估, dated yesterday,
 * shows on 总览 as due. Generous waits: a loaded 2-core machine (Playwright 60 s per step from the harness,
 * expect.poll 30 s from vitest.config.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyAdjustment, createAdjustment } from '../../src/commands/adjustments.js';
import { chineseDate } from '../../src/domain/chinese-text.js';
import { apiGet, choose, pickDate, root, signIn } from './harness.js';
import { useWebApp } from './web-app-fixture.js';

const shots = join(root, 'test-output', 'web');
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

interface Tree {
  items: { id: string; name: string; status: string }[];
}
interface Stats {
  pool: { category: string; balance: number }[];
  institutions: { id: string; name: string; kind: string; quota: { category: string; vacant: number }[] }[];
}
interface Findings {
  findings: { code: string; title: string }[];
}

/** The UTC date n days before today, as YYYY-MM-DD (the server's and the browser's dates are UTC dates). */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A new scenario from the list page, on its own page once created. */
async function newScenario(page: Page, base: string, name: string, necessity: string) {
  await page.goto(`${base}/scenarios`);
  await page.getByTestId('new-scenario').click();
  await page.getByTestId('scenario-name').fill(name);
  await page.getByTestId('scenario-necessity').fill(necessity);
  await page.getByTestId('create-scenario').click();
  await page.waitForURL(/\/scenarios\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('scenario-title').innerText()).toBe(name);
}

/** A new scenario from the list page, then one merge added on its page; answers the scenario's id. */
async function mergeScenario(page: Page, base: string, name: string, source: string, target: string) {
  await newScenario(page, base, name, `${source}与${target}职责交叉,合并后理顺职能`);
  const form = page.getByTestId('add-item');
  await choose(page, form.getByTestId('item-sourceIds'), source);
  await page.keyboard.press('Escape');
  await choose(page, form.getByTestId('item-targetId'), target);
  await page.getByTestId('add-item-button').click();
  await expect.poll(() => page.getByTestId('scenario-item').count()).toBe(1);
  return page.url().split('/').pop()!;
}

describe('方案 in the browser', { timeout: 480_000 }, () => {
  const app = useWebApp();
  let page: Page;
  let base: string;
  beforeAll(() => {
    mkdirSync(shots, { recursive: true });
    ({ page, base } = app);
  });

  it('Given the demo When the operator merges 区水务局 into 区自然资源局, compares it with an alternative, and it is submitted, approved and applied (effective two days ago) Then the DUTY_OVERLAP it resolves is gone and 总览 lists its 执行情况评估 as one day overdue', async () => {
    // Given: the overlap the merge is meant to resolve
    await signIn(page, base, 'operator');
    const target = (await apiGet<Findings>(page, '/api/diagnostics')).findings.find(
      (f) => f.code === 'DUTY_OVERLAP' && f.title.startsWith('地下水监测') && f.title.includes('区水务局'),
    );
    expect(target?.title).toBeDefined();
    const overlap = (f: { code: string; title: string }) => f.code === target!.code && f.title === target!.title;

    // When: the merge, evaluated beside it
    const merge = await mergeScenario(page, base, '区水务局并入区自然资源局', '区水务局', '区自然资源局');
    // Then: the overlap is among the findings resolved, with its title; one 党政机构 fewer; the people who move listed
    const resolved = page.getByTestId('findings-resolved').locator('[data-code="DUTY_OVERLAP"]');
    await expect
      .poll(() => resolved.allInnerTexts(), { timeout: 60_000 })
      .toContainEqual(expect.stringContaining(target!.title));
    const partyGov = await page.getByTestId('party-gov').innerText();
    const [before, after] = partyGov.split('→').map((x) => Number.parseInt(x.trim(), 10));
    expect(after).toBe(before! - 1);
    expect(Number(await page.getByTestId('people-affected-count').innerText())).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('no-violations').count()).toBe(1);
    await shot(page, 'scenario-merge');

    // 诊断 under the scenario: as many findings as the evaluation says remain, and the overlap not among them
    const remaining = (await page.getByTestId('findings-count').innerText()).split('→')[1]!;
    await page.getByTestId('diagnostics-under').click();
    await page.getByTestId('under-scenario').waitFor();
    await expect
      .poll(() => page.getByTestId('findings-total').innerText(), { timeout: 90_000 })
      .toBe(String(Number.parseInt(remaining.trim(), 10)));
    expect(await page.getByTestId('diagnostics-page').innerText()).not.toContain(target!.title);
    await shot(page, 'scenario-diagnostics-under');

    // an alternative: 区统计局 into 区发展和改革局
    const alternative = await mergeScenario(page, base, '区统计局并入区发展和改革局', '区统计局', '区发展和改革局');
    await expect.poll(() => page.getByTestId('findings-count').innerText(), { timeout: 60_000 }).toMatch(/→/);

    // When: both compared side by side
    await page.goto(`${base}/scenarios`);
    await page.getByTestId('choose-区水务局并入区自然资源局').click();
    await page.getByTestId('choose-区统计局并入区发展和改革局').click();
    await page.getByTestId('compare-chosen').click();
    await page.waitForURL(/\/scenarios\/compare\?ids=/);
    // Then: one column per scenario; the overlap is resolved by the merge only
    const table = page.getByTestId('compare-table');
    await expect
      .poll(() => table.locator('thead th').allInnerTexts(), { timeout: 60_000 })
      .toEqual(['项目', '区水务局并入区自然资源局', '区统计局并入区发展和改革局']);
    const resolvedRow = table.locator('tr', { hasText: '解决的问题' });
    const cells = resolvedRow.locator('td');
    expect(await cells.nth(1).innerText()).toContain('地下水监测');
    expect(await cells.nth(2).innerText()).not.toContain('地下水监测');
    await shot(page, 'scenario-compare');
    // and the comparison downloads as a workbook and as a .docx
    for (const testId of ['download-xlsx', 'download-docx']) {
      const href = await page.getByTestId(testId).getAttribute('href');
      expect(decodeURIComponent(href!)).toContain(`${merge},${alternative}`);
      const status = await page.evaluate(
        `fetch(${JSON.stringify(href)}).then(async (r) => [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength])`,
      );
      expect(status).toEqual([200, expect.stringMatching(/openxmlformats/), expect.any(Number)]);
    }

    // When: submitted by the operator
    await page.goto(`${base}/scenarios/${merge}`);
    await page.getByTestId('submit-scenario').click();
    await expect.poll(() => page.getByTestId('scenario-status').innerText(), { timeout: 60_000 }).toBe('已提交');

    // approved by the approver (another user)
    await signIn(page, base, 'approver');
    await page.goto(`${base}/scenarios/${merge}`);
    await page.getByTestId('approve-scenario').click();
    await expect.poll(() => page.getByTestId('scenario-status').innerText(), { timeout: 60_000 }).toBe('已批准');

    // applied by the operator with a 文号
    await signIn(page, base, 'operator');
    await page.goto(`${base}/scenarios/${merge}`);
    await page.getByTestId('apply-scenario').click();
    await page.getByTestId('apply-doc-number').fill('示编〔2026〕50号');
    // effective two days ago, its 执行情况评估 due yesterday: the review is one day overdue today
    await pickDate(page, 'apply-effective-on', daysAgo(2));
    await pickDate(page, 'apply-review-on', daysAgo(1));
    await page.getByTestId('confirm-apply').click();
    await expect.poll(() => page.getByTestId('scenario-status').innerText(), { timeout: 90_000 }).toBe('已实施');
    await shot(page, 'scenario-applied');

    // Then: 区水务局 is no longer active, and the overlap is gone from the district's findings
    const tree = await apiGet<Tree>(page, '/api/institutions');
    expect(tree.items.find((i) => i.name === '区水务局' && i.status === 'active')).toBeUndefined();
    await expect
      .poll(async () => (await apiGet<Findings>(page, '/api/diagnostics')).findings.some(overlap), { timeout: 60_000 })
      .toBe(false);

    // and 总览 lists its 执行情况评估 as due: name, 文号, the date in words, one day overdue, a link to the scenario
    await signIn(page, base, 'leader');
    await page.goto(`${base}/overview`);
    const due = page.getByTestId('overview-reviews').getByTestId('due-review');
    // beside the demo's own 方案 whose review is long overdue (SCENARIO_REVIEW_OVERDUE)
    await expect.poll(() => due.allInnerTexts(), { timeout: 90_000 }).toHaveLength(2);
    expect((await due.allInnerTexts()).join('\n')).toContain('区公安分局职能调整方案');
    const mine = page.getByTestId('overview-reviews').locator(`[data-scenario="${merge}"]`);
    const text = await mine.innerText();
    expect(text).toContain('区水务局并入区自然资源局');
    expect(text).toContain('示编〔2026〕50号');
    expect(text).toContain(chineseDate(daysAgo(1)));
    expect(text).toContain('逾期1天');
    await shot(page, 'overview-due-review');
    await mine.getByRole('link', { name: '区水务局并入区自然资源局' }).click();
    await page.waitForURL(new RegExp(`/scenarios/${merge}$`));
    await expect.poll(() => page.getByTestId('scenario-status').innerText(), { timeout: 60_000 }).toBe('已实施');
  });

  it('Given the demo When the operator abolishes 区档案馆 with its quota and its people going to 区委党史研究中心 Then every one of its people is listed with that destination and nothing blocks submission', async () => {
    await signIn(page, base, 'operator');
    await newScenario(page, base, '撤销区档案馆', '区档案馆职能并入区委党史研究中心');
    const form = page.getByTestId('add-item');
    await choose(page, form.getByTestId('item-op'), '划转编制');
    await choose(page, form.getByTestId('item-fromId'), '区档案馆');
    await choose(page, form.getByTestId('item-toId'), '区委党史研究中心');
    await choose(page, form.getByTestId('item-category'), '事业编制');
    await form.getByTestId('item-amount').fill('10');
    await page.getByTestId('add-item-button').click();
    await expect.poll(() => page.getByTestId('scenario-item').count()).toBe(1);
    await choose(page, form.getByTestId('item-op'), '撤销机构');
    await choose(page, form.getByTestId('item-institutionId'), '区档案馆');
    await choose(page, form.getByTestId('item-peopleTo'), '区委党史研究中心');
    await page.getByTestId('add-item-button').click();
    await expect.poll(() => page.getByTestId('scenario-item').count()).toBe(2);
    expect(await page.getByTestId('scenario-item').nth(1).innerText()).toContain(
      '撤销 区档案馆，人员转入 区委党史研究中心',
    );

    const archive = (await apiGet<Tree>(page, '/api/institutions')).items.find((i) => i.name === '区档案馆')!;
    const staff = await apiGet<{ total: number }>(page, `/api/people?institutionId=${archive.id}`);
    await expect.poll(() => page.getByTestId('no-violations').count(), { timeout: 60_000 }).toBe(1);
    expect(Number(await page.getByTestId('people-affected-count').innerText())).toBe(staff.total);
    await page.getByText(`涉及人员(${staff.total})`).click();
    const rows = page.locator('.ant-collapse-item-active tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/区档案馆\s+区委党史研究中心/);
    await shot(page, 'scenario-abolish-people-to');
  });

  it('Given the demo When the operator optimizes 行政编制 between two bureaus by 办件量 Then every unit’s figure is explained and the result is saved as a draft scenario', async () => {
    await signIn(page, base, 'operator');
    await page.goto(`${base}/scenarios/optimize`);
    await page.getByTestId('optimize-name').fill('按办件量调剂财政局与审计局行政编制');
    await choose(page, page.getByTestId('optimize-units'), '区财政局');
    await choose(page, page.getByTestId('optimize-units'), '区审计局');
    await page.keyboard.press('Escape');
    await choose(page, page.getByTestId('optimize-indicator'), '办件量');
    await page.getByTestId('optimize-run').click();
    const result = page.getByTestId('optimize-result');
    await result.waitFor({ timeout: 90_000 });
    const rows = result.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/区(财政|审计)局[\s\S]*人均/);
    expect(await result.innerText()).toContain('按最大余数法手工分配');
    await shot(page, 'scenario-optimize');
    await page.getByTestId('optimized-scenario').click();
    await expect.poll(() => page.getByTestId('scenario-title').innerText()).toBe('按办件量调剂财政局与审计局行政编制');
    await expect.poll(() => page.getByTestId('scenario-status').innerText()).toBe('草稿');
  });

  it('Given 2 places of 行政编制 in the 编制周转池 When the operator optimizes with the pool Then the checkbox shows the pool, and the saved scenario tells how many came from it', async () => {
    // Given: two vacant places of a bureau outside the optimization taken back into the pool
    await signIn(page, base, 'operator');
    const stats = await apiGet<Stats>(page, '/api/statistics');
    const vacant = stats.institutions.find(
      (i) =>
        i.kind === 'gov_dept' &&
        !['区财政局', '区审计局'].includes(i.name) &&
        (i.quota.find((q) => q.category === 'admin')?.vacant ?? 0) >= 2,
    )!;
    expect(vacant).toBeDefined();
    const ctx = app.server.ctx;
    const reclaim = await createAdjustment(ctx, {
      docNumber: '区编〔2026〕88号',
      title: `收回${vacant.name}空编入池`,
      effectiveOn: ctx.today,
      items: [{ op: 'reclaim_to_pool', institutionId: vacant.id, category: 'admin', amount: 2 }],
    });
    await applyAdjustment(ctx, reclaim.id, { allowUnapproved: true });
    const inPool = async () =>
      (await apiGet<Stats>(page, '/api/statistics')).pool.find((p) => p.category === 'admin')?.balance ?? 0;
    await expect.poll(inPool, { timeout: 60_000 }).toBe(2);

    // When
    await page.goto(`${base}/scenarios/optimize`);
    const usePool = page.getByTestId('optimize-use-pool');
    await expect.poll(() => usePool.innerText()).toBe('使用编制周转池（现有2名）');
    await page.getByTestId('optimize-name').fill('按办件量调剂行政编制(含周转池)');
    await choose(page, page.getByTestId('optimize-units'), '区财政局');
    await choose(page, page.getByTestId('optimize-units'), '区审计局');
    await page.keyboard.press('Escape');
    await choose(page, page.getByTestId('optimize-indicator'), '办件量');
    await usePool.click();
    await page.getByTestId('optimize-run').click();
    const result = page.getByTestId('optimize-result');
    await result.waitFor({ timeout: 90_000 });

    // Then: what came from the pool is shown and written into the scenario's necessity
    const used = Number(/^(\d+)名$/.exec(await page.getByTestId('optimize-pool-used').innerText())![1]);
    expect(used).toBeGreaterThanOrEqual(0);
    expect(used).toBeLessThanOrEqual(2);
    await shot(page, 'scenario-optimize-pool');
    const id = (await page.getByTestId('optimized-scenario').getAttribute('href'))!.split('/').pop()!;
    const saved = await apiGet<{ scenario: { necessity: string }; items: { op: string; amount?: number }[] }>(
      page,
      `/api/scenarios/${id}`,
    );
    expect(saved.scenario.necessity).toContain(`另有编制周转池2名可用；从周转池使用${used}名，${2 - used}名留在池中`);
    const allocated = saved.items.filter((i) => i.op === 'allocate_from_pool');
    expect(allocated.reduce((n, i) => n + i.amount!, 0)).toBe(used);
  });
});
