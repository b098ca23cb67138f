/** 方案比选 downloads over HTTP: the comparison as .xlsx and as the .docx attachment, read back. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, useServerFixture } from '../../test/server-harness.js';

const f = useServerFixture();
let ids: string[] = [];
beforeAll(async () => {
  const draft = async (name: string, items: unknown[]) => {
    const r = await f.as.operator({ method: 'POST', url: '/api/scenarios', payload: { name, items } });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().scenario.id as string;
  };
  ids = [
    await draft('审计局并入财政局', [{ op: 'merge_institutions', sourceIds: [f.ids.audit], targetId: f.ids.finance }]),
    await draft('财政局增编', [{ op: 'set_quota', institutionId: f.ids.finance, category: 'admin', approved: 12 }]),
  ];
});

describe('GET /api/scenarios/compare.{xlsx,docx}', () => {
  it('Given two drafts When their drafter downloads the comparison Then the workbook and the attachment carry both', async () => {
    // When
    const xlsx = await f.as.operator({ method: 'GET', url: `/api/scenarios/compare.xlsx?ids=${ids.join(',')}` });
    const docx = await f.as.operator({ method: 'GET', url: `/api/scenarios/compare.docx?ids=${ids.join(',')}` });
    // Then
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toMatch(/方案比选-.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = wb.getWorksheet('主要指标对比')!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual(['项目', '方案一：审计局并入财政局', '方案二：财政局增编']);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('方案比选');
    expect(xml).toContain('方案二“财政局增编”');
  });

  it('Given one id, or the drafts of someone else When downloaded Then refused (400 in Chinese, 404 for private drafts)', async () => {
    const one = await f.as.operator({ method: 'GET', url: `/api/scenarios/compare.xlsx?ids=${ids[0]}` });
    expect(one.statusCode).toBe(400);
    expect(one.json().message).toMatch(/2至4个/);
    const other = await f.as.approver({ method: 'GET', url: `/api/scenarios/compare.docx?ids=${ids.join(',')}` });
    expect(other.statusCode).toBe(404);
  });
});

describe('POST /api/scenarios/optimize', () => {
  it('Given units without the workload indicator When optimized over HTTP Then refused in Chinese naming the unit', async () => {
    const r = await f.as.operator({
      method: 'POST',
      url: '/api/scenarios/optimize',
      payload: {
        name: '按办件量分配',
        category: 'admin',
        institutions: [f.ids.finance, f.ids.audit],
        indicator: '无此指标',
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/没有工作量指标"无此指标"/);
  });
  it('Given an empty 编制周转池 When optimized over HTTP with usePool Then nothing comes from it; more than it holds, or an amount without usePool, is refused in Chinese', async () => {
    // Given
    const csv = '机构名称,年度,指标,数值\n区财政局,2025,审计办件量,3000\n区审计局,2025,审计办件量,1000\n';
    const imported = await f.as.operator({
      method: 'POST',
      url: '/api/imports/workload?dryRun=false',
      ...multipart('工作量.csv', csv),
    });
    expect(imported.json(), imported.body).toMatchObject({ ok: true });
    const optimize = (extra: Record<string, unknown>) =>
      f.as.operator({
        method: 'POST',
        url: '/api/scenarios/optimize',
        payload: {
          name: '按办件量分配(周转池)',
          category: 'admin',
          institutions: [f.ids.finance, f.ids.audit],
          indicator: '审计办件量',
          ...extra,
        },
      });
    // When
    const used = await optimize({ usePool: true });
    const tooMany = await optimize({ usePool: true, poolAmount: 1 });
    const unchecked = await optimize({ poolAmount: 1 });
    // Then
    expect(used.statusCode, used.body.slice(0, 300)).toBe(201);
    expect(used.json().optimization.poolUsed).toBe(0);
    expect(used.json().items.every((i: { op: string }) => i.op === 'set_quota')).toBe(true);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/编制周转池中行政编制只有0名，不足以使用1名/);
    expect(unchecked.statusCode).toBe(400);
    expect(unchecked.json().message).toMatch(/指定周转池名额时须选择使用编制周转池/);
  });
});

describe('总览 and 诊断 under a scenario', () => {
  it('Given the merge draft When its drafter reads statistics and diagnostics under it Then the merged unit is gone and its people counted in the target', async () => {
    // Given
    const now = (await f.as.operator({ method: 'GET', url: '/api/statistics' })).json();
    // When
    const under = await f.as.operator({ method: 'GET', url: `/api/statistics?scenario=${ids[0]}` });
    const findings = await f.as.operator({ method: 'GET', url: `/api/diagnostics?scenario=${ids[0]}` });
    // Then
    expect(under.statusCode, under.body.slice(0, 200)).toBe(200);
    expect(under.json().overview.institutions.partyGov).toBe(now.overview.institutions.partyGov - 1);
    const names = (s: { institutions: { name: string }[] }) => s.institutions.map((i) => i.name);
    expect(names(now)).toContain('区审计局');
    expect(names(under.json())).not.toContain('区审计局');
    const people = (s: { institutions: { name: string; people: { total: number } }[] }, name: string) =>
      s.institutions.find((i) => i.name === name)?.people.total ?? 0;
    expect(people(under.json(), '区财政局')).toBe(people(now, '区财政局') + people(now, '区审计局'));
    expect(findings.statusCode).toBe(200);
    expect(
      findings
        .json()
        .findings.every((x: { institutions: { name: string }[] }) =>
          x.institutions.every((i) => i.name !== '区审计局'),
        ),
    ).toBe(true);
    // a draft is private: another role does not see it under the scenario either
    expect((await f.as.leader({ method: 'GET', url: `/api/statistics?scenario=${ids[0]}` })).statusCode).toBe(404);
  });
});
