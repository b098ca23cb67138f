import { describe, expect, it } from 'vitest';
import {
  dutyRecord,
  importKinds,
  importTemplateFileName,
  indicatorRecord,
  institutionRecord,
  matchHeaders,
  parseDate,
  parseRecord,
  postRecord,
  rosterRecord,
} from './records.js';
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
    const r = parseRecord(rosterRecord({ today: '2026-11-27' }), {
      name: '张三',
      idNumber: '110105194912310021',
      institution: '区财政局',
      category: '行政编制',
      startOn: '2027-01-01',
    });
    expect(r.ok).toBe(false);
    const byKey = Object.fromEntries(!r.ok ? r.issues.map((i) => [i.key, i.reason]) : []);
    expect(byKey.idNumber).toMatch(/校验位/);
    expect(byKey.startOn).toMatch(/晚于今天/);
    expect(Object.keys(byKey)).toEqual(['idNumber', 'startOn']);
  });
});

describe('record definitions', () => {
  const today = { today: '2026-11-27' };
  it('Given a valid roster row with labels, padding and blanks When parsed Then values are typed, trimmed, and blanks are absent', () => {
    const r = parseRecord(rosterRecord(today), {
      name: ' 李四 ',
      idNumber: '11010519491231002x',
      gender: '女',
      birthDate: '1949/12/31',
      institution: '区财政局',
      category: '事业编制',
      startOn: '2020年3月1日',
      leadershipLevel: '',
      postClass: '事业类',
    });
    expect(r).toEqual({
      ok: true,
      record: {
        name: '李四',
        idNumber: '11010519491231002X',
        gender: '女',
        birthDate: '1949-12-31',
        institution: '区财政局',
        category: 'public_service',
        startOn: '2020-03-01',
        postClass: 'public_service',
      },
    });
  });
  it('Given blank required cells and values outside their lists When parsed Then every cell names its own Chinese reason', () => {
    const r = parseRecord(postRecord(), { institution: '  ', level: '正部', postClass: '', approved: '-1' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toEqual([
      { key: 'institution', reason: '不能为空' },
      { key: 'level', reason: '职级应为:正处/副处/正科/副科' },
      { key: 'postClass', reason: '不能为空' },
      { key: 'approved', reason: '不能为负数(-1)' },
    ]);
    const inst = parseRecord(institutionRecord(today), {
      name: 'x'.repeat(101),
      kind: '企业',
      civilServiceManaged: '也许',
    });
    expect(!inst.ok && inst.issues.map((i) => i.key)).toEqual(['name', 'kind', 'civilServiceManaged']);
    expect(!inst.ok && inst.issues[1]!.reason).toMatch(/^机构类别"企业"无效,应为:党委部门/);
  });
  it('Given rules across cells When only the cells are valid Then the record is still refused, with the rule on its column', () => {
    const duty = parseRecord(dutyRecord(today), { institution: '区市场监管局', title: '食品经营许可' });
    expect(duty).toMatchObject({ ok: false, issues: [{ key: 'category', reason: '权责清单事项必须填写事项类型' }] });
    const sanding = parseRecord(dutyRecord(today), {
      institution: '区市场监管局',
      title: '负责食品安全监管',
      source: '三定规定',
    });
    expect(sanding.ok && sanding.record).toMatchObject({ source: 'sanding', role: 'lead', domains: [] });
    const ind = parseRecord(indicatorRecord(today), { year: '2025', indicator: '常住人口' });
    expect(ind).toMatchObject({ ok: false, issues: [{ key: 'value', reason: '数值和文字值不能同时为空' }] });
    expect(parseRecord(indicatorRecord(today), { year: '2027', indicator: '常住人口', value: '1' }).ok).toBe(false);
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

describe('template file names', () => {
  it('Given every import kind Then its template is named once, without repeated words or brackets', () => {
    const names = importKinds.map(importTemplateFileName);
    expect(names).toContain('机构编制模板.xlsx');
    expect(new Set(names).size).toBe(importKinds.length);
    for (const n of names) expect(n).toMatch(/^[\u4e00-\u9fa5与]+模板\.xlsx$/);
    expect(names.join()).not.toMatch(/机构编制机构编制|领导职数模板/);
  });
});
