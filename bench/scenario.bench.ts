/**
 * npm run bench:scenario — re-evaluation of a scenario on the demo district after one change (target ≤ 300 ms): the
 * base's findings are computed once per snapshot (as the command keeps them); each change folds the items, moves the
 * people and duties that follow, reruns the statistics' figures and every diagnostic, and diffs the findings.
 */
import { cpus, loadavg } from 'node:os';
import { diagnose } from '../src/analysis/diagnose.js';
import { evaluateScenario, scenarioBase, type ScenarioBase } from '../src/analysis/scenario-evaluation.js';
import type { AdjustmentItem } from '../src/domain/ledger.js';
import { demoSnapshot } from '../test/demo-snapshot.js';

const snapshot = demoSnapshot();
let t0 = performance.now();
const fullBase = { snapshot, findings: diagnose(snapshot) }; // the findings only: every evaluation does the full work
const fullBaseMs = performance.now() - t0;
t0 = performance.now();
const base = scenarioBase(snapshot); // findings and DUTY_OVERLAP's pair index, once per base (as the command keeps it)
const baseMs = performance.now() - t0;
const id = snapshot.idOf;
// a scenario built one change at a time, as an editor would: each step evaluates the whole list so far
const steps: AdjustmentItem[] = [
  { op: 'merge_institutions', sourceIds: [id('区水务局')], targetId: id('区生态环境分局') },
  { op: 'move_quota', fromId: id('区统计局'), toId: id('区生态环境分局'), category: 'admin', amount: 2 },
  { op: 'rename_institution', institutionId: id('区生态环境分局'), name: '区生态环境和水务局' },
  { op: 'set_posts', institutionId: id('区生态环境分局'), level: '副科', postClass: 'admin', approved: 4 },
];
evaluateScenario(fullBase, steps.slice(0, 1)); // warm-up: jieba dictionary, JIT
function measure(b: ScenarioBase, label: string) {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let n = 1; n <= steps.length; n++) {
      const t = performance.now();
      const r = evaluateScenario(b, steps.slice(0, n));
      times.push(performance.now() - t);
      if (round === 0)
        console.log(
          `${label} 第${n}步:违反硬约束${r.violations.length}项,解决问题${r.findings.resolved.length}个,新增问题${r.findings.created.length}个,涉及人员${r.peopleAffected.length}人`,
        );
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, worst: times[times.length - 1]!, n: times.length };
}
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`machine: ${cpus().length} cores; load ${load()}`);
const full = measure(fullBase, '全量');
const inc = measure(base, '增量');
console.log(`load after: ${load()}`);
console.log(
  `base: findings ${fullBaseMs.toFixed(0)} ms; findings + overlap index ${baseMs.toFixed(0)} ms (once per base date and data version)`,
);
console.log(
  `full re-evaluation (demo, ${snapshot.people.length} people, ${snapshot.duties.length} duties): median ${full.median.toFixed(0)} ms, worst ${full.worst.toFixed(0)} ms of ${full.n}`,
);
console.log(
  `incremental re-evaluation after one change: median ${inc.median.toFixed(0)} ms, worst ${inc.worst.toFixed(0)} ms of ${inc.n} (target ≤ 300 ms: ${inc.worst <= 300 ? 'pass' : 'FAIL'})`,
);
