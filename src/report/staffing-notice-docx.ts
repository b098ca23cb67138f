/**
 * 用编核准通知单 as a 公文 (.docx, GB/T 9704-2012): 发文机关标志, 发文字号 over the red 分隔线, 标题, 主送机关, 正文
 * (the vacancy as checked, what is approved, the validity), 署名 and 成文日期, and the 版记 with 抄送 to the 组织,
 * 人社 and 财政 departments, which recruit on it and pay only on a recorded 入编. Pure: the model in, the file out.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { chineseDate } from '../domain/chinese-text.js';
import { defaultIssuer } from './report-layout.js';
import {
  blank,
  body,
  docNumberLine,
  gongwenSection,
  gongwenStyles,
  issuerMark,
  signature,
  versionNote,
} from './gongwen-docx.js';

export interface StaffingNoticeModel {
  districtName: string;
  docNumber: string;
  institutionName: string;
  categoryLabel: string;
  count: number;
  channelLabel: string;
  reason: string;
  approvedOn: string;
  expiresOn: string;
  /** 出一进一: approved on the leavers of the window, the unit being at full quota. */
  replacement: boolean;
  replacementMonths: number;
  /** The figures the approval was checked against (before it took its places); absent when not recorded. */
  figures?: { approved: number; actual: number; reserved: number };
}

/** The notice's title and paragraphs as text (what the .docx says; the tests read them back). */
export function staffingNoticeText(m: StaffingNoticeModel) {
  const f = m.figures;
  const checked = f
    ? `经核查，截至${chineseDate(m.approvedOn)}，你单位核定${m.categoryLabel}${f.approved}名，实有${f.actual}名，` +
      `已核准待入编${f.reserved}名，可用空编${Math.max(0, f.approved - f.actual - f.reserved)}名。`
    : '';
  const replacement = m.replacement
    ? `你单位${m.categoryLabel}已满编，按照出一进一的原则，以近${m.replacementMonths}个月减员腾出的编制予以补充。`
    : '';
  return {
    title: `关于核准${m.institutionName}使用${m.categoryLabel}的通知`,
    addressee: `${m.institutionName}：`,
    paragraphs: [
      `你单位用编申请收悉。${checked}${replacement}`,
      `经研究，同意你单位使用${m.categoryLabel}${m.count}名，补充渠道为${m.channelLabel}。` +
        `所核编制自核准之日起占用，专项用于本次补充人员，不得挪作他用。用编理由：${m.reason.replace(/[。；;.\s]+$/u, '')}。`,
      `本通知有效期至${chineseDate(m.expiresOn)}。请在有效期内按规定程序办理人员招录（聘）手续，` +
        `人员入编时注明本通知文号；逾期未使用的，本通知自行失效，所占编制同时释放。`,
    ],
    copiesTo: [`${m.districtName}委组织部`, `${m.districtName}人力资源和社会保障局`, `${m.districtName}财政局`],
    printedBy: `${m.districtName}委编办`,
  };
}

export async function renderStaffingNoticeDocx(m: StaffingNoticeModel): Promise<Buffer> {
  const t = staffingNoticeText(m);
  const issuer = defaultIssuer(m.districtName);
  const date = chineseDate(m.approvedOn);
  const doc = new Document({
    title: t.title,
    creator: issuer,
    styles: gongwenStyles('word'),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        ...gongwenSection('word'),
        children: [
          issuerMark(issuer),
          blank(),
          docNumberLine(m.docNumber),
          blank(),
          new Paragraph({ style: 'ReportTitle', children: [new TextRun(t.title)] }),
          blank(),
          new Paragraph({ children: [new TextRun(t.addressee)] }),
          ...t.paragraphs.map((p) => body(p)),
          blank(),
          ...signature(issuer, date),
          blank(),
          blank(),
          ...versionNote(t.copiesTo, t.printedBy, date),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
