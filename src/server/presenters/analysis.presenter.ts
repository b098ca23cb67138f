/**
 * API shapes of statistics and findings: labelled in Chinese beside the codes, so clients need no vocabulary. The zod
 * schemas are the contract (OpenAPI, the web client's types); the presenters' return types are inferred from them.
 */
import { z } from 'zod';
import { diagnosticCodes, diagnosticLabels } from '../../analysis/diagnostics/registry.js';
import { reportSections, severityLabels, type Finding } from '../../analysis/finding.js';
import type { Snapshot } from '../../analysis/snapshot.js';
import type { Statistics } from '../../analysis/statistics.js';
import { ageBands } from '../../commands/diagnose.js';
import { typeset } from '../../domain/chinese-text.js';
import {
  institutionKindLabels,
  institutionKindSchema,
  leadershipLevelSchema,
  postClasses,
  quotaCategories,
  quotaCategoryLabels,
  quotaCategorySchema,
  type QuotaCategory,
} from '../../domain/vocabulary.js';

const count = z.number().int();
export const quotaNumbersSchema = z.object({ approved: count, actual: count, vacant: count, over: count });
const postNumbersSchema = z.object({ approved: count, filled: count });

export const peopleStructureSchema = z.object({
  total: count,
  meanAge: z.number().nullable(),
  ageBands: z.record(z.enum(ageBands), count),
  pyramid: z.array(z.object({ band: z.string(), 男: count, 女: count })).describe('年龄金字塔:5 岁一档,按性别'),
  education: z.record(z.string(), count),
  titles: z.record(z.string(), count),
  titled: count.describe('具有正高、副高、中级、初级职称的人数'),
  gender: z.object({ 男: count, 女: count, 未知: count }),
});

export const regionLimitsAnswerSchema = z.object({
  partyGovInstitutionCap: count.optional(),
  quotaTotals: z.partialRecord(z.string(), count).optional(),
});

export const overviewSchema = z.object({
  institutions: z.object({
    total: count,
    byKind: z.record(institutionKindSchema, count),
    partyGov: count,
    hosted: count,
    internalUnits: count,
  }),
  quota: z.record(z.enum([...quotaCategories, 'total']), quotaNumbersSchema),
  posts: z.record(leadershipLevelSchema, z.record(z.enum([...postClasses, 'total']), postNumbersSchema)),
});

export const statisticsSchema = z.object({
  asOf: z.string(),
  regionName: z.string(),
  limits: regionLimitsAnswerSchema,
  overview: overviewSchema,
  /** 编制周转池 per category: the balance, what is lent out, and loans past their return date. */
  pool: z.array(
    z.object({
      category: z.string(),
      categoryLabel: z.string(),
      balance: count,
      lent: count,
      loans: count,
      overdue: count,
    }),
  ),
  people: peopleStructureSchema,
  institutions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      quota: z.array(quotaNumbersSchema.extend({ category: z.string(), categoryLabel: z.string() })),
      posts: z.array(postNumbersSchema.extend({ level: z.string(), postClass: z.string() })),
      people: peopleStructureSchema,
    }),
  ),
  labels: z.object({
    kinds: z.record(institutionKindSchema, z.string()),
    quotaCategories: z.record(quotaCategorySchema, z.string()),
  }),
});
export type StatisticsAnswer = z.infer<typeof statisticsSchema>;

export function presentStatistics(s: Statistics, snapshot: Pick<Snapshot, 'regionName' | 'limits'>): StatisticsAnswer {
  return {
    asOf: s.asOf,
    regionName: snapshot.regionName,
    limits: snapshot.limits,
    overview: s.overview,
    pool: s.pool.map((p) => ({ ...p, categoryLabel: quotaCategoryLabels[p.category as QuotaCategory] ?? p.category })),
    people: s.people,
    institutions: s.institutions.map((i) => ({
      ...i,
      kindLabel: institutionKindLabels[i.kind as keyof typeof institutionKindLabels] ?? i.kind,
      quota: i.quota.map((q) => ({
        ...q,
        categoryLabel: quotaCategoryLabels[q.category as QuotaCategory] ?? q.category,
      })),
    })),
    labels: { kinds: institutionKindLabels, quotaCategories: quotaCategoryLabels },
  };
}

export const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    institutionId: z.string(),
    institution: z.string(),
    text: z.string(),
    highlight: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal('number'),
    label: z.string(),
    value: z.number(),
    unit: z.string().optional(),
    institution: z.string().optional(),
  }),
  z.object({ kind: z.literal('law'), law: z.string(), article: z.string(), text: z.string() }),
]);

export const findingSchema = z.object({
  id: z.string(),
  code: z.enum(diagnosticCodes),
  codeLabel: z.string(),
  section: z.enum(reportSections),
  severity: z.enum(['high', 'medium', 'low']),
  severityLabel: z.string(),
  title: z.string(),
  institutions: z.array(z.object({ id: z.string(), name: z.string() })),
  measures: z.record(z.string(), z.union([z.number(), z.string()])),
  evidence: z.array(evidenceSchema),
  measure: z.string(),
});
export type FindingAnswer = z.infer<typeof findingSchema>;

export function presentFinding(f: Finding, index: number): FindingAnswer {
  return {
    id: `${f.code}-${index + 1}`,
    code: f.code,
    codeLabel: diagnosticLabels[f.code],
    section: f.section,
    severity: f.severity,
    severityLabel: severityLabels[f.severity],
    // the page reads as the report does: full-width punctuation (the findings are written with ASCII ,;:() and ")
    title: typeset(f.title),
    institutions: f.institutions,
    measures: f.measures,
    evidence: f.evidence,
    measure: typeset(f.measure),
  };
}

export const findingsSchema = z.object({ asOf: z.string(), total: count, findings: z.array(findingSchema) });

export const presentFindings = (findings: Finding[], asOf: string): z.infer<typeof findingsSchema> => ({
  asOf,
  total: findings.length,
  findings: findings.map(presentFinding),
});
