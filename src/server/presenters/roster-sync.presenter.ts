/** A roster sync's answer (实名制同步/对账): the import's outcome plus the difference, ID numbers masked. */
import { z } from 'zod';
import type { RosterSyncResult } from '../../commands/roster-sync.js';
import { rosterChangeKinds } from '../../domain/roster-diff.js';
import { importResultSchema, presentImportResult } from './registry.presenter.js';

const count = z.number().int().nonnegative();
const placeSchema = z
  .object({
    institution: z.string(),
    unit: z.string().nullable(),
    category: z.string(),
    post: z.string().nullable(),
    leadershipLevel: z.string().nullable(),
  })
  .nullable();

export const rosterSyncAnswerSchema = importResultSchema.extend({
  asOf: z.string().describe('名册截止日期:变动按此日期记录'),
  scope: z.array(z.string()).describe('本次同步的机构'),
  counts: z.object({
    added: count,
    left: count,
    transferred: count,
    categoryChanged: count,
    postChanged: count,
    fieldsChanged: count,
    unchanged: count,
  }),
  changeCount: count,
  changes: z.array(
    z.object({
      idNumber: z.string().describe('脱敏身份证号'),
      name: z.string(),
      kinds: z.array(z.enum(rosterChangeKinds)),
      kindLabels: z.array(z.string()),
      movement: z.string().nullable().describe('将记录的人员变动(入编、出编、调动、任职、免职),仅信息变化时为空'),
      before: placeSchema,
      after: placeSchema,
      fields: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string() })),
      row: count.optional(),
    }),
  ),
});

export const presentRosterSync = (r: RosterSyncResult): z.infer<typeof rosterSyncAnswerSchema> => ({
  ...presentImportResult(r),
  asOf: r.asOf,
  scope: r.scope,
  counts: r.counts,
  changeCount: r.changeCount,
  changes: r.changes.map(({ at, ...c }) => ({ ...c, ...(at ? { row: at.row } : {}) })),
});
