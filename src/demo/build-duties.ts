/**
 * Duties: 三定 main duties from the catalogs and the 权责清单 expanded from seed groups, with wording varied by
 * template so that items sharing only the shape of government work (…的处罚, 对…的监督检查) are plentiful — the
 * near-miss negatives an overlap detector must not take for overlaps.
 */
import type { DutyRecord } from '../domain/records.js';
import type { PowerCategory } from '../domain/vocabulary.js';
import { localPowers, localSanding, type LocalSpec } from './catalog-local.js';
import { coordinationBodies } from './catalog-party.js';
import { powerGroupsA, type PowerGroup } from './catalog-powers-a.js';
import { powerGroupsA2 } from './catalog-powers-a2.js';
import { powerGroupsB } from './catalog-powers-b.js';
import { approvalLicences, powerGroupsB2 } from './catalog-powers-b2.js';
import { powerGroupsC } from './catalog-powers-c.js';
import { plan } from './plan.js';
import type { Rng } from './random.js';
import { chineseNumber, sandingDuty, streamFor, type DeptSpec, type PublicSpec } from './spec.js';

const categoryCodes: Record<PowerCategory, string> = {
  行政许可: 'XK',
  行政处罚: 'CF',
  行政强制: 'QZ',
  行政征收: 'ZS',
  行政给付: 'JF',
  行政检查: 'JC',
  行政确认: 'QR',
  行政奖励: 'JL',
  行政裁决: 'CJ',
  其他行政权力: 'QT',
  公共服务: 'GG',
};

/** `事项@领域` → [事项, 领域]. */
function split(item: string, domain: string): [string, string] {
  const at = item.indexOf('@');
  return at < 0 ? [item, domain] : [item.slice(0, at), item.slice(at + 1)];
}

const stopBigrams = new Set(['管理', '监督', '规定', '经营', '单位', '企业', '行政', '情况', '违法', '未按', '按规']);

function lawCore(law: string): string {
  return law
    .split(':')[0]!
    .replace(/^中华人民共和国/, '')
    .replace(/(实施细则|实施条例|管理条例|管理办法|暂行办法|管理规定|条例|办法|规定|法)$/, '');
}

/**
 * The law an item cites: the one whose name shares most words with the item (医疗器械… → 医疗器械监督管理条例), else
 * the one at the item's place in an explicit list (catalogs list items in the order of their laws), else any.
 */
function lawFor(rng: Rng, laws: string[], item: string, place?: [number, number]): string {
  let best: string | undefined;
  let bestScore = 0;
  for (const law of laws) {
    const core = lawCore(law);
    let score = 0;
    for (let i = 0; i + 1 < item.length; i++) {
      const bigram = item.slice(i, i + 2);
      if (!stopBigrams.has(bigram) && core.includes(bigram)) score++;
    }
    if (score > bestScore) [best, bestScore] = [law, score];
  }
  if (best) return best;
  if (place) return laws[Math.min(laws.length - 1, Math.floor((place[0] * laws.length) / place[1]))]!;
  return rng.pick(laws);
}

function basis(rng: Rng, laws: string[], item: string, place?: [number, number]): string {
  const cite = (law: string) => {
    const [name, n] = law.split(':') as [string, string];
    const max = Number(n);
    return `《${name}》第${chineseNumber(rng.int(Math.min(8, max), max))}条`;
  };
  return cite(lawFor(rng, laws, item, place));
}

const punishTexts = [
  (x: string) => `${x}的，责令改正，给予警告，可以并处罚款；情节严重的，依法从重处罚。`,
  (x: string) => `对${x}的违法行为，依法责令限期改正，没收违法所得，并处罚款。`,
  (x: string) => `查处${x}的违法行为，依法作出行政处罚决定。`,
  (x: string) => `${x}的，由主管部门责令停止违法行为，处以罚款；拒不改正的，依法责令停业整顿。`,
];
const inspectTexts = [
  (x: string) => `依法对${x}执行有关法律法规和标准的情况实施监督检查，发现问题责令整改。`,
  (x: string) => `按照“双随机、一公开”要求对${x}开展日常检查和专项检查。`,
  (x: string) => `对${x}开展监督检查，依法查处检查中发现的违法行为。`,
];

function itemText(rng: Rng, category: PowerCategory, object: string): string {
  switch (category) {
    case '行政处罚':
      return rng.pick(punishTexts)(object);
    case '行政检查':
      return rng.pick(inspectTexts)(object);
    case '行政许可':
      return `对申请人提交的${object}申请材料进行审查，符合法定条件的依法作出准予许可决定。`;
    case '行政强制':
      return `在执法中依法${object}，并制作现场笔录。`;
    case '行政给付':
      return `对符合条件的对象审核后办理${object}。`;
    case '行政征收':
      return `依法办理${object}，按规定标准计征。`;
    default:
      return `依据有关法律法规办理${object}事项。`;
  }
}

interface ItemSink {
  push(
    institution: string,
    category: PowerCategory,
    title: string,
    object: string,
    domain: string,
    laws: string[],
    place?: [number, number],
  ): void;
}

function punishTitle(rng: Rng, x: string): string {
  return rng.chance(0.25) ? `对${x}行为的行政处罚` : `对${x}的处罚`;
}

function inspectTitle(rng: Rng, x: string): string {
  if (/(检查|巡查|夜查|监督)$/.test(x)) return x;
  return rng.chance(0.4) ? `对${x}的行政检查` : `对${x}的监督检查`;
}

function expandGroup(rng: Rng, g: PowerGroup, holder: string, sink: ItemSink) {
  const put = (category: PowerCategory, raw: string, title: (x: string) => string, place?: [number, number]) => {
    const [x, domain] = split(raw, g.domain);
    sink.push(holder, category, title(x), x, domain, g.laws, place);
  };
  for (const s of g.subjects ?? []) {
    for (const a of g.acts ?? []) put('行政处罚', `${s}${a}`, (x) => punishTitle(rng, x));
    put('行政检查', s, (x) => inspectTitle(rng, x));
    for (const a of g.aspects ?? []) put('行政检查', `${s}${a}`, (x) => `对${x}的监督检查`);
  }
  const punish = g.punish ?? [];
  punish.forEach((p, i) => put('行政处罚', p, (x) => punishTitle(rng, x), [i, punish.length]));
  for (const i of g.inspect ?? []) put('行政检查', i, (x) => inspectTitle(rng, x));
  const plain: [PowerCategory, string[] | undefined][] = [
    ['行政许可', g.license],
    ['行政强制', g.force],
    ['行政征收', g.levy],
    ['行政给付', g.pay],
    ['行政确认', g.confirm],
    ['行政奖励', g.reward],
    ['行政裁决', g.adjudicate],
    ['其他行政权力', g.other],
    ['公共服务', g.service],
  ];
  for (const [category, items] of plain) for (const it of items ?? []) put(category, it, (x) => x);
}

const licenceCases = ['新办', '变更', '延续', '注销'];

export interface DutyInput {
  seed: number;
  planted: boolean;
  regionCode: string;
  depts: DeptSpec[];
  publics: PublicSpec[];
  locals: LocalSpec[];
  /** Names of the institutions that exist (groups of absent holders are dropped). */
  present: Set<string>;
}

export function buildDuties(input: DutyInput): DutyRecord[] {
  const { seed, planted } = input;
  const sanding: DutyRecord[] = [];
  const power: DutyRecord[] = [];
  const skipAll = (name: string) => planted && name === plan.noDuties;
  const skipSanding = (name: string) => skipAll(name) || (planted && name === plan.noSanding);

  for (const d of input.depts) {
    if (skipSanding(d.name)) continue;
    const lines = [...d.sanding, ...((planted ? d.planted : d.clean) ?? [])];
    sanding.push(...lines.map((l) => sandingDuty(d.name, l)));
  }
  for (const c of coordinationBodies) {
    if (input.present.has(c.name)) sanding.push(...c.sanding.map((l) => sandingDuty(c.name, l)));
  }
  for (const l of input.locals) sanding.push(...localSanding(l).map((line) => sandingDuty(l.name, line)));
  for (const p of input.publics) sanding.push(...p.sanding.map((l) => sandingDuty(p.name, l)));

  const serial = new Map<string, number>();
  const index = new Map([...input.present].map((n, i) => [n, i + 1]));
  const institutionIndex = (name: string) => index.get(name) ?? 0;
  const sink: ItemSink = {
    push(institution, category, title, object, domain, laws, place) {
      if (skipAll(institution) || !input.present.has(institution)) return;
      const rng = streamFor(seed, `duty:${institution}:${title}`);
      const n = (serial.get(institution) ?? 0) + 1;
      serial.set(institution, n);
      power.push({
        institution,
        source: 'power_list',
        category,
        title,
        text: itemText(rng, category, object),
        legalBasis: basis(rng, laws, object, place),
        domains: [domain],
        role: 'lead',
        itemCode: `${input.regionCode}-${categoryCodes[category]}-${String(institutionIndex(institution)).padStart(3, '0')}-${String(n).padStart(3, '0')}`,
      });
    },
  };

  for (const g of [...powerGroupsA, ...powerGroupsA2, ...powerGroupsB, ...powerGroupsB2, ...powerGroupsC]) {
    const holder = planted && g.plantedHolder ? g.plantedHolder : g.holder;
    expandGroup(streamFor(seed, `group:${g.holder}:${g.domain}:${g.laws[0]}`), g, holder, sink);
  }

  // 行政审批服务局: licences split per case as the provincial lists do
  const approvals = streamFor(seed, 'approvals');
  for (const raw of approvalLicences) {
    const [name, domain] = split(raw, '政务服务');
    const cases = approvals.chance(0.7) ? licenceCases.slice(0, approvals.int(2, 4)) : [''];
    for (const c of cases) {
      const title = c ? `${name}（${c}）` : name;
      sink.push('区行政审批服务局', '行政许可', title, name, domain, ['中华人民共和国行政许可法:83']);
    }
  }
  for (const s of ['工程建设项目审批代办服务', '企业开办一窗通办服务', '政务服务事项咨询', '“跨省通办”事项受理']) {
    sink.push('区行政审批服务局', '公共服务', s, s, '政务服务', ['优化营商环境条例:72']);
  }

  // 乡镇(街道) 赋权清单: the same list everywhere, as the province issues it
  for (const l of input.locals) {
    for (const [category, title, domain, legal, townOnly] of localPowers) {
      if (townOnly && l.kind !== 'township') continue;
      const rng = streamFor(seed, `local:${l.name}:${title}`);
      const n = (serial.get(l.name) ?? 0) + 1;
      serial.set(l.name, n);
      power.push({
        institution: l.name,
        source: 'power_list',
        category,
        title,
        text: itemText(rng, category, title),
        legalBasis: legal,
        domains: [domain],
        role: 'lead',
        itemCode: `${input.regionCode}-${categoryCodes[category]}-${String(institutionIndex(l.name)).padStart(3, '0')}-${String(n).padStart(3, '0')}`,
      });
    }
  }
  return [...sanding, ...power];
}
