import { demoSnapshot } from './test/demo-snapshot.js';
import { findDutyOverlaps } from './src/analysis/diagnostics/duty-overlap.js';
import { defaultDiagnosticConfig } from './src/analysis/config.js';
for (const planted of [true, false]) {
const s = demoSnapshot({planted});
const t0 = performance.now();
const f = findDutyOverlaps(s, defaultDiagnosticConfig);
console.log('planted', planted, f.length, (performance.now()-t0).toFixed(0),'ms');
for (const x of f) console.log(x.severity, x.title, '|', x.evidence.filter(e=>e.kind==='text').map((e:any)=>e.institution+':'+e.text.slice(0,28)).join(' || '));
}
