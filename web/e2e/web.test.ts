/**
 * The web app end to end in headless Chromium against the real server on the demo district: what a person sees.
 * Screenshots of every page go to test-output/web/. Built to pass on a busy 2-core machine: every wait is on the real
 * state with a generous limit (expect.poll: 30 s from vitest.config.ts; Playwright: 60 s from the harness), and each
 * test may take up to 4 minutes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/commands/users.js';
import { idNumberCheckChar } from '../../src/domain/codes.js';
import { apiGet, choose, launchBrowser, pickDate, password, reporterUnit, root, signIn } from './harness.js';
import { useWebApp } from './web-app-fixture.js';

const shots = join(root, 'test-output', 'web');
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage });

interface Stats {
  overview: {
    institutions: { total: number; partyGov: number; hosted: number; internalUnits: number };
    quota: Record<string, { approved: number; actual: number; vacant: number; over: number }>;
    posts: Record<string, Record<string, { approved: number; filled: number }>>;
  };
  people: { total: number; education: Record<string, number> };
}
interface Tree {
  items: { id: string; name: string; kind: string; parentId: string | null; status: string }[];
}

const num = async (page: Page, testId: string) => {
  const el = page.getByTestId(testId).first();
  const value = el.locator('.ant-statistic-content-value');
  const text = (await value.count()) ? await value.innerText() : await el.innerText();
  return Number(text.replace(/[,\s]/g, ''));
};

/**
 * Clicks 提交/批准/执行 and answers the confirmation: the dialog must show what will change (the preview diff) before
 * anything is sent; returns the dialog's text.
 */
/** The draft's 生效日期: the server's "today" is pinned (2026-11-27), the browser's is the real one. */
async function setEffectiveOn(page: Page, date: string) {
  await pickDate(page, 'effective-on', date);
}

async function confirmStep(page: Page, action: 'submit' | 'approve' | 'apply') {
  await page.getByTestId(action).click();
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.getByTestId('diff').waitFor();
  const text = await dialog.innerText();
  const ok = page.getByTestId('confirm-ok');
  await ok.click();
  // on a loaded machine a click during the dialog's opening animation can be lost (seen in CI): click again only
  // when the dialog is still open and its button is not busy with the first click
  for (let attempt = 0; ; attempt++) {
    try {
      await dialog.waitFor({ state: 'detached', timeout: 20_000 });
      return text;
    } catch (e) {
      if (attempt >= 3) throw e;
      const busy = (await ok.count()) > 0 && /ant-btn-loading/.test((await ok.getAttribute('class')) ?? '');
      if (!busy && (await ok.count()) > 0) await ok.click();
    }
  }
}

function idNumber(serial: number) {
  const first17 = `370102${'19910203'}${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

describe('the web app in a browser', { timeout: 240_000 }, () => {
  const app = useWebApp();
  let page: Page;
  let base: string;

  beforeAll(() => {
    mkdirSync(shots, { recursive: true });
    ({ page, base } = app);
  });

  it('Given a new account When it signs in with its one-time password Then it must change the password first, and the menu follows its role', async () => {
    const u = await createUser(app.server.ctx, { username: 'newcomer', role: 'leader' });
    await page.context().clearCookies();
    await page.goto(`${base}/diagnostics`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('newcomer');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/用户名或密码|密码/);
    await shot(page, '01-login-error');

    await page.getByLabel('密码').fill(u.oneTimePassword);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('password-card').waitFor();
    await shot(page, '02-forced-password');
    await page.getByLabel('当前密码').fill(u.oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill(password);
    await page.getByLabel('确认新密码').fill(password);
    await page.getByRole('button', { name: /修改密码/ }).click();
    await page.getByTestId('login-card').waitFor();

    await signIn(page, base, 'newcomer');
    await page.getByTestId('overview-page').waitFor();
    const menu = await page.getByTestId('nav').innerText();
    expect(menu).toContain('总览');
    expect(menu).toContain('诊断');
    expect(menu).not.toContain('导入');
    expect(menu).not.toContain('用户');
  });

  it('Given the demo district When 总览 is open Then its numbers are those of /api/statistics, and Chinese text renders with a CJK font', async () => {
    await signIn(page, base, 'admin');
    await page.getByTestId('overview-page').waitFor();
    await page.getByTestId('quota-total-approved').waitFor();
    const s = await apiGet<Stats>(page, '/api/statistics');
    expect(await num(page, 'card-institutions')).toBe(s.overview.institutions.total);
    expect(await num(page, 'card-party-gov')).toBe(s.overview.institutions.partyGov);
    expect(await num(page, 'card-hosted')).toBe(s.overview.institutions.hosted);
    expect(await num(page, 'card-internal-units')).toBe(s.overview.institutions.internalUnits);
    for (const [category, q] of Object.entries(s.overview.quota)) {
      for (const m of ['approved', 'actual', 'vacant', 'over'] as const) {
        expect(await num(page, `quota-${category}-${m}`), `${category} ${m}`).toBe(q[m]);
      }
    }
    for (const [level, byClass] of Object.entries(s.overview.posts)) {
      for (const [cls, v] of Object.entries(byClass)) {
        expect(await num(page, `posts-${level}-${cls}-approved`)).toBe(v.approved);
        expect(await num(page, `posts-${level}-${cls}-filled`)).toBe(v.filled);
      }
    }
    expect(await num(page, 'people-total')).toBe(s.people.total);
    for (const [e, n] of Object.entries(s.people.education)) expect(await num(page, `education-${e}`)).toBe(n);
    // the charts load ECharts after the numbers render; wait for all five, then their animation, for the screenshot
    await expect.poll(() => page.locator('[data-testid^="chart-"] canvas').count(), { timeout: 60_000 }).toBe(5);
    await page.waitForTimeout(500);
    await shot(page, '03-overview', true);

    // a real glyph differs from character to character; missing fonts draw the same box for every one
    const glyphs = await page.evaluate(`(() => {
      const font = getComputedStyle(document.querySelector('[data-testid="overview-page"] h3')).fontFamily;
      const draw = (ch) => {
        const c = document.createElement('canvas'); c.width = 40; c.height = 40;
        const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(ch, 2, 34);
        return Array.from(g.getImageData(0, 0, 40, 40).data).join(',');
      };
      return { font, same: draw('编') === draw('制'), blank: draw('编') === draw(' ') };
    })()`);
    expect(glyphs).toMatchObject({ same: false, blank: false });
  });

  it('Given 总览 When a number is clicked Then the institutions behind it are listed and lead to their file', async () => {
    await page.goto(`${base}/overview`);
    const vacant = await num(page, 'quota-admin-vacant');
    await page.getByTestId('quota-admin-vacant').click();
    const drawer = page.getByTestId('drill');
    await drawer.waitFor();
    expect(await page.locator('.ant-drawer-title').innerText()).toContain('行政编制');
    expect(Number(await drawer.getByTestId('drill-sum').innerText())).toBe(vacant);
    await shot(page, '04-drill-down');
    const first = drawer.locator('tbody tr').first().locator('a').first();
    const name = await first.innerText();
    await first.click();
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(name);
  });

  it('Given a roster file with one bad row When it is checked Then the row error is shown and nothing is imported; fixed, it imports and the numbers change', async () => {
    const before = await apiGet<Stats>(page, '/api/statistics');
    const header =
      '姓名,公民身份号码,性别,出生日期,学历,所在机构,编制类别,职务,领导职务层级,领导职数类别,入编时间,内设机构';
    const good = `测试甲,${idNumber(901)},男,1991-02-03,大学本科,${reporterUnit},行政编制,科员,,,2020-07-01,`;
    const bad = `测试乙,${idNumber(902).slice(0, 17)}X,女,1991-02-03,研究生,${reporterUnit},行政编制,科员,,,2021-07-01,`;
    const fixed = `测试乙,${idNumber(902)},女,1991-02-03,研究生,${reporterUnit},行政编制,科员,,,2021-07-01,`;
    const upload = async (rows: string[]) => {
      await page.locator('input[type=file]').setInputFiles({
        name: '实名制人员.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from([header, ...rows].join('\n')),
      });
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-report').waitFor();
    };

    await page.goto(`${base}/imports`);
    await upload([good, bad]);
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const rowText = await problems.locator('tbody tr').first().innerText();
    expect(rowText).toContain('3'); // the header is row 1, 测试乙 row 3
    expect(rowText).toContain('公民身份号码');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot(page, '05-import-errors');
    expect((await apiGet<Stats>(page, '/api/statistics')).people.total).toBe(before.people.total);

    await upload([good, fixed]);
    expect(await page.getByTestId('import-report').innerText()).toContain('校验通过');
    await page.getByTestId('import-commit').click();
    await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('导入完成');
    await shot(page, '06-import-done');

    await page.goto(`${base}/overview`);
    await page.getByTestId('people-total').waitFor();
    expect(await num(page, 'people-total')).toBe(before.people.total + 2);
    expect(await num(page, 'quota-admin-actual')).toBe(before.overview.quota.admin!.actual + 2);
  });

  it('Given a draft adjustment When it is submitted, approved and applied Then the tree and the 沿革 show the change', async () => {
    const tree = await apiGet<Tree>(page, '/api/institutions');
    const target = tree.items.find((i) => i.name === '区司法局')!;
    const docNumber = '示编〔2026〕31号';

    await signIn(page, base, 'operator');
    await page.goto(`${base}/adjustments/new`);
    await page.getByTestId('doc-number').fill(docNumber);
    await page.getByTestId('doc-title').fill('关于区司法局更名并增设内设机构的批复');
    await setEffectiveOn(page, '2026-11-01');
    // item 1: rename
    await choose(page, page.getByTestId('item-0').getByTestId('item-op'), '更名');
    await choose(page, page.getByTestId('item-0').getByTestId('item-institutionId'), '区司法局');
    await page.getByTestId('item-0').getByTestId('item-name').fill('区司法行政局');
    // item 2: a new internal unit
    await page.getByRole('button', { name: '增加一项' }).click();
    await choose(page, page.getByTestId('item-1').getByTestId('item-op'), '设立机构'); // a 内设机构 unless changed
    await choose(page, page.getByTestId('item-1').getByTestId('item-parentId'), '区司法局');
    await page.getByTestId('item-1').getByTestId('item-name').fill('法治督察股');
    // a draft setting up a unit with no 必要性和依据: a warning in Chinese, and the draft is still saved
    await page.getByTestId('evaluation-warning').waitFor();
    expect(await page.getByTestId('evaluation-warning').innerText()).toContain('尚未填写必要性和依据');
    await shot(page, '07-adjustment-draft');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('adjustment-file').waitFor();
    expect(await page.getByTestId('adjustment-evaluation').innerText()).toBe('未填写');
    const url = page.url();
    await page.getByTestId('diff').waitFor();
    expect(await page.getByTestId('diff').innerText()).toContain('法治督察股');
    // the draft is edited before it is submitted: the form comes back filled in, the save carries If-Match
    await page.getByTestId('edit-draft').click();
    await expect.poll(() => page.getByTestId('item-1').getByTestId('item-name').inputValue()).toBe('法治督察股');
    expect(await page.getByTestId('doc-number').inputValue()).toBe(docNumber);
    await page.getByTestId('item-1').getByTestId('item-name').fill('人民参与和促进法治科');
    const evaluation = '承担法治督察新增任务，依据区委全面依法治区委员会工作要点';
    await page.getByTestId('evaluation').fill(evaluation);
    expect(await page.getByTestId('evaluation-warning').count()).toBe(0);
    await page.getByTestId('save-draft').click();
    await expect.poll(() => page.getByTestId('adjustment-evaluation').innerText()).toBe(evaluation);
    await expect.poll(() => page.getByTestId('adjustment-items').innerText()).toContain('人民参与和促进法治科');
    expect(page.url()).toBe(url);
    await expect.poll(() => page.getByTestId('diff').innerText()).toContain('人民参与和促进法治科');
    await shot(page, '08-adjustment-preview');
    // 提交 asks first, with the change; cancelling sends nothing
    await page.getByTestId('submit').click();
    await page.getByTestId('confirm-dialog').getByTestId('diff').waitFor();
    await shot(page, '08b-confirm-submit');
    await page
      .getByRole('button', { name: '取 消' })
      .or(page.getByRole('button', { name: '取消' }))
      .click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('adjustment-status').innerText()).toBe('草稿');
    expect(await confirmStep(page, 'submit')).toContain('人民参与和促进法治科');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已提交');
    expect(await page.getByTestId('approve').count()).toBe(0); // the operator cannot approve

    await signIn(page, base, 'approver');
    await page.goto(url);
    expect(await confirmStep(page, 'approve')).toContain('区司法行政局');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已批准');
    expect(await page.getByTestId('apply').count()).toBe(0); // the approver does not carry it out

    await signIn(page, base, 'operator');
    await page.goto(url);
    expect(await confirmStep(page, 'apply')).toContain('人民参与和促进法治科');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已执行');
    // what it changed stays on the file after 执行
    await expect.poll(() => page.getByTestId('diff').innerText()).toContain('人民参与和促进法治科');
    await shot(page, '09-adjustment-applied');

    await page.goto(`${base}/institutions/${target.id}`);
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe('区司法行政局');
    expect(await page.getByTestId('institution-tree').innerText()).toContain('区司法行政局');
    await page.getByRole('tab', { name: '沿革' }).click();
    await expect.poll(() => page.getByTestId('history').innerText()).toContain(docNumber);
    await page.getByTestId('tree-区司法行政局').click(); // still selectable in the tree
    await shot(page, '10-institution-history');
    const after = await apiGet<Tree>(page, '/api/institutions');
    expect(after.items.some((i) => i.name === '人民参与和促进法治科' && i.parentId === target.id)).toBe(true);
  });

  it('Given a reform draft merging one bureau into another and splitting a new one out When carried out Then the tree, quotas and duties follow', async () => {
    type Detail = { quotas: { category: string; approved: number }[]; dutyCount: number };
    const tree = await apiGet<Tree>(page, '/api/institutions');
    const byName = (name: string) => tree.items.find((i) => i.name === name)!;
    const source = byName('区统计局');
    const target = byName('区发展和改革局');
    const splitFrom = byName('区市场监督管理局');
    const [dutiesFrom, dutiesTo] = [byName('区城市管理局'), byName('区住房和城乡建设局')];
    const detail = (id: string) => apiGet<Detail>(page, `/api/institutions/${id}`);
    const adminQuota = (d: Detail) => d.quotas.find((q) => q.category === 'admin')?.approved ?? 0;
    const [sourceBefore, targetBefore, splitBefore, fromBefore, toBefore] = await Promise.all([
      detail(source.id),
      detail(target.id),
      detail(splitFrom.id),
      detail(dutiesFrom.id),
      detail(dutiesTo.id),
    ]);

    await signIn(page, base, 'admin');
    await page.goto(`${base}/adjustments/new`);
    await page.getByTestId('doc-number').fill('示编〔2026〕40号');
    await page.getByTestId('doc-title').fill('关于区统计局并入区发展和改革局等机构改革事项的批复');
    await setEffectiveOn(page, '2026-11-01');
    const merge = page.getByTestId('item-0');
    await choose(page, merge.getByTestId('item-op'), '合并机构');
    await choose(page, merge.getByTestId('item-sourceIds'), '区统计局');
    await page.keyboard.press('Escape');
    await choose(page, merge.getByTestId('item-targetId'), '区发展和改革局');
    await page.getByRole('button', { name: '增加一项' }).click();
    const split = page.getByTestId('item-1');
    await choose(page, split.getByTestId('item-op'), '拆分机构');
    await choose(page, split.getByTestId('item-sourceId'), '区市场监督管理局');
    await page.getByTestId('save-draft').click(); // the new part has no name yet: said before anything is sent
    await expect
      .poll(() => page.getByTestId('draft-error').innerText())
      .toBe('第2项(拆分机构):新机构1:机构名称不能为空'); // the ledger's own rule and message (src/domain/ledger.ts)
    await split.getByTestId('part-name').fill('区价格监督检查局');
    await choose(page, split.getByTestId('part-kind'), '政府工作部门');
    await choose(page, split.getByTestId('part-category'), '行政编制');
    await split.getByTestId('part-amount').fill('2');
    await page.getByRole('button', { name: '增加一项' }).click();
    // 划转职责 before 调整机构属性: the duties list opens over the rows below it, and none is there yet
    const move = page.getByTestId('item-2');
    await choose(page, move.getByTestId('item-op'), '划转职责');
    await choose(page, move.getByTestId('item-fromId'), '区城市管理局');
    await choose(page, move.getByTestId('item-toId'), '区住房和城乡建设局');
    await choose(page, move.getByTestId('item-dutyIds'), /(权责清单|三定规定)/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '增加一项' }).click();
    const change = page.getByTestId('item-3');
    await choose(page, change.getByTestId('item-op'), '调整机构属性');
    await choose(page, change.getByTestId('item-institutionId'), '区信访局');
    await choose(page, change.getByTestId('change-hostedById'), '区人民政府办公室');
    await shot(page, '13-reform-draft');
    await page.getByTestId('save-draft').click();
    await page.getByTestId('adjustment-file').waitFor();
    const items = await page.getByTestId('adjustment-items').innerText();
    expect(items).toContain('区统计局 并入 区发展和改革局');
    expect(items).toContain('从 区市场监督管理局 拆出 "区价格监督检查局"(带走行政编制 2 名)');
    expect(items).toMatch(/区信访局:改为挂靠 区人民政府办公室$/m);
    expect(items).toContain('区城市管理局 的 1 项职责划转至 区住房和城乡建设局');
    await page.getByTestId('diff').waitFor();
    expect(await page.getByTestId('diff').innerText()).toContain('区价格监督检查局');
    await shot(page, '14-reform-preview');
    const reform = page.url();
    await confirmStep(page, 'submit');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已提交');
    // the admin drafted it: the 编委's decision belongs to someone else
    await confirmStep(page, 'approve');
    await expect
      .poll(() => page.locator('.ant-modal-confirm-error').innerText())
      .toContain('须由拟稿人以外的审批人批准');
    await page.locator('.ant-modal-confirm-error').getByRole('button').click();
    expect(await page.getByTestId('adjustment-status').innerText()).toBe('已提交');
    await signIn(page, base, 'approver');
    await page.goto(reform);
    await confirmStep(page, 'approve');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已批准');
    await signIn(page, base, 'admin');
    await page.goto(reform);
    await confirmStep(page, 'apply');
    await expect.poll(() => page.getByTestId('adjustment-status').innerText(), { timeout: 30_000 }).toBe('已执行');

    const after = await apiGet<Tree>(page, '/api/institutions');
    expect(after.items.find((i) => i.id === source.id)?.status ?? 'gone').not.toBe('active');
    const carved = after.items.find((i) => i.name === '区价格监督检查局');
    expect(carved).toMatchObject({ kind: 'gov_dept', status: 'active' });
    const [targetAfter, splitAfter, carvedAfter, fromAfter, toAfter] = await Promise.all([
      detail(target.id),
      detail(splitFrom.id),
      detail(carved!.id),
      detail(dutiesFrom.id),
      detail(dutiesTo.id),
    ]);
    expect([fromAfter.dutyCount, toAfter.dutyCount]).toEqual([fromBefore.dutyCount - 1, toBefore.dutyCount + 1]);
    const petitions = after.items.find((i) => i.name === '区信访局') as { hostedById?: string | null } | undefined;
    expect(petitions?.hostedById).toBe(byName('区人民政府办公室').id);
    expect(adminQuota(targetAfter)).toBe(adminQuota(targetBefore) + adminQuota(sourceBefore));
    expect(targetAfter.dutyCount).toBe(targetBefore.dutyCount + sourceBefore.dutyCount);
    expect(adminQuota(splitAfter)).toBe(adminQuota(splitBefore) - 2);
    expect(adminQuota(carvedAfter)).toBe(2);
  });

  it('Given a 填报员 When it opens another unit by URL Then it is refused, and its menu and lists hold only its own unit', async () => {
    const tree = await apiGet<Tree>(page, '/api/institutions');
    const own = tree.items.find((i) => i.name === reporterUnit)!;
    const other = tree.items.find((i) => i.name === '区财政局')!;
    await signIn(page, base, 'reporter');
    await page.waitForURL(new RegExp(`/institutions/${own.id}`));
    await expect.poll(() => page.getByTestId('institution-name').innerText()).toBe(reporterUnit);
    const menu = await page.getByTestId('nav').innerText();
    for (const hidden of ['总览', '诊断', '方案', '导入', '用户']) expect(menu).not.toContain(hidden);
    await shot(page, '11-reporter-own-unit');

    await page.goto(`${base}/institutions/${other.id}`);
    await expect.poll(() => page.getByTestId('error').first().innerText()).toContain('无权');
    expect(await page.getByTestId('institution-tree').innerText()).not.toContain('区财政局');
    await shot(page, '12-reporter-refused');
    await page.goto(`${base}/people?institutionId=${other.id}`);
    await expect.poll(() => page.getByTestId('error').first().innerText()).toContain('无权');
    await page.goto(`${base}/overview`);
    await expect.poll(() => page.locator('.ant-result-title').innerText()).toBe('无权访问');
    await page.goto(`${base}/people`);
    const people = await apiGet<{ total: number; items: { institutionId: string }[] }>(
      page,
      '/api/people?pageSize=500',
    );
    // polled: the total reads "…" until the list has loaded (the table's first row may be antd's placeholder)
    await expect.poll(() => num(page, 'people-total')).toBe(people.total);
    expect(await page.getByTestId('unmask').count()).toBe(0);
  });

  it('Given an admin on 用户 When a 填报员 is created, given another role and a new password Then each one-time password is shown once, the list follows, and the account must change the latest password first', async () => {
    const username = 'clerk-caizheng';
    const unit = '区财政局';
    await signIn(page, base, 'admin');
    await page.goto(`${base}/users`);
    const users = page.getByTestId('users-page');
    const row = users.locator('tbody tr', { has: page.getByRole('cell', { name: username, exact: true }) });
    await users.locator('tbody tr', { hasText: 'reporter' }).waitFor();
    expect(await row.count()).toBe(0);

    // 新建用户: a 单位填报员 bound to a unit picked in the form
    await page.getByRole('button', { name: '新建用户' }).click();
    const form = page.locator('.ant-modal', { hasText: '新建用户' });
    await form.getByLabel('用户名').fill(username);
    await form.getByLabel('姓名').fill('财政局填报员');
    await choose(page, form.getByLabel('角色'), '单位填报员');
    await choose(page, form.getByLabel('所属单位'), unit);
    await form.getByRole('button', { name: /创\s*建/ }).click();

    /** The one-time password dialog: its title, the password; closed, the password is nowhere on the page. */
    const takePassword = async () => {
      const dialog = page.locator('.ant-modal-confirm');
      await dialog.getByTestId('one-time-password').waitFor();
      expect(await dialog.innerText()).toContain(`账号 ${username} 的一次性密码`);
      expect(await dialog.innerText()).toContain('此密码不再显示');
      const otp = (await dialog.getByTestId('one-time-password').innerText()).trim();
      expect(otp).toMatch(/^[A-Za-z2-9]{16}$/);
      return {
        otp,
        close: async () => {
          await dialog.getByRole('button').last().click();
          await dialog.waitFor({ state: 'detached' });
          expect(await page.getByText(otp).count()).toBe(0);
        },
      };
    };
    const created = await takePassword();
    await created.close();
    await expect.poll(() => row.innerText()).toContain(unit);
    expect(await row.innerText()).toContain('单位填报员');
    expect(await row.innerText()).toContain('待改初始密码');

    // its role changed in the list: 领导(只读) has no unit
    await choose(page, row.locator('.ant-select'), '领导(只读)');
    await page.locator('.ant-message').getByText('已保存').waitFor();
    await expect.poll(() => row.innerText()).toContain('领导(只读)');
    expect(await row.innerText()).not.toContain(unit);
    expect(await row.innerText()).not.toContain('单位填报员');
    const listed = await apiGet<{ items: { username: string; role: string; institutionId: string | null }[] }>(
      page,
      '/api/users',
    );
    expect(listed.items.find((u) => u.username === username)).toMatchObject({ role: 'leader', institutionId: null });

    // 重置密码: a new one-time password, shown once
    await row.getByRole('button', { name: '重置密码' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认重置' }).click(); // asked first
    const reset = await takePassword();
    expect(reset.otp).not.toBe(created.otp);
    await expect // the dialog has finished zooming in
      .poll(() => page.locator('.ant-modal-confirm').evaluate((el) => el.getAnimations({ subtree: true }).length))
      .toBe(0);
    await shot(page, '21-users-admin');
    await reset.close();
    await page.reload();
    await row.waitFor();
    expect(await page.getByText(reset.otp).count()).toBe(0);

    // the account, in its own browser: the first password no longer works; the latest one leads to 修改初始密码
    const other = await launchBrowser();
    try {
      const p = other.page;
      await p.goto(`${base}/login`);
      await p.getByLabel('用户名').fill(username);
      await p.getByLabel('密码').fill(created.otp);
      await p.getByRole('button', { name: /登\s*录/ }).click();
      await expect.poll(() => p.getByTestId('login-error').innerText()).toMatch(/用户名或密码/);
      await p.getByLabel('密码').fill(reset.otp);
      await p.getByRole('button', { name: /登\s*录/ }).click();
      await p.getByTestId('password-card').waitFor();
      expect(await p.getByTestId('password-card').innerText()).toContain('修改初始密码');
      await p.goto(`${base}/overview`); // nothing else opens until the password is changed
      await p.getByTestId('password-card').waitFor();
      expect(await p.getByTestId('overview-page').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('Given an admin When every page is opened Then each renders its content (screenshots saved)', async () => {
    await signIn(page, base, 'admin');
    const pages: [string, string, string][] = [
      ['/institutions', 'institutions-page', '13-institutions'],
      ['/people', 'people-table', '14-people'],
      ['/duties', 'duties-page', '15-duties'],
      ['/duties?tab=overlap', 'overlaps', '16-duty-overlaps'],
      ['/duties?tab=heatmap', 'heatmap', '17-duty-heatmap'],
      ['/diagnostics', 'section-职能配置', '18-diagnostics'],
      ['/adjustments', 'adjustments-page', '19-adjustments'],
      ['/users', 'users-page', '20-users'],
      ['/audit', 'audit-page', '21-audit'],
    ];
    for (const [path, testId, name] of pages) {
      await page.goto(`${base}${path}`);
      await page.getByTestId(testId).first().waitFor();
      await page.waitForTimeout(300);
      await shot(page, name);
    }
    // the overlap explorer marks the shared terms
    await page.goto(`${base}/duties?tab=overlap`);
    await page.getByTestId('overlaps').locator('mark').first().waitFor();
    expect(await page.getByTestId('overlaps').locator('mark').count()).toBeGreaterThan(0);
    // …ten groups a page, not all of them on one long page
    const { findings } = await apiGet<{ findings: unknown[] }>(page, '/api/diagnostics?code=DUTY_OVERLAP');
    expect(findings.length).toBeGreaterThan(10);
    expect(await page.getByTestId('overlap-group').count()).toBe(10);
    await page.getByTestId('overlap-pagination').locator('.ant-pagination-next').click();
    await expect.poll(() => page.getByTestId('overlap-group').count()).toBe(Math.min(10, findings.length - 10));
    // the audit log speaks Chinese and names what it touched
    await page.goto(`${base}/audit`);
    await expect.poll(() => page.getByTestId('audit-page').innerText(), { timeout: 30_000 }).toContain('登录');
    const log = await page.getByTestId('audit-page').innerText();
    expect(log).not.toMatch(/session\.login|adjustment\.apply|cli:/);
    // 显示完整号码 for the admin
    await page.goto(`${base}/people`);
    const firstId = page.getByTestId('people-table').locator('tbody tr').first().locator('[data-testid^="id-"]');
    expect(await firstId.innerText()).toContain('*');
    await page.getByTestId('unmask').first().click();
    await expect.poll(() => firstId.innerText()).toMatch(/^\d{17}[\dX]$/);
  });
});
