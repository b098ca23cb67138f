import { describe, expect, it } from 'vitest';
import { useTestContext, databaseFingerprint } from '../../test/context.js';
import type { DutyRecord, InstitutionRecord, PostRecord, QuotaRecord, RosterRecord } from '../domain/records.js';
import { idNo, rosterRow as person } from '../../test/staffing.js';
import { importBaseline } from './import-baseline.js';
import { dutiesImporter, importDuties } from './import-duties.js';
import { loadSnapshot } from './snapshot.js';
import { diagnoseDistrict } from './diagnose.js';
import { importRoster } from './import-roster.js';
import { districtOverview } from './overview.js';
import { rebuildRegistry } from './adjustments.js';
import type { RawRow } from '../io/table-problem.js';
import { dutyRoleLabels, dutySourceLabels } from '../domain/vocabulary.js';

const { ctx } = useTestContext();

const at = <T>(sheet: string, records: T[]) =>
  records.map((record, i) => ({ record, file: 't.xlsx', sheet, row: i + 2 }));
/** Duty records as the rows of a duties file (labels as the template writes them). */
async function* rawRows(items: DutyRecord[]): AsyncGenerator<RawRow> {
  for (const [i, d] of items.entries())
    yield {
      kind: 'duties',
      file: 't.xlsx',
      sheet: '职能',
      row: i + 2,
      values: {
        institution: d.institution,
        source: dutySourceLabels[d.source],
        category: d.category ?? '',
        title: d.title,
        legalBasis: d.legalBasis ?? '',
        domains: d.domains.join('、'),
        role: dutyRoleLabels[d.role],
        publishedOn: d.publishedOn ?? '',
      },
    };
}
const inst = (
  name: string,
  kind: InstitutionRecord['kind'],
  extra: Partial<InstitutionRecord> = {},
): InstitutionRecord => ({
  name,
  kind,
  alsoNamed: [],
  civilServiceManaged: false,
  ...extra,
});
const opts = { fileName: 't.xlsx', fileSha256: 'x' };

describe('importBaseline', () => {
  it('Given a workbook with a bad reference and a forbidden category When imported Then each problem names its row and column and nothing is written', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const r = await importBaseline(
      ctx,
      {
        institutions: at('机构', [
          inst('区财政局', 'gov_dept'),
          inst('区会计服务中心', 'public_institution', { parent: '区财政厅' }),
        ]),
        quotas: at<QuotaRecord>('编制', [{ institution: '区财政局', category: 'public_service', approved: 3 }]),
        posts: [],
      },
      opts,
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        file: 't.xlsx',
        sheet: '机构',
        row: 3,
        column: '上级机构',
        reason: expect.stringContaining('"区财政厅"不存在'),
      },
      { file: 't.xlsx', sheet: '编制', row: 2, column: '编制类别', reason: expect.stringContaining('条例第15条') },
    ]);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given a valid workbook When imported Then one applied baseline adjustment holds it and re-import changes only what differs', async () => {
    const institutions = at('机构', [
      inst('区财政局', 'gov_dept', { rank: '正科', establishedOn: '1984-05-01' }),
      inst('办公室', 'internal_unit', { parent: '区财政局' }),
      inst('区会计服务中心', 'public_institution', { parent: '区财政局', piClass: '公益一类', funding: '全额' }),
      inst('区城市管理局', 'gov_dept'),
      inst('区数字城管中心', 'public_institution', { parent: '区城市管理局', host: '区财政局' }),
    ]);
    const quotas = at<QuotaRecord>('编制', [
      { institution: '区财政局', category: 'admin', approved: 20 },
      { institution: '区会计服务中心', category: 'public_service', approved: 8 },
      { institution: '区城市管理局', category: 'admin', approved: 15 },
    ]);
    const posts = at<PostRecord>('领导职数', [
      { institution: '区财政局', level: '正科', postClass: 'admin', approved: 1 },
    ]);
    const r = await importBaseline(ctx, { institutions, quotas, posts }, { ...opts, effectiveOn: '2024-01-01' });
    expect(r).toMatchObject({ ok: true, summary: { institutions: 5, quotas: 3, posts: 1 } });
    const established = await ctx.pool.query(`SELECT established_on FROM institutions WHERE name = '区财政局'`);
    expect(established.rows[0].established_on).toBe('1984-05-01');

    const again = await importBaseline(
      ctx,
      {
        institutions,
        quotas: at<QuotaRecord>('编制', [{ institution: '区财政局', category: 'admin', approved: 22 }]),
        posts: [],
      },
      { ...opts, effectiveOn: '2025-01-01', docNumber: '某编〔2025〕1号' },
    );
    expect(again).toMatchObject({ ok: true, summary: { institutions: 0, changedInstitutions: 0, quotas: 1 } });
    expect((await districtOverview(ctx)).quota.admin.approved).toBe(37);
    expect((await districtOverview(ctx, '2024-06-30')).quota.admin.approved).toBe(35);
    expect((await rebuildRegistry(ctx)).identical).toBe(true);
  });

  it('Given 三定文号 and 三定印发日期 When imported, re-imported blank, then re-imported with a new 三定 Then the registry keeps the known one and takes the new one', async () => {
    // Given: the 三定 of 区司法局 as the baseline workbook records it; 区审计局 without one
    const sanding = { sandingDocNumber: '示政办〔2017〕23号', sandingOn: '2017-06-15' };
    const audit = { sandingDocNumber: '示政办〔2024〕5号', sandingOn: '2024-06-01' };
    const row = (extra: Partial<InstitutionRecord>) =>
      at('机构', [inst('区司法局', 'gov_dept', extra), inst('区审计局', 'gov_dept', audit)]);
    const read = async () =>
      (
        await ctx.pool.query(
          `SELECT name, sanding_doc_number, sanding_on FROM institutions WHERE name IN ('区司法局', '区审计局') ORDER BY name`,
        )
      ).rows;
    // When
    const first = at('机构', [inst('区司法局', 'gov_dept', sanding), inst('区审计局', 'gov_dept')]);
    expect(await importBaseline(ctx, { institutions: first, quotas: [], posts: [] }, opts)).toMatchObject({
      ok: true,
    });
    // Then
    expect(await read()).toEqual([
      { name: '区司法局', sanding_doc_number: '示政办〔2017〕23号', sanding_on: '2017-06-15' },
      { name: '区审计局', sanding_doc_number: null, sanding_on: null },
    ]);
    // a workbook without 区司法局's 三定 (it only adds 区审计局's) leaves the recorded one as it is
    const blank = await importBaseline(
      ctx,
      {
        institutions: at('机构', [inst('区司法局', 'gov_dept'), inst('区审计局', 'gov_dept', audit)]),
        quotas: [],
        posts: [],
      },
      opts,
    );
    expect(blank).toMatchObject({ ok: true, summary: { changedInstitutions: 1 } });
    expect(await read()).toEqual([
      { name: '区司法局', sanding_doc_number: '示政办〔2017〕23号', sanding_on: '2017-06-15' },
      { name: '区审计局', sanding_doc_number: '示政办〔2024〕5号', sanding_on: '2024-06-01' },
    ]);
    // a revised 三定 replaces it, through the ledger (rebuild gives the same)
    const revised = { sandingDocNumber: '示政办〔2025〕7号', sandingOn: '2025-03-01' };
    expect(await importBaseline(ctx, { institutions: row(revised), quotas: [], posts: [] }, opts)).toMatchObject({
      ok: true,
      summary: { changedInstitutions: 1 },
    });
    expect((await read())[0]).toEqual({
      name: '区司法局',
      sanding_doc_number: '示政办〔2025〕7号',
      sanding_on: '2025-03-01',
    });
    expect((await rebuildRegistry(ctx)).identical).toBe(true);
  });
});

describe('importRoster', () => {
  const a = idNo('19800101', '001');
  const b = idNo('19900215', '002');
  const c = idNo('19750710', '003');

  it('Given rows with a duplicate ID, an unknown unit, an inconsistent birth date and a coordination body When imported Then every row is reported and nothing is written', async () => {
    const before = await databaseFingerprint(ctx.pool);
    async function* rows() {
      yield* at('人员', [
        person('张三', a, '区财政局'),
        person('李四', a, '区财政局'),
        person('王五', b, '区财政局', { unit: '不存在科' }),
        person('赵六', c, '区财政局', { birthDate: '1975-07-11' }),
        person('钱七', idNo('19850101', '004'), '区城管委'),
      ]);
    }
    const r = await importRoster(ctx, rows(), opts);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '公民身份号码'],
      [4, '内设机构'],
      [5, '出生日期'],
      [6, '所在机构'],
    ]);
    expect(r.problems[0]!.reason).toBe('身份证号码与第2行重复');
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given valid rows with a mixed-quota person When imported Then all are written, the 混用 is a warning, and counts follow', async () => {
    async function* rows() {
      yield* at('人员', [
        person('张三', a, '区财政局', { leadershipLevel: '正科', unit: '办公室' }),
        person('李四', b, '区财政局'),
        person('王五', c, '区财政局', { category: 'public_service' }),
      ]);
    }
    const r = await importRoster(ctx, rows(), opts);
    expect(r).toMatchObject({ ok: true, rows: 3, summary: { persons: 3, mixedQuota: 1 } });
    expect(r.warnings[0]!.reason).toMatch(/混用/);
    const o = await districtOverview(ctx);
    expect(o.quota.admin.actual).toBe(2);
    expect(o.posts['正科'].admin).toEqual({ approved: 1, filled: 1 });
    const g = await ctx.pool.query(`SELECT gender, birth_date FROM persons WHERE id_number = $1`, [a]);
    expect(g.rows[0]).toEqual({ gender: '男', birth_date: '1980-01-01' });
  });

  it('Given a stream that fails after rows were written to COPY When imported Then the error surfaces and nothing is kept', async () => {
    const before = await databaseFingerprint(ctx.pool);
    async function* rows() {
      yield* at('人员', [
        person('孙八', idNo('19860101', '011'), '区财政局'),
        person('周九', idNo('19860102', '012'), '区财政局'),
      ]);
      throw new Error('磁盘读取失败');
    }
    await expect(importRoster(ctx, rows(), opts)).rejects.toThrow('磁盘读取失败');
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  describe('in batches', () => {
    // 25 people, batches of 10: two batches are in PostgreSQL before the third is read.
    const crowd = (from: number, extra: (i: number) => Partial<RosterRecord> = () => ({})) =>
      Array.from({ length: 25 }, (_, i) =>
        person(`批量${i}`, idNo('19900101', String(from + i).padStart(3, '0')), '区财政局', extra(i)),
      );
    const batched = { ...opts, batchRows: 10 };
    const rosterRows = async (ids: string[]) =>
      (
        await ctx.pool.query(
          `SELECT p.id_number, p.name, a.post, a.category FROM persons p
             JOIN assignments a ON a.region_code = p.region_code AND a.person_id = p.id
            WHERE p.id_number = ANY($1) ORDER BY p.id_number`,
          [ids],
        )
      ).rows;

    it('Given a problem in the third batch When imported Then the batches already sent are rolled back too', async () => {
      const before = await databaseFingerprint(ctx.pool);
      const rows = crowd(100, (i) => (i === 22 ? { unit: '不存在科' } : {}));
      const r = await importRoster(ctx, at('人员', rows), batched);
      expect(r.ok).toBe(false);
      expect(r.problems.map((p) => p.row)).toEqual([24]);
      expect(await databaseFingerprint(ctx.pool)).toBe(before);
    });

    it('Given a COPY that PostgreSQL refuses in the second batch When imported Then the error surfaces, nothing is kept and the connection is clean', async () => {
      const before = await databaseFingerprint(ctx.pool);
      await ctx.pool.query(`
        CREATE FUNCTION refuse_batch() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN IF NEW.post = '拒收' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER refuse_batch BEFORE INSERT ON assignments FOR EACH ROW EXECUTE FUNCTION refuse_batch();`);
      try {
        const rows = crowd(200, (i) => (i === 14 ? { post: '拒收' } : {}));
        await expect(importRoster(ctx, at('人员', rows), batched)).rejects.toThrow('refused by test trigger');
      } finally {
        await ctx.pool.query(`DROP TRIGGER refuse_batch ON assignments; DROP FUNCTION refuse_batch()`);
      }
      const fingerprint = await databaseFingerprint(ctx.pool);
      expect(fingerprint).toBe(before);
    });

    it('Given 25 people with free text holding tabs, newlines and backslashes When imported in batches of 10 Then every person and post arrives as written', async () => {
      const rows = crowd(300, (i) => ({
        name: i === 3 ? '阿\\卜' : `批量${i}`,
        post: i === 12 ? '科员\t(借调)\n驻村' : i === 24 ? 'C:\\工作' : undefined,
      }));
      const r = await importRoster(ctx, at('人员', rows), batched);
      expect(r).toMatchObject({ ok: true, rows: 25, summary: { persons: 25 } });
      const stored = await rosterRows(rows.map((p) => p.idNumber));
      expect(stored).toEqual(
        rows.map((p) => ({ id_number: p.idNumber, name: p.name, post: p.post ?? null, category: 'admin' })),
      );
    });
  });

  it('Given a person already in the roster When imported again Then it is refused', async () => {
    const r = await importRoster(ctx, at('人员', [person('张三', a, '区财政局')]), opts);
    expect(r.problems[0]!.reason).toBe('该身份证号码已在实名库中');
  });
});

describe('importDuties', () => {
  const duty = (institution: string, title: string, extra: Partial<DutyRecord> = {}): DutyRecord => ({
    institution,
    source: 'power_list',
    category: '行政处罚',
    title,
    domains: [],
    role: 'lead',
    ...extra,
  });
  it('Given a duty list When imported twice Then the second replaces the first for the same institution and source', async () => {
    const first = await importDuties(
      ctx,
      at('职能', [duty('区城市管理局', '对违法建设的处罚'), duty('区城市管理局', '对占道经营的处罚')]),
      opts,
    );
    expect(first).toMatchObject({ ok: true, summary: { duties: 2 } });
    const second = await importDuties(ctx, at('职能', [duty('区城市管理局', '对违法建设的处罚')]), opts);
    expect(second).toMatchObject({ ok: true, summary: { duties: 1, replaced: 2 } });
    const n = await ctx.pool.query(`SELECT count(*)::int n FROM duties`);
    expect(n.rows[0].n).toBe(1);
  });
  it('Given a 权责清单 published on 2020-06-30 citing the 行政处罚法 When imported with that date Then its items carry the date and POWER_LIST_OUTDATED names the unit', async () => {
    // Given: the file's date is the list's 公布日期; the law was revised on 2021-01-22
    const items = ['对违法建设的处罚', '对占道经营的处罚'].map((t) =>
      duty('区城市管理局', t, { legalBasis: '《中华人民共和国行政处罚法》第二十八条' }),
    );
    // When
    const r = await dutiesImporter(ctx, rawRows(items), { ...opts, effectiveOn: '2020-06-30' });
    // Then
    expect(r).toMatchObject({ ok: true, summary: { duties: 2 } });
    const s = await loadSnapshot(ctx, '2026-06-30');
    expect(s.duties.filter((d) => d.title.startsWith('对')).map((d) => d.listedOn)).toEqual([
      '2020-06-30',
      '2020-06-30',
    ]);
    const findings = (await diagnoseDistrict(ctx, { asOf: '2026-06-30', codes: ['POWER_LIST_OUTDATED'] })).findings;
    expect(findings.flatMap((f) => f.institutions.map((i) => i.name))).toEqual(['区城市管理局']);
    // without a date the import's own day dates the list: published today, after the revision, nothing to adjust
    await importDuties(ctx, at('职能', items), opts);
    expect((await diagnoseDistrict(ctx, { asOf: ctx.today, codes: ['POWER_LIST_OUTDATED'] })).findings).toEqual([]);
  });

  it('Given a 公布日期 after today When a duties file is imported Then it is refused in Chinese and nothing changes', async () => {
    const before = await databaseFingerprint(ctx.pool);
    await expect(
      dutiesImporter(ctx, rawRows([duty('区城市管理局', '对违法建设的处罚')]), { ...opts, effectiveOn: '2999-01-01' }),
    ).rejects.toThrow(/晚于今天/);
    // the command itself refuses it too (not only the file's way in)
    await expect(
      importDuties(ctx, at('职能', [duty('区城市管理局', '对违法建设的处罚')]), { ...opts, publishedOn: '2999-01-01' }),
    ).rejects.toThrow(/清单的印发\/公布日期2999-01-01晚于今天/);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given a duties file whose rows carry their own 公布日期 When imported with a file date Then each dated row keeps its date, an undated row takes the file’s, and each date is one import of the file', async () => {
    // Given: two lists in one file (as an export writes them) and one row without a date
    const items = [
      duty('区城市管理局', '对违法建设的处罚', { publishedOn: '2016-01-15' }),
      duty('区城市管理局', '对占道经营的处罚', { publishedOn: '2016-01-15' }),
      duty('区城市管理局', '对乱设广告的处罚', { publishedOn: '2020-06-30' }),
      duty('区城市管理局', '对乱倒垃圾的处罚'),
    ];
    // When
    const r = await dutiesImporter(ctx, rawRows(items), { ...opts, effectiveOn: '2023-03-01' });
    // Then
    expect(r).toMatchObject({ ok: true, summary: { duties: 4 } });
    const s = await loadSnapshot(ctx, ctx.today);
    const titles = new Set(items.map((d) => d.title));
    const listed = Object.fromEntries(s.duties.filter((d) => titles.has(d.title)).map((d) => [d.title, d.listedOn]));
    expect(listed).toEqual({
      对违法建设的处罚: '2016-01-15',
      对占道经营的处罚: '2016-01-15',
      对乱设广告的处罚: '2020-06-30',
      对乱倒垃圾的处罚: '2023-03-01',
    });
    const imports = await ctx.pool.query(
      `SELECT published_on::text AS on, row_count AS rows, file_name AS file FROM imports
        WHERE kind = 'duties' AND id >= $1 ORDER BY 1`,
      [r.importId],
    );
    expect(imports.rows).toEqual([
      { on: '2016-01-15', rows: 2, file: 't.xlsx' },
      { on: '2020-06-30', rows: 1, file: 't.xlsx' },
      { on: '2023-03-01', rows: 4, file: 't.xlsx' },
    ]);
    const audit = await ctx.pool.query(
      `SELECT after FROM audit_events WHERE action = 'import.duties' AND entity_id = $1`,
      [String(r.importId)],
    );
    expect(Object.keys(audit.rows[0].after.datedImports as object)).toEqual(['2016-01-15', '2020-06-30']);
  });

  it('Given a duties row dated after today or not a date When imported Then each is refused at its file, sheet, row and 公布日期 column and nothing changes', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const r = await dutiesImporter(
      ctx,
      rawRows([
        duty('区城市管理局', '对违法建设的处罚', { publishedOn: '2016-01-15' }),
        duty('区城市管理局', '对占道经营的处罚', { publishedOn: '2999-01-01' }),
        duty('区城市管理局', '对乱设广告的处罚', { publishedOn: '2020-02-30' }),
      ]),
      opts,
    );
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { file: 't.xlsx', sheet: '职能', row: 3, column: '公布日期', reason: `日期 2999-01-01 晚于今天(${ctx.today})` },
      { file: 't.xlsx', sheet: '职能', row: 4, column: '公布日期', reason: '日期"2020-02-30"无法识别,应为 YYYY-MM-DD' },
    ]);
    // records handed to the command directly are held to the same rule
    const direct = await importDuties(
      ctx,
      at('职能', [duty('区城市管理局', '对违法建设的处罚', { publishedOn: '2999-01-01' })]),
      opts,
    );
    expect(direct.problems).toEqual([
      { file: 't.xlsx', sheet: '职能', row: 2, column: '公布日期', reason: `日期 2999-01-01 晚于今天(${ctx.today})` },
    ]);
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });

  it('Given an unknown institution When imported Then nothing changes', async () => {
    const before = await databaseFingerprint(ctx.pool);
    const r = await importDuties(ctx, at('职能', [duty('区不存在局', 'x')]), opts);
    expect(r.problems[0]).toMatchObject({ row: 2, column: '实施主体' });
    expect(await databaseFingerprint(ctx.pool)).toBe(before);
  });
});
