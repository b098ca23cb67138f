/** API shapes the pages read: named parts of the answers of the route contract (src/server/routes/contract.ts). */
import type { Answer } from './api';

export type Me = Answer<'GET /api/auth/me'>;
export type InstitutionNode = Answer<'GET /api/institutions'>['items'][number];
export type InstitutionDetail = Answer<'GET /api/institutions/:id'>;
export type QuotaRow = InstitutionDetail['quotas'][number];
export type PostRow = InstitutionDetail['posts'][number];
export type Adjustment = Answer<'GET /api/adjustments'>['items'][number];
export type AdjustmentFile = Answer<'GET /api/adjustments/:id'>;
export type AdjustmentItem = AdjustmentFile['items'][number];
export type RegistryDiff = Answer<'GET /api/adjustments/:id/preview'>['diff'];
export type AppliedAdjustment = Answer<'POST /api/adjustments/:id/apply'>;
export type PersonRow = Answer<'GET /api/people'>['items'][number];
export type PersonRecord = Answer<'GET /api/people/:id'>;
export type Duty = Answer<'GET /api/duties'>['items'][number];
export type Statistics = Answer<'GET /api/statistics'>;
export type PeopleStructure = Statistics['people'];
export type Finding = Answer<'GET /api/diagnostics'>['findings'][number];
export type Evidence = Finding['evidence'][number];
export type ImportResult = Answer<'POST /api/imports/:kind'>;
export type UserRow = Answer<'GET /api/users'>['items'][number];
export type AuditRow = Answer<'GET /api/audit'>['items'][number];
export type ImportKindInfo = Answer<'GET /api/imports/kinds'>[number];
export type RosterSyncResult = Answer<'POST /api/roster/sync'>;
export type Scenario = Answer<'GET /api/scenarios'>['items'][number];
export type EvaluatedScenario = Answer<'GET /api/scenarios/:id'>;
export type Evaluation = EvaluatedScenario['evaluation'];
export type Optimized = Answer<'POST /api/scenarios/optimize'>;
