import { describe, expect, it } from 'vitest';
import { demoSnapshot } from '../../../test/demo-snapshot.js';
import { makeSnapshot } from '../../../test/snapshot-factory.js';
import { defaultDiagnosticConfig as config } from '../config.js';
import type { ApprovalFact } from '../snapshot.js';
import { findApprovalsWithoutEvaluation } from './approval-without-evaluation.js';

const approval = (over: Partial<ApprovalFact> & { approvedOn: string }): ApprovalFact => ({
  adjustmentId: over.docNumber ?? over.approvedOn,
  docNumber: '示编〔2025〕7号',
  title: '关于调整区数据局编制的批复',
  status: 'applied',
  changes: ['quota_increase'],
  institutions: ['区数据局'],
  evaluated: false,
  ...over,
});

const district = (approvals: ApprovalFact[]) =>
  makeSnapshot({
    asOf: '2026-06-30',
    institutions: [{ name: '区数据局' }, { name: '区统计局' }, { name: '区人工智能发展中心' }],
    approvals,
  });

const texts = (f: { evidence: unknown[] }) => f.evidence.map((e) => (e as { text: string }).text);

describe('findApprovalsWithoutEvaluation', () => {
  it('Given no approved 编制事项 When diagnosed Then it is silent', () => {
    expect(findApprovalsWithoutEvaluation(district([]), config)).toEqual([]);
  });

  it('Given the demo districts When diagnosed Then the planted ones are found and the clean one (all evaluated) is silent', () => {
    const planted = demoSnapshot();
    const [f, ...rest] = findApprovalsWithoutEvaluation(planted, config);
    expect(rest).toEqual([]);
    expect(f!.institutions.map((i) => i.name).sort()).toEqual(
      [...planted.demo.manifest.find((m) => m.code === 'APPROVAL_WITHOUT_EVALUATION')!.institutions].sort(),
    );
    // evaluated: the year's three 编制事项 and the two 方案 applied, each carrying its 必要性和依据
    expect(f).toMatchObject({ severity: 'low', measures: { adjustments: 2, evaluated: 5 } });
    expect(findApprovalsWithoutEvaluation(demoSnapshot({ planted: false }), config)).toEqual([]);
  });

  it('Given a raise approved without 必要性和依据 When diagnosed Then one low finding names it, its 文号 and its date in words', () => {
    // Given
    const s = district([approval({ approvedOn: '2025-03-01' })]);
    // When
    const [f, ...rest] = findApprovalsWithoutEvaluation(s, config);
    // Then
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'APPROVAL_WITHOUT_EVALUATION', section: '管理体制', severity: 'low' });
    expect(f!.title).toBe(
      '近3年批准的涉及机构设立撤并或增加编制、领导职数的编制事项中,1件未记载必要性和依据(示编〔2025〕7号,2025年3月1日批准)',
    );
    expect(f!.institutions).toEqual([{ id: s.idOf('区数据局'), name: '区数据局' }]);
    expect(texts(f!)[0]).toContain(
      '编制事项"关于调整区数据局编制的批复"(示编〔2025〕7号)于2025年3月1日批准,内容为增加编制(涉及区数据局),未记载必要性和依据',
    );
    expect(f!.measure).toContain('《机构编制管理评估办法(试行)》');
    expect(f!.measure).not.toMatch(/第.+条/);
    expect(JSON.stringify(f)).not.toMatch(/\d{4}-\d{2}-\d{2}|quota_increase/);
  });

  it('Given renames, evaluated ones, one outside the window and one approved after the date When diagnosed Then none counts', () => {
    const s = district([
      approval({ docNumber: '示编〔2025〕1号', approvedOn: '2025-05-01', changes: [], institutions: [] }),
      approval({ docNumber: '示编〔2025〕2号', approvedOn: '2025-06-01', evaluated: true }),
      approval({ docNumber: '示编〔2023〕3号', approvedOn: '2023-06-30' }),
      approval({ docNumber: '示编〔2026〕4号', approvedOn: '2026-07-01' }),
    ]);
    expect(findApprovalsWithoutEvaluation(s, config)).toEqual([]);
    // a wider window (测算口径) takes in the older one
    const [f] = findApprovalsWithoutEvaluation(s, { ...config, evaluationWindowYears: 5 });
    expect(f!.measures).toMatchObject({ adjustments: 1, evaluated: 1, windowYears: 5 });
    expect(f!.title).toContain('示编〔2023〕3号,2023年6月30日批准');
  });

  it('Given an institution set up, or three raises, without evaluation When diagnosed Then it is medium', () => {
    const created = district([
      approval({
        approvedOn: '2025-09-01',
        changes: ['create', 'quota_increase'],
        institutions: ['区人工智能发展中心'],
      }),
    ]);
    const [f] = findApprovalsWithoutEvaluation(created, config);
    expect(f).toMatchObject({ severity: 'medium', measures: { institutional: 1 } });
    expect(texts(f!)[0]).toContain('内容为设立机构、增加编制(涉及区人工智能发展中心)');
    const three = district(
      ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10'].map((on, n) =>
        approval({ docNumber: `示编〔2025〕${n + 1}号`, approvedOn: on }),
      ),
    );
    const [g] = findApprovalsWithoutEvaluation(three, config);
    expect(g).toMatchObject({ severity: 'medium', measures: { adjustments: 4 } });
    // the title names the first three and says 等; the evidence lists all four
    expect(g!.title).toMatch(/示编〔2025〕3号,2025年3月10日批准等\)$/);
    expect(g!.title).not.toContain('4号');
    // four lines, one per 编制事项, and the 测算口径 once
    expect(g!.evidence).toHaveLength(5);
    expect(texts(g!)[4]).toBe(
      '同期同类编制事项共4件,记载了必要性和依据的0件(测算口径:2023年6月30日以后批准、涉及机构设立撤并或增加编制、领导职数的编制事项;更名、调整机构属性、修改职责、总额内划转编制和周转使用不计)',
    );
  });
});
