import { loadRealCorpus, scoreGroups } from './test/helpers/real-corpus.js';
import { makeSnapshot } from './test/snapshot-factory.js';
import { findDutyOverlaps } from './src/analysis/diagnostics/duty-overlap.js';
import { findFragmentedDomains } from './src/analysis/diagnostics/domain-fragmented.js';
import { defaultDiagnosticConfig } from './src/analysis/config.js';
const { sources, groups } = loadRealCorpus(process.argv[2]);
for (const [id, s] of sources) {
  const snap = makeSnapshot({ institutions: s.institutions.map(i=>({name:i.name, kind:i.kind})), duties: s.institutions.flatMap(i=>i.duties.map(d=>({institution:i.name, title:d.text, source:d.source, category:d.category ?? null}))) });
  const f = [...findDutyOverlaps(snap, defaultDiagnosticConfig), ...findFragmentedDomains(snap, defaultDiagnosticConfig)];
  for (const x of f) console.log(x.code, x.severity, x.title);
  console.log(scoreGroups(s, groups.filter(g=>g.source===id), f));
}
