/**
 * Users and sign-in. No default password exists: `init` creates the first admin with a one-time password that must be
 * changed at first login; `user reset` issues a new one. Passwords are hashed with argon2id; failed logins are counted
 * and lock the account for a while; sessions are stored (hashed) in the database with an expiry and a CSRF token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { roleLabels, roleSchema, type Role } from '../domain/vocabulary.js';
import { appendAudit } from '../store/audit.repository.js';
import { AppError, conflict, notFound, staleVersion, validationFailed } from '../store/errors.js';
import { readRegistry } from '../store/registry.repository.js';
import { inTransaction, lockRegion, type Tx } from '../store/transaction.js';
import {
  countUsers,
  deleteSession,
  deleteUserSessions,
  findSession,
  findUserByName,
  insertSession,
  insertUser,
  lastLogins,
  listUsers,
  recordFailedLogin,
  setPassword,
  updateUserRow,
} from '../store/users.repository.js';
import type { CommandContext } from './context.js';

export const authPolicy = {
  maxFailedAttempts: 5,
  lockMinutes: 15,
  sessionMinutes: 8 * 60,
  minPasswordLength: 10,
  /** Of lower case, upper case, digits and symbols (any other character, Chinese included). */
  minCharacterClasses: 3,
};

/**
 * The one answer to every refused sign-in — unknown user, wrong password, locked or disabled account — with the same
 * status and the same work done, so that it tells nobody which accounts exist or are locked.
 */
export const signInRefused = `用户名或密码不正确(连续输错${authPolicy.maxFailedAttempts}次,账户将锁定${authPolicy.lockMinutes}分钟)`;

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if ([...password].length < authPolicy.minPasswordLength || classes < authPolicy.minCharacterClasses) {
    return `新密码至少${authPolicy.minPasswordLength}位,且须包含小写字母、大写字母、数字、符号中的至少${authPolicy.minCharacterClasses}类`;
  }
  return undefined;
}

const isLocked = (u: { lockedUntil: string | null }) => !!u.lockedUntil && new Date(u.lockedUntil) > new Date();

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{2,40}$/, '用户名应为2-40位字母、数字或 _ . -'),
  displayName: z.string().trim().min(1).max(50).optional(),
  role: roleSchema,
  /** Reporters only: the institution (by name) they report for. */
  institution: z.string().trim().min(1).optional(),
});

/** A one-time password: 16 characters from an alphabet without look-alikes (0/O, 1/l/I). */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createUser(ctx: CommandContext, input: z.input<typeof newUserSchema>) {
  const u = newUserSchema.parse(input);
  let institutionId: string | null = null;
  if (u.role === 'reporter') {
    if (!u.institution) throw validationFailed('单位填报员必须指定所属机构(--institution)');
    const inst = [...(await readRegistry(ctx.pool, ctx.regionCode)).institutions.values()].find(
      (i) => i.status === 'active' && i.kind !== 'internal_unit' && i.name === u.institution,
    );
    if (!inst) throw notFound(`机构"${u.institution}"`);
    institutionId = inst.id;
  } else if (u.institution) {
    throw validationFailed(`只有单位填报员绑定机构,${roleLabels[u.role]}不需要 --institution`);
  }
  const password = oneTimePassword();
  const passwordHash = await hash(password);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    if (await findUserByName(tx, ctx.regionCode, u.username)) throw conflict(`用户名"${u.username}"已存在`);
    const id = await insertUser(tx, ctx.regionCode, {
      username: u.username,
      displayName: u.displayName ?? u.username,
      role: u.role,
      institutionId,
      passwordHash,
    });
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username: u.username, role: u.role, institutionId },
    });
    return { id, username: u.username, role: u.role as Role, oneTimePassword: password };
  });
}

/** The first admin of a district, once: there is no default password anywhere. */
export async function ensureFirstAdmin(ctx: CommandContext) {
  if ((await countUsers(ctx.pool, ctx.regionCode)) > 0) return undefined;
  return createUser(ctx, { username: 'admin', displayName: '系统管理员', role: 'admin' });
}

/** Ends a user's sessions (all but `keepTokenHash`'s) and audits why, in the caller's transaction. */
async function endSessionsAudited(
  tx: Tx,
  ctx: CommandContext,
  userId: string,
  action: string,
  after: Record<string, unknown> = {},
  keepTokenHash?: string,
) {
  const ended = await deleteUserSessions(tx, ctx.regionCode, userId, keepTokenHash);
  await appendAudit(tx, ctx.regionCode, {
    actor: ctx.actor,
    action,
    entity: 'user',
    entityId: userId,
    after: { ...after, sessionsEnded: ended },
  });
}

export async function resetPassword(ctx: CommandContext, username: string) {
  const password = oneTimePassword();
  const passwordHash = await hash(password);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const user = await findUserByName(tx, ctx.regionCode, username);
    if (!user) throw notFound(`用户"${username}"`);
    await setPassword(tx, ctx.regionCode, user.id, passwordHash, true);
    await endSessionsAudited(tx, ctx, user.id, 'user.reset_password');
    return { username, oneTimePassword: password };
  });
}

/**
 * Changes one's own password. Wrong current passwords count and lock the account like failed logins (a stolen session
 * cannot guess its way to the password): the attempt that locks it also ends all the user's sessions. A change ends
 * the user's other sessions; `keepTokenHash` (the session asking) stays open.
 */
export async function changePassword(
  ctx: CommandContext,
  username: string,
  current: string,
  next: string,
  keepToken?: string,
) {
  const problem = passwordProblem(next);
  if (problem) throw validationFailed(problem);
  if (next === current) throw validationFailed('新密码不能与原密码相同');
  const user = await findUserByName(ctx.pool, ctx.regionCode, username);
  if (!user) {
    await hash(current);
    throw new AppError('forbidden', '当前密码不正确');
  }
  const right = await verify(user.passwordHash, current);
  if (isLocked(user)) throw lockedOut(user.lockedUntil!);
  if (!right) {
    const r = await inTransaction(ctx.pool, async (tx) => {
      await lockRegion(tx, ctx.regionCode);
      const counted = await recordFailedLogin(
        tx,
        ctx.regionCode,
        user.id,
        authPolicy.maxFailedAttempts,
        authPolicy.lockMinutes,
      );
      if (!counted.locked_until) return counted;
      await endSessionsAudited(tx, ctx, user.id, 'user.lock', {
        reason: 'password_change',
        failedAttempts: counted.failed_attempts,
      });
      return counted;
    });
    if (r.locked_until) throw lockedOut(r.locked_until);
    throw new AppError(
      'forbidden',
      `当前密码不正确(还可再试${authPolicy.maxFailedAttempts - r.failed_attempts}次,之后账户将锁定${authPolicy.lockMinutes}分钟)`,
    );
  }
  const passwordHash = await hash(next);
  await inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    await setPassword(tx, ctx.regionCode, user.id, passwordHash, false);
    await endSessionsAudited(tx, ctx, user.id, 'user.change_password', {}, keepToken && sha256(keepToken));
  });
}

const lockedOut = (until: string) =>
  new AppError(
    'locked',
    `密码连续输错次数过多,账户已锁定至 ${new Date(until).toLocaleString('zh-CN', { hour12: false })},已登录的会话均已结束`,
  );

const badLogin = () => new AppError('forbidden', signInRefused);

/** Checks a password; on success opens a session and returns its token (shown once, stored only as a hash). */
export async function login(ctx: Pick<CommandContext, 'pool' | 'regionCode'>, username: string, password: string) {
  const user = await findUserByName(ctx.pool, ctx.regionCode, username);
  if (!user || user.disabled) {
    await hash(password); // same work either way: timing does not tell which usernames exist
    throw badLogin();
  }
  const right = await verify(user.passwordHash, password); // also when locked: the same work, the same answer
  if (isLocked(user)) throw badLogin();
  if (!right) {
    await recordFailedLogin(ctx.pool, ctx.regionCode, user.id, authPolicy.maxFailedAttempts, authPolicy.lockMinutes);
    throw badLogin();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    await insertSession(tx, ctx.regionCode, {
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken,
      ttlMinutes: authPolicy.sessionMinutes,
    });
    await appendAudit(tx, ctx.regionCode, {
      actor: user.username,
      action: 'session.login',
      entity: 'user',
      entityId: user.id,
    });
  });
  return {
    token,
    csrfToken,
    mustChangePassword: user.mustChangePassword,
    user: { id: user.id, username: user.username, role: user.role as Role, institutionId: user.institutionId },
  };
}

/** The signed-in user of a session token, or undefined when the token is unknown or expired. */
export async function sessionUser(ctx: Pick<CommandContext, 'pool' | 'regionCode'>, token: string) {
  const s = await findSession(ctx.pool, ctx.regionCode, sha256(token));
  return (
    s && {
      id: s.id,
      username: s.username,
      role: s.role as Role,
      institutionId: s.institutionId,
      csrfToken: s.csrfToken,
      mustChangePassword: s.mustChangePassword,
    }
  );
}

export async function logout(ctx: Pick<CommandContext, 'pool' | 'regionCode'>, token: string): Promise<boolean> {
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const s = await findSession(tx, ctx.regionCode, sha256(token));
    const ended = await deleteSession(tx, ctx.regionCode, sha256(token));
    if (ended && s) {
      await appendAudit(tx, ctx.regionCode, {
        actor: s.username,
        action: 'session.logout',
        entity: 'user',
        entityId: s.id,
      });
    }
    return ended;
  });
}

export const userChangesSchema = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  role: roleSchema.optional(),
  /** Reporters only: the institution's id. */
  institutionId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
});

/** Changes a user's name, role, unit or disabled flag from the version the admin read; a change of rights ends sessions. */
export async function updateUser(
  ctx: CommandContext,
  username: string,
  input: z.input<typeof userChangesSchema>,
  expectedVersion: number,
) {
  const c = userChangesSchema.parse(input);
  return inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    const user = await findUserByName(tx, ctx.regionCode, username);
    if (!user) throw notFound(`用户"${username}"`);
    const role = c.role ?? (user.role as Role);
    const institutionId = role === 'reporter' ? (c.institutionId ?? user.institutionId) : null;
    if (role === 'reporter') {
      const inst = institutionId && (await readRegistry(tx, ctx.regionCode)).institutions.get(institutionId);
      if (!inst || inst.status !== 'active') throw validationFailed('单位填报员必须绑定一个现有机构');
    }
    const next = {
      displayName: c.displayName ?? user.displayName,
      role,
      institutionId,
      disabled: c.disabled ?? user.disabled,
    };
    if (user.username === ctx.actor && (next.disabled || next.role !== 'admin') && user.role === 'admin') {
      throw validationFailed('不能停用自己或取消自己的管理员角色');
    }
    if (!(await updateUserRow(tx, ctx.regionCode, user.id, expectedVersion, next))) {
      throw staleVersion(`用户"${username}"`);
    }
    const rightsChanged =
      next.role !== user.role || next.institutionId !== user.institutionId || next.disabled !== user.disabled;
    const ended = rightsChanged ? await deleteUserSessions(tx, ctx.regionCode, user.id) : 0;
    await appendAudit(tx, ctx.regionCode, {
      actor: ctx.actor,
      action: 'user.update',
      entity: 'user',
      entityId: user.id,
      before: {
        displayName: user.displayName,
        role: user.role,
        institutionId: user.institutionId,
        disabled: user.disabled,
      },
      after: { ...next, sessionsEnded: ended },
    });
    return (await findUserByName(tx, ctx.regionCode, username))!;
  });
}

export async function usersOfDistrict(ctx: Pick<CommandContext, 'pool' | 'regionCode'>) {
  const [users, logins] = await Promise.all([
    listUsers(ctx.pool, ctx.regionCode),
    lastLogins(ctx.pool, ctx.regionCode),
  ]);
  const now = Date.now();
  return users.map((u) => ({
    id: u.id,
    version: u.version,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    institutionId: u.institutionId,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    locked: u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > now,
    lastLoginAt: logins.get(u.id) ?? null,
  }));
}
