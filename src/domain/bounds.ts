/**
 * The bounds of every number the registry stores, in one place: the ledger's line items, the quota decision route
 * and the import templates all take them from here, so that nothing accepted at draft can fail when it lands in its
 * table (PostgreSQL `integer` columns hold −2³¹ … 2³¹−1).
 */
import { z } from 'zod';

/** Largest quota (核定编制数) of one category in one institution. */
export const maxQuota = 100_000;
/** Largest number of leadership posts (领导职数) of one level and class in one institution. */
export const maxPosts = 1_000;
/** PostgreSQL `integer` (int4). */
export const int4Min = -2_147_483_648;
export const int4Max = 2_147_483_647;

const wholeNumber = () => z.number({ error: '应为数字' }).int('应为整数');

/** A quota number: 0 … maxQuota. */
export const quotaNumberSchema = wholeNumber().min(0, '编制数不能为负数').max(maxQuota, `编制数不能大于${maxQuota}`);
/** A count of leadership posts: 0 … maxPosts. */
export const postNumberSchema = wholeNumber().min(0, '职数不能为负数').max(maxPosts, `职数不能大于${maxPosts}`);
/** Any other number stored in an `integer` column (e.g. an institution's sort order). */
export const int4Schema = wholeNumber().min(int4Min, `不能小于${int4Min}`).max(int4Max, `不能大于${int4Max}`);
