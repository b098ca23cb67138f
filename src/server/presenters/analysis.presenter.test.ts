import { describe, expect, it } from 'vitest';
import { finding } from '../../analysis/finding.js';
import { presentFinding } from './analysis.presenter.js';

describe('presentFinding', () => {
  it('Given a finding written with ASCII punctuation When presented Then the page gets full-width punctuation and “” pairs', () => {
    const f = finding('TOWNSHIP_TEMPLATE', {
      severity: 'high',
      title: '全部8个乡镇内设机构完全相同(均为"四办三中心"),机构设置与实际运行"两张皮"',
      institutions: [],
      measures: {},
      evidence: [],
      measure: '打破"一刀切"设置模式;分类设置',
    });
    const p = presentFinding(f, 0);
    expect(p.title).toBe('全部8个乡镇内设机构完全相同（均为“四办三中心”），机构设置与实际运行“两张皮”');
    expect(p.measure).toBe('打破“一刀切”设置模式；分类设置');
    expect(p.title).not.toMatch(/[(),;:"]/u);
  });
});
