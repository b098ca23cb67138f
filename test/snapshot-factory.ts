/** Hand-made snapshots for diagnostic unit tests: name institutions, give quotas/people/duties by institution name. */
import { randomUUID } from 'node:crypto';
import type {
  AdjustmentWaitFact,
  ApprovalFact,
  DutyFact,
  ExceptionEntryFact,
  IndicatorFact,
  PersonFact,
  Snapshot,
  WorkloadFact,
} from '../src/analysis/snapshot.js';
import { foldLedger, type AdjustmentItem } from '../src/domain/ledger.js';
import type { InstitutionKind, LeadershipLevel, PostClass, QuotaCategory } from '../src/domain/vocabulary.js';

export interface SnapshotSpec {
  asOf?: string;
  limits?: Snapshot['limits'];
  institutions: {
    name: string;
    kind?: InstitutionKind;
    parent?: string;
    host?: string;
    establishedOn?: string;
    sandingOn?: string;
    sandingDocNumber?: string;
    quotas?: Partial<Record<QuotaCategory, number>>;
    posts?: { level: LeadershipLevel; postClass?: PostClass; approved: number }[];
  }[];
  people?: (Partial<Omit<PersonFact, 'institutionId'>> & { institution: string; count?: number })[];
  duties?: (Partial<Omit<DutyFact, 'institutionId' | 'id'>> & { institution: string; title: string })[];
  workload?: (Omit<WorkloadFact, 'institutionId'> & { institution: string })[];
  indicators?: (Omit<IndicatorFact, 'scopeInstitutionId'> & { scope?: string })[];
  adjustmentWaits?: AdjustmentWaitFact[];
  approvals?: ApprovalFact[];
  exceptionEntries?: (Omit<ExceptionEntryFact, 'institutionId'> & { institution: string })[];
}

export function makeSnapshot(spec: SnapshotSpec): Snapshot & { idOf: (name: string) => string } {
  const ids = new Map(spec.institutions.map((i) => [i.name, randomUUID()]));
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`unknown institution ${name} in snapshot spec`);
    return id;
  };
  const items: AdjustmentItem[] = [];
  for (const i of spec.institutions) {
    const item: AdjustmentItem = {
      op: 'create_institution',
      id: idOf(i.name),
      name: i.name,
      kind: i.kind ?? 'gov_dept',
      rank: '正科',
      parentId: i.parent ? idOf(i.parent) : null,
      hostedById: i.host ? idOf(i.host) : null,
      alsoNamed: [],
      civilServiceManaged: false,
      sortOrder: 0,
      establishedOn: i.establishedOn ?? null,
      sandingOn: i.sandingOn ?? null,
      sandingDocNumber: i.sandingDocNumber ?? null,
    };
    items.push(item);
    for (const [category, approved] of Object.entries(i.quotas ?? {})) {
      items.push({
        op: 'set_quota',
        institutionId: idOf(i.name),
        category: category as QuotaCategory,
        approved: approved!,
      });
    }
    for (const p of i.posts ?? []) {
      items.push({
        op: 'set_posts',
        institutionId: idOf(i.name),
        level: p.level,
        postClass: p.postClass ?? 'admin',
        approved: p.approved,
      });
    }
  }
  const registry = foldLedger([{ id: 'baseline', docNumber: '初始导入', effectiveOn: '2019-03-01', items }]);
  const people: PersonFact[] = [];
  for (const p of spec.people ?? []) {
    for (let n = 0; n < (p.count ?? 1); n++) {
      people.push({
        personId: randomUUID(),
        institutionId: idOf(p.institution),
        unitId: null,
        category: p.category ?? 'admin',
        post: p.post ?? null,
        leadershipLevel: p.leadershipLevel ?? null,
        postClass: p.postClass ?? (p.leadershipLevel ? 'admin' : null),
        gender: p.gender ?? '男',
        birthDate: p.birthDate ?? '1985-06-01',
        education: p.education ?? '大学本科',
        degree: p.degree ?? '学士',
        titleLevel: p.titleLevel ?? '无',
        politicalStatus: p.politicalStatus ?? '中共党员',
        startOn: p.startOn ?? '2015-01-01',
      });
    }
  }
  const duties: DutyFact[] = (spec.duties ?? []).map((d, i) => ({
    id: i + 1,
    institutionId: idOf(d.institution),
    source: d.source ?? 'power_list',
    category: d.category ?? (d.source === 'sanding' ? null : '行政检查'),
    title: d.title,
    text: d.text ?? null,
    legalBasis: d.legalBasis ?? null,
    domains: d.domains ?? [],
    role: d.role ?? 'lead',
    ...(d.listedOn !== undefined && { listedOn: d.listedOn }),
  }));
  return {
    regionCode: '370102',
    regionName: '测试区',
    asOf: spec.asOf ?? '2026-06-30',
    limits: spec.limits ?? {},
    registry,
    people,
    duties,
    workload: (spec.workload ?? []).map(({ institution, ...w }) => ({ ...w, institutionId: idOf(institution) })),
    indicators: (spec.indicators ?? []).map(({ scope, ...x }) => ({
      ...x,
      scopeInstitutionId: scope ? idOf(scope) : null,
    })),
    adjustmentWaits: spec.adjustmentWaits ?? [],
    approvals: spec.approvals ?? [],
    exceptionEntries: (spec.exceptionEntries ?? []).map(({ institution, ...e }) => ({
      ...e,
      institutionId: idOf(institution),
    })),
    idOf,
  };
}
