import { describe, expect, it } from 'vitest';
import { openDocx } from '../../test/helpers/report.js';
import { mmToTwips } from './report-layout.js';
import { renderStaffingNoticeDocx, staffingNoticeText, type StaffingNoticeModel } from './staffing-notice-docx.js';

const model = (extra: Partial<StaffingNoticeModel> = {}): StaffingNoticeModel => ({
  districtName: '示范区',
  docNumber: '示编用〔2026〕15号',
  institutionName: '区民政局',
  categoryLabel: '行政编制',
  count: 2,
  channelLabel: '考录',
  reason: '补充退休减员。',
  approvedOn: '2026-11-27',
  expiresOn: '2027-05-27',
  replacement: false,
  replacementMonths: 12,
  figures: { approved: 20, actual: 17, reserved: 1 },
  ...extra,
});

const paragraphs = (document: string) =>
  [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));

describe('用编核准通知单 (.docx)', () => {
  it('Given an approval When its notice is written Then it says what was checked, what is approved and until when', () => {
    const t = staffingNoticeText(model());
    expect(t.title).toBe('关于核准区民政局使用行政编制的通知');
    expect(t.paragraphs[0]).toBe(
      '你单位用编申请收悉。经核查，截至2026年11月27日，你单位核定行政编制20名，实有17名，已核准待入编1名，可用空编2名。',
    );
    expect(t.paragraphs[1]).toContain('同意你单位使用行政编制2名，补充渠道为考录');
    expect(t.paragraphs[1]).toContain('用编理由：补充退休减员。');
    expect(t.paragraphs[2]).toMatch(/^本通知有效期至2027年5月27日/);
    // 出一进一 is said when the approval rests on it
    expect(staffingNoticeText(model({ replacement: true })).paragraphs[0]).toContain('按照出一进一的原则');
    expect(staffingNoticeText(model()).paragraphs[0]).not.toContain('出一进一');
  });

  it('Given the notice When its document is read Then it has the 公文 page, the 发文字号 over the red line, the 署名 and the 版记', async () => {
    const docx = await openDocx(await renderStaffingNoticeDocx(model()));
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(docx.document)![0];
    expect(sect).toContain(`w:top="${mmToTwips(37)}"`);
    expect(sect).toContain(`w:left="${mmToTwips(28)}"`);
    const ps = paragraphs(docx.document);
    const texts = ps.map((p) => p.text);
    expect(texts[0]).toBe('中共示范区委机构编制委员会办公室');
    expect(ps[0]!.xml).toMatch(/<w:color w:val="C00000"\/>/);
    const number = ps.find((p) => p.text === '示编用〔2026〕15号')!;
    expect(number.xml).toMatch(/<w:jc w:val="center"\/>/);
    expect(number.xml).toMatch(/<w:bottom [^>]*w:color="C00000"/);
    expect(texts).toContain('区民政局：');
    expect(texts).toContain('2026年11月27日');
    const copies = ps.find((p) => p.text.startsWith('抄送：'))!;
    expect(copies.text).toBe('抄送：示范区委组织部，示范区人力资源和社会保障局，示范区财政局。');
    expect(copies.xml).toMatch(/<w:top /);
    expect(texts.at(-1)).toMatch(/^示范区委编办\s*2026年11月27日印发$/);
    // the 署名 precedes the 版记 and the 成文日期 follows it on the next line
    const issuerAt = texts.lastIndexOf('中共示范区委机构编制委员会办公室');
    expect(issuerAt).toBeGreaterThan(0);
    expect(texts[issuerAt + 1]).toBe('2026年11月27日');
    expect(docx.styles).toContain('仿宋_GB2312');
  });
});
