import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { createInstitutionItem } from '../../test/factories.js';
import { createAdjustment } from '../commands/adjustments.js';
import { verifyAudit } from '../commands/audit.js';
import { inSharedCommit, SharedBatch } from './transaction.js';

const { ctx } = useTestContext();

describe('inSharedCommit: writes arriving together share one commit', () => {
  it('Given 12 writes at once When run Then they share fewer commits than writes, one failing write is refused alone, and each is answered after the commit', async () => {
    await ctx.pool.query('CREATE TABLE grouped_probe (n int PRIMARY KEY, txid bigint NOT NULL)');
    const write = (n: number) =>
      inSharedCommit(ctx.pool, async (tx) => {
        if (n === 5)
          await tx.query('INSERT INTO grouped_probe VALUES (1, 0)'); // duplicate key: fails
        else await tx.query('INSERT INTO grouped_probe VALUES ($1, txid_current())', [n]);
        // answered only once committed: another connection sees the row when the promise resolves
        return n;
      }).then(async (v) => {
        const seen = await ctx.pool.query('SELECT 1 FROM grouped_probe WHERE n = $1', [v]);
        return { v, visible: seen.rowCount === 1 };
      });
    // write 1 first, so that 5 conflicts with a committed or same-group row either way
    const first = write(1);
    const results = await Promise.allSettled([first, ...Array.from({ length: 11 }, (_, i) => write(i + 2))]);
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i + 1] : []));
    expect(refused).toEqual([5]);
    for (const r of results) if (r.status === 'fulfilled') expect(r.value.visible).toBe(true);
    const rows = await ctx.pool.query<{ n: number; txid: string }>('SELECT n, txid FROM grouped_probe ORDER BY n');
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(rows.rows.map((r) => r.txid)).size).toBeLessThan(11);
  });

  it('Given many drafts created at once When the audit chain is verified Then every draft has its event and the chain holds', async () => {
    const drafts = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createAdjustment(ctx, {
          docNumber: `示编〔2026〕${i + 1}号`,
          title: `草稿${i + 1}`,
          effectiveOn: '2026-12-31',
          items: [createInstitutionItem(`区测试局${i + 1}`)],
        }),
      ),
    );
    expect(new Set(drafts.map((d) => d.id)).size).toBe(30);
    const events = await ctx.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE region_code = $1 AND action = 'adjustment.create' AND entity_id = ANY($2::text[])`,
      [ctx.regionCode, drafts.map((d) => d.id)],
    );
    expect(events.rows[0]!.n).toBe(30);
    expect((await verifyAudit(ctx)).ok).toBe(true);
  });
});

describe('SharedBatch: items arriving together are decided in one transaction', () => {
  it('Given items submitted at once When a batch fails on the database Then it is rolled back and each item runs alone with its own answer; an item put off runs in the next batch', async () => {
    await ctx.pool.query('CREATE TABLE batch_probe (n int PRIMARY KEY)');
    const seen: number[][] = [];
    const batch = new SharedBatch<number, number>(ctx.pool, async (tx, items) => {
      seen.push(items);
      // 9 writes nothing and waits until the others of its batch are committed
      await tx.query('INSERT INTO batch_probe SELECT unnest($1::int[])', [items.filter((n) => n !== 9)]);
      return items.map((n) => (n === 9 && items.length > 1 ? { again: true as const } : { value: n * 10 }));
    });
    // 1 is decided alone (the first to arrive starts a batch), the others share the next: 3 twice fails it
    const results = await Promise.allSettled([1, 2, 3, 3].map((n) => batch.submit(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused'))).toEqual([10, 20, 30, 'refused']);
    expect(String((results[3] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(seen).toEqual([[1], [2, 3, 3], [2], [3], [3]]);
    seen.length = 0;
    expect(await Promise.all([4, 5, 9].map((n) => batch.submit(n)))).toEqual([40, 50, 90]);
    // 9 shared a batch with 5 (and 4, when it came before the first batch was done), then ran in the next
    expect(seen.at(-1)).toEqual([9]);
    expect(seen.slice(0, -1).find((b) => b.includes(9))).toEqual(expect.arrayContaining([5, 9]));
    const rows = await ctx.pool.query<{ n: number }>('SELECT n FROM batch_probe ORDER BY n');
    expect(rows.rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
  });
});
