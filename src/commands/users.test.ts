import { beforeAll, describe, expect, it } from 'vitest';
import { createInstitutionItem } from '../../test/factories.js';
import { useTestContext } from '../../test/context.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import {
  authPolicy,
  changePassword,
  createUser,
  ensureFirstAdmin,
  login,
  logout,
  resetPassword,
  sessionUser,
  signInRefused,
  usersOfDistrict,
} from './users.js';
import type { AppError } from '../domain/errors.js';

const { ctx } = useTestContext();
beforeAll(async () => {
  const a = await createAdjustment(ctx, {
    docNumber: '初始导入',
    title: 't',
    effectiveOn: '2024-01-01',
    items: [createInstitutionItem('区财政局')],
  });
  await applyAdjustment(ctx, a.id, { allowUnapproved: true });
});

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

  it('Given a new password When changed Then the old one no longer works and the flag clears; weak ones are refused', async () => {
    for (const weak of ['short', 'aaaaaaaaaa', 'abcdefghij1', 'ABCDEFGH12', '编办编办编办编办编办']) {
      await expect(changePassword(ctx, 'admin', adminPassword, weak)).rejects.toThrow(
        '新密码至少10位,且须包含小写字母、大写字母、数字、符号中的至少3类',
      );
    }
    await changePassword(ctx, 'admin', adminPassword, '编办-Admin-2026');
    await expect(login(ctx, 'admin', adminPassword)).rejects.toThrow(signInRefused);
    expect((await login(ctx, 'admin', '编办-Admin-2026')).mustChangePassword).toBe(false);
    adminPassword = '编办-Admin-2026';
  });

  it('Given two sessions When the password is changed from one Then the other session ends and this one stays', async () => {
    const here = await login(ctx, 'admin', adminPassword);
    const elsewhere = await login(ctx, 'admin', adminPassword);
    await changePassword(ctx, 'admin', adminPassword, '编办-Admin-2027', here.token);
    adminPassword = '编办-Admin-2027';
    expect((await sessionUser(ctx, here.token))?.username).toBe('admin');
    expect(await sessionUser(ctx, elsewhere.token)).toBeUndefined();
  });

  it('Given repeated wrong passwords When the limit is reached Then the account locks, even for the right password, answering as for an unknown user', async () => {
    const op = await createUser(ctx, { username: 'op1', role: 'operator' });
    for (let i = 1; i <= authPolicy.maxFailedAttempts; i++)
      await expect(login(ctx, 'op1', 'wrong')).rejects.toThrow(signInRefused);
    await expect(login(ctx, 'op1', op.oneTimePassword)).rejects.toThrow(signInRefused);
    const unknown = await login(ctx, 'nobody', 'whatever').catch((e: unknown) => e);
    const locked = await login(ctx, 'op1', op.oneTimePassword).catch((e: unknown) => e);
    expect({ code: (locked as AppError).code, message: (locked as AppError).message }).toEqual({
      code: (unknown as AppError).code,
      message: (unknown as AppError).message,
    });
    const listed = async () => (await usersOfDistrict(ctx)).find((u) => u.username === 'op1')!;
    expect(await listed()).toMatchObject({ locked: true, lastLoginAt: null });
    const reset = await resetPassword(ctx, 'op1'); // an admin's reset unlocks
    expect((await login(ctx, 'op1', reset.oneTimePassword)).user.role).toBe('operator');
    // the 用户 page shows the state and the newest sign-in (from the audit log)
    const after = await listed();
    expect(after.locked).toBe(false);
    expect(Date.now() - new Date(after.lastLoginAt!).getTime()).toBeLessThan(10 * 60_000);
  });

  it('Given a lock that has expired When the next password is wrong Then the count starts afresh instead of locking again', async () => {
    // Given: op2 locked, and the lock over
    const op = await createUser(ctx, { username: 'op2', role: 'operator' });
    for (let i = 1; i <= authPolicy.maxFailedAttempts; i++) await login(ctx, 'op2', 'wrong').catch(() => undefined);
    await ctx.pool.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'op2'`);

    // When
    await expect(login(ctx, 'op2', 'wrong')).rejects.toThrow(signInRefused);

    // Then
    const row = await ctx.pool.query(`SELECT failed_attempts, locked_until FROM users WHERE username = 'op2'`);
    expect(row.rows[0]).toEqual({ failed_attempts: 1, locked_until: null });
    expect((await login(ctx, 'op2', op.oneTimePassword)).user.username).toBe('op2');
  });

  it('Given a session When the current password is guessed wrong repeatedly Then the account locks and every session ends', async () => {
    // Given
    const op = await createUser(ctx, { username: 'op3', role: 'operator' });
    const s = await login(ctx, 'op3', op.oneTimePassword);

    // When / Then
    for (let i = 1; i < authPolicy.maxFailedAttempts; i++) {
      await expect(changePassword(ctx, 'op3', `guess-${i}`, 'Op3-Password-2026', s.token)).rejects.toThrow(
        `当前密码不正确(还可再试${authPolicy.maxFailedAttempts - i}次`,
      );
    }
    expect((await sessionUser(ctx, s.token))?.username).toBe('op3');
    await expect(changePassword(ctx, 'op3', 'guess-5', 'Op3-Password-2026', s.token)).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringContaining('账户已锁定至'),
    });
    expect(await sessionUser(ctx, s.token)).toBeUndefined();
    // locked: even the right current password is refused, and so is signing in
    await expect(changePassword(ctx, 'op3', op.oneTimePassword, 'Op3-Password-2026')).rejects.toMatchObject({
      code: 'locked',
    });
    await expect(login(ctx, 'op3', op.oneTimePassword)).rejects.toThrow(signInRefused);
    const audit = await ctx.pool.query(`SELECT after FROM audit_events WHERE action = 'user.lock'`);
    expect(audit.rows).toEqual([{ after: { reason: 'password_change', failedAttempts: 5, sessionsEnded: 1 } }]);
  });

  it('Given an unknown user When logging in Then the answer is the same as for a wrong password', async () => {
    await expect(login(ctx, 'nobody', 'whatever')).rejects.toThrow(signInRefused);
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
