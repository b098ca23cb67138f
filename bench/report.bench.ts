/**
 * npm run bench:report — the 调研报告: the demo district's report from PostgreSQL (target ≤ 5 s), and a stress input of
 * 100 institutions × 20,000 findings through the pure model and the docx renderer (target ≤ 30 s and ≤ 1 GB).
 */
import { cpus } from 'node:os';
import { resourceUsage } from 'node:process';
import { diagnosticCodes, diagnosticSection } from '../src/analysis/diagnostics/registry.js';
import type { Finding, Severity } from '../src/analysis/finding.js';
import { computeStatistics } from '../src/analysis/statistics.js';
import { buildDemoDistrict } from '../src/commands/demo.js';
import { buildDistrictReport } from '../src/commands/report.js';
import { generateDemoDistrict } from '../src/demo/demo-district.js';
import { renderReportDocx } from '../src/report/report-docx.js';
import { buildReportModel } from '../src/report/report-model.js';
import { makeSnapshot } from '../test/snapshot-factory.js';
import { benchDatabase } from './bench-database.js';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const db = await benchDatabase('bianzhi_bench_report');
try {
  const demo = generateDemoDistrict();
  const ctx = { pool: db.pool, regionCode: demo.regionCode, actor: 'bench', today: '2026-11-27' };
  await buildDemoDistrict(ctx, demo);
  await buildDistrictReport(ctx, {}); // warm-up: jieba dictionary, JIT
  const runs = 3;
  const t = performance.now();
  let r = await buildDistrictReport(ctx, {});
  for (let i = 1; i < runs; i++) r = await buildDistrictReport(ctx, {});
  const demoSeconds = (performance.now() - t) / runs / 1000;
  console.log(`machine: ${cpus().length} cores; database: ${db.where}`);
  console.log(
    `demo report from PostgreSQL (snapshot + statistics + diagnose + model + docx): ${demoSeconds.toFixed(2)} s ` +
      `(${r.model.counts.findings} findings, ${(r.docx.length / 1024).toFixed(0)} KB) target ≤ 5 s ${demoSeconds <= 5 ? 'PASS' : 'MISS'}`,
  );
} finally {
  await db.close();
}

// Stress: 100 institutions with quotas and people, 20,000 findings of every code, with evidence, made directly.
const institutions = Array.from({ length: 100 }, (_, i) => ({
  name: `区测试单位${String(i + 1).padStart(3, '0')}`,
  kind: i % 4 === 0 ? ('public_institution' as const) : ('gov_dept' as const),
  quotas: i % 4 === 0 ? { public_service: 30 } : { admin: 20, worker: 2 },
  posts: [{ level: '正科' as const, approved: 1 }],
}));
const snapshot = makeSnapshot({
  institutions,
  people: institutions.map((inst, i) => ({
    institution: inst.name,
    category: i % 4 === 0 ? 'public_service' : 'admin',
    count: 18 + (i % 7),
  })),
});
const severities: Severity[] = ['high', 'medium', 'low', 'low', 'low'];
const findings: Finding[] = Array.from({ length: 20_000 }, (_, n) => {
  const code = diagnosticCodes[n % diagnosticCodes.length]!;
  const a = institutions[n % 100]!.name;
  const b = institutions[(n * 7 + 3) % 100]!.name;
  return {
    code,
    section: diagnosticSection[code],
    severity: severities[n % severities.length]!,
    title: `${a}与${b}第${n + 1}项问题:核定编制20名,实有${20 + (n % 9)}人`,
    institutions: [
      { id: `a${n}`, name: a },
      { id: `b${n}`, name: b },
    ],
    measures: { approved: 20, actual: 20 + (n % 9), similarity: 0.5 + (n % 50) / 100, domain: '城市管理' },
    evidence: [
      { kind: 'text', institutionId: `a${n}`, institution: a, text: `负责全区城市管理领域第${n}项行政检查工作` },
      { kind: 'text', institutionId: `b${n}`, institution: b, text: `参与全区城市管理领域第${n}项相关检查工作` },
      { kind: 'number', label: '实有人员', value: 20 + (n % 9), unit: '人', institution: a },
    ],
    measure: `明确${a}牵头、${b}配合,理顺第${n + 1}项职责`,
  };
});
const t0 = performance.now();
const statistics = computeStatistics(snapshot);
const model = buildReportModel(statistics, findings, {
  districtName: '压力测试区',
  issuedOn: '2026-11-27',
  partyGovCap: 80,
  sources: { sandingDuties: 0, powerItems: 0, workloadInstitutions: 0, indicators: 0 },
});
const t1 = performance.now();
const docx = await renderReportDocx(model);
const t2 = performance.now();
const maxRss = resourceUsage().maxRSS * 1024;
console.log(
  `stress 100 institutions × 20,000 findings: model ${((t1 - t0) / 1000).toFixed(2)} s + docx ${((t2 - t1) / 1000).toFixed(2)} s = ` +
    `${((t2 - t0) / 1000).toFixed(2)} s (target ≤ 30 s ${(t2 - t0) / 1000 <= 30 ? 'PASS' : 'MISS'}); ` +
    `${model.counts.inProse} told in part 二, ${model.counts.inAppendix} in the appendix, docx ${mb(docx.length)}`,
);
console.log(
  `peak RSS of the whole run (maxRSS): ${mb(maxRss)} (target ≤ 1 GB ${maxRss <= 1024 ** 3 ? 'PASS' : 'MISS'})`,
);
