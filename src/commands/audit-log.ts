/** 审计日志: the events, newest first, with the names of what they touched and of who did it. */
import { auditNames, listAudit, type AuditRow } from '../store/audit.repository.js';
import { requirePermission } from './access.js';
import type { CommandContext } from './context.js';

export interface AuditLogEntry extends AuditRow {
  /** The entity's name when it still exists (编制事项 文号 and title, a user, a person, a file, the district). */
  entityName: string | null;
  /** The acting user's display name, when the actor is a user of the district. */
  actorName: string | null;
}

export async function readAuditLog(
  ctx: Pick<CommandContext, 'pool' | 'regionCode' | 'access'>,
  opts: { beforeSeq?: number; limit: number },
): Promise<AuditLogEntry[]> {
  requirePermission(ctx, 'readAudit');
  const rows = await listAudit(ctx.pool, ctx.regionCode, opts);
  const names = await auditNames(ctx.pool, ctx.regionCode, rows);
  return rows.map((e) => ({
    ...e,
    entityName: (e.entityId && names.entities.get(`${e.entity}:${e.entityId}`)) ?? null,
    actorName: names.actors.get(e.actor) ?? null,
  }));
}
