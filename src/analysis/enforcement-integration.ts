/**
 * 综合执法 as ledger items (DESIGN §4; 深化综合行政执法体制改革): a domain's enforcement units integrated into one
 * team. The team is created; a chosen enforcement unit (its name says 执法, or everything it holds is 行政处罚/行政检查)
 * is merged into it whole, so its people, duties, quota and posts go with it; from any other chosen unit its
 * 行政处罚/行政检查 items of the domain move, with the quota the scenario states for it. Nothing is lost: every item
 * is a merge or a move, and the ledger refuses what would mix categories or break a limit.
 */
import type { AdjustmentItem } from '../domain/ledger.js';
import { validationFailed } from '../domain/errors.js';
import type { IntegrateEnforcement } from '../domain/scenario.js';
import { dutyDomains } from './domains.js';
import type { DutyFact, Snapshot } from './snapshot.js';

const enforcementCategories = new Set(['行政处罚', '行政检查']);
const isEnforcement = (d: DutyFact) => d.source === 'power_list' && enforcementCategories.has(d.category ?? '');

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
  }
  if (merged.length) items.push({ op: 'merge_institutions', sourceIds: merged, targetId: teamId });
  return items;
}
