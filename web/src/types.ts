/** API shapes the pages read (see src/server/presenters). */
import type { Permission } from '../../src/domain/permissions.js';
import type { Role } from '../../src/domain/vocabulary.js';
import type { InstitutionState } from '../../src/domain/ledger.js';
import type { Evidence } from '../../src/analysis/finding.js';
import type { presentFinding, presentStatistics } from '../../src/server/presenters/analysis.presenter.js';
import type { presentDuty, presentPerson, presentPersonRow } from '../../src/server/presenters/registry.presenter.js';

export interface Me {
  user: { id: string; username: string; role: Role; roleLabel: string; institutionId: string | null };
  csrfToken: string;
  mustChangePassword: boolean;
  permissions: Permission[];
}

/** An institution as GET /api/institutions presents it (src/server/presenters/registry.presenter.ts). */
export type InstitutionNode = Omit<InstitutionState, 'sortOrder' | 'kind'> & {
  kind: string;
  kindLabel: string;
  approved: number;
  actual: number;
};

export interface QuotaRow {
  category: string;
  categoryLabel: string | null;
  approved: number;
  actual: number;
  vacant: number;
  over: number;
}

export interface PostRow {
  level: string;
  postClass: string;
  postClassLabel: string | null;
  approved: number;
  filled: number;
}

export interface InstitutionDetail {
  institution: Omit<InstitutionNode, 'approved' | 'actual'>;
  parentName: string | null;
  hostName: string | null;
  quotas: (QuotaRow & { tag: string })[];
  posts: PostRow[];
  units: { id: string; name: string; kind: string; status: string }[];
  hosted: { id: string; name: string; kind: string }[];
  workload: { institutionId: string; year: number; indicator: string; value: number; unit?: string | null }[];
  dutyCount: number;
}

export interface Adjustment {
  id: string;
  docNumber: string;
  title: string;
  effectiveOn: string;
  status: 'draft' | 'submitted' | 'approved' | 'applied' | 'rejected';
  statusLabel: string;
  isBaseline: boolean;
  createdBy: string;
  createdByLabel: string;
  createdAt: string;
  decidedBy: string | null;
  decidedByLabel: string | null;
  appliedAt: string | null;
  note: string | null;
  version: number;
}

export type AdjustmentItem = Record<string, unknown> & { op: string; opLabel?: string };

export interface RegistryDiff {
  created: string[];
  abolished: string[];
  changed: string[];
  quotas: { institution: string; category: string; before: number; after: number }[];
  posts: { institution: string; level: string; postClass: string; before: number; after: number }[];
}

/** A roster row and one person's record as the API presents them (src/server/presenters/registry.presenter.ts). */
export type PersonRow = ReturnType<typeof presentPersonRow>;
export type PersonRecord = ReturnType<typeof presentPerson>;

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export type Duty = ReturnType<typeof presentDuty>;

export interface QuotaNumbers {
  approved: number;
  actual: number;
  vacant: number;
  over: number;
}

/** GET /api/statistics: the presenter's own return type, so the page and the API cannot drift apart. */
export type Statistics = ReturnType<typeof presentStatistics>;
export type PeopleStructure = Statistics['people'];

export type { Evidence };
/** One finding of GET /api/diagnostics. */
export type Finding = ReturnType<typeof presentFinding>;

export interface ImportProblem {
  file: string;
  sheet: string;
  row: number;
  column: string | null;
  reason: string;
  message: string;
}

export interface ImportResult {
  kind: string;
  kindLabel: string;
  ok: boolean;
  dryRun: boolean;
  rows: number;
  problemCount: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  importId: string | null;
  adjustmentId: string | null;
  summary: Record<string, number>;
}

export interface UserRow {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  institutionId: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  version?: number;
  /** Locked after wrong passwords (until the lock expires or an admin resets the password). */
  locked?: boolean;
  /** The newest sign-in, from the audit log; null when never signed in. */
  lastLoginAt?: string | null;
}
