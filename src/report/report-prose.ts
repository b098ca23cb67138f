/**
 * Findings as the report's prose: each diagnostic code has its own framing (how the seed report would introduce the
 * evidence and what it leads to), around the finding's own title, numbers and evidence. Pure.
 */
import type { DiagnosticCode, Evidence, Finding } from '../analysis/finding.js';
import { quotaCategoryLabels, institutionKindLabels } from '../domain/vocabulary.js';

interface CodeProse {
  /** Leads into the evidence ("从职责表述看"). */
  intro: string;
  /** What the problem leads to, in the seed's words. */
  effect: string;
  /** Quote text evidence (duty wording) rather than paraphrase it (profiles such as "经济类型:工业强镇;…"). */
  quote: boolean;
}

export const codeProse: Record<DiagnosticCode, CodeProse> = {
  TOWNSHIP_TEMPLATE: {
    intro: '从各乡镇情况看',
    effect: '现行设置模式没有因地制宜考虑各乡镇特色和发展定位,机构设置与实际运行存在"两张皮"现象',
    quote: false,
  },
  LIVELIHOOD_GAP: {
    intro: '从保障水平看',
    effect: '机构编制保障与民生需求不相匹配,公共服务供给能力不足',
    quote: false,
  },
  HOSTED_MISMATCH: {
    intro: '从职责看',
    effect: '挂靠关系与职责相距甚远,"错位混搭"设置影响工作效率',
    quote: false,
  },
  ENFORCEMENT_SCATTERED: {
    intro: '从执法事项看',
    effect: '条块管理、各自为政,多头执法、重复执法并存,执法综合效应大打折扣',
    quote: false,
  },
  OVER_CAP: { intro: '从机构数量看', effect: '机构限额管理的刚性约束没有落实到位', quote: false },
  DUTY_OVERLAP: {
    intro: '从职责表述看',
    effect: '职责交叉重叠,在具体执行中缺乏明确的责任划分,容易出现推诿扯皮、"九龙治水"的局面',
    quote: true,
  },
  DOMAIN_FRAGMENTED: {
    intro: '从牵头职责看',
    effect: '同一领域多头牵头、缺乏统筹,难以形成工作合力',
    quote: true,
  },
  DUTY_TOO_BROAD: {
    intro: '从职责与人员看',
    effect: '承担的任务过多过杂,难以集中精力解决核心问题,资源分散',
    quote: true,
  },
  DOMAIN_UNCOVERED: {
    intro: '从现有职责看',
    effect: '新兴领域职能配置滞后,不能完全适应快速发展的形势',
    quote: true,
  },
  VAGUE_DUTY: {
    intro: '从职责表述看',
    effect: '职责表述模糊、责任主体不明,容易造成工作落空',
    quote: true,
  },
  STAFF_WORKLOAD: {
    intro: '从工作量看',
    effect: '编制配备与实际工作需求不匹配,有的单位任务繁重、人员长期超负荷运转,有的单位人员相对闲置',
    quote: false,
  },
  OVER_QUOTA: { intro: '从编制使用看', effect: '超编进人,编制管理的刚性约束不强', quote: false },
  VACANT_QUOTA: { intro: '从编制使用看', effect: '编制资源长期闲置,未能发挥应有效益', quote: false },
  MIXED_QUOTA: { intro: '从人员编制类别看', effect: '编制混用、挤占,编制使用范围不规范', quote: false },
  LEADERSHIP_EXCESS: { intro: '从领导职数看', effect: '超职数配备领导,职数管理不够严格', quote: false },
  PROFESSIONAL_SHORTAGE: {
    intro: '从人员构成看',
    effect: '专业人才匮乏,制约了单位整体业务水平的提升',
    quote: false,
  },
  AGEING: {
    intro: '从年龄结构看',
    effect: '干部队伍年龄结构老化,梯次配备不合理,面临断档风险,缺乏活力',
    quote: false,
  },
  DATA_QUALITY: {
    intro: '从数据情况看',
    effect: '机构编制基础数据不完整,职责底数不清,影响管理和决策的科学性',
    quote: false,
  },
};

/** At most this many pieces of evidence per finding in the prose; all of it stays in the data behind the report. */
const maxEvidence = 4;
const maxQuote = 60;

const trimEnd = (s: string) => s.trim().replace(/[。;；,，]+$/u, '');

export function clip(text: string, max = maxQuote): string {
  const chars = [...trimEnd(text)];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max).join('')}……`;
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

function evidenceText(e: Exclude<Evidence, { kind: 'law' }>, quote: boolean): string {
  if (e.kind === 'number') return `${e.institution ?? ''}${e.label}${formatNumber(e.value)}${e.unit ?? ''}`;
  // a list of institutions as the holder reads badly; the text then speaks for itself
  const holder = e.institution.includes('、') ? '' : e.institution;
  if (quote) return `${holder}"${clip(e.text)}"`;
  return holder ? `${holder}(${clip(e.text).replace(/[;；]/g, ',')})` : clip(e.text);
}

function lawText(e: Extract<Evidence, { kind: 'law' }>): string {
  // 第二十六条's items are cases ("…的"), the other articles are rules
  return e.text.endsWith('的')
    ? `属于《${e.law}》${e.article}所列"${trimEnd(e.text)}"的情形`
    : `不符合《${e.law}》${e.article}"${trimEnd(e.text)}"的规定`;
}

/**
 * One paragraph per finding: its title (institutions and numbers), the evidence that bears it out, what it leads to,
 * and the article it offends. Numbers already in the title are not repeated.
 */
export function findingProse(f: Finding): string {
  const p = codeProse[f.code];
  const title = trimEnd(f.title);
  const facts = f.evidence
    .filter((e): e is Exclude<Evidence, { kind: 'law' }> => e.kind !== 'law')
    .filter((e) => e.kind !== 'number' || !title.includes(formatNumber(e.value)))
    .slice(0, maxEvidence)
    .map((e) => evidenceText(e, p.quote));
  const lawsCited = f.evidence.filter((e): e is Extract<Evidence, { kind: 'law' }> => e.kind === 'law');
  const parts = [`${title}。`];
  // every institution the finding concerns is named, even when its title only counts them
  const unnamed = f.institutions.map((i) => i.name).filter((n) => !title.includes(n));
  if (unnamed.length)
    parts.push(`涉及${unnamed.slice(0, 6).join('、')}${unnamed.length > 6 ? `等${unnamed.length}个单位` : ''}。`);
  if (facts.length) parts.push(`${p.intro},${facts.join(';')}。`);
  parts.push(`${p.effect}。`);
  if (lawsCited.length) parts.push(`上述情况${lawsCited.map(lawText).join(',')}。`);
  return parts.join('');
}

const measureLabels: Record<string, string> = {
  approved: '核定',
  actual: '实有',
  vacant: '空编',
  over: '超编',
  excess: '超出',
  holders: '实配',
  staff: '实有人员',
  people: '人数',
  category: '编制类别',
  level: '级别',
  postClass: '职数类别',
  kind: '机构类别',
  domain: '领域',
  sector: '领域',
  similarity: '最高相似度',
  meanSimilarity: '平均相似度',
  institutions: '涉及单位数',
  duties: '事项数',
  units: '单位数',
  items: '事项数',
  share: '占比',
  vacantShare: '空编率',
  threshold: '标准',
  meanAge: '平均年龄',
  retiring: '5年内退休',
  perPerson: '人均工作量',
  peerMedian: '同类中位数',
  ratio: '与中位数之比',
  domains: '领域数',
  cap: '限额',
  partyGovCount: '党政机构数',
  needed: '所需编制',
  shortfall: '缺口',
  quota: '编制',
};

const measureValue = (key: string, v: number | string): string => {
  if (typeof v === 'number') return formatNumber(v);
  if (key === 'category' && v in quotaCategoryLabels) return quotaCategoryLabels[v as keyof typeof quotaCategoryLabels];
  if (key === 'kind' && v in institutionKindLabels)
    return institutionKindLabels[v as keyof typeof institutionKindLabels];
  if (key === 'postClass') return v === 'admin' ? '行政类' : v === 'public_service' ? '事业类' : v;
  return clip(v, 30);
};

/** A finding's measured values for the appendix table, with Chinese labels where there is one. */
export function measuresText(measures: Finding['measures'], max = 6): string {
  return Object.entries(measures)
    .slice(0, max)
    .map(([k, v]) => `${measureLabels[k] ?? k}:${measureValue(k, v)}`)
    .join(';');
}

/**
 * Typesets the plain-ASCII punctuation that findings and templates use into the full-width forms of an official
 * document: ,;:() and straight double quotes as “…” pairs. Decimal points and hyphens in dates stay.
 */
export function typeset(text: string): string {
  let open = true;
  return text
    .replace(/,(?!\d{3}\b)/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/"/g, () => {
      const q = open ? '“' : '”';
      open = !open;
      return q;
    });
}
