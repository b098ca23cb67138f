/**
 * What a reporter may draft, op by op, checked inside the commands (so every caller gets it), and whose drafts it may
 * edit and submit; and the bounds of every number in an adjustment item, the same at draft as in the tables.
 * The reporter belongs to 区财政局 (internal units 办公室 and 预算股); 区审计局 and 区财政服务中心 are outside its reach.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInstitutionItem } from '../../test/factories.js';
import { useServerFixture } from '../../test/server-harness.js';
import { createAdjustment, submitAdjustment, updateAdjustmentDraft } from '../commands/adjustments.js';
import type { CommandContext } from '../commands/context.js';
import { maxQuota } from '../domain/bounds.js';
import type { AdjustmentItem } from '../domain/ledger.js';
import { scopeOf } from '../domain/permissions.js';
import { readRegistry } from '../store/registry.repository.js';

const f = useServerFixture();
let reporter: CommandContext;
let operator: CommandContext;
beforeAll(async () => {
  const institutions = (await readRegistry(f.pool, f.ctx.regionCode)).institutions;
  reporter = {
    ...f.ctx,
    actor: 'reporter',
    access: {
      role: 'reporter',
      scope: async () => scopeOf({ role: 'reporter', institutionId: f.ids.finance }, institutions.values()),
    },
  };
  operator = { ...f.ctx, actor: 'operator', access: { role: 'operator', scope: async () => undefined } };
});

const draftOf = (items: AdjustmentItem[]) => ({
  docNumber: `示编〔2026〕${Math.floor(Math.random() * 1e6)}号`,
  title: '调整',
  effectiveOn: '2026-11-01',
  items,
});

describe('a reporter drafts only within its own unit, op by op', () => {
  const unit = (name: string, parentId: string, kind: 'internal_unit' | 'gov_dept' = 'internal_unit') =>
    createInstitutionItem(name, kind, { parentId, rank: '股级' });
  const part = (name: string, kind: 'internal_unit' | 'gov_dept', parentId: string | null) => ({
    ...createInstitutionItem(name, kind, { parentId, rank: kind === 'gov_dept' ? '正科' : '股级' }),
    quotas: [],
    posts: [],
  });
  const cases: { op: AdjustmentItem['op']; allowed: () => AdjustmentItem[]; refused: () => AdjustmentItem[][] }[] = [
    {
      op: 'create_institution',
      allowed: () => [unit('国库股', f.ids.finance), unit('国库股一组', f.ids.financeOffice)],
      refused: () => [
        [createInstitutionItem('区新设局', 'gov_dept')],
        [unit('审计股', f.ids.audit)],
        [{ ...unit('新中心', f.ids.finance), kind: 'public_institution' }],
      ],
    },
    {
      op: 'abolish_institution',
      allowed: () => [{ op: 'abolish_institution', institutionId: f.ids.budgetSection }],
      refused: () => [
        [{ op: 'abolish_institution', institutionId: f.ids.finance }],
        [{ op: 'abolish_institution', institutionId: f.ids.audit }],
      ],
    },
    {
      op: 'rename_institution',
      allowed: () => [{ op: 'rename_institution', institutionId: f.ids.financeOffice, name: '综合股' }],
      refused: () => [
        [{ op: 'rename_institution', institutionId: f.ids.finance, name: '区财政和金融局' }],
        [{ op: 'rename_institution', institutionId: f.ids.audit, name: '区审计事务局' }],
      ],
    },
    {
      op: 'merge_institutions',
      allowed: () => [{ op: 'merge_institutions', sourceIds: [f.ids.budgetSection], targetId: f.ids.financeOffice }],
      refused: () => [
        [{ op: 'merge_institutions', sourceIds: [f.ids.finance], targetId: f.ids.financeOffice }],
        [{ op: 'merge_institutions', sourceIds: [f.ids.budgetSection], targetId: f.ids.audit }],
        [{ op: 'merge_institutions', sourceIds: [f.ids.audit], targetId: f.ids.budgetSection }],
      ],
    },
    {
      op: 'split_institution',
      allowed: () => [
        {
          op: 'split_institution',
          sourceId: f.ids.financeOffice,
          parts: [part('文秘股', 'internal_unit', f.ids.finance)],
          abolishSource: false,
          successor: 0,
        },
      ],
      refused: () => [
        // the attack of issue 11: its own unit split into a top-level department
        [
          {
            op: 'split_institution',
            sourceId: f.ids.finance,
            parts: [part('区金融工作局', 'gov_dept', null)],
            abolishSource: false,
            successor: 0,
          },
        ],
        [
          {
            op: 'split_institution',
            sourceId: f.ids.financeOffice,
            parts: [part('区金融工作局', 'gov_dept', null)],
            abolishSource: false,
            successor: 0,
          },
        ],
        [
          {
            op: 'split_institution',
            sourceId: f.ids.financeOffice,
            parts: [part('审计股', 'internal_unit', f.ids.audit)],
            abolishSource: false,
            successor: 0,
          },
        ],
        [
          {
            op: 'split_institution',
            sourceId: f.ids.finance,
            parts: [part('国库股', 'internal_unit', f.ids.finance)],
            abolishSource: true,
            successor: 0,
          },
        ],
      ],
    },
    {
      op: 'change_institution',
      allowed: () => [{ op: 'change_institution', institutionId: f.ids.financeOffice, changes: { sortOrder: 3 } }],
      refused: () => [
        [{ op: 'change_institution', institutionId: f.ids.financeOffice, changes: { kind: 'gov_dept' } }],
        [{ op: 'change_institution', institutionId: f.ids.financeOffice, changes: { parentId: null } }],
        [{ op: 'change_institution', institutionId: f.ids.financeOffice, changes: { parentId: f.ids.audit } }],
        [{ op: 'change_institution', institutionId: f.ids.financeOffice, changes: { hostedById: f.ids.audit } }],
        [{ op: 'change_institution', institutionId: f.ids.finance, changes: { rank: '副处' } }],
      ],
    },
    {
      op: 'set_quota',
      allowed: () => [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 12 }],
      refused: () => [
        [{ op: 'set_quota', institutionId: f.ids.audit, category: 'admin', approved: 12 }],
        [{ op: 'set_quota', institutionId: f.ids.financeCenter, category: 'public_service', approved: 9 }],
      ],
    },
    {
      op: 'move_quota',
      allowed: () => [
        { op: 'move_quota', fromId: f.ids.finance, toId: f.ids.financeOffice, category: 'admin', amount: 1 },
      ],
      refused: () => [
        [{ op: 'move_quota', fromId: f.ids.audit, toId: f.ids.finance, category: 'admin', amount: 1 }],
        [{ op: 'move_quota', fromId: f.ids.finance, toId: f.ids.audit, category: 'admin', amount: 1 }],
      ],
    },
    {
      op: 'set_posts',
      allowed: () => [
        { op: 'set_posts', institutionId: f.ids.finance, level: '副科', postClass: 'admin', approved: 3 },
      ],
      refused: () => [
        [{ op: 'set_posts', institutionId: f.ids.audit, level: '副科', postClass: 'admin', approved: 3 }],
      ],
    },
    {
      op: 'move_duties',
      allowed: () => [{ op: 'move_duties', fromId: f.ids.financeOffice, toId: f.ids.budgetSection }],
      refused: () => [
        [{ op: 'move_duties', fromId: f.ids.finance, toId: f.ids.audit }],
        [{ op: 'move_duties', fromId: f.ids.audit, toId: f.ids.finance, dutyIds: [1] }],
      ],
    },
  ];

  for (const c of cases) {
    it(`Given the reporter When drafting ${c.op} Then within its internal units it may, beyond them it is refused in Chinese`, async () => {
      // Given / When
      const ok = await createAdjustment(reporter, draftOf(c.allowed()));
      // Then
      expect(ok.status).toBe('draft');
      for (const items of c.refused()) {
        const before = (await f.pool.query('SELECT count(*)::int AS n FROM adjustments')).rows[0].n;
        await expect(createAdjustment(reporter, draftOf(items)), JSON.stringify(items)).rejects.toMatchObject({
          code: 'forbidden',
          message: expect.stringMatching(/单位填报员/),
        });
        // nor may it slip the same items into a draft of its own it already has
        await expect(updateAdjustmentDraft(reporter, ok.id, draftOf(items), ok.version)).rejects.toMatchObject({
          code: 'forbidden',
        });
        expect((await f.pool.query('SELECT count(*)::int AS n FROM adjustments')).rows[0].n).toBe(before);
      }
    });
  }

  it('Given the HTTP API When the reporter splits its unit into a 政府工作部门 Then 403 in Chinese, nothing written', async () => {
    const r = await f.as.reporter({
      method: 'POST',
      url: '/api/adjustments',
      payload: draftOf([
        {
          op: 'split_institution',
          sourceId: f.ids.finance,
          parts: [part('区金融工作局', 'gov_dept', null)],
          abolishSource: false,
          successor: 0,
        },
      ]),
    });
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json().message).toMatch(/单位填报员/);
  });
});

describe("a reporter and the 编办's drafts naming its unit", () => {
  it("Given an operator's draft naming only the reporter's unit When the reporter edits or submits it Then refused; it may still read it", async () => {
    // Given
    const items: AdjustmentItem[] = [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 9 }];
    const theirs = await createAdjustment(operator, draftOf(items));

    // When / Then
    await expect(updateAdjustmentDraft(reporter, theirs.id, draftOf(items), theirs.version)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/只能修改和提交自己起草的编制事项/),
    });
    await expect(submitAdjustment(reporter, theirs.id, theirs.version)).rejects.toMatchObject({ code: 'forbidden' });
    const read = await f.as.reporter({ method: 'GET', url: `/api/adjustments/${theirs.id}` });
    expect(read.statusCode).toBe(200);
    const patch = await f.as.reporter({
      method: 'PATCH',
      url: `/api/adjustments/${theirs.id}`,
      headers: { 'if-match': read.headers.etag as string },
      payload: draftOf(items),
    });
    expect(patch.statusCode, patch.body).toBe(403);
    const submit = await f.as.reporter({
      method: 'POST',
      url: `/api/adjustments/${theirs.id}/submit`,
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(submit.statusCode, submit.body).toBe(403);
    const row = await f.pool.query('SELECT status, version, title FROM adjustments WHERE id = $1', [theirs.id]);
    expect(row.rows[0]).toEqual({ status: 'draft', version: 1, title: '调整' });
  });

  it('Given its own draft When the reporter edits and submits it Then both succeed', async () => {
    const items: AdjustmentItem[] = [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 9 }];
    const mine = await createAdjustment(reporter, draftOf(items));
    const edited = await updateAdjustmentDraft(reporter, mine.id, { ...draftOf(items), title: '改' }, mine.version);
    const submitted = await submitAdjustment(reporter, mine.id, edited.version);
    expect(submitted.status).toBe('submitted');
  });
});

describe('numbers in an adjustment have the bounds of their tables', () => {
  const post = (items: unknown[]) =>
    f.as.operator({ method: 'POST', url: '/api/adjustments', payload: draftOf(items as AdjustmentItem[]) });

  it('Given set_quota.approved = 3000000000 When drafted Then 400 with a Chinese message, nothing written', async () => {
    const before = (await f.pool.query('SELECT count(*)::int AS n FROM adjustments')).rows[0].n;
    const r = await post([
      { op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 3_000_000_000 },
    ]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toContain(`编制数不能大于${maxQuota}`);
    expect((await f.pool.query('SELECT count(*)::int AS n FROM adjustments')).rows[0].n).toBe(before);
    await expect(
      createAdjustment(
        operator,
        draftOf([{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 3_000_000_000 }]),
      ),
    ).rejects.toThrow(`编制数不能大于${maxQuota}`);
  });

  it('Given every other number of an item out of its column When drafted Then each is refused with 400 in Chinese', async () => {
    const huge = 3_000_000_000;
    const bad: unknown[] = [
      { op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: maxQuota + 1 },
      { op: 'set_posts', institutionId: f.ids.finance, level: '副科', postClass: 'admin', approved: huge },
      { op: 'move_quota', fromId: f.ids.finance, toId: f.ids.financeOffice, category: 'admin', amount: huge },
      createInstitutionItem('国库股', 'internal_unit', { parentId: f.ids.finance, sortOrder: huge }),
      { op: 'change_institution', institutionId: f.ids.financeOffice, changes: { sortOrder: -huge } },
      {
        op: 'split_institution',
        sourceId: f.ids.financeOffice,
        parts: [
          {
            ...createInstitutionItem('文秘股', 'internal_unit', { parentId: f.ids.finance }),
            quotas: [{ category: 'admin', amount: huge }],
          },
        ],
      },
      { op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 1.5 },
    ];
    for (const item of bad) {
      const r = await post([item]);
      expect(r.statusCode, `${JSON.stringify(item)} → ${r.body}`).toBe(400);
      expect(r.json().message, r.body).toMatch(/不能大于|不能小于|应为整数/);
    }
  });

  it('Given the quota decision route When given more than the bound Then the same rule refuses it', async () => {
    const tag = (await f.as.approver({ method: 'GET', url: `/api/institutions/${f.ids.finance}/quotas/admin` })).headers
      .etag;
    const r = await f.as.approver({
      method: 'PUT',
      url: `/api/institutions/${f.ids.finance}/quotas/admin`,
      headers: { 'if-match': tag as string },
      payload: { approved: 3_000_000_000, docNumber: `示编〔2026〕${randomUUID().slice(0, 4)}号` },
    });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toContain(`编制数不能大于${maxQuota}`);
  });
});
