/** API shapes the pages read (see src/server/presenters). */
import type { Permission } from '../../src/domain/permissions.js';
import type { Role } from '../../src/domain/vocabulary.js';

export interface Me {
  user: { id: string; username: string; role: Role; roleLabel: string; institutionId: string | null };
  csrfToken: string;
  mustChangePassword: boolean;
  permissions: Permission[];
}

export interface InstitutionNode {
  id: string;
  name: string;
  kind: string;
  kindLabel: string;
  rank: string | null;
  parentId: string | null;
  hostedById: string | null;
  code: string | null;
  alsoNamed: string[];
  piClass: string | null;
  funding: string | null;
  civilServiceManaged: boolean;
  establishedOn: string | null;
  abolishedOn: string | null;
  status: 'active' | 'abolished';
  approved: number;
  actual: number;
}

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
  createdAt: string;
  decidedBy: string | null;
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

export interface PersonRow {
  id: string;
  idNumber: string;
  idNumberMasked: boolean;
  name: string;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
  institutionId: string;
  unitId: string | null;
  category: string;
  categoryLabel: string | null;
  post: string | null;
  leadershipLevel: string | null;
  startOn: string;
}

export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface Duty {
  id: number;
  institutionId: string;
  source: string;
  sourceLabel: string | null;
  category: string | null;
  title: string;
  text: string | null;
  legalBasis: string | null;
  domains: string[];
  role: string;
  roleLabel: string | null;
  itemCode: string | null;
}

export interface PeopleStructure {
  total: number;
  meanAge: number | null;
  ageBands: Record<string, number>;
  pyramid: { band: string; 男: number; 女: number }[];
  education: Record<string, number>;
  titles: Record<string, number>;
  titled: number;
  gender: { 男: number; 女: number; 未知: number };
}

export interface QuotaNumbers {
  approved: number;
  actual: number;
  vacant: number;
  over: number;
}

export interface Statistics {
  asOf: string;
  regionName: string;
  limits: { partyGovInstitutionCap?: number } | null;
  overview: {
    institutions: {
      total: number;
      byKind: Record<string, number>;
      partyGov: number;
      hosted: number;
      internalUnits: number;
    };
    quota: Record<string, QuotaNumbers>;
    posts: Record<string, Record<string, { approved: number; filled: number }>>;
  };
  people: PeopleStructure;
  institutions: {
    id: string;
    name: string;
    kind: string;
    kindLabel: string;
    quota: (QuotaNumbers & { category: string; categoryLabel: string })[];
    posts: { level: string; postClass: string; approved: number; filled: number }[];
    people: PeopleStructure;
  }[];
  labels: { kinds: Record<string, string>; quotaCategories: Record<string, string> };
}

export type Evidence =
  | { kind: 'text'; institutionId: string; institution: string; text: string; highlight?: string[] }
  | { kind: 'number'; label: string; value: number; unit?: string; institution?: string }
  | { kind: 'law'; law: string; article: string; text: string };

export interface Finding {
  id: string;
  code: string;
  codeLabel: string;
  section: string;
  severity: 'high' | 'medium' | 'low';
  severityLabel: string;
  title: string;
  institutions: { id: string; name: string }[];
  measures: Record<string, number | string>;
  evidence: Evidence[];
  measure: string;
}

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
  summary: unknown;
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
}
