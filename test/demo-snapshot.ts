/** The demo district as a snapshot, without a database: for fast diagnostic tests (the DB path is tested elsewhere). */
import { randomUUID } from 'node:crypto';
import type { Snapshot } from '../src/analysis/snapshot.js';
import { dutyListedOn, generateDemoDistrict, poolLoanItems, type DemoDistrict } from '../src/demo/demo-district.js';
import { foldLedger, type AdjustmentItem } from '../src/domain/ledger.js';

export function demoSnapshot(
  opts: { planted?: boolean; seed?: number } = {},
): Snapshot & { demo: DemoDistrict; idOf: (name: string) => string } {
  const demo = generateDemoDistrict(opts);
  const ids = new Map<string, string>();
  const key = (name: string, parent?: string) => (parent ? `${parent}/${name}` : name);
  for (const i of demo.institutions)
    ids.set(key(i.name, i.kind === 'internal_unit' ? i.parent : undefined), randomUUID());
  const idOf = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`unknown institution ${name}`);
    return id;
  };
  const items: AdjustmentItem[] = demo.institutions.map((i, n) => ({
    op: 'create_institution',
    id: ids.get(key(i.name, i.kind === 'internal_unit' ? i.parent : undefined))!,
    name: i.name,
    kind: i.kind,
    rank: i.rank ?? null,
    parentId: i.parent ? idOf(i.parent) : null,
    hostedById: i.host ? idOf(i.host) : null,
    code: i.code ?? null,
    alsoNamed: i.alsoNamed,
    piClass: i.piClass ?? null,
    funding: i.funding ?? null,
    civilServiceManaged: i.civilServiceManaged,
    sortOrder: n,
    establishedOn: i.establishedOn ?? null,
    sandingDocNumber: i.sandingDocNumber ?? null,
    sandingOn: i.sandingOn ?? null,
  }));
  for (const q of demo.quotas)
    items.push({ op: 'set_quota', institutionId: idOf(q.institution), category: q.category, approved: q.approved });
  for (const p of demo.posts)
    items.push({
      op: 'set_posts',
      institutionId: idOf(p.institution),
      level: p.level!,
      postClass: p.postClass,
      approved: p.approved,
    });
  const loan = demo.poolLoan;
  const registry = foldLedger([
    {
      id: 'l',
      docNumber: demo.limitsDocNumber,
      effectiveOn: demo.baselineOn,
      items: [{ op: 'set_limits', approvalDocNumber: demo.limitsDocNumber, ...demo.limits }],
    },
    { id: 'b', isBaseline: true, docNumber: '示编〔2019〕1号', effectiveOn: demo.baselineOn, items },
    ...(loan ? [{ id: 'p', ...loan, items: poolLoanItems(loan, idOf) }] : []),
  ]);
  return {
    regionCode: demo.regionCode,
    regionName: demo.regionName,
    asOf: demo.asOf,
    limits: registry.limits,
    registry,
    people: demo.roster.map((r) => ({
      personId: r.idNumber,
      institutionId: idOf(r.institution),
      unitId: r.unit ? idOf(`${r.institution}/${r.unit}`) : null,
      category: r.category,
      post: r.post ?? null,
      leadershipLevel: r.leadershipLevel ?? null,
      postClass: r.leadershipLevel ? (r.postClass ?? 'admin') : null,
      gender: r.gender ?? null,
      birthDate: r.birthDate ?? null,
      education: r.education ?? null,
      degree: r.degree ?? null,
      titleLevel: r.titleLevel ?? null,
      politicalStatus: r.politicalStatus ?? null,
      startOn: r.startOn,
    })),
    duties: demo.duties.map((d, n) => ({
      id: n + 1,
      institutionId: idOf(d.institution),
      source: d.source,
      category: d.category ?? null,
      title: d.title,
      text: d.text ?? null,
      legalBasis: d.legalBasis ?? null,
      domains: d.domains,
      role: d.role,
      listedOn: dutyListedOn(demo, d),
    })),
    workload: demo.workload.map((w) => ({
      institutionId: idOf(w.institution),
      year: w.year,
      indicator: w.indicator,
      value: w.value,
    })),
    indicators: demo.indicators.map((x) => ({
      scopeInstitutionId: x.scope ? idOf(x.scope) : null,
      year: x.year,
      indicator: x.indicator,
      value: x.value ?? null,
      textValue: x.text ?? null,
    })),
    adjustmentWaits: demo.adjustmentWaits.map((a, n) => ({ adjustmentId: `demo-${n + 1}`, ...a })),
    approvals: demo.approvals.map((a, n) => ({ adjustmentId: `demo-approval-${n + 1}`, ...a })),
    scenarioReviews: demo.scenarioReviews.map((r, n) => ({ scenarioId: `demo-scenario-${n + 1}`, ...r })),
    // as the commands record them (recorded on the day, by the history's operator)
    exceptionEntries: demo.history.steps.flatMap((x, n) =>
      x.do === 'enter' && x.exceptionReason
        ? [
            {
              movementId: n + 1,
              personId: x.person.idNumber,
              personName: x.person.name,
              institutionId: idOf(x.person.institution),
              category: x.person.category,
              on: x.on,
              reason: x.exceptionReason,
              recordedBy: demo.history.operator,
              recordedOn: x.on,
            },
          ]
        : [],
    ),
    demo,
    idOf,
  };
}
