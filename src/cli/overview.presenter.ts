/** The overview as the report's part 一 writes it, with real figures instead of 若干. */
import type { Overview } from '../analysis/overview.js';
import type { PeopleStructure } from '../analysis/statistics.js';
import { leadershipLevels, postClassLabels, quotaCategoryLabels, quotaCategories } from '../domain/vocabulary.js';

export function overviewText(o: Overview, districtName: string, asOf: string, people?: PeopleStructure): string {
  const k = o.institutions.byKind;
  const q = o.quota;
  const lines: string[] = [];
  lines.push(`${districtName}机构编制情况(截至 ${asOf})`);
  lines.push('');
  lines.push(
    `(一)机构设置:全区有各类机构${o.institutions.total}个。其中,党政机构${o.institutions.partyGov}个(党委部门${k.party_dept}个、政府工作部门${k.gov_dept}个);` +
      `部门管理机构${k.dept_managed}个,派出机构${k.dispatched}个;街道办事处${k.street}个;乡镇${k.township}个;群团机构${k.mass_org}个;` +
      `人大、政协、法院、检察院机关${k.organ}个;事业单位${k.public_institution}个;议事协调机构${k.coordination}个。` +
      `另有挂靠机构${o.institutions.hosted}个,内设机构${o.institutions.internalUnits}个。`,
  );
  lines.push(
    `(二)人员编制:全区有各类编制${q.total.approved}名,实有${q.total.actual}人。其中,` +
      quotaCategories.map((c) => `${quotaCategoryLabels[c]}${q[c].approved}名,实有${q[c].actual}人`).join(';') +
      `。空编${q.total.vacant}名,超编${q.total.over}名。`,
  );
  const post = (level: (typeof leadershipLevels)[number]) =>
    `${level}级领导职数${o.posts[level].total.approved}名(在任${o.posts[level].total.filled}名),其中,` +
    (['admin', 'public_service'] as const)
      .map((c) => `${postClassLabels[c]}${o.posts[level][c].approved}名(在任${o.posts[level][c].filled}名)`)
      .join(',');
  lines.push(
    `(三)领导职数:全区有${
      leadershipLevels
        .filter((l) => o.posts[l].total.approved > 0)
        .map(post)
        .join(';') || '领导职数0名'
    }。`,
  );
  if (people) lines.push(peopleText(people));
  lines.push('');
  const table = [
    ['编制类别', '核定', '实有', '空编', '超编'],
    ...quotaCategories.map((c) => [quotaCategoryLabels[c], q[c].approved, q[c].actual, q[c].vacant, q[c].over]),
    ['合计', q.total.approved, q.total.actual, q.total.vacant, q.total.over],
  ];
  lines.push(...formatTable(table.map((r) => r.map(String))));
  return lines.join('\n');
}

/** Columns aligned by display width (a Chinese character takes two cells): numbers right, text left. */
export function formatTable(rows: string[][]): string[] {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const last = widths.length - 1;
  return rows.map((r) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - width(c));
        if (/^-?\d+(\.\d+)?%?$/.test(c)) return pad + c;
        return i === last ? c : c + pad;
      })
      .join('  '),
  );
}
/** The structure of the people: age, education, professional titles (the figures behind part 二(三)). */
export function peopleText(p: PeopleStructure): string {
  const pct = (n: number) => (p.total ? `${((100 * n) / p.total).toFixed(1)}%` : '0%');
  const bands = Object.entries(p.ageBands)
    .map(([b, n]) => `${b}${n}人(${pct(n)})`)
    .join(',');
  const edu = Object.entries(p.education)
    .filter(([, n]) => n)
    .map(([e, n]) => `${e}${n}人`)
    .join(',');
  const titles = Object.entries(p.titles)
    .filter(([t, n]) => n && t !== '无')
    .map(([t, n]) => `${t}${n}人`)
    .join(',');
  return [
    `(四)人员结构:在编人员${p.total}人,平均年龄${p.meanAge ?? '-'}岁;${bands}。`,
    `学历:${edu || '无数据'}。专业技术职称:${titles || '无'},合计${p.titled}人(${pct(p.titled)})。`,
  ].join('\n');
}
