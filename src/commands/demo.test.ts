import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.js';
import { buildDemoDistrict } from './demo.js';
import { generateDemoDistrict, type DemoDistrict } from '../demo/demo-district.js';
import { loadSnapshot } from './snapshot.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnoseDistrict, districtStatistics } from './diagnose.js';
import { exportDistrict } from './export-district.js';
import { diagnosticLabels } from '../analysis/diagnostics/registry.js';
import { buildDistrictReport } from './report.js';
import { rebuildRegistry } from './adjustments.js';
import { verifyAudit } from './audit.js';
import type { CommandContext } from './context.js';
import type { RosterRecord } from '../domain/records.js';
import type pg from 'pg';
import { diagnose } from '../analysis/diagnose.js';
import { diagnosticCodes } from '../analysis/diagnostics/registry.js';
import type { Finding } from '../analysis/finding.js';
import type { RegistryState } from '../domain/ledger.js';
import { demoSnapshot } from '../../test/demo-snapshot.js';

type Db = Awaited<ReturnType<typeof createTestDatabase>>;
const regionCode = '370102';

async function built(planted: boolean): Promise<{ database: Db; ctx: CommandContext; demo: DemoDistrict }> {
  const database = await createTestDatabase();
  const ctx = { pool: database.pool, regionCode, actor: 'test', today: '2026-06-30' };
  const demo = generateDemoDistrict({ planted });
  const result = await buildDemoDistrict(ctx, demo);
  expect(result).toEqual({
    institutions: demo.institutions.length,
    people: demo.roster.length,
    duties: demo.duties.length,
  });
  return { database, ctx, demo };
}

const count = async (pool: pg.Pool, table: string, where = 'true') =>
  (await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE region_code = $1 AND ${where}`, [regionCode]))
    .rows[0].n as number;

/** The history as recorded, with every generated id and clock time replaced by what it names. */
async function recordedHistory(pool: pg.Pool) {
  const movements = await pool.query(
    `SELECT p.id_number, m.type, m."on"::text, f.name AS from_name, t.name AS to_name, u.name AS unit_name, m.category,
            m.post, m.leadership_level, m.post_class, m.exit_type, m.doc_number, m.reason, m.note, m.exception_reason,
            m.recorded_by, s.doc_number AS approval
       FROM movements m JOIN persons p ON p.region_code = m.region_code AND p.id = m.person_id
       LEFT JOIN institutions f ON f.region_code = m.region_code AND f.id = m.from_institution_id
       LEFT JOIN institutions t ON t.region_code = m.region_code AND t.id = m.to_institution_id
       LEFT JOIN institutions u ON u.region_code = m.region_code AND u.id = m.unit_id
       LEFT JOIN staffing_requests s ON s.region_code = m.region_code AND s.id = m.approval_id
      WHERE m.region_code = $1 ORDER BY m."on", m.id`,
    [regionCode],
  );
  const requests = await pool.query(
    `SELECT i.name, r.category, r.count, r.channel, r.reason, r.status, r.drafted_by, r.approved_by,
            r.approved_on::text, r.expires_on::text, r.doc_number, r.used, r.withdrawn_reason
       FROM staffing_requests r JOIN institutions i ON i.region_code = r.region_code AND i.id = r.institution_id
      WHERE r.region_code = $1 ORDER BY r.doc_number`,
    [regionCode],
  );
  return { movements: movements.rows, requests: requests.rows };
}

/** One line per person holding a place on a date, as the snapshot reads it. */
const heldLine = (p: {
  personId: string;
  institution: string;
  category: string;
  post: string | null;
  level: string | null;
  startOn: string;
}) => [p.personId, p.institution, p.category, p.post ?? '', p.level ?? '', p.startOn].join('|');

/** The quotas and posts of a registry by institution name, as lines to compare. */
const figures = (r: RegistryState) => {
  const name = (key: string) => {
    const [id, ...rest] = key.split('|');
    return [r.institutions.get(id!)!.name, ...rest].join('|');
  };
  return {
    quotas: [...r.quotas].map(([k, n]) => `${name(k)}=${n}`).sort(),
    posts: [...r.posts].map(([k, n]) => `${name(k)}=${n}`).sort(),
  };
};

/** Each finding by code and the names of the institutions it concerns. */
const named = (fs: Finding[]) =>
  fs.map((f) => `${f.code}: ${f.institutions.map((i) => i.name).join('、')} — ${f.title}`).sort();

const byDoc = <T extends { docNumber: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.docNumber.localeCompare(b.docNumber));

describe('demo district through the import and staffing commands', () => {
  let planted: Awaited<ReturnType<typeof built>>;
  beforeAll(async () => {
    planted = await built(true);
  }, 120_000);
  afterAll(() => planted?.database.close());

  it('Given the planted district When built Then every import and every step of its history succeeds and the counts match', async () => {
    const { ctx, demo } = planted;
    const entered = demo.history.steps.filter((s) => s.do === 'enter').length;
    expect(await count(ctx.pool, 'persons')).toBe(demo.history.initialRoster.length + entered);
    expect(await count(ctx.pool, 'duties')).toBe(demo.duties.length);
    expect(await count(ctx.pool, 'institutions')).toBe(demo.institutions.length);
    // the history holds every kind of step the issue names
    const kinds = new Set(demo.history.steps.map((s) => s.do));
    expect([...kinds].sort()).toEqual(['appoint', 'approve', 'dismiss', 'enter', 'retire', 'transfer', 'withdraw']);
    expect(await count(ctx.pool, 'movements', `type = 'exit' AND exit_type = 'retire'`)).toBe(
      demo.history.steps.filter((s) => s.do === 'retire').length,
    );
    expect(await count(ctx.pool, 'movements', 'exception_reason IS NOT NULL')).toBe(1);
    const states = await ctx.pool.query<{ state: string; n: number }>(
      `SELECT CASE WHEN status <> 'approved' THEN status WHEN used = count THEN 'used'
                   WHEN expires_on < $2::date THEN 'expired' ELSE 'open' END AS state, count(*)::int AS n
         FROM staffing_requests WHERE region_code = $1 GROUP BY 1`,
      [regionCode, demo.asOf],
    );
    const byState = Object.fromEntries(states.rows.map((r) => [r.state, r.n]));
    expect(byState.withdrawn).toBe(1);
    expect(byState.used).toBeGreaterThan(5);
    expect(byState.expired).toBeGreaterThanOrEqual(1);
  });

  it('Given the built history When the roster is read as of the demo date Then it is the generated district, person for person', async () => {
    const { ctx, demo } = planted;
    const s = await loadSnapshot(ctx, demo.asOf);
    const ids = await ctx.pool.query<{ id: string; id_number: string }>(
      'SELECT id, id_number FROM persons WHERE region_code = $1',
      [regionCode],
    );
    const number = new Map(ids.rows.map((r) => [r.id, r.id_number]));
    const name = (id: string) => s.registry.institutions.get(id)!.name;
    const fromDb = s.people.map((p) =>
      heldLine({
        personId: number.get(p.personId)!,
        institution: name(p.institutionId),
        category: p.category,
        post: p.post,
        level: p.leadershipLevel,
        startOn: p.startOn,
      }),
    );
    const drawn = demo.roster.map((r: RosterRecord) =>
      heldLine({
        personId: r.idNumber,
        institution: r.institution,
        category: r.category,
        post: r.post ?? null,
        level: r.leadershipLevel ?? null,
        startOn: r.startOn,
      }),
    );
    expect(fromDb.sort()).toEqual(drawn.sort());
  });

  it('Given the built district When read as of the demo date Then its quotas and posts are those of the snapshot demo', async () => {
    const { ctx, demo } = planted;
    const s = await loadSnapshot(ctx, demo.asOf);
    const drawn = demoSnapshot();
    expect(figures(s.registry)).toEqual(figures(drawn.registry));
    expect(s.registry.limits).toEqual(drawn.registry.limits);
  });

  it('Given the 编制事项 and 方案 carried out on their days When the date-free facts are read Then they are the generated ones', async () => {
    const { ctx, demo } = planted;
    const s = await loadSnapshot(ctx, demo.asOf);
    // waits and reviews: exactly those generated, dated by the audit log and the 方案 as recorded
    expect(byDoc(s.adjustmentWaits.map(({ adjustmentId: _, ...w }) => w))).toEqual(byDoc(demo.adjustmentWaits));
    expect(byDoc(s.scenarioReviews!.map(({ scenarioId: _, ...r }) => r))).toEqual(byDoc(demo.scenarioReviews));
    // approvals: the generated ones, beside the limits from above and the pool loan, which change nothing of substance
    const docs = new Set(demo.approvals.map((a) => a.docNumber));
    const approvals = s.approvals!.map(({ adjustmentId: _, ...a }) => a);
    expect(byDoc(approvals.filter((a) => docs.has(a.docNumber)))).toEqual(byDoc(demo.approvals));
    expect(approvals.filter((a) => !docs.has(a.docNumber)).map((a) => [a.docNumber, a.changes])).toEqual([
      [demo.limitsDocNumber, []],
      [demo.poolLoan!.docNumber, []],
    ]);
    // the events dated on their days are links of the chain like any other
    expect(await verifyAudit(ctx)).toMatchObject({ ok: true });
  });

  it('Given the planted district built through the commands When diagnosed as the API does Then every problem of the manifest is found with its units (recall 1.0)', async () => {
    const { ctx, demo } = planted;
    const { findings } = await diagnoseDistrict(ctx, { asOf: demo.asOf });
    const missed = demo.manifest.flatMap((problem) => {
      const found = new Set(
        findings.filter((f) => f.code === problem.code).flatMap((f) => f.institutions.map((i) => i.name)),
      );
      return problem.institutions.filter((n) => !found.has(n)).map((n) => `${problem.code}: ${n}`);
    });
    expect(missed).toEqual([]);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(diagnosticCodes));
    // the 管理体制 findings name the same documents as the manifest, and pass over what must not count
    const text = (code: string) => JSON.stringify(findings.filter((f) => f.code === code));
    const details = (code: string) => demo.manifest.find((m) => m.code === code)!.details!;
    for (const p of details('APPROVAL_DELAY').pending as { docNumber: string }[])
      expect(text('APPROVAL_DELAY')).toContain(p.docNumber);
    const unevaluated = (details('APPROVAL_WITHOUT_EVALUATION').unevaluated as { docNumber: string }[]).map(
      (u) => u.docNumber,
    );
    expect(unevaluated).toHaveLength(2);
    for (const a of demo.approvals) {
      if (unevaluated.includes(a.docNumber)) expect(text('APPROVAL_WITHOUT_EVALUATION')).toContain(a.docNumber);
      else expect(text('APPROVAL_WITHOUT_EVALUATION')).not.toContain(a.docNumber);
    }
    for (const r of details('SCENARIO_REVIEW_OVERDUE').unreviewed as { docNumber: string }[])
      expect(text('SCENARIO_REVIEW_OVERDUE')).toContain(r.docNumber);
    // and every finding is the snapshot demo's, unit for unit
    expect(named(findings)).toEqual(named(diagnose(demoSnapshot())));
  });

  it('Given the history When read as of the day before it began Then the entrants are absent and the retirees and former places present', async () => {
    const { ctx, demo } = planted;
    const before = new Date(Date.parse(`${demo.history.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const s = await loadSnapshot(ctx, before);
    const expected = demo.history.initialRoster.filter((r) => r.startOn <= before).length;
    expect(s.people).toHaveLength(expected);
    // the planted 例外入编 is a finding on asOf, not before it took effect
    const exception = demo.history.steps.find((x) => x.do === 'enter' && x.exceptionReason)!;
    const codes = async (asOf: string) => (await diagnoseDistrict(ctx, { asOf })).findings.map((f) => f.code);
    expect(await codes(demo.asOf)).toContain('EXCEPTION_ENTRY');
    expect(await codes(before)).not.toContain('EXCEPTION_ENTRY');
    expect(exception.on > before).toBe(true);
  });

  it('Given the history When statistics, export and the report are asked for the day before it began Then each gives that day', async () => {
    const { ctx, demo } = planted;
    const before = new Date(Date.parse(`${demo.history.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const heldBefore = demo.history.initialRoster.filter((r) => r.startOn <= before).length;
    // statistics
    expect((await districtStatistics(ctx, before)).people.total).toBe(heldBefore);
    expect((await districtStatistics(ctx, demo.asOf)).people.total).toBe(demo.roster.length);
    // export: the roster held that day
    const dir = await mkdtemp(join(tmpdir(), 'bianzhi-asof-'));
    try {
      const then = await exportDistrict(ctx, join(dir, 'then'), { kinds: ['roster'], asOf: before });
      const now = await exportDistrict(ctx, join(dir, 'now'), { kinds: ['roster'], asOf: demo.asOf });
      expect(then.counts.roster).toBe(heldBefore);
      expect(now.counts.roster).toBe(demo.roster.length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // the report: dated that day, without the exception entry that came later
    const report = async (asOf: string) => (await buildDistrictReport(ctx, { asOf })).model;
    const [then, now] = [await report(before), await report(demo.asOf)];
    expect(then.asOf).toBe(before);
    const label = diagnosticLabels.EXCEPTION_ENTRY;
    expect(JSON.stringify(then)).not.toContain(label);
    expect(JSON.stringify(now)).toContain(label);
  }, 120_000);

  it('Given the history When rebuilt from the movements Then the roster tables are unchanged', async () => {
    const r = await rebuildRegistry(planted.ctx);
    expect(r).toMatchObject({ roster: { identical: true } });
  });

  it('Given the same seed When the demo is built again into another database Then the history recorded is identical', async () => {
    const again = await built(true);
    try {
      expect(await recordedHistory(again.ctx.pool)).toEqual(await recordedHistory(planted.ctx.pool));
    } finally {
      await again.database.close();
    }
  }, 120_000);

  it('Given the district without planted problems When built Then every step succeeds and there is no exception entry', async () => {
    const clean = await built(false);
    try {
      expect(await count(clean.ctx.pool, 'movements', 'exception_reason IS NOT NULL')).toBe(0);
      expect(await count(clean.ctx.pool, 'staffing_requests', `status = 'approved'`)).toBeGreaterThan(5);
      // the 编制事项 were all decided in time, with their 必要性和依据, and the 方案 reviewed on its day
      expect(await count(clean.ctx.pool, 'adjustments', `status = 'applied' AND evaluation IS NOT NULL`)).toBe(
        clean.demo.adjustments.length + clean.demo.scenarios.length,
      );
      const { findings } = await diagnoseDistrict(clean.ctx, { asOf: clean.demo.asOf });
      const codes = findings.map((f) => f.code);
      for (const code of ['APPROVAL_DELAY', 'APPROVAL_WITHOUT_EVALUATION', 'SCENARIO_REVIEW_OVERDUE'])
        expect(codes).not.toContain(code);
      expect(named(findings)).toEqual(named(diagnose(demoSnapshot({ planted: false }))));
    } finally {
      await clean.database.close();
    }
  }, 120_000);
});
