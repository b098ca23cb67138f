import { describe, expect, it } from 'vitest';
import { clip } from './report-prose.js';

describe('clip: a long text shortened where a reader expects it', () => {
  it('Given a measure of several clauses When clipped Then it ends at a whole clause, not at "…人员的等"', () => {
    const measure =
      '盘活区民政局长期空编：核实1名空编的原因，确无用编需求的收回区级统筹，优先调剂到任务繁重的乡镇（街道）和养老、学前教育、新兴产业等领域；确需补充人员的，按程序报批后及时补充。';
    const short = clip(measure, 80);
    expect(short).toBe(
      '盘活区民政局长期空编：核实1名空编的原因，确无用编需求的收回区级统筹，优先调剂到任务繁重的乡镇（街道）和养老、学前教育、新兴产业等领域',
    );
    expect(short).not.toMatch(/[的和或]等$/u);
  });

  it('Given one long clause When clipped Then it is cut at a phrase and marked with 等', () => {
    const text =
      '负责全区养老服务体系建设，统筹推进居家社区机构养老服务发展，监督管理养老机构，指导老年人权益保障和老龄事业发展工作';
    expect(clip(text, 40)).toBe('负责全区养老服务体系建设，统筹推进居家社区机构养老服务发展，监督管理养老机构等');
  });

  it('Given a short text When clipped Then it is kept whole without its closing 。', () => {
    expect(clip('负责全区统计工作。', 50)).toBe('负责全区统计工作');
  });
});
