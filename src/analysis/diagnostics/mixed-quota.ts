/** MIXED_QUOTA: people on a quota category their institution's kind may not use (混用、挤占, 条例第十五条). */
import {
  allowedQuotaCategories,
  institutionKindLabels,
  quotaCategoryLabels,
  type QuotaCategory,
} from '../../domain/vocabulary.js';
import { defineDiagnostic, finding, type Diagnostic, type Finding } from '../finding.js';
import { laws } from '../laws.js';
import { activeInstitutions } from '../snapshot.js';

const labelOf = (category: string) => quotaCategoryLabels[category as QuotaCategory] ?? category;

/** Severity: always high — the 条例 forbids it outright, whatever the number of people. */
export const findMixedQuota: Diagnostic = (s) => {
  const active = new Map(activeInstitutions(s).map((i) => [i.id, i]));
  const groups = new Map<string, { institutionId: string; category: string; count: number; posts: Set<string> }>();
  for (const p of s.people) {
    const inst = active.get(p.institutionId);
    if (!inst) continue;
    if ((allowedQuotaCategories[inst.kind] as readonly string[]).includes(p.category)) continue;
    const key = `${inst.id}|${p.category}`;
    const g = groups.get(key) ?? { institutionId: inst.id, category: p.category, count: 0, posts: new Set<string>() };
    g.count++;
    if (p.post) g.posts.add(p.post);
    groups.set(key, g);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const inst = active.get(g.institutionId)!;
    const label = labelOf(g.category);
    const allowed = allowedQuotaCategories[inst.kind];
    const allowedText = allowed.length ? allowed.map(labelOf).join('、') : '不单独核定编制';
    const own = s.registry.quotas.get(`${inst.id}|${g.category}`) ?? 0;
    out.push(
      finding('MIXED_QUOTA', {
        severity: 'high',
        title: `${inst.name}(${institutionKindLabels[inst.kind]})有${g.count}名${label}人员，该类机构只能使用${allowedText}，编制混用、挤占`,
        institutions: [{ id: inst.id, name: inst.name }],
        measures: { category: g.category, people: g.count, kind: inst.kind, approvedOfCategory: own },
        evidence: [
          { kind: 'number', label: `${label}人员`, value: g.count, unit: '人', institution: inst.name },
          {
            kind: 'text',
            institutionId: inst.id,
            institution: inst.name,
            text: `机构类别：${institutionKindLabels[inst.kind]}；可使用编制：${allowedText}${g.posts.size ? `；所任职务：${[...g.posts].slice(0, 5).join('、')}` : ''}`,
          },
          { kind: 'law', ...laws.quotaCategories },
          { kind: 'law', ...laws.mixedQuota },
        ],
        measure:
          `清理规范${inst.name}混编混岗：${g.count}名${label}人员限期回到核定${label}的单位，或按规定程序转换身份、办理划转；` +
          `整改到位前暂停该单位进人，今后严格按编制类别使用编制，行政机构用行政编制、事业单位用事业编制，不得混用、挤占、挪用。`,
      }),
    );
  }
  return out;
};

export const mixedQuotaDiagnostic = defineDiagnostic({
  code: 'MIXED_QUOTA',
  section: '人员结构',
  label: '编制混用、挤占',
  severity: 'always high: the 条例 forbids it outright, whatever the number of people.',
  effect: '编制使用范围不规范，影响编制管理的严肃性',
  thresholds: {},
  find: findMixedQuota,
});
