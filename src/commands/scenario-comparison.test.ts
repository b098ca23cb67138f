import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { useScenarioDistrict } from '../../test/scenario-district.js';
import { createInstitutionItem } from '../../test/factories.js';
import { idNumberCheckChar } from '../domain/codes.js';
import { importRoster } from './import-roster.js';
import { createScenario, exportScenarioComparison } from './scenarios.js';

const { ctx, env, water, stats, as } = useScenarioDistrict();
const idNo = (birth: string, seq: string) => `370102${birth}${seq}` + idNumberCheckChar(`370102${birth}${seq}`);

let merge = '';
let moveQuota = '';
let newBureau = '';
beforeAll(async () => {
  const people = [
    { name: '王水清', idNumber: idNo('19800101', '001'), institution: '区水务局' },
    { name: '李河生', idNumber: idNo('19850301', '002'), institution: '区水务局' },
  ].map((p, i) => ({
    record: { ...p, category: 'admin' as const, startOn: '2015-01-01' },
    file: 'r.xlsx',
    sheet: '人员',
    row: i + 2,
  }));
  const roster = await importRoster(ctx, people, { fileName: 'r.xlsx', fileSha256: 'x' });
  expect(roster.ok).toBe(true);
  const drafter = as('zhangsan', 'operator');
  const created = async (name: string, items: Parameters<typeof createScenario>[1]['items']) =>
    (await createScenario(drafter, { name, necessity: `${name}的必要性`, items })).scenario.id;
  merge = await created('水务并入生态环境', [{ op: 'merge_institutions', sourceIds: [water.id], targetId: env.id }]);
  moveQuota = await created('统计局划出编制', [
    { op: 'move_quota', fromId: stats.id, toId: env.id, category: 'admin', amount: 2 },
  ]);
  newBureau = await created('新设数据局', [createInstitutionItem('区数据局')]);
});

const cellsOf = (ws: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
};

describe('方案比选 exported', () => {
  it('Given three scenarios When exported as .xlsx Then each sheet reads back with the figures, violations, findings and people of each', async () => {
    // When
    const r = await exportScenarioComparison(as('zhangsan', 'operator'), [merge, moveQuota, newBureau], 'xlsx');
    // Then
    expect(r.fileName).toMatch(/方案比选-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要指标对比', '硬约束', '解决和新增的问题', '涉及人员']);
    const figures = cellsOf(wb.getWorksheet('主要指标对比')!);
    expect(figures[0]).toEqual(['项目', '方案一：水务并入生态环境', '方案二：统计局划出编制', '方案三：新设数据局']);
    const row = (label: string) => figures.find((x) => x[0] === label)!.slice(1);
    expect(row('党政机构（个）')).toEqual(['3→2（-1），限额3', '3→3，限额3', '3→4（+1），限额3']);
    expect(row('行政编制（名）')).toEqual(['23→23，总额25', '23→23，总额25', '23→23，总额25']);
    expect(row('硬约束')).toEqual(['均符合', '均符合', '违反1项']);
    expect(row('涉及人员（人）')).toEqual(['2', '0', '0']);
    const violations = cellsOf(wb.getWorksheet('硬约束')!);
    expect(violations.find((x) => x[0] === '方案三')![1]).toMatch(/超过机构限额3个/);
    const people = cellsOf(wb.getWorksheet('涉及人员')!).slice(1);
    expect(people.filter((p) => p[0] === '方案一')).toEqual([
      ['方案一', '王水清', '区水务局', '区生态环境分局'],
      ['方案一', '李河生', '区水务局', '区生态环境分局'],
    ]);
    expect(people.find((p) => p[0] === '方案二')).toEqual(['方案二', '无', '—', '—']);
  });

  it('Given the same scenarios When exported as .docx Then it is one 附件 titled 方案比选 in the report layout with the same tables', async () => {
    // When
    const r = await exportScenarioComparison(as('zhangsan', 'operator'), [merge, newBureau], 'docx');
    // Then
    expect(r.fileName).toMatch(/方案比选-\d{4}-\d{2}-\d{2}\.docx$/);
    const zip = await JSZip.loadAsync(r.file);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = (xml.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, '')).join('|');
    expect(text).toMatch(/附件1\|方案比选/);
    expect(text).toContain('方案一“水务并入生态环境”：调整事项1项，党政机构由3个变为2个（限额3个）');
    expect(text).toContain('违反硬约束1项，须修改后方可报批');
    expect(text).toContain('在符合硬约束的方案中，方案一“水务并入生态环境”');
    for (const title of ['表1 主要指标对比', '表2 硬约束', '表3 解决和新增的问题', '表4 涉及人员'])
      expect(text).toContain(title);
    expect(text).toContain('3→4（+1），限额3');
    expect(text).toContain('王水清');
    // the report's page: A4 with the 公文 margins and the 22-line grid, page numbers in the footers
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:docGrid [^>]*w:linePitch="579"/);
    expect(Object.keys(zip.files).some((f) => /footer\d*\.xml$/.test(f))).toBe(true);
  });

  it('Given one scenario, or one that another drafter keeps private When exported Then refused in Chinese', async () => {
    await expect(exportScenarioComparison(ctx, [merge], 'xlsx')).rejects.toThrow(/2至4个/);
    await expect(exportScenarioComparison(as('lisi', 'operator'), [merge, moveQuota], 'docx')).rejects.toThrow(
      /不存在/,
    );
  });
});
