/**
 * Segmentation of duty texts into weighted-to-be terms: jieba in search mode (so 地下水位 also yields 地下水), a domain
 * user dictionary (排水管网, 违法建设…), a stop list of the shape of government work, and concept classes that let
 * different names of one kind of object meet (土地/水域/草原/林地 are all 自然资源 to be registered).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { crossCuttingWords, isGenericAction, objectsIn, withoutSectoralClauses } from '../thesaurus.js';

/** Words jieba splits badly in duty texts; kept whole so an overlap is shown as the phrase people use. */
export const userWords = [
  '排水管网',
  '污水管网',
  '雨水管网',
  '违法建设',
  '违章搭建',
  '违章建筑',
  '公共停车场',
  '停车秩序',
  '确权登记',
  '不动产登记',
  '水质监测',
  '水文监测',
  '地下水',
  '地下水监测',
  '地表水',
  '道路运输',
  '交通运输',
  '城市管理',
  '防汛抗旱',
  '森林防火',
  '地质灾害',
  '自然灾害',
  '面源污染',
  '排污许可',
  '排水许可',
  '规划许可',
  '建设工程规划许可证',
  '河道管理',
  '农业灌溉',
  '噪声污染',
  '养老服务',
  '学前教育',
  '数字经济',
  '人工智能',
  '安全生产',
];

/**
 * The shape of government work: verbs of holding and doing, scope words, and the fixed phrases of 权责清单 templates
 * (…责令改正…罚款; 依法对…实施监督检查). Domain verbs and objects (监测、登记、确权、执法、许可, and what is monitored,
 * registered or enforced) are deliberately absent.
 */
export const stopWords = new Set(
  (
    '负责 承担 组织 实施 组织实施 其他 全区 全县 全市 本区 区 区域 辖区 城区 工作 有关 相关 依法 依照 按照 根据 规定 开展 落实 做好 加强 推进 ' +
    '推动 指导 协调 配合 参与 协助 统筹 牵头 健全 完善 制定 拟订 起草 贯彻 执行 方针 政策 法律 法规 法律法规 规章 标准 ' +
    '情况 问题 发现 整改 责令 改正 限期 警告 并处 罚款 处以 处罚 从重 情节 严重 情节严重 没收 违法所得 作出 决定 行政处罚 ' +
    '停止 拒不 停业 整顿 停业整顿 主管 主管部门 部门 双随机 随机 一公开 公开 日常 专项 日常检查 专项检查 检查 监督检查 查处 ' +
    '违法 违法行为 行为 申请人 申请 提交 材料 申请材料 审查 符合 法定 条件 法定条件 准予 许可决定 现场 笔录 现场笔录 制作 ' +
    '审核 办理 计征 事项 依据 对象 要求 承办 交办 任务 事务 职责 职能 范围 内 以及 及 和 与 等 的 对 在 并 或 为 由 ' +
    '其 之 中 上 下 有 是 了 将 把 所 于 向 从 按 各 各类 各项 全面 重大 重要 一般 主要 具体 本级 全县域 服务 管理 ' +
    '监督 监督管理 工作机制 机制 体系 建设 能力 水平 提高 提升 促进 保障 维护 做好 负责同志 领导 同志 会同 ' +
    '律法 法规 符合条件 显著 成绩 显著成绩 个人 单位 企业 企业事业单位 事业单位 经营者 生产经营者 使用单位 经营单位 从业人员 人员 ' +
    '负责人 主要负责人 管理人员 机构 活动 咨询 咨询服务 政策 表彰 奖励 进行 取得 擅自 未经 按照规定 未按规定 有关部门 相应 各级 ' +
    '所需 管理工作 行政 依法查处 查处检查 其中 包括 不 未 按 规 办法 条例 实施细则 决策部署 部署 决策 研究 提出 意见 建议 方案 计划 规划 组织开展 开展工作'
  ).split(/\s+/),
);

/**
 * Concept classes: a duty about 林地 and one about 草原 are about the same kind of thing when the action is the same
 * (确权登记). The class is added as an extra term, so the original words still count.
 */
export const conceptClasses: Record<string, string[]> = {
  '#自然资源要素': [
    '土地',
    '水域',
    '岸线',
    '草原',
    '林地',
    '林木',
    '森林',
    '湿地',
    '矿产',
    '海域',
    '滩涂',
    '国有土地',
    '集体土地',
    '林权',
  ],
  '#地下水': ['地下水', '地下水位', '地下水水质', '地下水监测'],
  '#水体': ['河湖', '河道', '水库', '湖泊', '河流', '水体', '塘河'],
  '#违建': ['违法建设', '违章搭建', '违章建筑', '违建'],
  '#停车': ['停车场', '公共停车场', '停车', '停车秩序', '泊位'],
  '#排水': ['排水管网', '排水设施', '排水', '污水管网', '雨水管网', '排水许可'],
};
const conceptOf = new Map<string, string>();
for (const [c, words] of Object.entries(conceptClasses)) for (const w of words) conceptOf.set(w, c);

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // high frequency so the user word wins over the default split
    jieba.loadDict(new TextEncoder().encode(userWords.map((w) => `${w} 100000 n`).join('\n')));
  }
  return jieba;
}

/**
 * Key phrases weigh more: a named governance act on a named object (确权登记, 水质监测, 排水管网) is what makes two
 * duties the same work, while the words around it (the holder's scope, the way it is done) only colour it.
 */
export const keyPhrases = new Set(userWords.filter((w) => w.length >= 4));
export const keyPhraseBoost = 2;

const cjkOrWord = /[\u4e00-\u9fffA-Za-z]/;

const expansions = new Map<string, string[]>();

/** A long word's dictionary words at its start or end (地下水位 → 地下水, 水位): never a middle fragment like 下水. */
function edgeWords(t: string): string[] {
  let e = expansions.get(t);
  if (!e) {
    e = [...new Set(segmenter().cutForSearch(t, false))].filter(
      (w) => w.length >= 2 && w !== t && (t.startsWith(w) || t.endsWith(w)) && !stopWords.has(w),
    );
    expansions.set(t, e);
  }
  return e;
}

/** Terms of one text: precise-mode words of two or more characters and their edge words, stop words dropped, concept classes added. */
export function segment(text: string): string[] {
  const out: string[] = [];
  const put = (t: string) => {
    out.push(t);
    const c = conceptOf.get(t);
    if (c) out.push(c);
  };
  for (const t of segmenter().cut(text, true)) {
    if (t.length < 2 || !cjkOrWord.test(t) || stopWords.has(t)) continue;
    put(t);
    if (t.length >= 3) for (const w of edgeWords(t)) put(w);
  }
  return out;
}

const verbs = new Map<string, boolean>();
/** Is the word a verb in jieba's dictionary (v: 处罚、毁弃、挪用; not vn: 监测、登记, which name a work as well as do it)? */
export function isVerb(word: string): boolean {
  let v = verbs.get(word);
  if (v === undefined) {
    const tags = segmenter().tag(word, false);
    v = tags.length === 1 && tags[0]!.tag === 'v';
    verbs.set(word, v);
  }
  return v;
}

/** Prefix of the thesaurus-object terms added to a duty's terms ("@污染减排"). */
export const objectPrefix = '@';

/**
 * Does a term name what the work is about (an object), rather than how it is done? Thesaurus objects and concept
 * classes do; generic verbs and shapes (明令, 毁弃, 发布, 监督管理…) and plain verbs do not. Two duties that share no
 * object term are never an overlap, however similar their verbs.
 */
export function isObjectTerm(t: string): boolean {
  if (t.startsWith(objectPrefix) || t.startsWith('#')) return true;
  return !isGenericAction(t) && !crossCuttingWords.has(t) && !isVerb(t);
}

/** Weight factor of a term: objects of the thesaurus most, key phrases more, verbs less, generic shapes least. */
export function termFactor(t: string): number {
  if (t.startsWith(objectPrefix)) return objectBoost;
  if (keyPhrases.has(t)) return keyPhraseBoost;
  if (isGenericAction(t)) return 0.3;
  if (t.startsWith('#')) return 1;
  return isVerb(t) ? 0.5 : 1;
}
export const objectBoost = 3;

/**
 * The object phrase of a 权责清单 item: its title without the category's template ("对…的处罚", "…的监督检查",
 * "…行为的行政处罚"): items are compared on what is punished or inspected, not on the template around it.
 */
export function powerItemObject(title: string): string {
  return title
    .replace(/^(对|关于)/, '')
    .replace(/(行为)?(的)?(行政处罚|处罚|行政检查|监督检查|检查|行政强制|强制措施)$/, '')
    .replace(/(行为)?的?$/, '');
}

/** Terms of a duty as compared for overlap: its words plus the thesaurus objects it names (三定 duties only). */
export function overlapTerms(text: string, withObjects = true): string[] {
  const own = withoutSectoralClauses(text);
  const t = segment(own);
  if (withObjects) for (const h of objectsIn(own)) t.push(`${objectPrefix}${h.object}`);
  return t;
}

/** The text a duty is compared on: its title and text, without repeating a title that opens the text. */
export function dutyText(d: { title: string; text: string | null }): string {
  if (!d.text) return d.title;
  return d.text.startsWith(d.title) ? d.text : `${d.title}。${d.text}`;
}
