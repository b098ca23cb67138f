/** A roster sync's answer in Chinese lines: the counts, then each change (who, what, from → to). */
import type { RosterSyncChange, RosterSyncResult } from '../commands/roster-sync.js';
import { rosterDiffText } from '../domain/roster-diff.js';

const place = (p: RosterSyncChange['before']) =>
  p
    ? [p.institution, p.unit, p.category, p.leadershipLevel ? `${p.post ?? ''}(${p.leadershipLevel})` : p.post]
        .filter(Boolean)
        .join(' ')
    : '不在编';

export function rosterChangeLine(c: RosterSyncChange): string {
  const what = [c.kindLabels.join('、')];
  if (c.movement) what.push(`记为${c.movement}`);
  const parts = [`${c.name}(${c.idNumber}):${what.join(',')}`];
  if (c.movement && c.movement !== '入编') parts.push(`${place(c.before)} → ${place(c.after)}`);
  else if (c.movement === '入编') parts.push(`→ ${place(c.after)}`);
  for (const f of c.fields) parts.push(`${f.field} ${f.before ?? '(空)'} → ${f.after}`);
  return parts.join(';');
}

/** The lines printed for a clean sync (dry run or applied); a refused one is printed as an import's problems. */
export function rosterSyncText(r: RosterSyncResult, file: string, maxLines = 50): string {
  const head = r.dryRun ? '同步试运行(未写入)' : '同步完成';
  const lines = [
    `${head}:${file},共 ${r.rows} 行,截止日期 ${r.asOf},范围 ${r.scope.length} 个机构。${rosterDiffText(r.counts)}`,
  ];
  for (const c of r.changes.slice(0, maxLines)) lines.push(`  ${rosterChangeLine(c)}`);
  if (r.changeCount > Math.min(maxLines, r.changes.length)) {
    lines.push(`  ……另有 ${r.changeCount - Math.min(maxLines, r.changes.length)} 人的变化未列出`);
  }
  if (!r.dryRun) lines.push(`已记录人员变动 ${r.summary.movements ?? 0} 条(日期 ${r.asOf}),导入批次 ${r.importId}。`);
  return lines.join('\n');
}
