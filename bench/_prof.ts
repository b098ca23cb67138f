import { diagnosticByCode, diagnosticCodes } from '../src/analysis/diagnostics/registry.js';
import { defaultDiagnosticConfig } from '../src/analysis/config.js';
import { scenarioBase, evaluateScenario } from '../src/analysis/scenario-evaluation.js';
import { demoSnapshot } from '../test/demo-snapshot.js';
const s = demoSnapshot();
const base = scenarioBase(s);
const id = s.idOf;
const r = evaluateScenario(base, [{ op: 'merge_institutions', sourceIds: [id('区水务局')], targetId: id('区生态环境分局') }]);
for (let k = 0; k < 4; k++) {
  const out: string[] = [];
  let tot = 0;
  for (const c of diagnosticCodes) { const t = performance.now(); diagnosticByCode[c].find(r.after, defaultDiagnosticConfig, { overlapIndex: base.overlapIndex }); const d = performance.now()-t; tot += d; if (d > 2) out.push(`${c} ${d.toFixed(0)}`); }
  const t = performance.now(); evaluateScenario(base, [{ op: 'merge_institutions', sourceIds: [id('区水务局')], targetId: id('区生态环境分局') }]); 
  console.log(out.join(' | '), 'total', tot.toFixed(0), 'eval', (performance.now()-t).toFixed(0));
}
