/**
 * 综合执法 as ledger items (DESIGN §4; 深化综合行政执法体制改革): a domain's enforcement units integrated into one
 * team. The team is created; a chosen enforcement unit (its name says 执法, or everything it holds is 行政处罚/行政检查)
 * is merged into it whole, so its people, duties, quota and posts go with it; from any other chosen unit its
 * 行政处罚/行政检查 items of the domain move, with the quota the scenario states for it, and its enforcement staff
 * only (enforcementStaff). Nothing is lost: every item is a merge or a move, and the ledger refuses what would mix
 * categories or break a limit.
 */
import type { AdjustmentItem } from '../domain/ledger.js';
import { validationFailed } from '../domain/errors.js';
import type { PersonFact } from '../domain/facts.js';
import type { IntegrateEnforcement } from '../domain/scenario.js';
import { quotaCategoryLabels, type QuotaCategory } from '../domain/vocabulary.js';
import { dutyDomains } from './domains.js';
import type { DutyFact, Snapshot } from './snapshot.js';

const enforcementCategories = new Set(['行政处罚', '行政检查']);
const isEnforcement = (d: DutyFact) => d.source === 'power_list' && enforcementCategories.has(d.category ?? '');

/** A 岗位 or 内设机构 name that says enforcement: 执法队员, 执法监督科, 执法监察科, 稽查科… */
const enforcementWords = /执法|稽查/;

/**
 * Who goes with the enforcement part of a unit that is kept. The roster holds no 执法证 flag, so the rule reads what it
 * does hold: a person is enforcement staff when their 岗位 (post) or their 内设机构's name says 执法 or 稽查. When
 * nobody in the unit is so marked, the quota stated for the unit decides how many go: for each category, as many of
 * its people as the quota moved, those without a leadership post first, the most recently placed first (start date,
 * then person id: the same answer every time); the evaluation lists them, with this reason, for the user to confirm.
 */
export function enforcementStaff(
  s: Snapshot,
  institutionId: string,
  quota: { category: QuotaCategory; amount: number }[],
): { personIds: string[]; reason: string } | null {
  const people = s.people.filter((p) => p.institutionId === institutionId);
  const unitName = (p: PersonFact) => (p.unitId ? (s.registry.institutions.get(p.unitId)?.name ?? '') : '');
  const marked = people.filter((p) => enforcementWords.test(p.post ?? '') || enforcementWords.test(unitName(p)));
  if (marked.length) return { personIds: distinct(marked), reason: '岗位或内设机构为执法、稽查' };
  const chosen: PersonFact[] = [];
  for (const q of quota) {
    const ofCategory = people
      .filter((p) => p.category === q.category && !chosen.includes(p))
      .sort(
        (a, b) =>
          Number(!!a.leadershipLevel) - Number(!!b.leadershipLevel) ||
          b.startOn.localeCompare(a.startOn) ||
          a.personId.localeCompare(b.personId),
      );
    chosen.push(...ofCategory.slice(0, q.amount));
  }
  if (!chosen.length) return null;
  const told = quota.map((q) => `${quotaCategoryLabels[q.category]}${q.amount}名`).join('、');
  return {
    personIds: distinct(chosen),
    reason: `未登记执法岗位，按划转的${told}选取非领导职务、到岗最晚的人员，请核对`,
  };
}

const distinct = (people: PersonFact[]) => [...new Set(people.map((p) => p.personId))];

export function integrateEnforcementItems(s: Snapshot, op: IntegrateEnforcement, teamId: string): AdjustmentItem[] {
  const items: AdjustmentItem[] = [{ op: 'create_institution', id: teamId, ...op.team }];
  const merged: string[] = [];
  for (const id of new Set(op.institutionIds)) {
    const inst = s.registry.institutions.get(id);
    if (!inst || inst.status !== 'active') throw validationFailed(`机构(${id})不存在或已撤销`);
    const own = s.duties.filter((d) => d.institutionId === id);
    const whole = inst.name.includes('执法') || (own.length > 0 && own.every(isEnforcement));
    if (whole) {
      merged.push(id);
      continue;
    }
    const moving = own.filter((d) => isEnforcement(d) && dutyDomains(d).includes(op.domain)).map((d) => d.id);
    const quota = op.quota.filter((q) => q.institutionId === id);
    if (!moving.length && !quota.length)
      throw validationFailed(`"${inst.name}"在${op.domain}领域没有行政处罚、行政检查事项,也未划转编制`);
    if (moving.length) items.push({ op: 'move_duties', fromId: id, toId: teamId, dutyIds: moving });
    for (const q of quota)
      items.push({ op: 'move_quota', fromId: id, toId: teamId, category: q.category, amount: q.amount });
    const staff = enforcementStaff(s, id, quota);
    if (staff) items.push({ op: 'move_people', fromId: id, toId: teamId, ...staff });
  }
  if (merged.length) items.push({ op: 'merge_institutions', sourceIds: merged, targetId: teamId });
  return items;
}
