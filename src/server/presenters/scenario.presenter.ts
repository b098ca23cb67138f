/** API shapes of 方案: the scenario, its items (labelled), its evaluation; zod schemas written once, types from them. */
import { z } from 'zod';
import { diagnosticCodes } from '../../analysis/diagnostics/registry.js';
import type { EvaluatedScenario } from '../../commands/scenarios.js';
import { scenarioStatusLabels } from '../../commands/scenarios.js';
import type { ScenarioRow } from '../../commands/scenarios.js';
import { presentItems } from './registry.presenter.js';

export const scenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  baseDate: z.string(),
  shared: z.boolean(),
  necessity: z.string().nullable(),
  basis: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  submittedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  docNumber: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  adjustmentId: z.string().nullable(),
  reviewOn: z.string().nullable(),
  /** 执行情况评估: when it was carried out, by whom, and what it found (null until then). */
  reviewedOn: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  review: z
    .object({
      reviewedOn: z.string(),
      reviewedBy: z.string(),
      findings: z.array(
        z.object({
          key: z.string(),
          code: z.string(),
          codeLabel: z.string(),
          title: z.string(),
          severity: z.string(),
          resolved: z.boolean(),
          now: z.string().nullable(),
        }),
      ),
      resolved: z.number(),
      remaining: z.number(),
    })
    .nullable(),
  version: z.number(),
});
export type PresentedScenario = z.infer<typeof scenarioSchema>;

const findingChangeSchema = z.object({
  /** The same problem before and after: code and the institutions it names (or its title). */
  key: z.string(),
  code: z.enum(diagnosticCodes),
  codeLabel: z.string(),
  title: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
});
const beforeAfter = z.object({ before: z.number(), after: z.number() });

export const evaluationSchema = z.object({
  violations: z.array(z.string()),
  institutions: z.object({
    byKind: z.array(beforeAfter.extend({ kind: z.string(), label: z.string() })),
    partyGov: beforeAfter.extend({ cap: z.number().nullable() }),
  }),
  quota: z.array(
    beforeAfter.extend({
      category: z.string(),
      label: z.string(),
      total: z.number().nullable(),
      poolBefore: z.number(),
      poolAfter: z.number(),
    }),
  ),
  posts: beforeAfter,
  peopleAffected: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      fromId: z.string(),
      from: z.string(),
      toId: z.string().nullable(),
      to: z.string().nullable(),
      /** How named people were chosen (综合执法's enforcement staff), for the user to confirm. */
      reason: z.string().optional(),
    }),
  ),
  /** New or reworded 三定 duties of the scenario that overlap other institutions' duties (warnings, not blocking). */
  dutyWarnings: z.array(
    z.object({
      dutyId: z.number().nullable(),
      institutionId: z.string(),
      institution: z.string(),
      title: z.string(),
      overlaps: z.array(
        z.object({
          dutyId: z.number().nullable(),
          institutionId: z.string(),
          institution: z.string(),
          title: z.string(),
          similarity: z.number(),
          object: z.string(),
        }),
      ),
    }),
  ),
  findings: beforeAfter.extend({ resolved: z.array(findingChangeSchema), created: z.array(findingChangeSchema) }),
});

export const evaluatedScenarioSchema = z.object({
  scenario: scenarioSchema,
  items: z.array(z.record(z.string(), z.unknown())),
  evaluation: evaluationSchema,
});
/** 编制优化: the draft it saved, and the optimizer's allocation with each move explained, beside the greedy baseline. */
export const optimizedScenarioSchema = evaluatedScenarioSchema.extend({
  optimization: z.object({
    status: z.enum(['optimal', 'infeasible']),
    reason: z.string().optional(),
    allocation: z.array(
      z.object({
        institutionId: z.string(),
        name: z.string(),
        from: z.number(),
        to: z.number(),
        target: z.number(),
        explanation: z.string(),
      }),
    ),
    objective: z.number(),
    /** Places taken from the 编制周转池 (周转池核拨编制); 0 without the pool. */
    poolUsed: z.number(),
    greedy: z.object({ allocation: z.array(z.number()), objective: z.number() }),
  }),
});
export const scenarioListSchema = z.object({ items: z.array(scenarioSchema) });
export const comparisonSchema = z.object({ scenarios: z.array(evaluatedScenarioSchema) });
export const appliedScenarioSchema = z.object({
  scenario: scenarioSchema,
  changes: z.number(),
  peopleMoved: z.number(),
  dutiesMoved: z.number(),
});

const iso = (v: string | Date | null) => (v === null ? null : v instanceof Date ? v.toISOString() : String(v));

export function presentScenario(s: ScenarioRow): PresentedScenario {
  return {
    ...s,
    review: (s.review ?? null) as PresentedScenario['review'],
    createdAt: iso(s.createdAt)!,
    statusLabel: scenarioStatusLabels[s.status as keyof typeof scenarioStatusLabels] ?? s.status,
  };
}

export function presentEvaluated(e: EvaluatedScenario): z.infer<typeof evaluatedScenarioSchema> {
  return { scenario: presentScenario(e.scenario), items: presentItems(e.items), evaluation: e.evaluation };
}

export const scenarioReviewListSchema = z.object({
  items: z.array(
    z.object({
      scenario: scenarioSchema,
      /** The review date has come and it is not done. */
      due: z.boolean(),
      /** Due for longer than the grace days (SCENARIO_REVIEW_OVERDUE). */
      overdue: z.boolean(),
      daysLate: z.number(),
      /** How many findings the scenario was meant to resolve. */
      targets: z.number(),
    }),
  ),
});
export const scenarioReviewSchema = z.object({
  scenario: scenarioSchema,
  review: scenarioSchema.shape.review.unwrap(),
});
