/**
 * A reform scenario (方案) evaluated (DESIGN §4): its ledger items folded over the base snapshot, the statistics and
 * every diagnostic rerun, and the difference told — institutions by kind against the cap, quota by category against
 * the 编制总额 and the pool, posts, people who must move, findings resolved and created, and the hard violations that
 * block submission. Pure: the command reads the snapshot and the roster's names.
 */
import {
  applyAdjustment,
  LedgerError,
  limitViolations,
  partyGovCount,
  quotaTotalsOf,
  type AdjustmentItem,
  type LedgerEffect,
  type RegistryState,
} from '../domain/ledger.js';
import {
  institutionKindLabels,
  institutionKinds,
  quotaCategories,
  quotaCategoryLabels,
  type InstitutionKind,
} from '../domain/vocabulary.js';
import { defaultDiagnosticConfig, type DiagnosticConfig } from './config.js';
import { diagnose } from './diagnose.js';
import { diagnosticCodes, diagnosticLabels, type DiagnosticCode } from './diagnostics/registry.js';
import {
  dutyOverlapIndex,
  overlapsOfDuties,
  type DutyOverlapIndex,
  type DutyOverlapWarning,
} from './diagnostics/duty-overlap.js';
import type { Finding } from './finding.js';
import type { DutyFact, Snapshot } from './snapshot.js';

export interface ScenarioFindingChange {
  /** The same problem before and after (findingKey): what the 执行情况评估 looks for again. */
  key: string;
  code: DiagnosticCode;
  codeLabel: string;
  title: string;
  severity: Finding['severity'];
}

export interface ScenarioEvaluation {
  /** Hard violations: the scenario cannot be submitted while any is listed. */
  violations: string[];
  institutions: {
    byKind: { kind: InstitutionKind; label: string; before: number; after: number }[];
    partyGov: { before: number; after: number; cap: number | null };
  };
  quota: {
    category: string;
    label: string;
    before: number;
    after: number;
    total: number | null;
    poolBefore: number;
    poolAfter: number;
  }[];
  posts: { before: number; after: number };
  /**
   * People who must move (merges, splits, abolitions, 综合执法): the person ids with where they are and where they go
   * (none: still to be placed); `reason` says how named people were chosen, for the user to confirm.
   */
  peopleAffected: {
    personId: string;
    fromId: string;
    from: string;
    toId: string | null;
    to: string | null;
    reason?: string;
  }[];
  /**
   * The scenario's new or reworded 三定 duties that overlap other institutions' duties (warnings: they do not block
   * submission, they are to be read before it).
   */
  dutyWarnings: DutyOverlapWarning[];
  findings: {
    before: number;
    after: number;
    resolved: ScenarioFindingChange[];
    created: ScenarioFindingChange[];
  };
}

/**
 * The base's findings are the same for every change of a scenario, and so are the overlap pairs of the duty texts a
 * scenario does not reword: callers compute them once (scenarioBase) and pass them in. Without them the evaluation
 * does the full work; the answer is the same either way.
 */
export interface ScenarioBase {
  snapshot: Snapshot;
  findings?: Finding[];
  overlapIndex?: DutyOverlapIndex;
}

/** What every evaluation over this snapshot reuses: its findings and DUTY_OVERLAP's pairs. */
export function scenarioBase(
  snapshot: Snapshot,
  config: DiagnosticConfig = defaultDiagnosticConfig,
): Required<ScenarioBase> {
  const overlapIndex = dutyOverlapIndex(snapshot, config);
  return { snapshot, overlapIndex, findings: diagnose(snapshot, config, diagnosticCodes, { overlapIndex }) };
}

/**
 * A finding is the same problem before and after when it has the same code and names the same institutions (its
 * figures may change); one naming no institution is matched by its title.
 */
export const findingKey = (f: Finding) =>
  f.institutions.length
    ? `${f.code}|${f.institutions
        .map((i) => i.id)
        .sort()
        .join(',')}`
    : `${f.code}|${f.title}`;

/** The findings of `a` that `b` has no counterpart for (as many as `a` has more of one key). */
function unmatched(a: Finding[], b: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of b) left.set(findingKey(f), (left.get(findingKey(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(findingKey(f)) ?? 0;
    if (n > 0) left.set(findingKey(f), n - 1);
    return n === 0;
  });
}
const change = (f: Finding): ScenarioFindingChange => ({
  key: findingKey(f),
  code: f.code,
  codeLabel: diagnosticLabels[f.code],
  title: f.title,
  severity: f.severity,
});

/**
 * The snapshot after the scenario, with the people and duties that follow merges and splits moved, the 三定 duties it
 * adds (numbered 0, -1, -2…: not stored yet) and rewords; `changed` holds the ids of those added or reworded.
 */
function snapshotAfter(
  base: Snapshot,
  registry: RegistryState,
  effects: LedgerEffect[],
): { after: Snapshot; changed: Set<number>; missing: number[] } {
  const peopleTo = new Map<string, string>();
  const personTo = new Map<string, string>();
  const dutiesTo = new Map<string, { toId: string; ids?: Set<number> }[]>();
  const added: DutyFact[] = [];
  const revised = new Map<number, { title: string; text: string | null }>();
  for (const e of effects) {
    if (e.type === 'add_duties')
      for (const d of e.duties)
        added.push({
          id: -added.length,
          institutionId: e.institutionId,
          source: 'sanding',
          category: null,
          title: d.title,
          text: d.text,
          legalBasis: null,
          domains: [],
          role: 'lead',
        });
    if (e.type === 'revise_duty') revised.set(e.dutyId, { title: e.title, text: e.text });
    if (e.type === 'move_people' && e.personIds) for (const id of e.personIds) personTo.set(id, e.toId);
    else if (e.type === 'move_people') peopleTo.set(e.fromId, e.toId);
    if (e.type === 'move_duties')
      dutiesTo.set(e.fromId, [
        ...(dutiesTo.get(e.fromId) ?? []),
        { toId: e.toId, ids: e.dutyIds ? new Set(e.dutyIds) : undefined },
      ]);
  }
  // a chain (A into B, then B into C) ends where the last move goes
  const finalOf = (id: string) => {
    let cur = id;
    for (let n = 0; n < 50 && peopleTo.has(cur); n++) cur = peopleTo.get(cur)!;
    return cur;
  };
  const people =
    peopleTo.size || personTo.size
      ? base.people.map((p) => {
          const to = personTo.get(p.personId) ?? (peopleTo.has(p.institutionId) ? p.institutionId : undefined);
          return to ? { ...p, institutionId: finalOf(to) } : p;
        })
      : base.people;
  const all = added.length ? [...base.duties, ...added] : base.duties;
  const changed = new Set(added.map((d) => d.id));
  for (const d of base.duties) if (d.source === 'sanding' && revised.has(d.id)) changed.add(d.id);
  const missing = [...revised.keys()].filter((id) => !changed.has(id));
  const duties =
    dutiesTo.size || revised.size
      ? all.map((d) => {
          const move = dutiesTo.get(d.institutionId)?.find((m) => !m.ids || m.ids.has(d.id));
          const moved = move ? { ...d, institutionId: move.toId } : d;
          const words = d.source === 'sanding' ? revised.get(d.id) : undefined;
          return words ? { ...moved, ...words } : moved;
        })
      : all;
  return { after: { ...base, limits: registry.limits, registry, people, duties }, changed, missing };
}

function countByKind(s: RegistryState) {
  const n = new Map<InstitutionKind, number>();
  for (const i of s.institutions.values()) if (i.status === 'active') n.set(i.kind, (n.get(i.kind) ?? 0) + 1);
  return n;
}

const postsTotal = (s: RegistryState) => [...s.posts.values()].reduce((a, b) => a + b, 0);

export function evaluateScenario(
  base: ScenarioBase,
  items: AdjustmentItem[],
  options: { effectiveOn?: string; config?: DiagnosticConfig } = {},
): ScenarioEvaluation & { after: Snapshot } {
  const before = base.snapshot;
  const config = options.config ?? defaultDiagnosticConfig;
  const violations: string[] = [];
  let registry = before.registry;
  let effects: LedgerEffect[] = [];
  try {
    // limits are checked below, so that every breach is listed rather than the first one thrown
    const r = applyAdjustment(before.registry, {
      id: 'scenario',
      docNumber: '方案',
      effectiveOn: options.effectiveOn ?? before.asOf,
      items,
      isBaseline: true,
    });
    registry = r.state;
    effects = r.effects;
    violations.push(...limitViolations(before.registry, registry, items));
  } catch (e) {
    if (!(e instanceof LedgerError)) throw e;
    violations.push(e.message);
  }
  const { after, changed, missing } = snapshotAfter(before, registry, effects);
  for (const id of missing) violations.push(`三定职责(编号${id})不存在,不能修改`);
  const name = (id: string) => registry.institutions.get(id)?.name ?? before.registry.institutions.get(id)?.name ?? id;

  const peopleAffected: ScenarioEvaluation['peopleAffected'] = [];
  for (const e of effects) {
    if (e.type === 'move_people') {
      const named = e.personIds && new Set(e.personIds);
      const moving = before.people.filter((p) => p.institutionId === e.fromId && (!named || named.has(p.personId)));
      for (const p of moving)
        peopleAffected.push({
          personId: p.personId,
          fromId: e.fromId,
          from: name(e.fromId),
          toId: e.toId,
          to: name(e.toId),
          ...(e.reason ? { reason: e.reason } : {}),
        });
      const missing = named ? named.size - new Set(moving.map((p) => p.personId)).size : 0;
      if (missing > 0) violations.push(`${missing}名拟调动人员不在"${name(e.fromId)}"，请重新选择调动人员`);
    } else if (e.type === 'require_empty') {
      const staying = before.people.filter((p) => p.institutionId === e.institutionId);
      for (const p of staying)
        peopleAffected.push({ personId: p.personId, fromId: e.institutionId, from: e.name, toId: null, to: null });
      if (staying.length)
        violations.push(
          `机构"${e.name}"仍有${staying.length}名在编人员，撤销前须先调出、通过合并转入其他机构，或写明人员转入的机构`,
        );
    } else if (e.type === 'require_within_quota') {
      const n = before.people.filter((p) => p.institutionId === e.institutionId && p.category === e.category).length;
      if (n > e.approved)
        violations.push(
          `"${e.name}"${quotaCategoryLabels[e.category]}实有${n}人,收回或归还后只剩${e.approved}名编制:只能收回空编`,
        );
    }
  }

  const beforeFindings = base.findings ?? diagnose(before, config);
  const afterFindings = diagnose(after, config, diagnosticCodes, { overlapIndex: base.overlapIndex });

  const kindsBefore = countByKind(before.registry);
  const kindsAfter = countByKind(registry);
  const totalsBefore = quotaTotalsOf(before.registry);
  const totalsAfter = quotaTotalsOf(registry);
  const cap = registry.limits.partyGovInstitutionCap;
  return {
    after,
    violations,
    institutions: {
      byKind: institutionKinds
        .filter((k) => kindsBefore.get(k) || kindsAfter.get(k))
        .map((kind) => ({
          kind,
          label: institutionKindLabels[kind],
          before: kindsBefore.get(kind) ?? 0,
          after: kindsAfter.get(kind) ?? 0,
        })),
      partyGov: { before: partyGovCount(before.registry), after: partyGovCount(registry), cap: cap ?? null },
    },
    quota: quotaCategories
      .filter((c) => totalsBefore.get(c) || totalsAfter.get(c))
      .map((category) => ({
        category,
        label: quotaCategoryLabels[category],
        before: totalsBefore.get(category) ?? 0,
        after: totalsAfter.get(category) ?? 0,
        total: registry.limits.quotaTotals?.[category] ?? null,
        poolBefore: before.registry.pool.balance[category] ?? 0,
        poolAfter: registry.pool.balance[category] ?? 0,
      })),
    posts: { before: postsTotal(before.registry), after: postsTotal(registry) },
    peopleAffected,
    dutyWarnings: overlapsOfDuties(after, changed, config),
    findings: {
      before: beforeFindings.length,
      after: afterFindings.length,
      resolved: unmatched(beforeFindings, afterFindings).map(change),
      created: unmatched(afterFindings, beforeFindings).map(change),
    },
  };
}

/** One finding an applied scenario was meant to resolve, as the 执行情况评估 finds it. */
export interface ReviewedFinding extends ScenarioFindingChange {
  /** Gone: no finding of the same code naming the same institutions is found now. */
  resolved: boolean;
  /** The finding as it reads now, when it is still there. */
  now: string | null;
}

/**
 * 执行情况评估 (机构编制管理评估办法(试行)): each finding the scenario was meant to resolve (recorded when it was
 * applied), looked for among the findings now.
 */
export function reviewOutcome(targets: ScenarioFindingChange[], now: Finding[]) {
  const current = new Map<string, Finding>();
  for (const f of now) if (!current.has(findingKey(f))) current.set(findingKey(f), f);
  const findings: ReviewedFinding[] = targets.map((t) => {
    const still = current.get(t.key);
    return { ...t, resolved: !still, now: still?.title ?? null };
  });
  const resolved = findings.filter((f) => f.resolved).length;
  return { findings, resolved, remaining: findings.length - resolved };
}
