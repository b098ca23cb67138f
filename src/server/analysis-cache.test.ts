import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestContext } from '../../test/context.js';
import { buildSmallDistrict } from '../../test/server-harness.js';
import { createAdjustment, quotaTag, recordQuotaDecision } from '../commands/adjustments.js';
import { AnalysisCache } from './analysis-cache.js';
import { ChangeFeed } from './change-feed.js';

const { ctx } = useTestContext();
let ids: Awaited<ReturnType<typeof buildSmallDistrict>>;
let feed: ChangeFeed;
let cache: AnalysisCache;
beforeAll(async () => {
  ids = await buildSmallDistrict(ctx);
  feed = new ChangeFeed(ctx.pool, ctx.regionCode);
  await feed.start();
  cache = new AnalysisCache(ctx, feed);
});
afterAll(async () => {
  cache.close();
  await feed.close();
});

describe('analysis cache', () => {
  it('Given keepWarm When started Then today is computed before any request; a draft keeps it, a data change recomputes it', async () => {
    cache.keepWarm(() => ctx.today);
    expect(cache.holds(ctx.today)).toBe(true);
    const before = await cache.statistics(ctx.today);

    await createAdjustment(ctx, {
      docNumber: '示编〔2026〕90号',
      title: '草稿',
      effectiveOn: '2026-11-01',
      items: [{ op: 'set_quota', institutionId: ids.audit, category: 'admin', approved: 20 }],
    });
    await feed.refresh();
    expect(cache.holds(ctx.today)).toBe(true); // a draft changes no figure
    expect(await cache.statistics(ctx.today)).toBe(before);

    await recordQuotaDecision(
      ctx,
      { institutionId: ids.audit, category: 'admin', expectedTag: quotaTag(ids.audit, 'admin', 8) },
      { approved: 9, docNumber: '示编〔2026〕91号' },
    );
    await feed.refresh();
    await vi.waitFor(() => expect(cache.holds(ctx.today)).toBe(true), { timeout: 60_000, interval: 100 });
    const after = await cache.statistics(ctx.today);
    expect(after.etag).not.toBe(before.etag);
    expect(after.value.overview.quota.admin.approved).toBe(before.value.overview.quota.admin.approved + 1);
  });
});
