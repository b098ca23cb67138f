/**
 * Which duties may overlap at all. Not 九龙治水: a street and a township holding the same provincial 赋权 list, a
 * 局 and its own 事业单位 (or a unit hosted by it), a coordination body and its members, a 审批局 licence and the
 * department's inspection of the same object (审管分离 by design). So: territorial units and coordination bodies
 * and the organs (人大、政协、法院、检察院) are left out, institutions of one family are never compared, and 权责清单 items meet only items of their own
 * category, 三定 duties only 三定 duties.
 */
import type { DutyFact, Snapshot } from '../snapshot.js';

/**
 * The overlap threshold the labelled pair set supports (bench/overlap.bench.ts); one source: DUTY_OVERLAP's descriptor
 * takes it as its default.
 */
export const recommendedOverlapThreshold = 0.4;

export function overlapScope(s: Snapshot) {
  const inst = s.registry.institutions;
  const familyOf = (id: string): string => {
    let i = inst.get(id);
    const seen = new Set<string>();
    while (i && (i.parentId || i.hostedById) && !seen.has(i.id)) {
      seen.add(i.id);
      i = inst.get((i.parentId ?? i.hostedById)!);
    }
    return i?.id ?? id;
  };
  // 人大/政协/法院/检察院 organs supervise or try what departments do (公益诉讼, 国有资产管理情况的监督): not a duplicate
  const excludedKinds = new Set(['street', 'township', 'coordination', 'internal_unit', 'organ']);
  const included = (d: DutyFact) => {
    const i = inst.get(d.institutionId);
    const root = inst.get(familyOf(d.institutionId));
    return !!i && i.status === 'active' && !excludedKinds.has(i.kind) && !excludedKinds.has(root?.kind ?? '');
  };
  const group = (d: DutyFact) => (d.source === 'sanding' ? 'sanding' : `power:${d.category ?? ''}`);
  const comparable = (a: string, b: string) => familyOf(a) !== familyOf(b);
  return { familyOf, included, group, comparable };
}
