/** 实名制同步 and the monthly registers through the API: upload → difference → movements; downloads by role. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../../test/context.js';
import { idNumber, multipart, useServerFixture } from '../../test/server-harness.js';
import { recordColumns } from '../domain/records.js';

const f = useServerFixture();

/** 区审计局's roster today as the provincial export lists it; by default minus the first person, plus 新来人. */
async function auditFile(change = true) {
  const r = await f.pool.query<Record<string, string>>(
    `SELECT p.name, p.id_number AS "idNumber", i.name AS institution, '行政编制' AS category,
            a.start_on::text AS "startOn", coalesce(a.post, '') AS post, coalesce(a.leadership_level, '') AS "leadershipLevel",
            CASE a.post_class WHEN 'admin' THEN '行政类' WHEN 'public_service' THEN '事业类' ELSE '' END AS "postClass"
       FROM assignments a JOIN persons p ON p.id = a.person_id JOIN institutions i ON i.id = a.institution_id
      WHERE a.end_on IS NULL AND a.institution_id = $1 AND a.category = 'admin' ORDER BY p.id_number`,
    [f.ids.audit],
  );
  const rows = change ? r.rows.slice(1) : r.rows;
  if (change)
    rows.push({
      name: '新来人',
      idNumber: idNumber(90, '19960101'),
      institution: '区审计局',
      category: '行政编制',
      startOn: '2026-10-01',
    });
  const cols = recordColumns.roster;
  return {
    left: r.rows[0]!.name!,
    csv: [cols.map((c) => c.header).join(','), ...rows.map((x) => cols.map((c) => x[c.key] ?? '').join(','))].join(
      '\n',
    ),
  };
}

describe('POST /api/roster/sync', () => {
  it('Given a unit file When an operator dry-runs it Then the difference is shown with masked ID numbers and nothing is written', async () => {
    const { csv, left } = await auditFile();
    const before = await databaseFingerprint(f.pool);
    const r = await f.as.operator({
      method: 'POST',
      url: '/api/roster/sync?asOf=2026-11-20',
      ...multipart('审计局.csv', csv),
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ ok: true, dryRun: true, asOf: '2026-11-20', scope: ['区审计局'] });
    expect(body.counts).toMatchObject({ added: 1, left: 1, transferred: 0 });
    expect(body.changes.map((c: { name: string; movement: string }) => [c.name, c.movement]).sort()).toEqual(
      [
        ['新来人', '入编'],
        [left, '出编'],
      ].sort(),
    );
    expect(body.changes.find((c: { name: string }) => c.name === '新来人').idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(await databaseFingerprint(f.pool)).toBe(before);
  });

  it('Given the dry run When applied Then the movements are written; the same file again changes nothing', async () => {
    const { csv } = await auditFile();
    const applied = await f.as.operator({
      method: 'POST',
      url: '/api/roster/sync?asOf=2026-11-20&dryRun=false',
      ...multipart('审计局.csv', csv),
    });
    expect(applied.json(), applied.body).toMatchObject({ ok: true, dryRun: false, summary: { movements: 2 } });
    const { csv: again } = await auditFile(false);
    const second = await f.as.operator({
      method: 'POST',
      url: '/api/roster/sync?asOf=2026-11-20&dryRun=false',
      ...multipart('审计局.csv', again),
    });
    expect(second.json()).toMatchObject({ ok: true, changeCount: 0, summary: { movements: 0 } });
  });

  it('Given a file with an unknown institution When synced Then 200 with the located problem and nothing written', async () => {
    const cols = recordColumns.roster;
    const csv = [
      cols.map((c) => c.header).join(','),
      cols
        .map(
          (c) =>
            ({
              name: '某人',
              idNumber: idNumber(91),
              institution: '区统计局',
              category: '行政编制',
              startOn: '2020-01-01',
            })[c.key] ?? '',
        )
        .join(','),
    ].join('\n');
    const before = await databaseFingerprint(f.pool);
    const r = await f.as.operator({ method: 'POST', url: '/api/roster/sync?dryRun=false', ...multipart('x.csv', csv) });
    expect(r.json()).toMatchObject({ ok: false, problems: [{ row: 2, column: '所在机构' }] });
    expect(r.json().problems[0].message).toMatch(/第2行.*区统计局/);
    expect(await databaseFingerprint(f.pool)).toBe(before);
  });
});

describe('GET /api/registers', () => {
  it('Given the month of the sync When a leader downloads the 增减花名册 Then the ID numbers are masked', async () => {
    const r = await f.as.leader({ method: 'GET', url: '/api/registers/changes?month=2026-11' });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('增减花名册-2026-11.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const added = wb.getWorksheet('增加人员')!;
    expect(added.getRow(3).getCell(2).value).toBe('新来人');
    expect(String(added.getRow(3).getCell(4).value)).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('Given a reporter When it downloads ledgers Then its own unit is served and another unit or the district is refused', async () => {
    const own = await f.as.reporter({
      method: 'GET',
      url: `/api/registers/ledger?month=2026-11&institutionId=${f.ids.finance}`,
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.subarray(0, 2).toString()).toBe('PK');
    for (const url of [
      `/api/registers/ledger?month=2026-11&institutionId=${f.ids.audit}`,
      '/api/registers/ledger?month=2026-11',
    ]) {
      const r = await f.as.reporter({ method: 'GET', url });
      expect(r.statusCode, url).toBe(403);
      expect(r.json().message).toMatch(/无权/);
    }
    const bad = await f.as.admin({ method: 'GET', url: '/api/registers/ledger?month=2026-13' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/月份应为 YYYY-MM/);
  });
});
