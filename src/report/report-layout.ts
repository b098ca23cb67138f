/**
 * GB/T 9704-2012《党政机关公文格式》 as numbers the docx renderer and its tests share (reference/gbt9704-2012-format.json).
 * Word measures pages in twips (1/1440 inch) and font sizes in half-points.
 */

/** mm → twips as Word does it: through points rounded to 0.1 pt (28 mm → 79.4 pt → 1588), so values match Word's own. */
export const mmToTwips = (mm: number) => Math.round(Math.round((mm / 25.4) * 72 * 10) * 2);

/** A4 (GB/T 148), 210 mm × 297 mm. */
export const page = { width: mmToTwips(210), height: mmToTwips(297) } as const;

/** 天头 37 mm, 订口 28 mm; bottom and right follow from the 156 mm × 225 mm 版心. */
export const marginsMm = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const margins = {
  top: mmToTwips(marginsMm.top),
  bottom: mmToTwips(marginsMm.bottom),
  left: mmToTwips(marginsMm.left),
  right: mmToTwips(marginsMm.right),
} as const;

/** 一般每面排22行,每行排28个字,并撑满版心. */
export const grid = { lines: 22, chars: 28 } as const;
export const textWidth = page.width - margins.left - margins.right;
export const textHeight = page.height - margins.top - margins.bottom;
/** Floor, so that 22 lines always fit the 版心 (579 twips for A4, the value official templates carry). */
export const linePitch = Math.floor(textHeight / grid.lines);

/** Chinese font sizes (字号) in points. */
export const fontSizePt = { 二号: 22, 三号: 16, 四号: 14, 五号: 10.5 } as const;
export const halfPoints = (pt: number) => Math.round(pt * 2);

/**
 * w:charSpace: (character pitch − default font size) in points × 4096. 28 characters of 3号 (16 pt) are 158 mm, wider
 * than the 156 mm 版心, so the grid squeezes each character slightly (a negative charSpace, rounded down so 28 fit).
 */
export const charSpace = Math.floor((textWidth / grid.chars / 20 - fontSizePt.三号) * 4096);

/**
 * The fonts official documents name, with what stands in for them when they are missing. Word on a 编办 machine has the
 * first names; LibreOffice on a server maps them through `fonts.conf` to the next ones.
 */
export const fonts = {
  title: { name: '方正小标宋简体', fallbacks: ['小标宋体', 'Noto Serif CJK SC'] },
  body: { name: '仿宋_GB2312', fallbacks: ['仿宋', 'FangSong', 'Noto Serif CJK SC'] },
  heading1: { name: '黑体', fallbacks: ['SimHei', 'Noto Sans CJK SC'] },
  heading2: { name: '楷体_GB2312', fallbacks: ['楷体', 'KaiTi', 'Noto Serif CJK SC'] },
  pageNumber: { name: '宋体', fallbacks: ['SimSun', 'Noto Serif CJK SC'] },
} as const;

/** Sizes in half-points, as w:sz carries them. */
export const sizes = {
  title: halfPoints(fontSizePt.二号),
  body: halfPoints(fontSizePt.三号),
  heading: halfPoints(fontSizePt.三号),
  pageNumber: halfPoints(fontSizePt.四号),
  /** Tables in the 附件 are set smaller so that their columns fit (local practice: 4号 or smaller for tables). */
  table: halfPoints(fontSizePt.四号),
  smallTable: halfPoints(fontSizePt.五号),
} as const;

/** 每个自然段左空二字: first-line indent of two characters (w:firstLineChars is in hundredths of a character). */
export const firstLineChars = 200;
export const oneCharTwips = fontSizePt.三号 * 20;

/**
 * 页码: 一字线上距版心下边缘7mm, so the footer's top sits 28 mm above the page edge; Word measures the footer distance
 * to the footer's bottom, one 4号 line lower.
 */
export const footerDistance = mmToTwips(marginsMm.bottom - 7) - Math.round(fontSizePt.四号 * 20 * 1.3);
/** 单页码居右空一字,双页码居左空一字 (one 4号 character). */
export const pageNumberIndent = fontSizePt.四号 * 20;

/** 发文机关 of the district's documents: its 编办. */
export const defaultIssuer = (districtName: string) => `中共${districtName}委机构编制委员会办公室`;
