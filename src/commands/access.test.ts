/**
 * Every command that reads a unit's data checks the reader's reach itself, so no caller (route, CLI, a future page)
 * can forget it: a reporter of 区财政局 asking for 区审计局's data is refused by each, where the operator is answered.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { buildSmallDistrict, type SmallDistrict } from '../../test/server-harness.js';
import { scopeOf } from '../domain/permissions.js';
import { AppError } from '../domain/errors.js';
import { createAdjustment, listVisibleAdjustments, previewAdjustment, readAdjustment } from './adjustments.js';
import { verifyAudit } from './audit.js';
import { readAuditLog } from './audit-log.js';
import type { CommandContext } from './context.js';
import { browseDuties } from './duties.js';
import { browseWorkload, institutionDetail, institutionHistory, institutionTree } from './institutions.js';
import { browsePeople } from './people.js';
import { registryAsOf } from './adjustments.js';

const t = useTestContext();
let ids: SmallDistrict;
let reporter: CommandContext;
let operator: CommandContext;
let auditAdjustment: string;
beforeAll(async () => {
  ids = await buildSmallDistrict(t.ctx);
  const institutions = (await registryAsOf(t.ctx)).institutions;
  reporter = {
    ...t.ctx,
    actor: 'reporter',
    access: {
      role: 'reporter',
      scope: async () => scopeOf({ role: 'reporter', institutionId: ids.finance }, institutions.values()),
    },
  };
  operator = { ...t.ctx, actor: 'operator', access: { role: 'operator', scope: async () => undefined } };
  const adj = await createAdjustment(operator, {
    docNumber: '示编〔2026〕77号',
    title: '审计局更名',
    effectiveOn: '2026-11-01',
    items: [{ op: 'rename_institution', institutionId: ids.audit, name: '区审计事务局' }],
  });
  auditAdjustment = adj.id;
});

const page = { offset: 0, limit: 10 };
const reads: { command: string; read: (ctx: CommandContext) => Promise<unknown> }[] = [
  { command: 'institutionDetail', read: (ctx) => institutionDetail(ctx, ids.audit) },
  { command: 'institutionHistory', read: (ctx) => institutionHistory(ctx, ids.audit) },
  { command: 'browseWorkload', read: (ctx) => browseWorkload(ctx, { institutionId: ids.audit }) },
  { command: 'browseDuties', read: (ctx) => browseDuties(ctx, { institutionId: ids.audit, ...page }) },
  { command: 'browsePeople', read: (ctx) => browsePeople(ctx, { institutionId: ids.audit, ...page }) },
  { command: 'readAdjustment', read: (ctx) => readAdjustment(ctx, auditAdjustment) },
  { command: 'previewAdjustment', read: (ctx) => previewAdjustment(ctx, auditAdjustment) },
];

describe('a reporter of another unit is refused by every command reading unit data', () => {
  it.each(reads)(
    'Given a reporter of 区财政局 When $command reads 区审计局 Then it is refused (403)',
    async ({ read }) => {
      const refusal = await read(reporter).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe('forbidden');
    },
  );

  it.each(reads)('Given the operator When $command reads 区审计局 Then it is answered', async ({ read }) => {
    await expect(read(operator)).resolves.toBeDefined();
  });
});

describe('lists hold only what is within the reach', () => {
  it('Given a reporter When listing institutions and adjustments Then 区审计局 and its adjustment are absent', async () => {
    const tree = await institutionTree(reporter);
    expect(tree.map((i) => i.id)).toContain(ids.finance);
    expect(tree.map((i) => i.id)).not.toContain(ids.audit);
    expect((await listVisibleAdjustments(reporter)).map((a) => a.id)).not.toContain(auditAdjustment);
    expect((await listVisibleAdjustments(operator)).map((a) => a.id)).toContain(auditAdjustment);
  });

  it.each([
    { command: 'readAuditLog', read: (ctx: CommandContext) => readAuditLog(ctx, { limit: 5 }) },
    { command: 'verifyAudit', read: (ctx: CommandContext) => verifyAudit(ctx) },
  ])('Given a reporter When $command Then the audit log is refused to its role', async ({ read }) => {
    await expect(read(reporter)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
