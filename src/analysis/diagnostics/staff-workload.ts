/**
 * STAFF_WORKLOAD: workload per person far above or below peers of the same kind — an overloaded street beside an idle
 * bureau — by a robust z-score (median/MAD) of log workload per person, with the unit's 空编/超编 beside it.
 */
import type { InstitutionKind } from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding, type Severity } from '../finding.js';
import type { InstitutionState } from '../../domain/ledger.js';
import { activeInstitutions } from '../snapshot.js';

/** Indicators that count as work handled; 服务人口, 管辖面积 and 项目数 measure other things and are shown as context. */
const workIndicators = ['办件量', '案件数'];

/** Peers: units whose per-person workload is comparable (a street handles more cases than a township). */
const peerGroup: Partial<Record<InstitutionKind, string>> = {
  street: '街道办事处',
  township: '乡镇',
  gov_dept: '政府部门',
  dept_managed: '政府部门',
  dispatched: '政府部门',
  party_dept: '党群和其他机关',
  mass_org: '党群和其他机关',
  organ: '党群和其他机关',
  public_institution: '事业单位',
};
const minPeers = 4;
/** Floor of the scaled MAD in log units (about ±10%), so that a tight group does not make every wobble an outlier. */
const minSpread = 0.1;

const median = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
};
const one = (x: number) => Math.round(x * 10) / 10;

/**
 * Severity: high when |z| ≥ 2×workloadZ and the unit does at least three times (or at most a third of) the peer
 * median; medium when the gap is at least twofold; low when only the z-score is beyond workloadZ (a tight peer group
 * makes modest differences look extreme).
 */
function severityOf(z: number, ratio: number, threshold: number): Severity {
  // rounded: exp(log a − log b) is not exactly a/b
  const gap = Math.round(Math.max(ratio, 1 / ratio) * 1000) / 1000;
  if (Math.abs(z) >= 2 * threshold && gap >= 3) return 'high';
  if (gap >= 2) return 'medium';
  return 'low';
}

interface Row {
  inst: InstitutionState;
  group: string;
  staff: number;
  approved: number;
  work: number;
  perPerson: number;
  context: Record<string, number>;
}

export const findWorkloadMismatches: Diagnostic = (s, config) => {
  // per-person workload needs the roster and the workload figures; without them DATA_QUALITY reports the gap
  if (s.people.length === 0 || s.workload.length === 0) return [];
  const staff = new Map<string, number>();
  for (const p of s.people) staff.set(p.institutionId, (staff.get(p.institutionId) ?? 0) + 1);
  const approved = new Map<string, number>();
  for (const [key, n] of s.registry.quotas) {
    const id = key.slice(0, key.indexOf('|'));
    approved.set(id, (approved.get(id) ?? 0) + n);
  }
  // each institution's latest year only
  const latest = new Map<string, number>();
  for (const w of s.workload) latest.set(w.institutionId, Math.max(latest.get(w.institutionId) ?? -Infinity, w.year));
  const values = new Map<string, Record<string, number>>();
  for (const w of s.workload) {
    if (w.year !== latest.get(w.institutionId)) continue;
    const r = values.get(w.institutionId) ?? {};
    r[w.indicator] = (r[w.indicator] ?? 0) + w.value;
    values.set(w.institutionId, r);
  }

  const rows: Row[] = [];
  for (const inst of activeInstitutions(s)) {
    const group = peerGroup[inst.kind];
    const v = values.get(inst.id);
    const n = staff.get(inst.id) ?? 0;
    if (!group || !v || n === 0 || !workIndicators.some((k) => k in v)) continue;
    const work = workIndicators.reduce((a, k) => a + (v[k] ?? 0), 0);
    if (work <= 0) continue;
    rows.push({ inst, group, staff: n, approved: approved.get(inst.id) ?? 0, work, perPerson: work / n, context: v });
  }

  const outliers: { row: Row; z: number; ratio: number; med: number; peers: number }[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  for (const members of groups.values()) {
    if (members.length < minPeers) continue;
    // log scale: workload differences are ratios, and per-person figures are skewed
    const logs = members.map((r) => Math.log(r.perPerson));
    members.forEach((row, i) => {
      // leave-one-out: in a group of six streets the outlier would otherwise widen its own yardstick
      const others = logs.filter((_, j) => j !== i);
      const m = median(others);
      const spread = Math.max(1.4826 * median(others.map((x) => Math.abs(x - m))), minSpread);
      const z = (logs[i]! - m) / spread;
      const gap = Math.exp(Math.abs(logs[i]! - m));
      // far beyond the spread, or several times the median while still clearly outside it (noisy small groups)
      if (Math.abs(z) >= config.workloadZ || (gap >= config.workloadRatio && Math.abs(z) >= config.workloadZ - 1)) {
        outliers.push({ row, z, ratio: Math.exp(logs[i]! - m), med: Math.exp(m), peers: members.length });
      }
    });
  }
  const idle = outliers.filter((o) => o.z < 0).map((o) => o.row.inst.name);
  const busy = outliers.filter((o) => o.z > 0).map((o) => o.row.inst.name);

  return outliers.map(({ row, z, ratio, med, peers }): Finding => {
    const over = z > 0;
    const diff = row.staff - row.approved;
    const quotaText = diff < 0 ? `空编${-diff}名` : diff > 0 ? `超编${diff}名` : '编制满员';
    const per = Math.round(row.perPerson);
    const compare = over
      ? `为同类${row.group}中位数${Math.round(med)}件的${one(ratio)}倍`
      : `仅为同类${row.group}中位数${Math.round(med)}件的${Math.round(ratio * 100)}%`;
    const pop = row.context['服务人口'];
    const others = (over ? idle : busy).filter((n) => n !== row.inst.name).slice(0, 3);
    return finding('STAFF_WORKLOAD', {
      severity: severityOf(z, ratio, config.workloadZ),
      // overloaded with vacancies is a recruitment gap, not a quota one: the title says so rather than both at once
      title: `${row.inst.name}人均工作量${per}件，${compare}，实有${row.staff}人、核定编制${row.approved}名，${
        over
          ? diff < 0
            ? `空编${-diff}名未及时补充，在岗人员负荷偏重`
            : `${quotaText}，在岗人员负荷偏重`
          : `${quotaText}，人员相对闲置`
      }`,
      institutions: [{ id: row.inst.id, name: row.inst.name }],
      measures: {
        direction: over ? 'overloaded' : 'idle',
        perPerson: one(row.perPerson),
        peerMedian: one(med),
        ratio: Math.round(ratio * 100) / 100,
        z: Math.round(z * 100) / 100,
        peers,
        staff: row.staff,
        approved: row.approved,
        vacant: Math.max(0, -diff),
        over: Math.max(0, diff),
        work: row.work,
      },
      evidence: [
        {
          kind: 'number',
          label: `${workIndicators.join('+')}`,
          value: row.work,
          unit: '件',
          institution: row.inst.name,
        },
        { kind: 'number', label: '实有人员', value: row.staff, unit: '人', institution: row.inst.name },
        { kind: 'number', label: '核定编制', value: row.approved, unit: '名', institution: row.inst.name },
        { kind: 'number', label: '人均工作量', value: per, unit: '件', institution: row.inst.name },
        { kind: 'number', label: `同类${row.group}人均中位数(${peers}个)`, value: Math.round(med), unit: '件' },
        {
          kind: 'number',
          label: `工作量约为同类单位中位数的`,
          value: Math.round(ratio * 10) / 10,
          unit: '倍',
          institution: row.inst.name,
        },
        ...(pop !== undefined
          ? [{ kind: 'number' as const, label: '服务人口', value: pop, unit: '人', institution: row.inst.name }]
          : []),
      ],
      measure: over
        ? `按工作量动态调整编制：${row.inst.name}任务繁重、人员超负荷，${diff < 0 ? `优先补齐${-diff}名空编，` : ''}` +
          `并在同类编制内从${others.length ? others.join('、') + '等' : ''}工作量偏低的单位调剂编制，推动力量向基层一线倾斜，做到人岗相适、人事相宜。`
        : `${row.inst.name}人均工作量明显偏低：冻结或收回${diff < 0 ? `${-diff}名空编及` : ''}富余编制，调剂到` +
          `同类编制中${others.length ? others.join('、') + '等' : ''}任务繁重的单位；评估该单位法定职责履行情况，依法设立的机构保留设置、只调整编制，不以工作量为由撤并。`,
    });
  });
};

export const staffWorkloadDiagnostic = defineDiagnostic({
  code: 'STAFF_WORKLOAD',
  section: '人员结构',
  label: '编制配备与工作量不匹配',
  severity:
    'high when |z| ≥ 2×workloadZ and the unit does at least three times (or at most a third of) the peer median; medium for a twofold gap; low when only the z-score is beyond workloadZ.',
  effect: '编制配备与实际工作量不匹配，忙闲不均',
  thresholds: {
    workloadZ: {
      default: 3,
      doc: 'robust z-score (leave-one-out median/MAD of log workload per person) beyond which a unit is an outlier',
    },
    workloadRatio: {
      default: 2.5,
      doc: 'a unit this many times above or below the peer median is an outlier at z ≥ workloadZ − 1',
    },
  },
  find: findWorkloadMismatches,
});
