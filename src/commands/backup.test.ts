import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInstitutionItem, setQuotaItem } from '../../test/factories.js';
import { useTestContext, databaseFingerprint } from '../../test/context.js';
import { verifyAuditChain } from '../store/audit.repository.js';
import { applyAdjustment, createAdjustment } from './adjustments.js';
import { backupDatabase, restoreBackup } from './backup.js';

const dir = mkdtempSync(join(tmpdir(), 'bianzhi-backup-'));
const { ctx } = useTestContext();

const withoutAudit = (fp: string) =>
  fp
    .split('\n')
    .filter((l) => !l.startsWith('audit_events'))
    .join('\n');

describe('backup and restore', () => {
  it('Given a district When backed up, changed and restored Then every table is as it was and the audit chain holds', async () => {
    // Given
    const a = createInstitutionItem('区统计局');
    const draft = await createAdjustment(ctx, {
      docNumber: '初始导入',
      title: 't',
      effectiveOn: '2025-01-01',
      items: [a, setQuotaItem(a.id, 'admin', 5)],
    });
    await applyAdjustment(ctx, draft.id, { allowUnapproved: true });
    await ctx.pool.query(
      `INSERT INTO duties (region_code, institution_id, source, title, text, domains) VALUES ($1, $2, 'sanding', '统计调查', E'含\\t制表符\\n和换行 \\\\ 反斜杠', '{统计,"数据, 质量"}')`,
      [ctx.regionCode, a.id],
    );
    const before = await databaseFingerprint(ctx.pool);
    const file = join(dir, 'b.dump');
    writeFileSync(file, 'an older file, world-readable', { mode: 0o644 });

    // When
    const { counts, heads } = await backupDatabase(ctx, file);
    expect(counts.institutions).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const head = await ctx.pool.query(`SELECT seq::int AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`);
    expect(heads).toEqual([{ regionCode: ctx.regionCode, ...head.rows[0] }]);
    const more = createInstitutionItem('区审计局');
    const d2 = await createAdjustment(ctx, {
      docNumber: '某编〔2025〕2号',
      title: 't',
      effectiveOn: '2025-02-01',
      items: [more],
    });
    await applyAdjustment(ctx, d2.id, { allowUnapproved: true });
    const headBeforeRestore = (await ctx.pool.query(`SELECT max(seq)::int AS seq FROM audit_events`)).rows[0].seq;
    await restoreBackup(ctx, file);

    // Then
    expect(withoutAudit(await databaseFingerprint(ctx.pool))).toBe(withoutAudit(before));
    const v = await verifyAuditChain(ctx.pool, ctx.regionCode);
    expect(v).toMatchObject({ ok: true, restores: [{ replacedSeq: headBeforeRestore }] });
    expect(v.anchoredHead?.seq).toBe(heads[0]!.seq + 1); // the restored chain, anchored again, plus the restore's event
    const restored = await ctx.pool.query(`SELECT text, domains FROM duties`);
    expect(restored.rows[0]).toEqual({ text: '含\t制表符\n和换行 \\ 反斜杠', domains: ['统计', '数据, 质量'] });
  });

  it('Given a file that is not a backup When restored Then it is refused and the database is unchanged', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const bad = join(dir, 'not-a-dump');
    writeFileSync(bad, 'hello');
    await expect(restoreBackup(ctx, bad)).rejects.toThrow(/无法读取备份文件|不是 bianzhi 备份文件/);
    await expect(restoreBackup(ctx, join(dir, 'missing'))).rejects.toThrow(/无法读取备份文件/);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });
});
