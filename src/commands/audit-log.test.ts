import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInstitutionItem } from '../../test/factories.js';
import { useTestContext } from '../../test/context.js';
import { actorLabel, auditActionLabels, auditEntityLabels } from '../domain/vocabulary.js';
import { importKinds } from '../domain/records.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { readAuditLog } from './audit-log.js';
import { createUser, ensureFirstAdmin, login } from './users.js';

const { ctx } = useTestContext({ actor: 'cli:root' });

/** Every `action: '…'` and `entity: '…'` that a command writes into the audit log. */
function auditedLiterals(key: 'action' | 'entity'): Set<string> {
  const dir = join(import.meta.dirname);
  const found = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(new RegExp(`\\b${key}: '([a-z_]+(?:\\.[a-z_]+)?)'`, 'g'))) found.add(m[1]!);
    if (key === 'action' && text.includes('action: `import.${spec.kind}`'))
      for (const k of importKinds) found.add(`import.${k}`);
  }
  return found;
}

describe('the audit log in Chinese', () => {
  it('Given every action and entity the commands audit Then each has a Chinese label in the vocabulary', () => {
    const actions = auditedLiterals('action');
    const entities = auditedLiterals('entity');
    expect(actions.size).toBeGreaterThan(15);
    expect([...actions].filter((a) => !auditActionLabels[a])).toEqual([]);
    expect([...entities].filter((e) => !auditEntityLabels[e])).toEqual([]);
    for (const label of Object.values(auditActionLabels)) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
  });

  it('Given the CLI actor and a user Then they read as 命令行(root) and 姓名(账号)', () => {
    expect(actorLabel('cli:root')).toBe('命令行(root)');
    expect(actorLabel('zhangsan', '张三')).toBe('张三(zhangsan)');
    expect(actorLabel('zhangsan')).toBe('zhangsan');
  });

  it('Given a login, a new user and an applied 编制事项 When the log is read Then entities and actors carry their names', async () => {
    const admin = await ensureFirstAdmin(ctx);
    await login(ctx, 'admin', admin!.oneTimePassword);
    await createUser(ctx, { username: 'zhangsan', displayName: '张三', role: 'operator' });
    const a = await createAdjustment(ctx, {
      docNumber: '示编〔2026〕1号',
      title: '设立区财政局',
      effectiveOn: '2026-01-01',
      items: [createInstitutionItem('区财政局')],
    });
    await applyAdjustment(ctx, a.id, { allowUnapproved: true });

    const log = await readAuditLog(ctx, { limit: 50 });
    const of = (action: string) => log.find((e) => e.action === action)!;
    expect(of('adjustment.apply')).toMatchObject({ entityId: a.id, entityName: '示编〔2026〕1号 设立区财政局' });
    expect(of('user.create').entityName).toBe('张三(zhangsan)');
    await createUser(ctx, { username: 'lisi', role: 'leader' }); // no display name: the account, not "lisi(lisi)"
    expect((await readAuditLog(ctx, { limit: 1 }))[0]!.entityName).toBe('lisi');
    expect(of('session.login')).toMatchObject({ actor: 'admin', actorName: '系统管理员' });
    expect(of('region.create').entityName).toBe('示范区');
    expect(log.filter((e) => e.entityId && !e.entityName).map((e) => e.action)).toEqual([]);
  });
});
