/**
 * POWER_LIST_OUTDATED: units whose 权责清单, as last published, rests on laws or regulations revised after that day
 * (and more than `powerListAdjustMonths` before the date of the analysis): the items citing them may no longer match
 * the law in force. A list is dated by its import's 公布日期 (or the import's day); the revision dates are the laws'
 * own headers (law-revisions.ts).
 */
import { chineseDate } from '../../domain/chinese-text.js';
import { defineDiagnostic, finding, type Diagnostic, type Evidence } from '../finding.js';
import { lawRevisions, type LawRevision } from '../law-revisions.js';
import { activeInstitutions } from '../snapshot.js';

/**
 * A title as the table and the citations are matched: without the state's name (《行政处罚法》 and
 * 《中华人民共和国行政处罚法》 are one law) and with full-width brackets (…办法（试行） and …办法(试行) are one text).
 */
export const titleKey = (title: string) =>
  title
    .trim()
    .replace(/^中华人民共和国/, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/\s/g, '');

const byName = new Map<string, LawRevision>();
for (const law of lawRevisions) byName.set(titleKey(law.name), law);

/** The laws a legal basis cites by title (《…》), each once, that the revision table knows. */
export function citedLaws(legalBasis: string | null): LawRevision[] {
  if (!legalBasis) return [];
  const found = new Map<string, LawRevision>();
  for (const m of legalBasis.matchAll(/《([^》]+)》/g)) {
    const law = byName.get(titleKey(m[1]!));
    if (law) found.set(law.name, law);
  }
  return [...found.values()];
}

/** The day `months` months before `iso` (day clamped to the month's end). */
function monthsBefore(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

interface StaleLaw {
  law: LawRevision;
  revisedOn: string;
  items: number;
}

export const findPowerListOutdated: Diagnostic = (s, config) => {
  const months = config.powerListAdjustMonths;
  // a revision counts once the office has had `months` to carry it into the lists
  const dueBy = monthsBefore(s.asOf, months);
  const units: { id: string; name: string; sortOrder: number; listedOn: string; stale: StaleLaw[] }[] = [];
  const lists = new Map<string, typeof s.duties>();
  for (const d of s.duties) {
    if (d.source !== 'power_list' || !d.listedOn || d.listedOn > s.asOf) continue;
    const list = lists.get(d.institutionId);
    if (list) list.push(d);
    else lists.set(d.institutionId, [d]);
  }
  for (const inst of activeInstitutions(s)) {
    const items = lists.get(inst.id);
    if (!items) continue;
    const listedOn = items.reduce((latest, d) => (d.listedOn! > latest ? d.listedOn! : latest), '');
    const stale = new Map<string, StaleLaw>();
    for (const d of items) {
      for (const law of citedLaws(d.legalBasis)) {
        // the latest revision the list has not seen, and which was due to be carried in by now
        const revisedOn = [...law.revisions].reverse().find((r) => r > listedOn && r <= dueBy);
        if (!revisedOn) continue;
        const row = stale.get(law.name) ?? { law, revisedOn, items: 0 };
        row.items++;
        stale.set(law.name, row);
      }
    }
    if (stale.size)
      units.push({
        id: inst.id,
        name: inst.name,
        sortOrder: inst.sortOrder,
        listedOn,
        stale: [...stale.values()].sort((a, b) => b.items - a.items || a.law.name.localeCompare(b.law.name, 'zh-CN')),
      });
  }
  if (!units.length) return [];
  units.sort((a, b) => a.listedOn.localeCompare(b.listedOn) || a.sortOrder - b.sortOrder);
  const items = units.reduce((n, u) => n + u.stale.reduce((k, l) => k + l.items, 0), 0);
  const laws = new Set(units.flatMap((u) => u.stale.map((l) => l.law.name)));
  const evidence: Evidence[] = units.map((u) => ({
    kind: 'text',
    institutionId: u.id,
    institution: u.name,
    text: `${u.name}权责清单公布于${chineseDate(u.listedOn)},此后${u.stale
      .map((l) => `《${l.law.name}》于${chineseDate(l.revisedOn)}修订或修正(清单中${l.items}项以其为依据)`)
      .join(';')},清单未随之调整`,
  }));
  return [
    finding('POWER_LIST_OUTDATED', {
      // medium when several units or many items rest on revised law; low for one or two units with a few items
      severity: units.length >= 3 || items >= 20 ? 'medium' : 'low',
      title: `${units.length}个单位的权责清单公布后所依据的${laws.size}部法律法规已修订,清单未随之调整(${units.map((u) => u.name).join('、')}),涉及${items}项`,
      institutions: units.map((u) => ({ id: u.id, name: u.name })),
      measures: { institutions: units.length, items, laws: laws.size, adjustMonths: months },
      evidence,
      measure: `按照权责清单动态调整的要求,由${units.length}个单位对照修订后的法律法规逐项梳理所涉${items}项权责事项,调整事项名称、依据和责任,经审核后重新公布;建立法律法规立改废释后及时调整清单的机制。`,
    }),
  ];
};

export const powerListOutdatedDiagnostic = defineDiagnostic({
  code: 'POWER_LIST_OUTDATED',
  section: '管理体制',
  label: '权责清单未随法律法规修订调整',
  severity:
    'medium when three or more units, or twenty or more items, rest on laws revised after their list; low otherwise.',
  effect: '权责清单与现行法律法规不一致,部门依清单履职可能缺少依据或遗漏法定职责',
  thresholds: {
    powerListAdjustMonths: {
      default: 6,
      doc: '测算口径, not a published standard: months after a law is revised within which the lists citing it are expected to be adjusted',
    },
  },
  find: findPowerListOutdated,
});
