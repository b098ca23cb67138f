import { describe, expect, it } from 'vitest';
import { matchHeaders, parseDate, rosterRecordSchema } from './records.js';
import { codeFromLabel, institutionKindLabels, normalizePowerCategory } from './vocabulary.js';

describe('cells', () => {
  it('Given dates in the forms found in real files When parsed Then they become YYYY-MM-DD, and impossible dates are refused', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2024/3/5')).toBe('2024-03-05');
    expect(parseDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseDate('20240305')).toBe('2024-03-05');
    expect(parseDate('2024.03')).toBe('2024-03-01');
    expect(parseDate('3/5/2024')).toBeNull();
  });
  it('Given labels or codes When mapped Then both are accepted and unknown text is not', () => {
    expect(codeFromLabel(institutionKindLabels, '事业单位')).toBe('public_institution');
    expect(codeFromLabel(institutionKindLabels, 'gov_dept')).toBe('gov_dept');
    expect(codeFromLabel(institutionKindLabels, '企业')).toBeUndefined();
    expect(codeFromLabel(institutionKindLabels, 'toString')).toBeUndefined();
    expect(normalizePowerCategory('行政审批')).toBe('行政许可');
    expect(normalizePowerCategory('行政 处罚')).toBe('行政处罚');
  });
  it('Given a roster row with a future start date and a bad ID When validated Then each column has its Chinese reason', () => {
    const r = rosterRecordSchema({ today: '2026-11-27' }).safeParse({
      name: '张三',
      idNumber: '110105194912310021',
      institution: '区财政局',
      category: '行政编制',
      startOn: '2027-01-01',
    });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byPath.idNumber).toMatch(/校验位/);
    expect(byPath.startOn).toMatch(/晚于今天/);
  });
});

describe('headers', () => {
  it('Given real 权责清单 headers When matched Then synonyms map to keys and missing required columns are named', () => {
    const m = matchHeaders('duties', ['序号', '行使主体', '权力类型', '权责事项名称', '设定依据']);
    expect(m.keys).toEqual([undefined, 'institution', 'category', 'title', 'legalBasis']);
    expect(m.missing).toEqual([]);
    const bad = matchHeaders('roster', ['姓名', '身份证号', '单位名称']);
    expect(bad.missing.map((c) => c.header)).toEqual(['编制类别', '入编时间']);
  });
});
