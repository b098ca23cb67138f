import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstitutionItem } from '../../test/factories.js';
import { createTestContext } from '../../test/context.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import type { CommandContext } from './context.js';
import {
  authPolicy,
  changePassword,
  createUser,
  ensureFirstAdmin,
  login,
  logout,
  resetPassword,
  sessionUser,
} from './users.js';

let ctx: CommandContext;
let close: () => Promise<void>;
beforeAll(async () => {
  const t = await createTestContext();
  ctx = t.ctx;
  close = t.database.close;
  const a = await createAdjustment(ctx, {
    docNumber: '初始导入',
    title: 't',
    effectiveOn: '2024-01-01',
    items: [createInstitutionItem('区财政局')],
  });
  await applyAdjustment(ctx, a.id, { allowUnapproved: true });
});
afterAll(() => close());

describe('users and sign-in', () => {
  let adminPassword = '';

  it('Given a new district When the first admin is ensured Then a one-time password is issued once, stored only as argon2id', async () => {
    const first = await ensureFirstAdmin(ctx);
    expect(first?.oneTimePassword).toMatch(/^[A-Za-z2-9]{16}$/);
    adminPassword = first!.oneTimePassword;
    expect(await ensureFirstAdmin(ctx)).toBeUndefined();
    const row = await ctx.pool.query(`SELECT password_hash FROM users WHERE username = 'admin'`);
    expect(row.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(row.rows[0].password_hash).not.toContain(adminPassword);
  });

  it('Given the one-time password When logging in Then a session opens that must change the password, and logout ends it', async () => {
    const s = await login(ctx, 'admin', adminPassword);
    expect(s).toMatchObject({ mustChangePassword: true, user: { username: 'admin', role: 'admin' } });
    const stored = await ctx.pool.query(`SELECT token_hash FROM sessions`);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(s.token);
    expect((await sessionUser(ctx, s.token))?.username).toBe('admin');
    expect(await logout(ctx, s.token)).toBe(true);
    expect(await sessionUser(ctx, s.token)).toBeUndefined();
  });

  it('Given a new password When changed Then the old one no longer works and the flag clears; a short one is refused', async () => {
    await expect(changePassword(ctx, 'admin', adminPassword, 'short')).rejects.toThrow(/至少10位/);
    await changePassword(ctx, 'admin', adminPassword, '编办-Admin-2026');
    await expect(login(ctx, 'admin', adminPassword)).rejects.toThrow('用户名或密码不正确');
    expect((await login(ctx, 'admin', '编办-Admin-2026')).mustChangePassword).toBe(false);
  });

  it('Given repeated wrong passwords When the limit is reached Then the account locks, even for the right password', async () => {
    await createUser(ctx, { username: 'op1', role: 'operator' });
    for (let i = 1; i < authPolicy.maxFailedAttempts; i++)
      await expect(login(ctx, 'op1', 'wrong')).rejects.toThrow('用户名或密码不正确');
    await expect(login(ctx, 'op1', 'wrong')).rejects.toThrow(/锁定/);
    const reset = await resetPassword(ctx, 'op1'); // an admin's reset unlocks
    expect((await login(ctx, 'op1', reset.oneTimePassword)).user.role).toBe('operator');
  });

  it('Given an unknown user When logging in Then the answer is the same as for a wrong password', async () => {
    await expect(login(ctx, 'nobody', 'whatever')).rejects.toThrow('用户名或密码不正确');
  });

  it('Given a reporter When created Then it must name an existing institution; names are unique', async () => {
    await expect(createUser(ctx, { username: 'rep', role: 'reporter' })).rejects.toThrow(/必须指定所属机构/);
    await expect(createUser(ctx, { username: 'rep', role: 'reporter', institution: '区不存在局' })).rejects.toThrow(
      /不存在/,
    );
    const rep = await createUser(ctx, { username: 'rep', role: 'reporter', institution: '区财政局' });
    expect((await login(ctx, 'rep', rep.oneTimePassword)).user.institutionId).toBeTruthy();
    await expect(createUser(ctx, { username: 'rep', role: 'leader' })).rejects.toThrow(/已存在/);
  });
});
