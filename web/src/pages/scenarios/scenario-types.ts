/** API shapes of 方案 the scenario pages read (named parts of the route contract's answers). */
import type { Answer } from '../../api';

export type Scenario = Answer<'GET /api/scenarios'>['items'][number];
export type EvaluatedScenario = Answer<'GET /api/scenarios/:id'>;
export type Evaluation = EvaluatedScenario['evaluation'];
export type Optimized = Answer<'POST /api/scenarios/optimize'>;
