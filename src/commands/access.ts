/**
 * Access rules applied inside the commands, so that every caller (server, CLI, a future route) gets them: the role's
 * permission, a reporter's reach, and whether whole ID numbers may be shown. A context without `access` is the
 * administrator on the machine (CLI, seeds).
 */
import { can, type Permission } from '../domain/permissions.js';
import { appendAudit, type AuditInput } from '../store/audit.repository.js';
import { forbidden } from '../domain/errors.js';
import { inTransaction, lockRegion } from '../store/transaction.js';
import type { CommandContext } from './context.js';

type AccessContext = Pick<CommandContext, 'access'>;

/** Throws the Chinese 403 unless the acting role holds the permission. */
export function requirePermission(ctx: AccessContext, permission: Permission, message?: string) {
  if (ctx.access && !can(ctx.access.role, permission)) throw forbidden(message ?? '当前角色无权执行此操作');
}

/** May the actor see whole ID numbers (and the birth dates they encode)? */
export const mayUnmask = (ctx: AccessContext) => !ctx.access || can(ctx.access.role, 'unmaskIdNumbers');

/** The institutions within the actor's reach; undefined = all. */
export const reachOf = async (ctx: AccessContext) => (ctx.access ? ctx.access.scope() : undefined);

/** A reporter acts only on what it authored (drafts of the 编办 naming its unit are read-only to it). */
export const isReporter = (ctx: AccessContext) => ctx.access?.role === 'reporter';

/** Audits a read of personal data (an unmask, an export) in its own transaction, before the data is handed out. */
export async function auditDisclosure(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'actor'>,
  event: Omit<AuditInput, 'actor'>,
) {
  await inTransaction(ctx.pool, async (tx) => {
    await lockRegion(tx, ctx.regionCode);
    await appendAudit(tx, ctx.regionCode, { actor: ctx.actor, ...event });
  });
}
